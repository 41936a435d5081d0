import { Button, Card, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconBabyCarriage,
  IconChevronRight,
  IconDevices,
  IconKey,
  IconLogout,
  IconUserCircle,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../auth/useAuth.ts';
import { Notice } from '../../components/Notice.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';

const LINKS: ReadonlyArray<{
  to: string;
  label: 'account.changePassword' | 'account.devices' | 'account.children';
  icon: Icon;
}> = [
  { to: '/personal/password', label: 'account.changePassword', icon: IconKey },
  { to: '/personal/devices', label: 'account.devices', icon: IconDevices },
  { to: '/personal/children', label: 'account.children', icon: IconBabyCarriage },
];

/** The signed-in citizen: who they are, their account's settings, and signing out. */
export function AccountHome() {
  const { t } = useTranslation();
  const { account, signOut } = useAuth();
  if (!account) return null;
  return (
    <Stack gap="lg">
      <PageTitle>{t('personal.title')}</PageTitle>
      <Card withBorder padding="lg" radius="md" component="section" aria-label={t('account.profile')}>
        <Group wrap="nowrap" gap="md">
          <ThemeIcon size={56} radius="xl" variant="light" aria-hidden="true">
            <IconUserCircle size={36} />
          </ThemeIcon>
          <Stack gap={2}>
            <Text fw={800} size="xl" data-account-name>
              {account.displayName}
            </Text>
            <Text size="md">
              {t('account.bhxhCode')}: <strong>{account.login}</strong>
            </Text>
          </Stack>
        </Group>
      </Card>
      <Notice>{t('account.recordsLater')}</Notice>
      <Stack component="nav" aria-label={t('account.settings')} gap="sm">
        {LINKS.map(({ to, label, icon: LinkIcon }) => (
          <Button
            key={to}
            component={Link}
            to={to}
            variant="default"
            size="lg"
            justify="space-between"
            leftSection={<LinkIcon size={24} aria-hidden="true" />}
            rightSection={<IconChevronRight size={22} aria-hidden="true" />}
            styles={{ inner: { width: '100%' }, label: { flex: 1 } }}
          >
            {t(label)}
          </Button>
        ))}
      </Stack>
      <Button
        variant="outline"
        color="danger"
        onClick={() => void signOut()}
        leftSection={<IconLogout size={22} aria-hidden="true" />}
      >
        {t('auth.signOut')}
      </Button>
    </Stack>
  );
}
