import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { agencyPage, communeList, facilityPage, provinceList, type FACILITY_LEVELS } from '@vssid/shared';
import { useLanguage } from '../i18n.ts';
import { apiGet } from './client.ts';

// Every query key carries the language: switching language refetches, so server messages follow the UI.

/** Administrative units change once in years: cache them for the whole visit. */
const ADMIN_UNITS_STALE_MS = 60 * 60 * 1000;

export function useProvinces() {
  const language = useLanguage();
  return useQuery({
    queryKey: ['provinces', language],
    queryFn: ({ signal }) => apiGet('/api/v1/provinces', provinceList, { signal }),
    staleTime: ADMIN_UNITS_STALE_MS,
  });
}

export function useCommunes(provinceCode: string | null) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['communes', provinceCode, language],
    queryFn: ({ signal }) =>
      apiGet(`/api/v1/provinces/${encodeURIComponent(provinceCode ?? '')}/communes`, communeList, { signal }),
    enabled: provinceCode !== null,
    staleTime: ADMIN_UNITS_STALE_MS,
  });
}

export type FacilityLevel = (typeof FACILITY_LEVELS)[number];

export interface FacilityFilters {
  province: string | null;
  commune: string | null;
  /** Already trimmed; sent only from 2 characters on (the API's minimum). */
  q: string;
  level: FacilityLevel | null;
  /** Only "yes" narrows the list: an unticked box means "either". */
  acceptsInitialRegistration: boolean;
  issuesSickLeave: boolean;
}

export const FACILITY_PAGE_SIZE = 20;
export const MIN_SEARCH_LENGTH = 2;

export function useFacilities(filters: FacilityFilters, page: number) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['facilities', filters, page, language],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/facilities', facilityPage, {
        signal,
        query: {
          province: filters.province,
          commune: filters.commune,
          q: filters.q.length >= MIN_SEARCH_LENGTH ? filters.q : undefined,
          level: filters.level,
          acceptsInitialRegistration: filters.acceptsInitialRegistration ? 'true' : undefined,
          issuesSickLeave: filters.issuesSickLeave ? 'true' : undefined,
          page,
          pageSize: FACILITY_PAGE_SIZE,
        },
      }),
    placeholderData: keepPreviousData,
  });
}

/** Where to measure distances from: the device, or a chosen commune; a province alone only filters. */
export type AgencyOrigin =
  | { kind: 'point'; lat: number; lon: number }
  | { kind: 'commune'; province: string; commune: string }
  | { kind: 'province'; province: string };

export const AGENCY_LIMIT = 10;

export function useAgencies(origin: AgencyOrigin | null) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['agencies', origin, language],
    queryFn: ({ signal }) => {
      const query =
        origin === null
          ? {}
          : origin.kind === 'point'
            ? { lat: origin.lat.toFixed(5), lon: origin.lon.toFixed(5) }
            : origin.kind === 'commune'
              ? { commune: origin.commune }
              : { province: origin.province };
      return apiGet('/api/v1/agencies', agencyPage, { signal, query: { ...query, pageSize: AGENCY_LIMIT } });
    },
    enabled: origin !== null,
    placeholderData: keepPreviousData,
  });
}
