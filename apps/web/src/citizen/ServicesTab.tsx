import { Badge, Button, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconBabyCarriage,
  IconBook2,
  IconCreditCard,
  IconLock,
  IconId,
  IconMapPinShare,
  type Icon,
} from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Notice } from '../components/Notice.tsx';
import { PageTitle } from '../components/PageTitle.tsx';

type ServiceKey = 'childAccount' | 'reissueBook' | 'reissueCard' | 'movePensionPlace' | 'changeReceiptMethod';

/** The five public services of the VssID app, in the order of the seed documents. */
const SERVICES: ReadonlyArray<{ key: ServiceKey; icon: Icon }> = [
  { key: 'childAccount', icon: IconBabyCarriage },
  { key: 'reissueBook', icon: IconBook2 },
  { key: 'reissueCard', icon: IconId },
  { key: 'movePensionPlace', icon: IconMapPinShare },
  { key: 'changeReceiptMethod', icon: IconCreditCard },
];

/** Dịch vụ công: what can be applied for once signed in. */
export function ServicesTab() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageTitle>{t('services.title')}</PageTitle>
      <Text>{t('services.intro')}</Text>
      <Notice>{t('services.signInNeeded')}</Notice>
      <Stack component="ul" gap="md" p={0} m={0} style={{ listStyle: 'none' }}>
        {SERVICES.map(({ key, icon }) => (
          <li key={key}>
            <ServiceCard serviceKey={key} icon={icon} />
          </li>
        ))}
      </Stack>
    </Stack>
  );
}

function ServiceCard({ serviceKey, icon: ServiceIcon }: { serviceKey: ServiceKey; icon: Icon }) {
  const { t } = useTranslation();
  const titleId = useId();
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
          {serviceKey === 'childAccount' && (
            <Button
              component={Link}
              to="/personal/children"
              variant="light"
              mt={4}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('services.childAccount.action')}
            </Button>
          )}
        </Stack>
      </Group>
    </Card>
  );
}
