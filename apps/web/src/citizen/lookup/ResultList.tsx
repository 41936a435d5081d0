import { Box, Card, Group, Loader, Skeleton, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Pager } from '../../components/Pager.tsx';
import { SyntheticNote } from '../../components/SyntheticNote.tsx';
import { useFormatters } from '../../format.ts';

interface PageOfItems<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

interface ResultListProps<T> {
  query: UseQueryResult<PageOfItems<T>>;
  page: number;
  onPageChange: (page: number) => void;
  /** Names the results region for screen readers. */
  label: string;
  /** "12 facilities found", announced politely when it changes. */
  totalText: (total: string) => string;
  /** The content of the empty state (what was not found, what to try). */
  empty: ReactNode;
  /** Shown while the query has nothing to ask yet (no area chosen, no text typed). */
  idle?: ReactNode;
  /** A line under the count, e.g. where distances are measured from. */
  note?: ReactNode;
  itemKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  /** Field messages already shown next to their inputs are not repeated in the error state. */
  shownFields?: readonly string[];
}

/** A paginated results region: count, cards, pages; or its idle, loading, empty and error states. */
export function ResultList<T extends { isSynthetic: boolean }>(props: ResultListProps<T>) {
  const { query, page, onPageChange, label, totalText, empty, idle, note, itemKey, renderItem, shownFields } =
    props;
  const { t } = useTranslation();
  const format = useFormatters();
  const { data, error, isPending, isError, isFetching, isPlaceholderData, refetch, fetchStatus } = query;
  const waiting = isPending && fetchStatus === 'idle';
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const regionRef = useRef<HTMLElement>(null);

  let status = '';
  if (isPending && !waiting && !isError) status = t('common.loading');
  else if (data && !isError) status = totalText(format.integer(data.total));

  return (
    <Box
      component="section"
      ref={regionRef}
      tabIndex={-1}
      role="region"
      aria-label={label}
      aria-busy={isFetching}
      style={{ scrollMarginTop: '5.5rem' }}
    >
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap">
          <Text fw={700} size="lg" aria-live="polite" aria-atomic="true">
            {status}
          </Text>
          {isFetching && isPlaceholderData && <Loader size="sm" aria-hidden="true" />}
        </Group>
        {note}
        {waiting && idle}
        {isError && <ErrorState error={error} onRetry={() => void refetch()} shownFields={shownFields} />}
        {!isError && isPending && !waiting && <LoadingCards />}
        {!isError && data && data.items.length === 0 && (
          <Card withBorder padding="lg" radius="md">
            <Stack gap="sm">{empty}</Stack>
          </Card>
        )}
        {!isError && data && data.items.length > 0 && (
          <>
            {data.items.some((item) => item.isSynthetic) && <SyntheticNote />}
            <Stack component="ul" gap="md" p={0} m={0} style={{ listStyle: 'none' }}>
              {data.items.map((item) => (
                <li key={itemKey(item)}>{renderItem(item)}</li>
              ))}
            </Stack>
            {pages > 1 && (
              <Pager siblings={0} align="center"
                page={Math.min(page, pages)}
                pages={pages}
                onChange={(next) => {
                  onPageChange(next);
                  // Back to the first result of the new page, and keyboard focus with it.
                  regionRef.current?.scrollIntoView({ block: 'start' });
                  regionRef.current?.focus({ preventScroll: true });
                }}
              />
            )}
          </>
        )}
      </Stack>
    </Box>
  );
}

function LoadingCards() {
  return (
    <Stack gap="md" aria-hidden="true">
      {[0, 1, 2].map((index) => (
        <Card key={index} withBorder padding="lg" radius="md">
          <Skeleton height={24} width="70%" mb="sm" />
          <Skeleton height={16} width="40%" mb="sm" />
          <Group gap="xs" mb="sm">
            <Skeleton height={26} width={90} radius="xl" />
            <Skeleton height={26} width={130} radius="xl" />
          </Group>
          <Skeleton height={16} width="90%" />
        </Card>
      ))}
    </Stack>
  );
}

/** A page number that belongs to one set of filters: any change of filters starts again at page 1. */
export interface PageState {
  filtersKey: string;
  page: number;
}

export function pageFor(filtersKey: string, state: PageState): number {
  return state.filtersKey === filtersKey ? state.page : 1;
}
