import { Alert, Badge, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconDeviceMobile, IconLogout, IconPlugConnectedX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { sessionList } from '@vssid/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { anyBody, apiRequest, errorMessage } from '../../api/client.ts';
import { BackLink } from '../../auth/ChangePasswordPage.tsx';
import { useAuth } from '../../auth/useAuth.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime } from '../../format.ts';
import { useLanguage } from '../../i18n.ts';
import { describeDevice } from './device.ts';

/** Thiết bị đăng nhập: every active session of the account, each can be ended; or all of them at once. */
export function DevicesPage({ backTo = '/personal' }: { backTo?: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const { signOutEverywhere } = useAuth();
  const [confirmAll, setConfirmAll] = useState(false);
  const [ended, setEnded] = useState<string | null>(null);
  const listId = useId();
  const deviceName = (userAgent: string) => {
    const device = describeDevice(userAgent);
    return device ? t('devices.deviceName', device) : t('devices.unknownDevice');
  };
  const sessions = useQuery({
    queryKey: ['sessions', language],
    queryFn: ({ signal }) => apiRequest('/api/v1/sessions', sessionList, { signal }),
    staleTime: 0,
  });
  const end = useMutation({
    mutationFn: (session: { id: string; device: string }) =>
      apiRequest(`/api/v1/sessions/${encodeURIComponent(session.id)}`, anyBody, { method: 'DELETE' }),
    onSuccess: async (_, session) => {
      setEnded(session.device);
      await queryClient.invalidateQueries({ queryKey: ['sessions'] });
    },
  });
  const everywhere = useMutation({ mutationFn: signOutEverywhere });

  return (
    <Stack gap="lg">
      <BackLink to={backTo} />
      <PageTitle>{t('devices.title')}</PageTitle>
      <Text>{t('devices.intro')}</Text>
      <div aria-live="polite">
        {ended && (
          <Alert color="forest" variant="light">
            <Text fw={600}>{t('devices.ended', { device: ended })}</Text>
          </Alert>
        )}
      </div>
      {end.isError && (
        <Alert role="alert" color="danger" variant="light">
          <Text fw={600}>{errorMessage(end.error)}</Text>
        </Alert>
      )}
      {sessions.isError && <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />}
      {sessions.isPending && (
        <Stack gap="md" aria-hidden="true">
          <Skeleton height={110} radius="md" />
          <Skeleton height={110} radius="md" />
        </Stack>
      )}
      {sessions.data && (
        <Stack
          component="ul"
          id={listId}
          gap="md"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('devices.title')}
        >
          {sessions.data.items.map((session) => (
            <li key={session.id}>
              <Card withBorder padding="md" radius="md">
                <Stack gap={6}>
                  <Group gap="sm" wrap="nowrap" align="flex-start">
                    <IconDeviceMobile size={26} aria-hidden="true" style={{ flexShrink: 0, marginTop: 2 }} />
                    <Title order={2} size="h4" title={session.device} style={{ overflowWrap: 'anywhere' }}>
                      {deviceName(session.device)}
                    </Title>
                  </Group>
                  {session.current && (
                    <Badge
                      color="forest"
                      variant="light"
                      size="lg"
                      tt="none"
                      style={{ alignSelf: 'flex-start' }}
                    >
                      {t('devices.current')}
                    </Badge>
                  )}
                  <Text size="md">
                    {t('devices.signedInAt', { time: formatDateTime(session.createdAt) })}
                  </Text>
                  <Text size="md">
                    {t('devices.lastUsedAt', { time: formatDateTime(session.lastUsedAt) })}
                  </Text>
                  {!session.current && (
                    <Button
                      variant="outline"
                      color="danger"
                      leftSection={<IconPlugConnectedX size={20} aria-hidden="true" />}
                      loading={end.isPending && end.variables.id === session.id}
                      onClick={() => end.mutate({ id: session.id, device: deviceName(session.device) })}
                      aria-label={t('devices.endLabel', { device: deviceName(session.device) })}
                      style={{ alignSelf: 'flex-start' }}
                    >
                      {t('devices.end')}
                    </Button>
                  )}
                </Stack>
              </Card>
            </li>
          ))}
        </Stack>
      )}
      <Button
        color="danger"
        leftSection={<IconLogout size={22} aria-hidden="true" />}
        onClick={() => setConfirmAll(true)}
      >
        {t('devices.signOutEverywhere')}
      </Button>
      <AppModal opened={confirmAll} onClose={() => setConfirmAll(false)} title={t('devices.confirmTitle')}>
        <Stack gap="md">
          <Text>{t('devices.confirmBody')}</Text>
          {everywhere.isError && (
            <Text role="alert" c="danger.8" fw={600}>
              {errorMessage(everywhere.error)}
            </Text>
          )}
          <Group grow>
            <Button variant="default" onClick={() => setConfirmAll(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="danger" loading={everywhere.isPending} onClick={() => everywhere.mutate()}>
              {t('devices.signOutEverywhereConfirm')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </Stack>
  );
}
