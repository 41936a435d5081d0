import { Badge, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { COLLECTION_SERVICES, type CollectionPoint } from '@vssid/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { completeAddress } from '../../address.ts';
import { useCollectionPoints, type CollectionService } from '../../api/lookup.ts';
import { AddressLine, PhoneLine } from '../../components/ContactLinks.tsx';
import { DistanceText, NearbyOriginPicker, useNearbyState, useOriginText } from './NearbyOrigin.tsx';
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
  const headingId = useId();
  const { nearby, service, setService, pageState, setPageState } = state;
  const filtersKey = JSON.stringify([nearby.origin, service]);
  const page = pageFor(filtersKey, pageState);
  const query = useCollectionPoints(nearby.origin, service, page);
  const originText = useOriginText(nearby);

  return (
    <Stack gap="lg" component="section" aria-labelledby={headingId}>
      <Stack gap={4}>
        <Title order={2} id={headingId}>
          {t('collectionPoints.heading')}
        </Title>
        <Text>{t('collectionPoints.intro')}</Text>
      </Stack>
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
    </Stack>
  );
}

const badgeStyles = { label: { fontSize: '0.9375rem', whiteSpace: 'normal' as const } };

function CollectionPointCard({ point }: { point: CollectionPoint }) {
  const { t } = useTranslation();
  const headingId = useId();
  const services = COLLECTION_SERVICES.filter((s) =>
    s === 'voluntary_bhxh' ? point.acceptsVoluntaryBhxh : point.acceptsHouseholdBhyt,
  );
  return (
    <Card withBorder padding="lg" radius="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={3} id={headingId}>
          {point.name}
        </Title>
        <Group gap="xs">
          <Badge variant="filled" color="vss" size="lg" tt="none" h="auto" py={4} styles={badgeStyles}>
            {t(`collectionPoints.kinds.${point.kind}`)}
          </Badge>
          {services.map((s) => (
            <Badge key={s} variant="light" color="forest" size="lg" tt="none" h="auto" py={4} styles={badgeStyles}>
              {t(`collectionPoints.services.${s}`)}
            </Badge>
          ))}
          <DistanceText distanceKm={point.distanceKm} />
        </Group>
        <AddressLine>{completeAddress(point.address, point.communeName, point.provinceName)}</AddressLine>
        {point.phone && <PhoneLine phone={point.phone} />}
      </Stack>
    </Card>
  );
}
