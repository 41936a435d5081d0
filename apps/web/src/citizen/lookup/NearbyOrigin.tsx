import { Alert, Button, Card, Divider, Loader, Stack, Text } from '@mantine/core';
import { IconCurrentLocation, IconMapPinOff, IconRoute } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommunes, type NearbyOrigin } from '../../api/lookup.ts';
import { useFormatters } from '../../format.ts';
import { AreaSelects } from './AreaSelects.tsx';
import { useGeolocation, type GeoFailure, type GeoState } from './useGeolocation.ts';

export const GEO_MESSAGES = {
  denied: 'nearby.geoDenied',
  unavailable: 'nearby.geoUnavailable',
  timeout: 'nearby.geoTimeout',
  unsupported: 'nearby.geoUnsupported',
} as const satisfies Record<GeoFailure, string>;

/** Where the user looks from (device or chosen area), kept by the Lookup tab so that it survives switching sections. */
export function useNearbyState() {
  const geo = useGeolocation();
  const [province, setProvince] = useState<string | null>(null);
  const [commune, setCommune] = useState<string | null>(null);
  let origin: NearbyOrigin | null = null;
  if (geo.state.status === 'located') origin = { kind: 'point', lat: geo.state.lat, lon: geo.state.lon };
  else if (province !== null && commune !== null) origin = { kind: 'commune', province, commune };
  else if (province !== null) origin = { kind: 'province', province };
  return { geo, province, setProvince, commune, setCommune, origin };
}
export type NearbyState = ReturnType<typeof useNearbyState>;

/** "Sorted by distance from …": the device, or the chosen commune by name. */
export function useOriginText(state: NearbyState): string {
  const { t } = useTranslation();
  const communes = useCommunes(state.province);
  const communeName = communes.data?.items.find((c) => c.code === state.commune)?.name;
  if (state.origin?.kind === 'point') return t('nearby.fromLocation');
  if (state.origin?.kind === 'commune' && communeName)
    return t('nearby.fromCommune', { commune: communeName });
  return '';
}

/** The device-location button, and the province and commune to choose instead (map-free: distances come as a list). */
export function NearbyOriginPicker({ state }: { state: NearbyState }) {
  const { t } = useTranslation();
  const { geo, province, setProvince, commune, setCommune } = state;
  return (
    <Card withBorder padding="lg" radius="md">
      <Stack gap="md">
        <LocationButton
          geo={geo.state}
          onLocate={() => {
            setProvince(null);
            setCommune(null);
            geo.locate();
          }}
          onStop={geo.reset}
        />
        <Divider
          label={t('nearby.orChoose')}
          labelPosition="center"
          styles={{
            label: {
              color: '#343a40',
              fontSize: 'var(--mantine-font-size-sm)',
              whiteSpace: 'normal',
              textAlign: 'center',
            },
          }}
        />
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
  );
}

interface LocationButtonProps {
  geo: GeoState;
  onLocate: () => void;
  onStop: () => void;
}

/** "Use my location" (or "Stop using my location" once located), and why it failed when it did. */
export function LocationButton({ geo, onLocate, onStop }: LocationButtonProps) {
  const { t } = useTranslation();
  return (
    <>
      {geo.status === 'located' ? (
        <Button
          variant="outline"
          leftSection={<IconMapPinOff size={22} aria-hidden="true" />}
          onClick={onStop}
          fullWidth
        >
          {t('nearby.stopUsingLocation')}
        </Button>
      ) : (
        <Button
          leftSection={
            geo.status === 'locating' ? (
              <Loader size={20} color="white" aria-hidden="true" />
            ) : (
              <IconCurrentLocation size={22} aria-hidden="true" />
            )
          }
          onClick={onLocate}
          aria-busy={geo.status === 'locating'}
          fullWidth
        >
          {geo.status === 'locating' ? t('nearby.locating') : t('nearby.useLocation')}
        </Button>
      )}
      {geo.status === 'failed' && (
        <Alert
          color="danger"
          variant="light"
          icon={<IconMapPinOff aria-hidden="true" />}
          styles={{
            message: { color: 'var(--mantine-color-text)', fontSize: 'var(--mantine-font-size-md)' },
          }}
        >
          {t(GEO_MESSAGES[geo.reason])}
        </Alert>
      )}
    </>
  );
}

/** "2,3 km away", with a route icon; nothing when no origin was given. */
export function DistanceText({ distanceKm }: { distanceKm: number | null }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (distanceKm === null) return null;
  return (
    <Text fw={700} size="md" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
      <IconRoute size={20} aria-hidden="true" />
      {t('nearby.distance', { distance: format.distanceKm(distanceKm) })}
    </Text>
  );
}
