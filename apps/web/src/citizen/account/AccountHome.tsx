import { Badge, Button, Card, Group, Stack, Text, ThemeIcon, Title, VisuallyHidden } from '@mantine/core';
import {
  IconBell,
  IconBabyCarriage,
  IconChevronRight,
  IconDevices,
  IconEye,
  IconFirstAidKit,
  IconId,
  IconIdBadge2,
  IconKey,
  IconLogout,
  IconReportMoney,
  IconTimeline,
  IconUserCircle,
  type Icon,
} from '@tabler/icons-react';
import type { RecordSubject } from '@vssid/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNotifications } from '../../api/records.ts';
import { useAuth } from '../../auth/useAuth.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import classes from '../records/records.module.css';
import { SubjectSwitcher, useRecordSubject } from '../records/subject.tsx';

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
      <InboxLink />
      <SubjectSwitcher />
      <RecordsEntries />
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

/** The notifications, with the number unread: a check of one's card should not go unseen. */
function InboxLink() {
  const { t } = useTranslation();
  const notifications = useNotifications();
  const unread = notifications.data?.pages[0]?.unread ?? 0;
  return (
    <Button
      component={Link}
      to="/personal/notifications"
      variant={unread > 0 ? 'filled' : 'default'}
      size="lg"
      justify="space-between"
      leftSection={<IconBell size={24} aria-hidden="true" />}
      rightSection={
        unread > 0 ? (
          // The name is the visible text plus the count in words (a name that differs from the text fails WCAG 2.5.3).
          <>
            <Badge color="danger" size="lg" aria-hidden="true">
              {unread}
            </Badge>
            <VisuallyHidden>{t('records.inbox.unread', { count: unread })}</VisuallyHidden>
          </>
        ) : (
          <IconChevronRight size={22} aria-hidden="true" />
        )
      }
      styles={{ inner: { width: '100%' }, label: { flex: 1 } }}
      data-inbox-link
    >
      {t('records.inbox.link')}
    </Button>
  );
}

type EntryName = 'card' | 'participation' | 'benefits' | 'medical' | 'profile' | 'access';

const ENTRIES: ReadonlyArray<{ name: EntryName; to: (subject: RecordSubject) => string; icon: Icon }> = [
  // The card screen takes the child in its path (it opens offline, before any session exists to hold a choice).
  { name: 'card', to: (subject) => (subject === 'me' ? '/card' : `/card/${subject}`), icon: IconIdBadge2 },
  { name: 'participation', to: () => '/personal/participation', icon: IconTimeline },
  { name: 'benefits', to: () => '/personal/benefits', icon: IconReportMoney },
  { name: 'medical', to: () => '/personal/medical', icon: IconFirstAidKit },
  { name: 'profile', to: () => '/personal/profile', icon: IconId },
  { name: 'access', to: () => '/personal/access', icon: IconEye },
];

/** The records of whoever is chosen above (the account holder or a child): one large entry each. */
function RecordsEntries() {
  const { t } = useTranslation();
  const headingId = useId();
  const { subject, child } = useRecordSubject();
  return (
    <Stack component="nav" aria-labelledby={headingId} gap="sm">
      <Title order={2} size="h3" id={headingId}>
        {t('records.hub.title')}
      </Title>
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {ENTRIES.map(({ name, to, icon: EntryIcon }) => (
          <li key={name}>
            <Link to={to(subject)} className={classes.entry} data-entry={name}>
              <ThemeIcon size={48} radius="md" variant="light" aria-hidden="true">
                <EntryIcon size={28} />
              </ThemeIcon>
              <span className={classes.entryText}>
                <Text component="span" display="block" fw={700} size="lg">
                  {name === 'access' && child ? t('records.access.titleChild') : t(`records.hub.${name}`)}
                </Text>
                <Text component="span" display="block" size="md" c="dimmed">
                  {t(`records.hub.${name}Hint`)}
                </Text>
              </span>
              <IconChevronRight size={24} aria-hidden="true" />
            </Link>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}
