import { Stack, Tabs } from '@mantine/core';
import {
  IconBuildingBank,
  IconBuildingHospital,
  IconBuildingStore,
  IconId,
  IconMapPin,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../components/PageTitle.tsx';
import { AgencyList, useAgencySearchState } from './lookup/AgencyList.tsx';
import { BhxhCodeLookup, useBhxhCodeLookupState } from './lookup/BhxhCodeLookup.tsx';
import { CollectionPointList, useCollectionPointSearchState } from './lookup/CollectionPointList.tsx';
import { EmployerSearch, useEmployerSearchState } from './lookup/EmployerSearch.tsx';
import { FacilitySearch, useFacilitySearchState } from './lookup/FacilitySearch.tsx';

const SECTIONS = ['facilities', 'agencies', 'code', 'employers', 'collection-points'] as const;
type Section = (typeof SECTIONS)[number];
const DEFAULT_SECTION: Section = 'facilities';

const TABS = [
  { value: 'facilities', label: 'lookup.facilitiesTab', icon: IconBuildingHospital },
  { value: 'agencies', label: 'lookup.agenciesTab', icon: IconMapPin },
  { value: 'code', label: 'lookup.codeTab', icon: IconId },
  { value: 'employers', label: 'lookup.employersTab', icon: IconBuildingBank },
  { value: 'collection-points', label: 'lookup.collectionPointsTab', icon: IconBuildingStore },
] as const satisfies ReadonlyArray<{ value: Section; label: string; icon: unknown }>;

function isSection(value: string | null): value is Section {
  return value !== null && (SECTIONS as readonly string[]).includes(value);
}

/**
 * Tra cứu, usable before signing in: facilities, offices, the BHXH code, employer units and collection points. The
 * section is in the URL (?section=code) so it can be linked.
 */
export function LookupTab() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const requested = params.get('section');
  const section: Section = isSection(requested) ? requested : DEFAULT_SECTION;
  // Only the open section is in the page (one "Tỉnh/thành phố" field at a time); the state of each lives here.
  const facilitySearch = useFacilitySearchState();
  const agencySearch = useAgencySearchState();
  const codeLookup = useBhxhCodeLookupState();
  const employerSearch = useEmployerSearchState();
  const collectionPointSearch = useCollectionPointSearchState();
  return (
    <Stack gap="md">
      <PageTitle>{t('lookup.title')}</PageTitle>
      <Tabs
        value={section}
        onChange={(value) => {
          if (isSection(value))
            setParams(value === DEFAULT_SECTION ? {} : { section: value }, { replace: true });
        }}
        keepMounted={false}
        variant="pills"
        radius="md"
        styles={{
          // Five sections on a 360px phone: two per row, each a large target.
          list: { gap: 8, flexWrap: 'wrap' },
          tab: {
            minHeight: 52,
            fontSize: 'var(--mantine-font-size-md)',
            fontWeight: 700,
            flex: '1 1 40%',
            whiteSpace: 'normal',
            border: '1px solid var(--mantine-color-vss-3)',
          },
        }}
      >
        <Tabs.List aria-label={t('lookup.sectionsLabel')}>
          {TABS.map(({ value, label, icon: Icon }) => (
            <Tabs.Tab key={value} value={value} leftSection={<Icon size={22} aria-hidden="true" />}>
              {t(label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value={section} pt="lg">
          {section === 'facilities' && <FacilitySearch state={facilitySearch} />}
          {section === 'agencies' && <AgencyList state={agencySearch} />}
          {section === 'code' && <BhxhCodeLookup state={codeLookup} />}
          {section === 'employers' && <EmployerSearch state={employerSearch} />}
          {section === 'collection-points' && <CollectionPointList state={collectionPointSearch} />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
