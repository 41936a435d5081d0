import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  agencyPage,
  bhxhCodeLookupResult,
  collectionPointPage,
  communeList,
  employerPage,
  facilityPage,
  lookupChallenge,
  oldDistrictList,
  oldProvinceList,
  provinceList,
  type BhxhCodeLookupRequest,
  type BhxhCodeLookupResult,
  type COLLECTION_SERVICES,
  type FACILITY_LEVELS,
} from '@vssid/shared';
import { useLanguage } from '../i18n.ts';
import { ApiError, apiGet, apiRequest } from './client.ts';

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

export function useOldProvinces() {
  const language = useLanguage();
  return useQuery({
    queryKey: ['old-provinces', language],
    queryFn: ({ signal }) => apiGet('/api/v1/old-provinces', oldProvinceList, { signal }),
    staleTime: ADMIN_UNITS_STALE_MS,
  });
}

export function useOldDistricts(oldProvinceCode: string | null) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['old-districts', oldProvinceCode, language],
    queryFn: ({ signal }) =>
      apiGet(`/api/v1/old-provinces/${encodeURIComponent(oldProvinceCode ?? '')}/districts`, oldDistrictList, { signal }),
    enabled: oldProvinceCode !== null,
    staleTime: ADMIN_UNITS_STALE_MS,
  });
}

export type FacilityLevel = (typeof FACILITY_LEVELS)[number];

/** The device position, for lists ordered by distance. */
export interface DevicePoint {
  lat: number;
  lon: number;
}

/** Coordinates to 5 decimals (about a metre): enough for distances, no more than needed. */
function pointQuery(point: DevicePoint) {
  return { lat: point.lat.toFixed(5), lon: point.lon.toFixed(5) };
}

export interface FacilityFilters {
  province: string | null;
  commune: string | null;
  /** An old district (people who think in districts); replaces province and commune when set. */
  oldDistrict: number | null;
  /** Already trimmed; sent only from 2 characters on (the API's minimum). */
  q: string;
  level: FacilityLevel | null;
  /** Only "yes" narrows the list: an unticked box means "either". */
  acceptsInitialRegistration: boolean;
  issuesSickLeave: boolean;
  /** Nearest first from here, when the user asked for it. */
  near: DevicePoint | null;
  maxDistanceKm: number | null;
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
          province: filters.oldDistrict === null ? filters.province : undefined,
          commune: filters.oldDistrict === null ? filters.commune : undefined,
          oldDistrict: filters.oldDistrict,
          ...(filters.near ? pointQuery(filters.near) : {}),
          maxDistanceKm: filters.near ? filters.maxDistanceKm : undefined,
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
export type NearbyOrigin =
  | { kind: 'point'; lat: number; lon: number }
  | { kind: 'commune'; province: string; commune: string }
  | { kind: 'province'; province: string };

function originQuery(origin: NearbyOrigin | null) {
  if (origin === null) return {};
  if (origin.kind === 'point') return pointQuery(origin);
  return origin.kind === 'commune' ? { commune: origin.commune } : { province: origin.province };
}

export const NEARBY_PAGE_SIZE = 10;

export function useAgencies(origin: NearbyOrigin | null, page: number) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['agencies', origin, page, language],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/agencies', agencyPage, {
        signal,
        query: { ...originQuery(origin), page, pageSize: NEARBY_PAGE_SIZE },
      }),
    enabled: origin !== null,
    placeholderData: keepPreviousData,
  });
}

export type CollectionService = (typeof COLLECTION_SERVICES)[number];

export function useCollectionPoints(origin: NearbyOrigin | null, service: CollectionService | null, page: number) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['collection-points', origin, service, page, language],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/collection-points', collectionPointPage, {
        signal,
        query: { ...originQuery(origin), service, page, pageSize: NEARBY_PAGE_SIZE },
      }),
    enabled: origin !== null,
    placeholderData: keepPreviousData,
  });
}

export const EMPLOYER_PAGE_SIZE = 10;
export const MIN_EMPLOYER_NAME_LENGTH = 3;

/** A tax code is 10 digits (branches add "-NNN", which the unit's own code does not have). */
export function isTaxCode(text: string): boolean {
  return /^\d{10}$/.test(text);
}

export function useEmployers(term: string, province: string | null, page: number) {
  const language = useLanguage();
  const byTaxCode = isTaxCode(term);
  return useQuery({
    queryKey: ['employers', term, province, page, language],
    queryFn: ({ signal }) =>
      apiGet('/api/v1/employers', employerPage, {
        signal,
        query: { ...(byTaxCode ? { taxCode: term } : { q: term }), province, page, pageSize: EMPLOYER_PAGE_SIZE },
      }),
    enabled: byTaxCode || term.length >= MIN_EMPLOYER_NAME_LENGTH,
    placeholderData: keepPreviousData,
  });
}

/** Solves a proof-of-work challenge, reporting the share of the expected work done (0–1). */
export type ChallengeSolver = (
  challenge: { challenge: string; difficulty: number },
  onProgress: (share: number) => void,
  signal: AbortSignal,
) => Promise<string>;

/**
 * The BHXH-code look-up. When the server asks for a proof of work (after a few look-ups), fetches a challenge, has it
 * solved (in a Web Worker) while reporting progress, and sends the look-up again with the solution.
 */
export async function lookUpBhxhCode(
  request: BhxhCodeLookupRequest,
  solve: ChallengeSolver,
  onChallengeProgress: (share: number | null) => void,
  signal: AbortSignal,
): Promise<BhxhCodeLookupResult> {
  const send = (body: BhxhCodeLookupRequest) =>
    apiRequest('/api/v1/bhxh-code-lookups', bhxhCodeLookupResult, { method: 'POST', body, signal, auth: false });
  try {
    return await send(request);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'CHALLENGE_REQUIRED') throw error;
  }
  const issued = await apiRequest('/api/v1/bhxh-code-lookups/challenges', lookupChallenge, { method: 'POST', signal, auth: false });
  onChallengeProgress(0);
  try {
    const nonce = await solve(issued, onChallengeProgress, signal);
    return await send({ ...request, proof: { challenge: issued.challenge, nonce } });
  } finally {
    onChallengeProgress(null);
  }
}
