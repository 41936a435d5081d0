import { Group, Select, Text } from '@mantine/core';
import { COLLECTION_SERVICES, type CollectionPoint } from '@vssid/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { completeAddress } from '../../address.ts';
import { useCollectionPoints, type CollectionService } from '../../api/lookup.ts';
import { AddressLine, PhoneLine } from '../../components/ContactLinks.tsx';
import { DistanceText, NearbyOriginPicker, useNearbyState, useOriginText } from './NearbyOrigin.tsx';
import { InfoBadge, ResultCard } from './ResultCard.tsx';
import { LookupSection } from './LookupSection.tsx';
import { pageFor, ResultList, type PageState } from './ResultList.tsx';

function isService(value: string | null): value is CollectionService {
  return value !== null && (COLLECTION_SERVICES as readonly string[]).includes(value);
}

export function useCollectionPointSearchState() {
  const nearby = useNearbyState();
  const [service, setService] = useState<CollectionService | null>(null);
  const [pageState, setPageState] = useState<PageState>({ filtersKey: '', page: 1 });
  return { nearby, service, setService, pageState, setPageState };
}
export type CollectionPointSearchState = ReturnType<typeof useCollectionPointSearchState>;

/** Collection points and agents for voluntary BHXH and household BHYT, nearest first. */
export function CollectionPointList({ state }: { state: CollectionPointSearchState }) {
  const { t } = useTranslation();
  const { nearby, service, setService, pageState, setPageState } = state;
  const filtersKey = JSON.stringify([nearby.origin, service]);
  const page = pageFor(filtersKey, pageState);
  const query = useCollectionPoints(nearby.origin, service, page);
  const originText = useOriginText(nearby);

  return (
    <LookupSection heading={t('collectionPoints.heading')} intro={t('collectionPoints.intro')}>
      <NearbyOriginPicker state={nearby} />
      <Select
        label={t('collectionPoints.service')}
        placeholder={t('collectionPoints.serviceAll')}
        data={COLLECTION_SERVICES.map((value) => ({ value, label: t(`collectionPoints.services.${value}`) }))}
        value={service}
        onChange={(value) => setService(isService(value) ? value : null)}
        clearable
        clearButtonProps={{ 'aria-label': t('common.clear') }}
      />
      <ResultList
        query={query}
        page={page}
        onPageChange={(next) => setPageState({ filtersKey, page: next })}
        label={t('collectionPoints.results')}
        totalText={(total) => t('collectionPoints.total', { total })}
        idle={<Text>{t('collectionPoints.prompt')}</Text>}
        note={originText && <Text>{originText}</Text>}
        empty={<Text fw={700}>{t('collectionPoints.empty')}</Text>}
        itemKey={(point) => point.code}
        renderItem={(point) => <CollectionPointCard point={point} />}
      />
    </LookupSection>
  );
}

function CollectionPointCard({ point }: { point: CollectionPoint }) {
  const { t } = useTranslation();
  const services = COLLECTION_SERVICES.filter((s) =>
    s === 'voluntary_bhxh' ? point.acceptsVoluntaryBhxh : point.acceptsHouseholdBhyt,
  );
  return (
    <ResultCard title={point.name}>
      <Group gap="xs">
        <InfoBadge variant="filled">{t(`collectionPoints.kinds.${point.kind}`)}</InfoBadge>
        {services.map((s) => (
          <InfoBadge key={s} variant="light" color="forest">
            {t(`collectionPoints.services.${s}`)}
          </InfoBadge>
        ))}
        <DistanceText distanceKm={point.distanceKm} />
      </Group>
      <AddressLine>{completeAddress(point.address, point.communeName, point.provinceName)}</AddressLine>
      {point.phone && <PhoneLine phone={point.phone} />}
    </ResultCard>
  );
}
