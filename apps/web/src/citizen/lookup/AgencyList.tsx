import { Alert, Box, Button, Card, Divider, Group, Loader, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconCurrentLocation, IconMapPinOff } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies, useCommunes, type AgencyOrigin } from '../../api/lookup.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { SyntheticNote } from '../../components/SyntheticNote.tsx';
import { useFormatters } from '../../format.ts';
import { AgencyCard } from './AgencyCard.tsx';
import { AreaSelects } from './AreaSelects.tsx';
import { useGeolocation, type GeoFailure } from './useGeolocation.ts';

const GEO_MESSAGES = {
  denied: 'agencies.geoDenied',
  unavailable: 'agencies.geoUnavailable',
  timeout: 'agencies.geoTimeout',
  unsupported: 'agencies.geoUnsupported',
} as const satisfies Record<GeoFailure, string>;

/** Where the user looks from, kept by the Lookup tab so that it survives switching sections. */
export function useAgencySearchState() {
  const geo = useGeolocation();
  const [province, setProvince] = useState<string | null>(null);
  const [commune, setCommune] = useState<string | null>(null);
  return { geo, province, setProvince, commune, setCommune };
}
export type AgencySearchState = ReturnType<typeof useAgencySearchState>;

/** BHXH offices nearest first: from the device's location, or from a chosen commune (or all of a province). */
export function AgencyList({ state }: { state: AgencySearchState }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const headingId = useId();
  const { geo, province, setProvince, commune, setCommune } = state;
  const communes = useCommunes(province);

  let origin: AgencyOrigin | null = null;
  if (geo.state.status === 'located') origin = { kind: 'point', lat: geo.state.lat, lon: geo.state.lon };
  else if (province !== null && commune !== null) origin = { kind: 'commune', province, commune };
  else if (province !== null) origin = { kind: 'province', province };

  const query = useAgencies(origin);
  const { data, error, isError, isFetching, refetch } = query;
  const communeName = communes.data?.items.find((c) => c.code === commune)?.name;

  let originText = '';
  if (origin?.kind === 'point') originText = t('agencies.fromLocation');
  else if (origin?.kind === 'commune' && communeName) originText = t('agencies.fromCommune', { commune: communeName });

  let status = '';
  if (origin !== null && isFetching && !data) status = t('common.loading');
  else if (origin !== null && data && !isError) status = t('agencies.total', { total: format.integer(data.items.length) });

  return (
    <Stack gap="lg" component="section" aria-labelledby={headingId}>
      <Stack gap={4}>
        <Title order={2} id={headingId}>
          {t('agencies.heading')}
        </Title>
        <Text>{t('agencies.intro')}</Text>
      </Stack>

      <Card withBorder padding="lg" radius="md">
        <Stack gap="md">
          {geo.state.status === 'located' ? (
            <Button
              variant="outline"
              leftSection={<IconMapPinOff size={22} aria-hidden="true" />}
              onClick={geo.reset}
              fullWidth
            >
              {t('agencies.stopUsingLocation')}
            </Button>
          ) : (
            <Button
              leftSection={
                geo.state.status === 'locating' ? (
                  <Loader size={20} color="white" aria-hidden="true" />
                ) : (
                  <IconCurrentLocation size={22} aria-hidden="true" />
                )
              }
              onClick={() => {
                setProvince(null);
                setCommune(null);
                geo.locate();
              }}
              aria-busy={geo.state.status === 'locating'}
              fullWidth
            >
              {geo.state.status === 'locating' ? t('agencies.locating') : t('agencies.useLocation')}
            </Button>
          )}
          {geo.state.status === 'failed' && (
            <Alert
              color="danger"
              variant="light"
              icon={<IconMapPinOff aria-hidden="true" />}
              styles={{ message: { color: 'var(--mantine-color-text)', fontSize: 'var(--mantine-font-size-md)' } }}
            >
              {t(GEO_MESSAGES[geo.state.reason])}
            </Alert>
          )}
          <Divider label={t('agencies.orChoose')} labelPosition="center" styles={{ label: { color: '#343a40', fontSize: 'var(--mantine-font-size-sm)', whiteSpace: 'normal', textAlign: 'center' } }} />
          <AreaSelects
            province={province}
            commune={commune}
            onProvinceChange={(next) => {
              if (next !== null) geo.reset();
              setProvince(next);
            }}
            onCommuneChange={(next) => {
              if (next !== null) geo.reset();
              setCommune(next);
            }}
          />
        </Stack>
      </Card>

      <Box component="section" role="region" aria-label={t('agencies.results')} aria-busy={isFetching}>
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap">
            <Text fw={700} size="lg" aria-live="polite" aria-atomic="true">
              {status}
            </Text>
            {isFetching && data && <Loader size="sm" aria-hidden="true" />}
          </Group>
          {originText && <Text>{originText}</Text>}
          {origin === null && <Text>{t('agencies.prompt')}</Text>}
          {origin !== null && isError && <ErrorState error={error} onRetry={() => void refetch()} />}
          {origin !== null && !isError && !data && isFetching && (
            <Stack gap="md" aria-hidden="true">
              {[0, 1].map((index) => (
                <Skeleton key={index} height={180} radius="md" />
              ))}
            </Stack>
          )}
          {origin !== null && !isError && data && data.items.length === 0 && (
            <Card withBorder padding="lg" radius="md">
              <Text fw={700}>{t('agencies.empty')}</Text>
            </Card>
          )}
          {origin !== null && !isError && data && data.items.length > 0 && (
            <>
              {data.items.some((agency) => agency.isSynthetic) && <SyntheticNote />}
              <Stack
                component="ul"
                gap="md"
                p={0}
                m={0}
                style={{ listStyle: 'none' }}
              >
                {data.items.map((agency) => (
                  <li key={agency.code}>
                    <AgencyCard agency={agency} />
                  </li>
                ))}
              </Stack>
            </>
          )}
        </Stack>
      </Box>
    </Stack>
  );
}
