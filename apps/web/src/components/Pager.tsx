import { Pagination, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../format.ts';

const CONTROL_LABELS = {
  first: 'pagination.firstPage',
  previous: 'pagination.previousPage',
  next: 'pagination.nextPage',
  last: 'pagination.lastPage',
} as const;

/** Page links for a list: named for screen readers, the current page marked, 44×48 px targets, "page n of m". */
export function Pager({
  page,
  pages,
  onChange,
  siblings = 1,
  align = 'flex-start',
}: {
  page: number;
  pages: number;
  onChange: (page: number) => void;
  /** Page numbers shown either side of the current one (0 on narrow result lists). */
  siblings?: number;
  align?: 'flex-start' | 'center';
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Stack component="nav" aria-label={t('pagination.label')} gap="xs" align={align}>
      <Pagination
        total={pages}
        value={page}
        onChange={onChange}
        siblings={siblings}
        boundaries={1}
        gap={4}
        size="lg"
        getItemProps={(item) => ({
          'aria-label': t('pagination.goToPage', { page: format.integer(item) }),
          'aria-current': item === page ? 'page' : undefined,
        })}
        getControlProps={(control) => ({ 'aria-label': t(CONTROL_LABELS[control]) })}
        styles={{ control: { minWidth: 44, height: 48, fontSize: 'var(--mantine-font-size-md)' } }}
      />
      <Text size="md">
        {t('pagination.pageOf', { page: format.integer(page), pages: format.integer(pages) })}
      </Text>
    </Stack>
  );
}
