import { Button, Stack, Text } from '@mantine/core';
import { IconBellOff, IconChecks } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMarkNotificationsRead, useNotifications } from '../../api/records.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatDateTime } from '../../format.ts';
import { LoadMore, loadedItems, Loading, RecordCard, RecordList, RecordsPage } from './RecordsPage.tsx';

/** Thông báo: "your card was checked at … at 09:12", a case received, a card revoked — newest first. */
export function NotificationsPage() {
  const { t } = useTranslation();
  return (
    <RecordsPage title={t('records.inbox.title')} intro={t('records.inbox.intro')}>
      {() => <Inbox />}
    </RecordsPage>
  );
}

function Inbox() {
  const { t } = useTranslation();
  const notifications = useNotifications();
  const markRead = useMarkNotificationsRead();
  const items = loadedItems(notifications.data);
  const unread = notifications.data?.pages[0]?.unread ?? 0;
  if (notifications.isError && !notifications.isFetchNextPageError) {
    return <ErrorState error={notifications.error} onRetry={() => void notifications.refetch()} />;
  }
  if (notifications.isPending) return <Loading />;
  if (items.length === 0) {
    return (
      <Stack align="center" gap="sm" py="lg">
        <IconBellOff size={48} aria-hidden="true" />
        <Text fw={700} size="lg">
          {t('records.inbox.empty')}
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      {unread > 0 && (
        <Button
          variant="light"
          onClick={() => markRead.mutate()}
          loading={markRead.isPending}
          leftSection={<IconChecks size={20} aria-hidden="true" />}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('records.inbox.markRead')}
        </Button>
      )}
      <RecordList label={t('records.inbox.title')}>
        {items.map((item) => (
          <RecordCard key={item.id} level={2} title={formatDateTime(item.at)}>
            <Text size="lg" fw={item.read ? 400 : 700} data-notification={item.kind}>
              {item.text}
            </Text>
            {item.kind.startsWith('dossier_') && (
              <Button
                component={Link}
                to={item.dossierId === null ? '/services/dossiers' : `/services/dossiers/${item.dossierId}`}
                variant="subtle"
                style={{ alignSelf: 'flex-start' }}
              >
                {item.dossierId === null ? t('dossiers.list.title') : t('dossiers.detail.openFromNotice')}
              </Button>
            )}
            {item.accessEventId !== null && (
              <Button
                component={Link}
                to="/personal/access"
                variant="subtle"
                style={{ alignSelf: 'flex-start' }}
              >
                {t('records.inbox.seeLedger')}
              </Button>
            )}
          </RecordCard>
        ))}
      </RecordList>
      <LoadMore query={notifications} />
    </Stack>
  );
}
