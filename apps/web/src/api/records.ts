import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  accessEventPage,
  benefitPage,
  cardResponse,
  childList,
  credentialResponse,
  medicalHistory,
  participationPage,
  participationSummary,
  disputeResponse,
  notificationPage,
  profile,
  type BenefitKind,
  type CredentialRequest,
  type ParticipationScheme,
  type RecordSubject,
} from '@vssid/shared';
import { useAuth } from '../auth/useAuth.ts';
import { useLanguage } from '../i18n.ts';
import { apiGet, apiRequest } from './client.ts';

// The citizen's records, /api/v1/people/:subject/… (subject: `me`, or a registered child's person id). Plain async
// functions for callers outside React (the card's offline store) and hooks for the pages. Every key carries the
// account (a cached answer never outlives a change of user on a shared phone), the subject and the language.

export const RECORDS_PAGE_SIZE = 20;

const subjectPath = (subject: RecordSubject) =>
  `/api/v1/people/${subject === 'me' ? 'me' : encodeURIComponent(String(subject))}`;

interface Call {
  signal?: AbortSignal;
}
interface PageCall extends Call {
  page?: number;
  pageSize?: number;
}

export function fetchProfile(subject: RecordSubject, { signal }: Call = {}) {
  return apiGet(`${subjectPath(subject)}/profile`, profile, { signal });
}

export function fetchCard(subject: RecordSubject, { signal }: Call = {}) {
  return apiGet(`${subjectPath(subject)}/card`, cardResponse, { signal });
}

/** A credential for the card, bound to the device's public key (the private key never leaves the phone). */
export function requestCredential(subject: RecordSubject, body: CredentialRequest, { signal }: Call = {}) {
  return apiRequest(`${subjectPath(subject)}/card/credential`, credentialResponse, {
    method: 'POST',
    body,
    signal,
  });
}

export function fetchParticipationSummary(subject: RecordSubject, { signal }: Call = {}) {
  return apiGet(`${subjectPath(subject)}/participation`, participationSummary, { signal });
}

export function fetchParticipationPeriods(
  subject: RecordSubject,
  scheme: ParticipationScheme,
  { signal, page = 1, pageSize = RECORDS_PAGE_SIZE }: PageCall = {},
) {
  return apiGet(`${subjectPath(subject)}/participation/periods`, participationPage, {
    signal,
    query: { scheme, page, pageSize },
  });
}

/** kind null: every kind of benefit. */
export function fetchBenefits(
  subject: RecordSubject,
  kind: BenefitKind | null,
  { signal, page = 1, pageSize = RECORDS_PAGE_SIZE }: PageCall = {},
) {
  return apiGet(`${subjectPath(subject)}/benefits`, benefitPage, { signal, query: { kind, page, pageSize } });
}

/** year null: the newest year with visits (the answer says which). */
export function fetchMedicalHistory(
  subject: RecordSubject,
  year: number | null,
  { signal, page = 1, pageSize = RECORDS_PAGE_SIZE }: PageCall = {},
) {
  return apiGet(`${subjectPath(subject)}/medical-visits`, medicalHistory, {
    signal,
    query: { year, page, pageSize },
  });
}

export function fetchAccessEvents(
  subject: RecordSubject,
  { signal, page = 1, pageSize = RECORDS_PAGE_SIZE }: PageCall = {},
) {
  return apiGet(`${subjectPath(subject)}/access-events`, accessEventPage, {
    signal,
    query: { page, pageSize },
  });
}

/** The children registered to the signed-in parent (under 18). */
export function fetchChildren({ signal }: Call = {}) {
  return apiGet('/api/v1/children', childList, { signal });
}

type AccountKey = number | null;

export const recordKeys = {
  /** Everything cached for one account: what a sign-out or a change of user makes irrelevant. */
  account: (account: AccountKey) => ['records', account] as const,
  subject: (account: AccountKey, subject: RecordSubject) => ['records', account, subject] as const,
  profile: (account: AccountKey, subject: RecordSubject, language: string) =>
    ['records', account, subject, 'profile', language] as const,
  card: (account: AccountKey, subject: RecordSubject, language: string) =>
    ['records', account, subject, 'card', language] as const,
  participationSummary: (account: AccountKey, subject: RecordSubject, language: string) =>
    ['records', account, subject, 'participation', language] as const,
  participationPeriods: (
    account: AccountKey,
    subject: RecordSubject,
    scheme: ParticipationScheme,
    language: string,
  ) => ['records', account, subject, 'participation-periods', scheme, language] as const,
  benefits: (account: AccountKey, subject: RecordSubject, kind: BenefitKind | null, language: string) =>
    ['records', account, subject, 'benefits', kind, language] as const,
  medical: (account: AccountKey, subject: RecordSubject, year: number | null, language: string) =>
    ['records', account, subject, 'medical', year, language] as const,
  accessEvents: (account: AccountKey, subject: RecordSubject, language: string) =>
    ['records', account, subject, 'access-events', language] as const,
  /** The children page refreshes every `['children']` query after a registration. */
  children: (account: AccountKey, language: string) => ['children', account, language] as const,
};

function useKeyParts() {
  const { account } = useAuth();
  return { account: account?.id ?? null, language: useLanguage(), citizen: account?.role === 'citizen' };
}

/** The next page number, or undefined when every item has been loaded. */
function nextPage(last: { page: number; pageSize: number; total: number }): number | undefined {
  return last.page * last.pageSize < last.total ? last.page + 1 : undefined;
}

export function useProfile(subject: RecordSubject) {
  const { account, language } = useKeyParts();
  return useQuery({
    queryKey: recordKeys.profile(account, subject, language),
    queryFn: ({ signal }) => fetchProfile(subject, { signal }),
  });
}

export function useCard(subject: RecordSubject) {
  const { account, language } = useKeyParts();
  return useQuery({
    queryKey: recordKeys.card(account, subject, language),
    queryFn: ({ signal }) => fetchCard(subject, { signal }),
  });
}

export function useParticipationSummary(subject: RecordSubject) {
  const { account, language } = useKeyParts();
  return useQuery({
    queryKey: recordKeys.participationSummary(account, subject, language),
    queryFn: ({ signal }) => fetchParticipationSummary(subject, { signal }),
  });
}

/** Periods of one scheme, newest first, a page at a time ("load more"). */
export function useParticipationPeriods(subject: RecordSubject, scheme: ParticipationScheme) {
  const { account, language } = useKeyParts();
  return useInfiniteQuery({
    queryKey: recordKeys.participationPeriods(account, subject, scheme, language),
    queryFn: ({ signal, pageParam }) =>
      fetchParticipationPeriods(subject, scheme, { signal, page: pageParam }),
    initialPageParam: 1,
    getNextPageParam: nextPage,
  });
}

export function useBenefits(subject: RecordSubject, kind: BenefitKind | null) {
  const { account, language } = useKeyParts();
  return useInfiniteQuery({
    queryKey: recordKeys.benefits(account, subject, kind, language),
    queryFn: ({ signal, pageParam }) => fetchBenefits(subject, kind, { signal, page: pageParam }),
    initialPageParam: 1,
    getNextPageParam: nextPage,
  });
}

export function useMedicalHistory(subject: RecordSubject, year: number | null) {
  const { account, language } = useKeyParts();
  return useInfiniteQuery({
    queryKey: recordKeys.medical(account, subject, year, language),
    queryFn: ({ signal, pageParam }) => fetchMedicalHistory(subject, year, { signal, page: pageParam }),
    initialPageParam: 1,
    getNextPageParam: nextPage,
    // Switching years keeps the previous answer (and its list of years) on screen until the new one arrives; a
    // change of person remounts the page, so one person's visits never stand in for another's.
    placeholderData: keepPreviousData,
  });
}

export function useAccessEvents(subject: RecordSubject) {
  const { account, language } = useKeyParts();
  return useInfiniteQuery({
    queryKey: recordKeys.accessEvents(account, subject, language),
    queryFn: ({ signal, pageParam }) => fetchAccessEvents(subject, { signal, page: pageParam }),
    initialPageParam: 1,
    getNextPageParam: nextPage,
  });
}

/** Only citizens have children to list; staff and signed-out visitors never ask. */
export function useChildren() {
  const { account, language, citizen } = useKeyParts();
  return useQuery({
    queryKey: recordKeys.children(account, language),
    queryFn: ({ signal }) => fetchChildren({ signal }),
    enabled: citizen,
  });
}

// ---- The inbox and "this wasn't me" ----

export function fetchNotifications({ signal, page = 1 }: PageCall = {}) {
  return apiGet('/api/v1/me/notifications', notificationPage, { signal, query: { page, pageSize: RECORDS_PAGE_SIZE } });
}

export function useNotifications() {
  const { account, language, citizen } = useKeyParts();
  return useInfiniteQuery({
    queryKey: ['notifications', account, language],
    queryFn: ({ signal, pageParam }) => fetchNotifications({ signal, page: pageParam }),
    initialPageParam: 1,
    getNextPageParam: nextPage,
    enabled: citizen,
  });
}

export function useMarkNotificationsRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest('/api/v1/me/notifications/read', { parse: () => null }, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export function disputeAccessEvent(subject: RecordSubject, accessEventId: number, note: string) {
  return apiRequest(`${subjectPath(subject)}/access-events/${accessEventId}/dispute`, disputeResponse, {
    method: 'POST',
    body: note.trim() ? { note: note.trim() } : {},
  });
}
