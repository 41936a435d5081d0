import { Box, Button, Card, Group, Loader, Pagination, Skeleton, Stack, Text } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import type { FacilityPage } from '@vssid/shared';
import type { UseQueryResult } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FACILITY_PAGE_SIZE } from '../../api/lookup.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { SyntheticNote } from '../../components/SyntheticNote.tsx';
import { useFormatters } from '../../format.ts';
import { FacilityCard } from './FacilityCard.tsx';

interface FacilityResultsProps {
  query: UseQueryResult<FacilityPage>;
  page: number;
  onPageChange: (page: number) => void;
  onReset: () => void;
  shownFields: readonly string[];
}

/** The results region: count (announced politely), cards, pagination; or loading, empty and error states. */
export function FacilityResults({ query, page, onPageChange, onReset, shownFields }: FacilityResultsProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { data, error, isPending, isError, isFetching, isPlaceholderData, refetch } = query;
  const pages = data ? Math.max(1, Math.ceil(data.total / FACILITY_PAGE_SIZE)) : 1;
  const updating = isFetching && isPlaceholderData;
  const regionRef = useRef<HTMLElement>(null);

  let status = '';
  if (isPending && !isError) status = t('common.loading');
  else if (data && !isError) status = t('facilities.total', { total: format.integer(data.total) });

  return (
    <Box
      component="section"
      ref={regionRef}
      tabIndex={-1}
      role="region"
      aria-label={t('facilities.results')}
      aria-busy={isFetching}
      style={{ scrollMarginTop: '5.5rem' }}
    >
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap">
          <Text fw={700} size="lg" aria-live="polite" aria-atomic="true">
            {status}
          </Text>
          {updating && <Loader size="sm" aria-hidden="true" />}
        </Group>

        {isError && <ErrorState error={error} onRetry={() => void refetch()} shownFields={shownFields} />}

        {!isError && isPending && <LoadingCards />}

        {!isError && data && data.items.length === 0 && (
          <Card withBorder padding="lg" radius="md">
            <Stack gap="sm">
              <Text fw={700}>{t('facilities.empty')}</Text>
              <Text>{t('facilities.emptyHint')}</Text>
              <Button
                variant="outline"
                leftSection={<IconFilterOff size={20} aria-hidden="true" />}
                onClick={onReset}
                style={{ alignSelf: 'flex-start' }}
              >
                {t('facilities.resetFilters')}
              </Button>
            </Stack>
          </Card>
        )}

        {!isError && data && data.items.length > 0 && (
          <>
            {data.items.some((facility) => facility.isSynthetic) && <SyntheticNote />}
            <Stack
              component="ul"
              gap="md"
              p={0}
              m={0}
              style={{ listStyle: 'none' }}
            >
              {data.items.map((facility) => (
                <li key={facility.code}>
                  <FacilityCard facility={facility} />
                </li>
              ))}
            </Stack>
            {pages > 1 && (
              <Stack component="nav" aria-label={t('facilities.pagination')} gap="xs" align="center">
                <Pagination
                  total={pages}
                  value={Math.min(page, pages)}
                  onChange={(next) => {
                    onPageChange(next);
                    // Back to the first result of the new page, and keyboard focus with it.
                    regionRef.current?.scrollIntoView({ block: 'start' });
                    regionRef.current?.focus({ preventScroll: true });
                  }}
                  siblings={0}
                  boundaries={1}
                  gap={4}
                  size="lg"
                  getItemProps={(item) => ({
                    'aria-label': t('facilities.goToPage', { page: format.integer(item) }),
                    'aria-current': item === page ? 'page' : undefined,
                  })}
                  getControlProps={(control) => ({ 'aria-label': t(CONTROL_LABELS[control]) })}
                  styles={{ control: { minWidth: 44, height: 48, fontSize: 'var(--mantine-font-size-md)' } }}
                />
                <Text size="md">{t('facilities.pageOf', { page: format.integer(page), pages: format.integer(pages) })}</Text>
              </Stack>
            )}
          </>
        )}
      </Stack>
    </Box>
  );
}

const CONTROL_LABELS = {
  first: 'facilities.firstPage',
  previous: 'facilities.previousPage',
  next: 'facilities.nextPage',
  last: 'facilities.lastPage',
} as const;

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
