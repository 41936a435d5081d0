import { Badge, Button, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconBabyCarriage,
  IconBook2,
  IconChevronRight,
  IconCreditCard,
  IconFolderOpen,
  IconLock,
  IconId,
  IconMapPinShare,
  type Icon,
} from '@tabler/icons-react';
import type { DossierType } from '@vssid/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../auth/useAuth.ts';
import { Notice } from '../components/Notice.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import classes from './records/records.module.css';
import { ProcessingTime } from './services/ServiceFormPage.tsx';

type ServiceKey = 'childAccount' | 'reissueBook' | 'reissueCard' | 'movePensionPlace' | 'changeReceiptMethod';

/** The five public services of the VssID app, in the order of the seed documents; four are dossiers. */
const SERVICES: ReadonlyArray<{ key: ServiceKey; icon: Icon; type: DossierType | null }> = [
  { key: 'childAccount', icon: IconBabyCarriage, type: null },
  { key: 'reissueBook', icon: IconBook2, type: 'book_reissue' },
  { key: 'reissueCard', icon: IconId, type: 'card_reissue' },
  { key: 'movePensionPlace', icon: IconMapPinShare, type: 'pension_place_change' },
  { key: 'changeReceiptMethod', icon: IconCreditCard, type: 'receipt_method_change' },
];

/** Dịch vụ công: the services, each opening its form (signing in first), and the citizen's dossiers. */
export function ServicesTab() {
  const { t } = useTranslation();
  const { account } = useAuth();
  const signedIn = account?.role === 'citizen';
  return (
    <Stack gap="lg">
      <PageTitle>{t('services.title')}</PageTitle>
      <Text>{t('services.intro')}</Text>
      {signedIn ? (
        <Link to="/services/dossiers" className={classes.entry}>
          <ThemeIcon size={44} radius="md" variant="light" aria-hidden="true">
            <IconFolderOpen size={26} />
          </ThemeIcon>
          <span className={classes.entryText}>
            <Text component="span" fw={700} size="lg" display="block">
              {t('dossiers.services.myDossiers')}
            </Text>
            <Text component="span" size="md" display="block">
              {t('dossiers.services.myDossiersHint')}
            </Text>
          </span>
          <IconChevronRight size={24} aria-hidden="true" />
        </Link>
      ) : (
        <Notice>{t('services.signInNeeded')}</Notice>
      )}
      <Stack component="ul" gap="md" p={0} m={0} style={{ listStyle: 'none' }}>
        {SERVICES.map(({ key, icon, type }) => (
          <li key={key}>
            <ServiceCard serviceKey={key} icon={icon} type={type} signedIn={signedIn} />
          </li>
        ))}
      </Stack>
    </Stack>
  );
}

function ServiceCard({
  serviceKey,
  icon: ServiceIcon,
  type,
  signedIn,
}: {
  serviceKey: ServiceKey;
  icon: Icon;
  type: DossierType | null;
  signedIn: boolean;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const to = type ? `/services/apply/${type}` : '/personal/children';
  return (
    <Card withBorder padding="lg" radius="md" component="article" aria-labelledby={titleId}>
      <Group wrap="nowrap" align="flex-start" gap="md">
        <ThemeIcon size={48} radius="md" variant="light" aria-hidden="true">
          <ServiceIcon size={28} />
        </ThemeIcon>
        <Stack gap={6} style={{ flex: 1 }}>
          <Title order={2} size="h3" id={titleId}>
            {t(`services.${serviceKey}.title`)}
          </Title>
          <Text>{t(`services.${serviceKey}.description`)}</Text>
          {type && <ProcessingTime type={type} />}
          {!signedIn && (
            <Badge
              variant="light"
              color="vss"
              size="lg"
              tt="none"
              fw={600}
              leftSection={<IconLock size={16} aria-hidden="true" />}
              styles={{ label: { fontSize: '0.9375rem' } }}
            >
              {t('services.requiresSignIn')}
            </Badge>
          )}
          <Button
            component={Link}
            to={to}
            variant="light"
            mt={4}
            style={{ alignSelf: 'flex-start' }}
            aria-describedby={titleId}
          >
            {serviceKey === 'childAccount' ? t('services.childAccount.action') : t('dossiers.common.open')}
          </Button>
        </Stack>
      </Group>
    </Card>
  );
}
