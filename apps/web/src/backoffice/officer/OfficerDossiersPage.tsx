import {
  Anchor,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import {
  DOSSIER_STATUSES,
  DOSSIER_TYPES,
  type DossierStatus,
  type DossierType,
  type OfficerDossierItem,
} from '@vssid/shared';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DOSSIER_PAGE_SIZE, useOfficerDossiers, type OfficerDossierFilters } from '../../api/dossiers.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { DossierStatusBadge } from '../../citizen/services/dossierText.tsx';
import { QueueResults, QueueTable } from './QueueResults.tsx';

function pick<T extends string>(list: readonly T[], value: string | null): T | null {
  return list.find((item) => item === value) ?? null;
}

/** The filters live in the URL, like the registrations queue: bookmarkable, kept across a dossier and back. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page'));
  const filters: OfficerDossierFilters = {
    type: pick<DossierType>(DOSSIER_TYPES, params.get('type')),
    status: pick<DossierStatus>(DOSSIER_STATUSES, params.get('status')),
    overdue: params.get('overdue') === 'true',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
  const setFilters = (patch: Partial<OfficerDossierFilters>) => {
    const next = { ...filters, page: 1, ...patch };
    const search: Record<string, string> = {};
    if (next.type) search.type = next.type;
    if (next.status) search.status = next.status;
    if (next.overdue) search.overdue = 'true';
    if (next.page > 1) search.page = String(next.page);
    setParams(search);
  };
  return { filters, setFilters };
}

/** Hồ sơ dịch vụ công: the agency's dossiers, nearest deadline first, overdue ones marked in words and colour. */
export function OfficerDossiersPage() {
  const { t } = useTranslation();
  const { filters, setFilters } = useFilters();
  const query = useOfficerDossiers(filters);
  const wide = useMediaQuery('(min-width: 62em)', true);
  return (
    <Stack gap="lg">
      <PageTitle>{t('dossiers.officer.queueTitle')}</PageTitle>
      <Text>{t('dossiers.officer.queueIntro')}</Text>
      <Card
        withBorder
        padding="md"
        radius="md"
        component="section"
        aria-label={t('dossiers.officer.filters')}
      >
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" verticalSpacing="sm">
          <NativeSelect
            name="type"
            size="lg"
            label={t('dossiers.officer.type')}
            value={filters.type ?? ''}
            onChange={(event) => setFilters({ type: pick(DOSSIER_TYPES, event.currentTarget.value) })}
            data={[
              { value: '', label: t('dossiers.officer.allTypes') },
              ...DOSSIER_TYPES.map((type) => ({ value: type, label: t(`dossiers.types.${type}`) })),
            ]}
          />
          <NativeSelect
            name="status"
            size="lg"
            label={t('dossiers.officer.status')}
            value={filters.status ?? ''}
            onChange={(event) => setFilters({ status: pick(DOSSIER_STATUSES, event.currentTarget.value) })}
            data={[
              { value: '', label: t('dossiers.officer.allStatuses') },
              ...DOSSIER_STATUSES.map((status) => ({
                value: status,
                label: t(`dossiers.statuses.${status}`),
              })),
            ]}
          />
          <Checkbox
            size="lg"
            mt={wide ? 40 : 0}
            name="overdue"
            label={t('dossiers.officer.overdueOnly')}
            checked={filters.overdue}
            onChange={(event) => setFilters({ overdue: event.currentTarget.checked })}
          />
        </SimpleGrid>
      </Card>

      <QueueResults
        label={t('dossiers.officer.results')}
        query={query}
        totalText={(total) => t('dossiers.officer.total', { total })}
        emptyText={t('dossiers.officer.empty')}
        page={filters.page}
        pageSize={DOSSIER_PAGE_SIZE}
        onPage={(page) => setFilters({ page })}
      >
        {(items) => (wide ? <DossierTable items={items} /> : <DossierCards items={items} />)}
      </QueueResults>
    </Stack>
  );
}

function NumberLink({ item }: { item: OfficerDossierItem }) {
  return (
    <Anchor
      component={Link}
      to={`/officer/dossiers/${item.id}`}
      fw={700}
      style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44 }}
    >
      {item.dossierNumber}
    </Anchor>
  );
}

/** The deadline, and for an overdue dossier a red "Quá hạn" with an icon: the word, not the colour, carries it. */
export function Deadline({ dueOn, overdue }: { dueOn: string | null; overdue: boolean }) {
  const { t } = useTranslation();
  if (dueOn === null) return <Text size="md">—</Text>;
  return (
    <Stack gap={2} data-overdue={overdue ? 'true' : 'false'}>
      <Text size="md" fw={overdue ? 700 : 400} c={overdue ? 'danger.8' : undefined}>
        {formatDate(dueOn)}
      </Text>
      {overdue && (
        <Text
          size="md"
          fw={700}
          c="danger.8"
          style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
        >
          <IconAlertTriangle size={18} aria-hidden="true" />
          {t('dossiers.officer.overdue')}
        </Text>
      )}
    </Stack>
  );
}

function Handlers({ item }: { item: OfficerDossierItem }) {
  const { t } = useTranslation();
  if (!item.receivedBy && !item.claimedBy) return <Text size="md">—</Text>;
  return (
    <Stack gap={0}>
      {item.receivedBy && (
        <Text size="md">{t('dossiers.officer.receivedBy', { name: item.receivedBy })}</Text>
      )}
      {item.claimedBy && <Text size="md">{t('dossiers.officer.claimedBy', { name: item.claimedBy })}</Text>}
    </Stack>
  );
}

function DossierTable({ items }: { items: OfficerDossierItem[] }) {
  const { t } = useTranslation();
  return (
    <QueueTable label={t('dossiers.officer.results')} minWidth={960}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('dossiers.officer.columns.number')}</Table.Th>
          <Table.Th scope="col">{t('dossiers.officer.columns.type')}</Table.Th>
          <Table.Th scope="col">{t('dossiers.officer.columns.name')}</Table.Th>
          <Table.Th scope="col">{t('dossiers.officer.columns.submitted')}</Table.Th>
          <Table.Th scope="col">{t('dossiers.officer.columns.due')}</Table.Th>
          <Table.Th scope="col">{t('dossiers.officer.columns.status')}</Table.Th>
          <Table.Th scope="col">{t('dossiers.officer.columns.handlers')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={item.id} data-dossier-id={item.id}>
            <Table.Td>
              <NumberLink item={item} />
            </Table.Td>
            <Table.Td>{t(`dossiers.types.${item.type}`)}</Table.Td>
            <Table.Td>
              <Text fw={600} size="md">
                {item.fullName}
              </Text>
              <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {item.bhxhCode}
              </Text>
            </Table.Td>
            <Table.Td>{formatDateTime(item.submittedAt)}</Table.Td>
            <Table.Td>
              <Deadline dueOn={item.dueOn} overdue={item.overdue} />
            </Table.Td>
            <Table.Td>
              <DossierStatusBadge status={item.status} />
            </Table.Td>
            <Table.Td>
              <Handlers item={item} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </QueueTable>
  );
}

function DossierCards({ items }: { items: OfficerDossierItem[] }) {
  const { t } = useTranslation();
  return (
    <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((item) => (
        <li key={item.id} data-dossier-id={item.id}>
          <Card
            withBorder
            padding="md"
            radius="md"
            component="article"
            aria-label={`${item.dossierNumber} – ${item.fullName}`}
          >
            <Stack gap={6}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <NumberLink item={item} />
                <DossierStatusBadge status={item.status} />
              </Group>
              <Title order={2} size="h4">
                {item.fullName}
              </Title>
              <Text size="md">
                {t(`dossiers.types.${item.type}`)} · {t('dossiers.officer.columns.bhxhCode')}: {item.bhxhCode}
              </Text>
              <Text size="md">
                {t('dossiers.officer.columns.submitted')}: {formatDateTime(item.submittedAt)}
              </Text>
              <Group gap="xs" align="flex-start">
                <Text size="md">{t('dossiers.officer.columns.due')}:</Text>
                <Deadline dueOn={item.dueOn} overdue={item.overdue} />
              </Group>
              <Handlers item={item} />
            </Stack>
          </Card>
        </li>
      ))}
    </Stack>
  );
}
