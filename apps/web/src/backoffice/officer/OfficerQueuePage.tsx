import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconChecks, IconFilterOff, IconSearch, IconX } from '@tabler/icons-react';
import { REGISTRATION_STATUSES } from '@vssid/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDate, formatDateTime, useFormatters } from '../../format.ts';
import { QUEUE_PAGE_SIZE, useOfficerDecisions, useOfficerQueue, type QueueFilters } from './api.ts';
import { QueueResults, QueueTable as QueueTableFrame } from './QueueResults.tsx';
import { DaysLeftBadge, VerifiedBadge } from './RegistrationBadges.tsx';

type Status = NonNullable<QueueFilters['status']>;

function isStatus(value: string | null): value is Status {
  return value !== null && (REGISTRATION_STATUSES as readonly string[]).includes(value);
}

/** The filters live in the URL: a queue view can be bookmarked, shared, and survives going to a form and back. */
function useQueueFilters() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const kind = params.get('kind');
  const batch = Number(params.get('batch'));
  const page = Number(params.get('page'));
  const filters: QueueFilters = {
    // No status in the URL = the forms waiting for a decision; "all" = every status.
    status: status === null ? 'submitted' : isStatus(status) ? status : null,
    kind: kind === 'self' || kind === 'child' ? kind : null,
    batchId: Number.isInteger(batch) && batch > 0 ? batch : null,
    q: params.get('q')?.trim() ?? '',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
  const setFilters = (patch: Partial<QueueFilters>) => {
    const next = { ...filters, page: 1, ...patch };
    const search: Record<string, string> = {};
    if (next.status !== 'submitted') search.status = next.status ?? 'all';
    if (next.kind) search.kind = next.kind;
    if (next.batchId) search.batch = String(next.batchId);
    if (next.q) search.q = next.q;
    if (next.page > 1) search.page = String(next.page);
    setParams(search);
  };
  return { filters, setFilters };
}

/** Tờ khai chờ duyệt: the officer's own agency's forms, oldest first, with the working days each has left. */
export function OfficerQueuePage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { filters, setFilters } = useQueueFilters();
  const [text, setText] = useState(filters.q);
  const [confirmBatch, setConfirmBatch] = useState(false);
  const [batchDone, setBatchDone] = useState<{ batch: number; approved: number; failed: number } | null>(
    null,
  );
  const query = useOfficerQueue(filters);
  const { approveBatch } = useOfficerDecisions();
  const wide = useMediaQuery('(min-width: 62em)', true);
  const { data } = query;
  const filtered =
    filters.status !== 'submitted' || filters.kind !== null || filters.q !== '' || filters.batchId !== null;

  return (
    <Stack gap="lg">
      <PageTitle>
        {filters.batchId
          ? t('officer.batchTitle', { batch: String(filters.batchId) })
          : t('officer.queueTitle')}
      </PageTitle>
      <Text>{t('officer.queueIntro')}</Text>

      <Card withBorder padding="md" radius="md" component="section" aria-label={t('officer.filters')}>
        <form
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            setFilters({ q: text.trim().length >= 2 ? text.trim() : '' });
          }}
        >
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm" verticalSpacing="sm">
            <NativeSelect
              name="status"
              label={t('officer.status')}
              value={filters.status ?? 'all'}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setFilters({ status: isStatus(value) ? value : null });
              }}
              data={[
                ...REGISTRATION_STATUSES.map((status) => ({
                  value: status,
                  label: t(`registrationStatus.${status}`),
                })),
                { value: 'all', label: t('officer.allStatuses') },
              ]}
              size="lg"
            />
            <NativeSelect
              name="kind"
              label={t('officer.kind')}
              value={filters.kind ?? ''}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setFilters({ kind: value === 'self' || value === 'child' ? value : null });
              }}
              data={[
                { value: '', label: t('officer.allKinds') },
                { value: 'self', label: t('officer.kinds.self') },
                { value: 'child', label: t('officer.kinds.child') },
              ]}
              size="lg"
            />
            <TextInput
              name="q"
              type="search"
              label={t('officer.search')}
              description={t('officer.searchHint')}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              inputWrapperOrder={['label', 'input', 'description']}
              style={{ gridColumn: wide ? 'span 1' : undefined }}
            />
            <Stack gap="xs" justify="flex-start" pt={wide ? 34 : 0}>
              <Button type="submit" leftSection={<IconSearch size={20} aria-hidden="true" />}>
                {t('officer.searchButton')}
              </Button>
            </Stack>
          </SimpleGrid>
        </form>
        {filtered && (
          <Button
            mt="sm"
            variant="subtle"
            leftSection={<IconFilterOff size={20} aria-hidden="true" />}
            onClick={() => {
              setText('');
              setFilters({ status: 'submitted', kind: null, q: '', batchId: null });
            }}
          >
            {t('officer.resetFilters')}
          </Button>
        )}
      </Card>

      {filters.batchId !== null && (
        <Card withBorder padding="md" radius="md" bg="vss.0">
          <Stack gap="sm">
            <Text fw={700}>{t('officer.batchFilter', { batch: String(filters.batchId) })}</Text>
            {batchDone?.batch === filters.batchId && (
              <Alert color={batchDone.failed > 0 ? 'amber' : 'forest'} variant="light" role="status">
                <Text fw={600}>
                  {t('officer.batchApproved', {
                    batch: String(batchDone.batch),
                    approved: format.integer(batchDone.approved),
                  })}
                </Text>
                {batchDone.failed > 0 && (
                  <Text>{t('officer.batchFailed', { failed: format.integer(batchDone.failed) })}</Text>
                )}
              </Alert>
            )}
            {approveBatch.isError && (
              <Alert color="danger" variant="light" role="alert">
                <Text fw={600}>{errorMessage(approveBatch.error)}</Text>
              </Alert>
            )}
            <Group gap="sm">
              <Button
                color="forest"
                leftSection={<IconChecks size={22} aria-hidden="true" />}
                onClick={() => setConfirmBatch(true)}
                disabled={filters.status === 'submitted' && data?.total === 0}
              >
                {t('officer.approveBatch', { batch: String(filters.batchId) })}
              </Button>
              <Button
                variant="outline"
                leftSection={<IconX size={20} aria-hidden="true" />}
                onClick={() => setFilters({ batchId: null })}
              >
                {t('officer.clearBatch')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}

      <QueueResults
        label={t('officer.results')}
        query={query}
        totalText={(total) => t('officer.total', { total })}
        emptyText={filtered ? t('officer.emptyFiltered') : t('officer.empty')}
        page={filters.page}
        pageSize={QUEUE_PAGE_SIZE}
        onPage={(page) => setFilters({ page })}
      >
        {(items) => (wide ? <QueueTable items={items} /> : <QueueCards items={items} />)}
      </QueueResults>

      <AppModal
        opened={confirmBatch}
        onClose={() => setConfirmBatch(false)}
        title={t('officer.approveBatchTitle', { batch: String(filters.batchId ?? '') })}
      >
        <Stack gap="md">
          <Text>{t('officer.approveBatchBody')}</Text>
          <Group grow>
            <Button variant="default" onClick={() => setConfirmBatch(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="forest"
              loading={approveBatch.isPending}
              onClick={() => {
                const batch = filters.batchId;
                if (batch === null) return;
                approveBatch.mutate(batch, {
                  onSuccess: (result) =>
                    setBatchDone({ batch, approved: result.approved, failed: result.failed.length }),
                  onSettled: () => setConfirmBatch(false),
                });
              }}
            >
              {t('officer.approveBatchConfirm')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </Stack>
  );
}

type Item = NonNullable<ReturnType<typeof useOfficerQueue>['data']>['items'][number];

function DossierLink({ item }: { item: Item }) {
  return (
    <Anchor
      component={Link}
      to={`/officer/registrations/${item.id}`}
      fw={700}
      style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44 }}
    >
      {item.dossierNumber}
    </Anchor>
  );
}

function BatchLink({ batchId }: { batchId: number | null }) {
  const { t } = useTranslation();
  if (batchId === null) return <Text size="md">—</Text>;
  return (
    <Anchor
      component={Link}
      to={`/officer?batch=${batchId}`}
      fw={600}
      style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44 }}
    >
      {t('officer.batchShort', { batch: String(batchId) })}
    </Anchor>
  );
}

function QueueTable({ items }: { items: Item[] }) {
  const { t } = useTranslation();
  return (
    <QueueTableFrame label={t('officer.results')} minWidth={900}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('officer.columns.dossier')}</Table.Th>
            <Table.Th scope="col">{t('officer.columns.name')}</Table.Th>
            <Table.Th scope="col">{t('officer.columns.bhxhCode')}</Table.Th>
            <Table.Th scope="col">{t('officer.columns.submitted')}</Table.Th>
            <Table.Th scope="col">{t('officer.columns.daysLeft')}</Table.Th>
            <Table.Th scope="col">{t('officer.columns.verified')}</Table.Th>
            <Table.Th scope="col">{t('officer.columns.batch')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id} data-registration-id={item.id}>
              <Table.Td>
                <DossierLink item={item} />
                {item.kind === 'child' && (
                  <Text size="sm" c="dimmed">
                    {t('officer.kinds.child')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td fw={600}>{item.fullName}</Table.Td>
              <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{item.bhxhCode}</Table.Td>
              <Table.Td>{formatDateTime(item.submittedAt)}</Table.Td>
              <Table.Td>
                <DaysLeftBadge status={item.status} daysLeft={item.workingDaysLeft} />
              </Table.Td>
              <Table.Td>
                <VerifiedBadge verified={item.identityVerified} />
              </Table.Td>
              <Table.Td>
                <BatchLink batchId={item.employerBatchId} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
    </QueueTableFrame>
  );
}

function QueueCards({ items }: { items: Item[] }) {
  const { t } = useTranslation();
  return (
    <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((item) => (
        <li key={item.id} data-registration-id={item.id}>
          <Card
            withBorder
            padding="md"
            radius="md"
            component="article"
            aria-label={`${item.dossierNumber} – ${item.fullName}`}
          >
            <Stack gap={6}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <DossierLink item={item} />
                <DaysLeftBadge status={item.status} daysLeft={item.workingDaysLeft} />
              </Group>
              <Title order={2} size="h4">
                {item.fullName}
              </Title>
              <Text size="md">
                {t('officer.columns.bhxhCode')}: <strong>{item.bhxhCode}</strong>
                {item.kind === 'child' ? ` · ${t('officer.kinds.child')}` : ''}
              </Text>
              <Text size="md">
                {t('officer.columns.submitted')}: {formatDateTime(item.submittedAt)} ·{' '}
                {t('officer.expiresOn', { date: formatDate(item.expiresOn) })}
              </Text>
              <Group gap="xs">
                <VerifiedBadge verified={item.identityVerified} />
                {item.employerBatchId !== null && <BatchLink batchId={item.employerBatchId} />}
              </Group>
            </Stack>
          </Card>
        </li>
      ))}
    </Stack>
  );
}
