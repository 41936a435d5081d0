import { Box, Card, Group, Loader, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Pager } from '../../components/Pager.tsx';
import { useFormatters } from '../../format.ts';

interface ResultsQuery<T> {
  data: { items: T[]; total: number } | undefined;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}

interface QueueResultsProps<T> {
  label: string;
  query: ResultsQuery<T>;
  /** "57 forms": the total, already formatted, in a sentence. */
  totalText: (total: string) => string;
  emptyText: string;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  children: (items: T[]) => ReactNode;
}

/**
 * An officer's queue below its filters: the count (announced), loading, error with retry, empty, the items and the
 * pages — the registrations and the dossiers queues alike.
 */
export function QueueResults<T>({
  label,
  query,
  totalText,
  emptyText,
  page,
  pageSize,
  onPage,
  children,
}: QueueResultsProps<T>) {
  const { t } = useTranslation();
  const format = useFormatters();
  const resultsId = useId();
  const { data, isError, error, isFetching, refetch } = query;
  const pages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1;
  return (
    <Box component="section" id={resultsId} aria-label={label} aria-busy={isFetching}>
      <Stack gap="md">
        <Group gap="sm">
          <Text fw={700} size="lg" aria-live="polite" aria-atomic="true">
            {data && !isError ? totalText(format.integer(data.total)) : isFetching ? t('common.loading') : ''}
          </Text>
          {isFetching && data && <Loader size="sm" aria-hidden="true" />}
        </Group>
        {isError && <ErrorState error={error} onRetry={() => void refetch()} />}
        {!data && !isError && (
          <Stack gap="sm" aria-hidden="true">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} height={72} radius="md" />
            ))}
          </Stack>
        )}
        {data && !isError && data.items.length === 0 && (
          <Card withBorder padding="lg" radius="md">
            <Text fw={700}>{emptyText}</Text>
          </Card>
        )}
        {data && !isError && data.items.length > 0 && children(data.items)}
        {data && pages > 1 && (
          <Pager
            page={Math.min(page, pages)}
            pages={pages}
            onChange={(next) => {
              onPage(next);
              document.getElementById(resultsId)?.scrollIntoView({ block: 'start' });
            }}
          />
        )}
      </Stack>
    </Box>
  );
}

/** A wide queue table: scrollable sideways on its own (focusable, named) and captioned for screen readers. */
export function QueueTable({
  label,
  minWidth,
  children,
}: {
  label: string;
  minWidth: number;
  children: ReactNode;
}) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Table miw={minWidth} striped highlightOnHover verticalSpacing="sm" fz="md">
        <Table.Caption className="visually-hidden-label">{label}</Table.Caption>
        {children}
      </Table>
    </div>
  );
}
