import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  Pagination,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconCircleCheck, IconFileCheck, IconSend } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { employerBatch, employerRegistrationPage } from '@vssid/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { anyBody, apiRequest, errorMessage } from '../../api/client.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime, useFormatters } from '../../format.ts';
import { useLanguage } from '../../i18n.ts';
import { DaysLeftBadge } from '../officer/RegistrationBadges.tsx';

const PAGE_SIZE = 20;

/**
 * The employer focal point's page: their workers' forms, "paper form received" for each signed form handed in, and the
 * received ones forwarded to the BHXH agency as one batch.
 */
export function EmployerRegistrationsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const listId = useId();
  const query = useQuery({
    queryKey: ['employer-registrations', page, language],
    queryFn: ({ signal }) =>
      apiRequest('/api/v1/employer/registrations', employerRegistrationPage, {
        signal,
        query: { page, pageSize: PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const received = useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/api/v1/employer/registrations/${id}/paper-received`, anyBody, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['employer-registrations'] }),
  });
  const forward = useMutation({
    mutationFn: (registrationIds: number[]) =>
      apiRequest('/api/v1/employer/batches', employerBatch, { method: 'POST', body: { registrationIds } }),
    onSuccess: async () => {
      setSelected(new Set());
      await queryClient.invalidateQueries({ queryKey: ['employer-registrations'] });
    },
  });

  const { data, isError, error, isFetching, refetch } = query;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const forwardable = (item: NonNullable<typeof data>['items'][number]) =>
    item.paperReceivedAt !== null && item.employerBatchId === null && item.status === 'submitted';
  const anyForwardable = data?.items.some(forwardable) ?? false;
  const toggle = (id: number, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <Stack gap="lg">
      <PageTitle>{t('employer.title')}</PageTitle>
      <Text>{t('employer.intro')}</Text>

      <div aria-live="polite">
        {forward.data && (
          <Alert color="forest" variant="light" icon={<IconCircleCheck aria-hidden="true" />}>
            <Text fw={700} data-batch-id={forward.data.batchId}>
              {t('employer.forwarded', { batch: String(forward.data.batchId), count: forward.data.count })}
            </Text>
          </Alert>
        )}
      </div>
      {(forward.isError || received.isError) && (
        <Alert color="danger" variant="light" role="alert">
          <Text fw={600}>{errorMessage(forward.error ?? received.error)}</Text>
        </Alert>
      )}

      <Stack gap="md" component="section" aria-label={t('employer.listLabel')} aria-busy={isFetching}>
        <Group gap="sm">
          <Text fw={700} size="lg" aria-live="polite" aria-atomic="true">
            {data ? t('employer.total', { total: format.integer(data.total) }) : ''}
          </Text>
          {isFetching && <Loader size="sm" aria-hidden="true" />}
        </Group>
        {isError && <ErrorState error={error} onRetry={() => void refetch()} />}
        {!data && !isError && <Skeleton height={120} radius="md" aria-hidden="true" />}
        {data && data.items.length === 0 && (
          <Card withBorder padding="lg" radius="md">
            <Text fw={700}>{t('employer.empty')}</Text>
          </Card>
        )}
        {data && data.items.length > 0 && (
          <Stack component="ul" id={listId} gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
            {data.items.map((item) => {
              return (
                <li key={item.id} data-registration-id={item.id}>
                  <Card withBorder padding="md" radius="md" component="article" aria-label={item.fullName}>
                    <Stack gap={6}>
                      <Group justify="space-between" gap="xs" wrap="wrap">
                        <Title order={2} size="h4">
                          {item.fullName}
                        </Title>
                        <DaysLeftBadge status={item.status} daysLeft={item.workingDaysLeft} />
                      </Group>
                      <Text size="md">
                        {t('officer.columns.bhxhCode')}: <strong>{item.bhxhCode}</strong> ·{' '}
                        {t('officer.columns.dossier')}: {item.dossierNumber}
                      </Text>
                      <Text size="md">
                        {t('officer.columns.submitted')}: {formatDateTime(item.submittedAt)}
                      </Text>
                      {item.paperReceivedAt === null ? (
                        item.status === 'submitted' && (
                          <Button
                            variant="outline"
                            leftSection={<IconFileCheck size={22} aria-hidden="true" />}
                            loading={received.isPending && received.variables === item.id}
                            onClick={() => received.mutate(item.id)}
                            aria-label={t('employer.markReceivedFor', { name: item.fullName })}
                            style={{ alignSelf: 'flex-start' }}
                          >
                            {t('employer.markReceived')}
                          </Button>
                        )
                      ) : (
                        <Text size="md" c="forest.8" fw={600}>
                          {t('employer.receivedAt', { time: formatDateTime(item.paperReceivedAt) })}
                        </Text>
                      )}
                      {item.employerBatchId !== null && (
                        <Badge
                          color="vss"
                          variant="light"
                          size="lg"
                          tt="none"
                          style={{ alignSelf: 'flex-start' }}
                        >
                          {t('employer.inBatch', { batch: String(item.employerBatchId) })}
                        </Badge>
                      )}
                      {forwardable(item) && (
                        <Checkbox
                          label={t('employer.selectFor', { name: item.fullName })}
                          checked={selected.has(item.id)}
                          onChange={(event) => toggle(item.id, event.currentTarget.checked)}
                          size="md"
                          styles={{ body: { alignItems: 'center', minHeight: 48 } }}
                        />
                      )}
                    </Stack>
                  </Card>
                </li>
              );
            })}
          </Stack>
        )}
        {data && pages > 1 && (
          <Pagination
            total={pages}
            value={page}
            onChange={setPage}
            size="lg"
            getItemProps={(item) => ({
              'aria-label': t('pagination.goToPage', { page: format.integer(item) }),
              'aria-current': item === page ? 'page' : undefined,
            })}
          />
        )}
      </Stack>

      {(anyForwardable || selected.size > 0) && (
        <Card withBorder padding="md" radius="md" style={{ position: 'sticky', bottom: 8 }} shadow="sm">
          <Stack gap="xs">
            <Text fw={600}>{t('employer.selected', { count: selected.size })}</Text>
            <Button
              leftSection={<IconSend size={22} aria-hidden="true" />}
              disabled={selected.size === 0}
              loading={forward.isPending}
              onClick={() => forward.mutate([...selected])}
            >
              {t('employer.forward')}
            </Button>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
