import { Box, Button, Checkbox, Fieldset, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { FACILITY_LEVELS } from '@vssid/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { MIN_SEARCH_LENGTH, useFacilities, type FacilityFilters, type FacilityLevel } from '../../api/lookup.ts';
import { AreaSelects } from './AreaSelects.tsx';
import { FacilityResults } from './FacilityResults.tsx';

const NO_FILTERS: FacilityFilters = {
  province: null,
  commune: null,
  q: '',
  level: null,
  acceptsInitialRegistration: false,
  issuesSickLeave: false,
};

/** Typing pauses this long before the list refreshes: one request per word, not per key, on a slow network. */
const TYPING_DELAY_MS = 450;

function isLevel(value: string | null): value is FacilityLevel {
  return value !== null && (FACILITY_LEVELS as readonly string[]).includes(value);
}

/** Input fields the API can flag; their messages appear under the matching input. */
const FIELD_INPUTS = ['province', 'commune', 'q', 'level', 'acceptsInitialRegistration', 'issuesSickLeave'] as const;

/** The search's state, kept by the Lookup tab so that it survives switching to the offices section and back. */
export function useFacilitySearchState() {
  const [filters, setFilters] = useState<FacilityFilters>(NO_FILTERS);
  const [text, setText] = useState('');
  const [pageState, setPageState] = useState({ filtersKey: JSON.stringify(NO_FILTERS), page: 1 });
  return { filters, setFilters, text, setText, pageState, setPageState };
}
export type FacilitySearchState = ReturnType<typeof useFacilitySearchState>;

/** Medical facilities contracted for BHYT: filters on top, paginated results below. */
export function FacilitySearch({ state }: { state: FacilitySearchState }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { filters, setFilters, text, setText, pageState, setPageState } = state;
  // The page belongs to one set of filters: any change of filter starts again at page 1.
  const filtersKey = JSON.stringify(filters);
  const page = pageState.filtersKey === filtersKey ? pageState.page : 1;

  const query = useFacilities(filters, page);
  const fieldError = (name: (typeof FIELD_INPUTS)[number]) =>
    query.error instanceof ApiError ? query.error.field(name) : undefined;

  const update = (patch: Partial<FacilityFilters>) => setFilters((current) => ({ ...current, ...patch }));
  // One letter is not a search (the API needs two): it leaves the list as it is.
  const commitText = useDebouncedCallback((value: string) => {
    const q = value.trim();
    update({ q: q.length >= MIN_SEARCH_LENGTH ? q : '' });
  }, { delay: TYPING_DELAY_MS, flushOnUnmount: true });

  return (
    <Stack gap="lg" component="section" aria-labelledby={headingId}>
      <Stack gap={4}>
        <Title order={2} id={headingId}>
          {t('facilities.heading')}
        </Title>
        <Text>{t('facilities.intro')}</Text>
      </Stack>

      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          commitText.flush();
        }}
      >
        <Fieldset
          legend={t('facilities.filtersLabel')}
          radius="md"
          styles={{ legend: { fontWeight: 700, fontSize: 'var(--mantine-font-size-md)' } }}
        >
          <Stack gap="md">
            <TextInput
              type="search"
              label={t('facilities.search')}
              placeholder={t('facilities.searchPlaceholder')}
              description={t('facilities.searchHint')}
              value={text}
              onChange={(event) => {
                setText(event.currentTarget.value);
                commitText(event.currentTarget.value);
              }}
              leftSection={<IconSearch size={20} aria-hidden="true" />}
              error={fieldError('q')}
              enterKeyHint="search"
              autoComplete="off"
            />
            <AreaSelects
              province={filters.province}
              commune={filters.commune}
              onProvinceChange={(province) => update({ province })}
              onCommuneChange={(commune) => update({ commune })}
              provinceError={fieldError('province')}
              communeError={fieldError('commune')}
            />
            <Select
              label={t('facilities.level')}
              placeholder={t('facilities.levelAll')}
              data={FACILITY_LEVELS.map((level) => ({ value: level, label: t(`facilities.levels.${level}`) }))}
              value={filters.level}
              onChange={(value) => update({ level: isLevel(value) ? value : null })}
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
              error={fieldError('level')}
            />
            <Box>
              <FlagCheckbox
                label={t('facilities.acceptsInitialRegistration')}
                checked={filters.acceptsInitialRegistration}
                onChange={(checked) => update({ acceptsInitialRegistration: checked })}
                error={fieldError('acceptsInitialRegistration')}
              />
              <FlagCheckbox
                label={t('facilities.issuesSickLeave')}
                checked={filters.issuesSickLeave}
                onChange={(checked) => update({ issuesSickLeave: checked })}
                error={fieldError('issuesSickLeave')}
              />
            </Box>
            <Button
              type="button"
              variant="subtle"
              leftSection={<IconFilterOff size={20} aria-hidden="true" />}
              onClick={() => {
                commitText.cancel();
                setText('');
                setFilters(NO_FILTERS);
              }}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('facilities.resetFilters')}
            </Button>
          </Stack>
        </Fieldset>
      </form>

      <FacilityResults
        query={query}
        page={page}
        onPageChange={(next) => setPageState({ filtersKey, page: next })}
        shownFields={FIELD_INPUTS}
        onReset={() => {
          commitText.cancel();
          setText('');
          setFilters(NO_FILTERS);
        }}
      />
    </Stack>
  );
}

interface FlagCheckboxProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error: string | undefined;
}

/** A checkbox whose whole label row is a 48px tap target. */
function FlagCheckbox({ label, checked, onChange, error }: FlagCheckboxProps) {
  return (
    <Checkbox
      label={label}
      checked={checked}
      onChange={(event) => onChange(event.currentTarget.checked)}
      error={error}
      styles={{
        body: { alignItems: 'center' },
        label: { paddingBlock: 12, fontSize: 'var(--mantine-font-size-md)' },
        labelWrapper: { flex: 1 },
      }}
    />
  );
}
