import { Badge, Button, Card, Group, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../../auth/ChangePasswordPage.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useFormatters } from '../../format.ts';
import { type RecordSubjectState, SubjectSwitcher, useRecordSubject } from './subject.tsx';

interface RecordsPageProps {
  title: string;
  intro?: string;
  /** The page's content for the chosen person; remounted when the choice changes, so no state leaks across. */
  children: (state: RecordSubjectState) => ReactNode;
}

/** The frame of every records page: back to the personal home, the title, whose records, then the content. */
export function RecordsPage({ title, intro, children }: RecordsPageProps) {
  const { t } = useTranslation();
  const state = useRecordSubject();
  return (
    <Stack gap="lg">
      <BackLink to="/personal" label={t('records.common.backToPersonal')} />
      <PageTitle>{title}</PageTitle>
      <SubjectSwitcher />
      {intro && <Text>{intro}</Text>}
      {state.ready ? (
        <Stack key={String(state.subject)} gap="lg">
          {children(state)}
        </Stack>
      ) : (
        <Loading />
      )}
    </Stack>
  );
}

/** Placeholder blocks while a list loads, announced once to screen readers. */
export function Loading({ blocks = 3 }: { blocks?: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <VisuallyHidden role="status">{t('common.loading')}</VisuallyHidden>
      {Array.from({ length: blocks }, (_, index) => (
        <Skeleton key={index} height={112} radius="md" aria-hidden="true" />
      ))}
    </Stack>
  );
}

interface Page<T> {
  items: T[];
  total: number;
}

/** All items loaded so far, across pages. */
export function loadedItems<T>(data: InfiniteData<Page<T>> | undefined): T[] {
  return data?.pages.flatMap((page) => page.items) ?? [];
}

/** "Showing 20 of 57" and a large "Show more" button; a failed next page shows its error with a retry. */
export function LoadMore<T>({ query }: { query: UseInfiniteQueryResult<InfiniteData<Page<T>>> }) {
  const { t } = useTranslation();
  const { integer } = useFormatters();
  const shown = loadedItems(query.data).length;
  const total = query.data?.pages.at(-1)?.total ?? shown;
  if (total === 0) return null;
  return (
    <Stack gap="sm" align="stretch">
      <Text size="md" c="dimmed" ta="center" aria-live="polite">
        {t('records.common.shown', { shown: integer(shown), total: integer(total) })}
      </Text>
      {query.isFetchNextPageError && (
        <ErrorState error={query.error} onRetry={() => void query.fetchNextPage()} />
      )}
      {query.hasNextPage && !query.isFetchNextPageError && (
        <Button
          variant="default"
          loading={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
          leftSection={<IconChevronDown size={22} aria-hidden="true" />}
        >
          {t('records.common.loadMore')}
        </Button>
      )}
    </Stack>
  );
}

/** Either the value or a dimmed "not provided", never an empty cell. */
export function OrNotProvided({ value }: { value: string | null | undefined }) {
  const { t } = useTranslation();
  if (value) return <>{value}</>;
  return (
    <Text span c="dimmed" fw={400} fz="md">
      {t('records.common.notProvided')}
    </Text>
  );
}

/** A list of record cards (periods, benefits, visits, ledger entries). */
export function RecordList({ label, children }: { label?: string; children: ReactNode }) {
  return (
    <Stack component="ul" gap="sm" p={0} m={0} aria-label={label} style={{ listStyle: 'none' }}>
      {children}
    </Stack>
  );
}

interface RecordCardProps {
  title: ReactNode;
  /** 3 under a section's h2; 2 when the list sits right under the page's h1 (headings never skip a level). */
  level?: 2 | 3;
  /** Badges next to the title (kind, status). */
  badges?: ReactNode;
  className?: string;
  children: ReactNode;
}

/** One item of a RecordList: a title (h3 by default) with its badges, then the facts. */
export function RecordCard({ title, level = 3, badges, className, children }: RecordCardProps) {
  const titleId = useId();
  return (
    <li>
      <Card
        withBorder
        padding="md"
        radius="md"
        component="article"
        aria-labelledby={titleId}
        className={className}
      >
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start" gap="xs">
            <Title order={level} size="h4" id={titleId} style={{ overflowWrap: 'anywhere' }}>
              {title}
            </Title>
            {badges && (
              <Group gap={6} wrap="wrap">
                {badges}
              </Group>
            )}
          </Group>
          {children}
        </Stack>
      </Card>
    </li>
  );
}

type Tone = 'vss' | 'forest' | 'amber' | 'danger';

/** A status word next to a title: large, in sentence case (capitals are harder to read, in Vietnamese above all). */
export function RecordBadge({
  tone,
  strong = false,
  children,
}: {
  tone: Tone;
  strong?: boolean;
  children: ReactNode;
}) {
  return (
    <Badge
      color={tone}
      variant={strong ? 'filled' : 'light'}
      size="lg"
      radius="sm"
      tt="none"
      fz="sm"
      // A long word in a narrow card wraps instead of being cut off with an ellipsis.
      styles={{
        root: { height: 'auto', minHeight: 28, paddingBlock: 2 },
        label: { whiteSpace: 'normal', overflow: 'visible' },
      }}
    >
      {children}
    </Badge>
  );
}
