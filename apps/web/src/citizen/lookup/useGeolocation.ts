import { useCallback, useState } from 'react';

export type GeoFailure = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

export type GeoState =
  | { status: 'idle' }
  | { status: 'locating' }
  | { status: 'located'; lat: number; lon: number }
  | { status: 'failed'; reason: GeoFailure };

const FAILURE_BY_CODE: Record<number, GeoFailure> = { 1: 'denied', 2: 'unavailable', 3: 'timeout' };

/** The device position, asked for only when the user taps the button; every way it can fail is named. */
export function useGeolocation() {
  const [state, setState] = useState<GeoState>({ status: 'idle' });

  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setState({ status: 'failed', reason: 'unsupported' });
      return;
    }
    setState({ status: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (position) => setState({ status: 'located', lat: position.coords.latitude, lon: position.coords.longitude }),
      (error) => setState({ status: 'failed', reason: FAILURE_BY_CODE[error.code] ?? 'unavailable' }),
      // A cheap phone indoors may never get a GPS fix: network positioning is enough to rank offices.
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 5 * 60_000 },
    );
  }, []);

  const reset = useCallback(() => setState({ status: 'idle' }), []);

  return { state, locate, reset };
}
