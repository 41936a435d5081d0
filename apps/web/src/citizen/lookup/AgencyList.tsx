import { Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '../../api/lookup.ts';
import { AgencyCard } from './AgencyCard.tsx';
import { NearbyOriginPicker, useNearbyState, useOriginText } from './NearbyOrigin.tsx';
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
  const headingId = useId();
  const { nearby, pageState, setPageState } = state;
  const filtersKey = JSON.stringify(nearby.origin);
  const page = pageFor(filtersKey, pageState);
  const query = useAgencies(nearby.origin, page);
  const originText = useOriginText(nearby);

  return (
    <Stack gap="lg" component="section" aria-labelledby={headingId}>
      <Stack gap={4}>
        <Title order={2} id={headingId}>
          {t('agencies.heading')}
        </Title>
        <Text>{t('agencies.intro')}</Text>
      </Stack>
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
    </Stack>
  );
}
