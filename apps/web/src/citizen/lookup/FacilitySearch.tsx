import {
  Box,
  Button,
  Checkbox,
  Fieldset,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { FACILITY_LEVELS } from '@vssid/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useFormatters } from '../../format.ts';
import {
  MIN_SEARCH_LENGTH,
  useFacilities,
  type FacilityFilters,
  type FacilityLevel,
} from '../../api/lookup.ts';
import { AreaSelects, OldDistrictSelects } from './AreaSelects.tsx';
import { FacilityCard } from './FacilityCard.tsx';
import { LocationButton } from './NearbyOrigin.tsx';
import { LookupSection } from './LookupSection.tsx';
import { pageFor, ResultList, type PageState } from './ResultList.tsx';
import { useGeolocation } from './useGeolocation.ts';

type AreaMode = 'new' | 'old';

interface FacilityForm extends Omit<FacilityFilters, 'near'> {
  areaMode: AreaMode;
  /** Chosen to list its districts; the filter is the district. */
  oldProvince: string | null;
}

const NO_FILTERS: FacilityForm = {
  areaMode: 'new',
  province: null,
  commune: null,
  oldProvince: null,
  oldDistrict: null,
  q: '',
  level: null,
  acceptsInitialRegistration: false,
  issuesSickLeave: false,
  maxDistanceKm: null,
};

const DISTANCES_KM = [5, 10, 20, 50] as const;

/** Typing pauses this long before the list refreshes: one request per word, not per key, on a slow network. */
const TYPING_DELAY_MS = 450;

function isLevel(value: string | null): value is FacilityLevel {
  return value !== null && (FACILITY_LEVELS as readonly string[]).includes(value);
}

/** Input fields the API can flag; their messages appear under the matching input. */
const FIELD_INPUTS = [
  'province',
  'commune',
  'oldDistrict',
  'q',
  'level',
  'acceptsInitialRegistration',
  'issuesSickLeave',
  'maxDistanceKm',
] as const;

/** The search's state, kept by the Lookup tab so that it survives switching to the offices section and back. */
export function useFacilitySearchState() {
  const [filters, setFilters] = useState<FacilityForm>(NO_FILTERS);
  const [text, setText] = useState('');
  const [pageState, setPageState] = useState<PageState>({ filtersKey: '', page: 1 });
  const geo = useGeolocation();
  return { filters, setFilters, text, setText, pageState, setPageState, geo };
}
export type FacilitySearchState = ReturnType<typeof useFacilitySearchState>;

/** Medical facilities contracted for BHYT: filters on top, paginated results below. */
export function FacilitySearch({ state }: { state: FacilitySearchState }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const areaLabelId = useId();
  const { filters, setFilters, text, setText, pageState, setPageState, geo } = state;
  const near = geo.state.status === 'located' ? { lat: geo.state.lat, lon: geo.state.lon } : null;
  const byOldDistrict = filters.areaMode === 'old';
  const sent: FacilityFilters = {
    ...filters,
    province: byOldDistrict ? null : filters.province,
    commune: byOldDistrict ? null : filters.commune,
    oldDistrict: byOldDistrict ? filters.oldDistrict : null,
    near,
  };
  const filtersKey = JSON.stringify(sent);
  const page = pageFor(filtersKey, pageState);
  const query = useFacilities(sent, page);
  const fieldError = (name: (typeof FIELD_INPUTS)[number]) =>
    query.error instanceof ApiError ? query.error.field(name) : undefined;

  const update = (patch: Partial<FacilityForm>) => setFilters((current) => ({ ...current, ...patch }));
  // One letter is not a search (the API needs two): it leaves the list as it is.
  const commitText = useDebouncedCallback(
    (value: string) => {
      const q = value.trim();
      update({ q: q.length >= MIN_SEARCH_LENGTH ? q : '' });
    },
    { delay: TYPING_DELAY_MS, flushOnUnmount: true },
  );
  const reset = () => {
    commitText.cancel();
    setText('');
    setFilters(NO_FILTERS);
    geo.reset();
  };

  return (
    <LookupSection heading={t('facilities.heading')} intro={t('facilities.intro')}>
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
            <Stack gap={6}>
              <Text fw={600} size="md" id={areaLabelId}>
                {t('lookup.areaMode')}
              </Text>
              <SegmentedControl
                aria-labelledby={areaLabelId}
                value={filters.areaMode}
                onChange={(value) => update({ areaMode: value === 'old' ? 'old' : 'new' })}
                data={[
                  { value: 'new', label: t('lookup.areaModeNew') },
                  { value: 'old', label: t('lookup.areaModeOld') },
                ]}
                fullWidth
                size="md"
                styles={{
                  label: {
                    whiteSpace: 'normal',
                    minHeight: 40,
                    display: 'flex',
                    alignItems: 'center',
                    justifyContent: 'center',
                    color: 'var(--mantine-color-text)',
                  },
                }}
              />
            </Stack>
            {byOldDistrict ? (
              <OldDistrictSelects
                oldProvince={filters.oldProvince}
                oldDistrict={filters.oldDistrict}
                onOldProvinceChange={(oldProvince) => update({ oldProvince })}
                onOldDistrictChange={(oldDistrict) => update({ oldDistrict })}
                districtError={fieldError('oldDistrict')}
              />
            ) : (
              <AreaSelects
                province={filters.province}
                commune={filters.commune}
                onProvinceChange={(province) => update({ province })}
                onCommuneChange={(commune) => update({ commune })}
                provinceError={fieldError('province')}
                communeError={fieldError('commune')}
              />
            )}
            <Select
              label={t('facilities.level')}
              placeholder={t('facilities.levelAll')}
              data={FACILITY_LEVELS.map((level) => ({
                value: level,
                label: t(`facilities.levels.${level}`),
              }))}
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
            <Stack gap="xs">
              <Text fw={600} size="md">
                {t('facilities.distanceLabel')}
              </Text>
              <LocationButton geo={geo.state} onLocate={geo.locate} onStop={geo.reset} />
              {near && (
                <Select
                  label={t('facilities.within')}
                  data={[
                    { value: '', label: t('facilities.withinAll') },
                    ...DISTANCES_KM.map((km) => ({
                      value: String(km),
                      label: t('facilities.withinKm', { km: format.integer(km) }),
                    })),
                  ]}
                  value={filters.maxDistanceKm === null ? '' : String(filters.maxDistanceKm)}
                  onChange={(value) => update({ maxDistanceKm: value ? Number(value) : null })}
                  allowDeselect={false}
                  error={fieldError('maxDistanceKm')}
                />
              )}
            </Stack>
            <Button
              type="button"
              variant="subtle"
              leftSection={<IconFilterOff size={20} aria-hidden="true" />}
              onClick={reset}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('facilities.resetFilters')}
            </Button>
          </Stack>
        </Fieldset>
      </form>

      <ResultList
        query={query}
        page={page}
        onPageChange={(next) => setPageState({ filtersKey, page: next })}
        label={t('facilities.results')}
        totalText={(total) => t('facilities.total', { total })}
        note={near && <Text>{t('nearby.fromLocation')}</Text>}
        empty={
          <>
            <Text fw={700}>{t('facilities.empty')}</Text>
            <Text>{t('facilities.emptyHint')}</Text>
            <Button
              variant="outline"
              leftSection={<IconFilterOff size={20} aria-hidden="true" />}
              onClick={reset}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('facilities.resetFilters')}
            </Button>
          </>
        }
        itemKey={(facility) => facility.code}
        renderItem={(facility) => <FacilityCard facility={facility} />}
        shownFields={FIELD_INPUTS}
      />
    </LookupSection>
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
