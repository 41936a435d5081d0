import { Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '../../api/lookup.ts';
import { AgencyCard } from './AgencyCard.tsx';
import { NearbyOriginPicker, useNearbyState, useOriginText } from './NearbyOrigin.tsx';
import { LookupSection } from './LookupSection.tsx';
import { pageFor, ResultList, type PageState } from './ResultList.tsx';

/** Where the user looks from and which page, kept by the Lookup tab so that they survive switching sections. */
export function useAgencySearchState() {
  const nearby = useNearbyState();
  const [pageState, setPageState] = useState<PageState>({ filtersKey: '', page: 1 });
  return { nearby, pageState, setPageState };
}
export type AgencySearchState = ReturnType<typeof useAgencySearchState>;

/** BHXH offices (provincial and BHXH cơ sở) nearest first: from the device's location, or from a chosen commune. */
export function AgencyList({ state }: { state: AgencySearchState }) {
  const { t } = useTranslation();
  const { nearby, pageState, setPageState } = state;
  const filtersKey = JSON.stringify(nearby.origin);
  const page = pageFor(filtersKey, pageState);
  const query = useAgencies(nearby.origin, page);
  const originText = useOriginText(nearby);

  return (
    <LookupSection heading={t('agencies.heading')} intro={t('agencies.intro')}>
      <NearbyOriginPicker state={nearby} />
      <ResultList
        query={query}
        page={page}
        onPageChange={(next) => setPageState({ filtersKey, page: next })}
        label={t('agencies.results')}
        totalText={(total) => t('agencies.total', { total })}
        idle={<Text>{t('agencies.prompt')}</Text>}
        note={originText && <Text>{originText}</Text>}
        empty={<Text fw={700}>{t('agencies.empty')}</Text>}
        itemKey={(agency) => agency.code}
        renderItem={(agency) => <AgencyCard agency={agency} />}
      />
    </LookupSection>
  );
}
