import { Stack, Tabs } from '@mantine/core';
import { IconBuildingHospital, IconMapPin } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../components/PageTitle.tsx';
import { AgencyList, useAgencySearchState } from './lookup/AgencyList.tsx';
import { FacilitySearch, useFacilitySearchState } from './lookup/FacilitySearch.tsx';

const SECTIONS = ['facilities', 'agencies'] as const;
type Section = (typeof SECTIONS)[number];

function isSection(value: string | null): value is Section {
  return value !== null && (SECTIONS as readonly string[]).includes(value);
}

/** Tra cứu: medical facilities and BHXH offices; the section is in the URL (?section=agencies) so it can be linked. */
export function LookupTab() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const requested = params.get('section');
  const section: Section = isSection(requested) ? requested : 'facilities';
  // Only the open section is in the page (one "Tỉnh/thành phố" field at a time); its state lives here.
  const facilitySearch = useFacilitySearchState();
  const agencySearch = useAgencySearchState();
  return (
    <Stack gap="md">
      <PageTitle>{t('lookup.title')}</PageTitle>
      <Tabs
        value={section}
        onChange={(value) => {
          if (isSection(value)) setParams(value === 'facilities' ? {} : { section: value }, { replace: true });
        }}
        keepMounted={false}
        variant="pills"
        radius="md"
        styles={{
          list: { gap: 8, flexWrap: 'nowrap' },
          tab: { minHeight: 52, fontSize: 'var(--mantine-font-size-md)', fontWeight: 700, flex: 1, whiteSpace: 'normal' },
        }}
      >
        <Tabs.List aria-label={t('lookup.sectionsLabel')} grow>
          <Tabs.Tab value="facilities" leftSection={<IconBuildingHospital size={22} aria-hidden="true" />}>
            {t('lookup.facilitiesTab')}
          </Tabs.Tab>
          <Tabs.Tab value="agencies" leftSection={<IconMapPin size={22} aria-hidden="true" />}>
            {t('lookup.agenciesTab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="facilities" pt="lg">
          <FacilitySearch state={facilitySearch} />
        </Tabs.Panel>
        <Tabs.Panel value="agencies" pt="lg">
          <AgencyList state={agencySearch} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
