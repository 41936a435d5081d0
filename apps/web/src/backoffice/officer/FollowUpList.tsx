import { Badge, Box, Card, Group, Loader, NativeSelect, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { Pager } from '../../components/Pager.tsx';
import { CHECKS_PAGE_SIZE, type FollowUpStatus } from './cardChecksApi.ts';

/** Status and page live in the URL: a list view can be bookmarked and survives a reload. */
export function useFollowUpFilters() {
  const [params, setParams] = useSearchParams();
  const status: FollowUpStatus = params.get('status') === 'closed' ? 'closed' : 'open';
  const page = Number(params.get('page'));
  const current = Number.isInteger(page) && page > 1 ? page : 1;
  const set = (next: { status?: FollowUpStatus; page?: number }) => {
    const search: Record<string, string> = {};
    const nextStatus = next.status ?? status;
    const nextPage = next.status !== undefined ? 1 : (next.page ?? current);
    if (nextStatus === 'closed') search.status = 'closed';
    if (nextPage > 1) search.page = String(nextPage);
    setParams(search);
  };
  return { status, page: current, set };
}

interface FollowUpListProps<T> {
  title: string;
  intro: string;
  label: string;
  totalText: (total: number) => string;
  emptyText: string;
  query: {
    data: { items: T[]; total: number } | undefined;
    isError: boolean;
    error: unknown;
    isFetching: boolean;
    refetch: () => unknown;
  };
  renderItem: (item: T) => ReactNode;
  itemKey: (item: T) => number;
}

/** A page listing flags or cases: title, intro, the open/closed filter, the paginated list with its states. */
export function FollowUpList<T>({
  title,
  intro,
  label,
  totalText,
  emptyText,
  query,
  renderItem,
  itemKey,
}: FollowUpListProps<T>) {
  const { t } = useTranslation();
  const { status, page, set } = useFollowUpFilters();
  const listId = useId();
  const { data, isError, error, isFetching } = query;
  const pages = data ? Math.max(1, Math.ceil(data.total / CHECKS_PAGE_SIZE)) : 1;
  return (
    <Stack gap="lg">
      <PageTitle>{title}</PageTitle>
      <Text size="md">{intro}</Text>
      <NativeSelect
        name="status"
        label={t('desk.officer.status.label')}
        value={status}
        onChange={(event) => set({ status: event.currentTarget.value === 'closed' ? 'closed' : 'open' })}
        data={[
          { value: 'open', label: t('desk.officer.status.open') },
          { value: 'closed', label: t('desk.officer.status.closed') },
        ]}
        size="lg"
        maw={320}
      />
      <Box component="section" id={listId} aria-label={label} aria-busy={isFetching}>
        <Stack gap="md">
          <Group gap="sm">
            <Text fw={700} size="lg" aria-live="polite" aria-atomic="true" data-total={data?.total}>
              {data && !isError ? totalText(data.total) : isFetching ? t('common.loading') : ''}
            </Text>
            {isFetching && data && <Loader size="sm" aria-hidden="true" />}
          </Group>
          {isError && <ErrorState error={error} onRetry={() => void query.refetch()} />}
          {!data && !isError && (
            <Stack gap="sm" aria-hidden="true">
              {[0, 1, 2].map((i) => (
                <Skeleton key={i} height={96} radius="md" />
              ))}
            </Stack>
          )}
          {data && !isError && data.items.length === 0 && (
            <Card withBorder padding="lg" radius="md">
              <Text fw={700}>{emptyText}</Text>
            </Card>
          )}
          {data && !isError && data.items.length > 0 && (
            <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
              {data.items.map((item) => (
                <li key={itemKey(item)}>{renderItem(item)}</li>
              ))}
            </Stack>
          )}
          {data && pages > 1 && (
            <Pager
              page={Math.min(page, pages)}
              pages={pages}
              onChange={(next) => {
                set({ page: next });
                document.getElementById(listId)?.scrollIntoView({ block: 'start' });
              }}
            />
          )}
        </Stack>
      </Box>
    </Stack>
  );
}

interface FollowUpCardProps {
  title: string;
  /** When it happened, as shown under the title. */
  when: string;
  status: FollowUpStatus;
  children: ReactNode;
  data?: Record<`data-${string}`, string | number>;
}

/** One flag or case: its title and time, the open/closed badge, then its facts and actions. */
export function FollowUpCard({ title, when, status, children, data }: FollowUpCardProps) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" radius="md" component="article" aria-label={title} {...data}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2}>
            <Title order={2} size="h4">
              {title}
            </Title>
            <Text size="md">{when}</Text>
          </Stack>
          <Badge
            size="lg"
            variant="light"
            color={status === 'open' ? 'amber' : 'gray'}
            c={status === 'open' ? 'amber.9' : 'dark'}
          >
            {t(`desk.officer.status.${status}`)}
          </Badge>
        </Group>
        {children}
      </Stack>
    </Card>
  );
}
