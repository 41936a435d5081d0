// The desk without a network: the agency's public keys (JWKS) kept in IndexedDB whenever the desk is online, the
// signed app QR verified in the browser with them, and the checks made that way queued — on this device, for the
// account that made them — until the server can record them (with `scannedAt`, so the proof's age counts from the
// scan). Printed-card QRs and typed numbers cannot be checked offline: only the server knows those cards.
import {
  CHECK_CODE_OF_CREDENTIAL_FAILURE,
  jwkSet,
  type JwkSet,
  keyResolverFromJwks,
  vietnamDate,
  verifyCardPresentation,
} from '@vssid/shared';
import { createStore, del, entries, get, set } from 'idb-keyval';
import { apiRequest } from '../../api/client.ts';
import type { DeskOutcome } from './deskOutcome.ts';

const store = createStore('vssid-desk', 'entries');
const JWKS_KEY = 'jwks';
const PENDING_PREFIX = 'pending:';
/** The server accepts an offline scan this long after it was made; older ones could only be refused. */
const PENDING_MAX_AGE_MS = 24 * 3600_000;

interface StoredJwks {
  jwks: JwkSet;
  fetchedAt: string;
}

/** One app-QR check made offline, waiting for the server. */
export interface PendingCheck {
  id: string;
  /** The account that scanned it: only that account sends it, so the check is recorded under the right staff. */
  login: string;
  input: string;
  scannedAt: string;
}

/** Online: fetch the published keys and keep them; resolves with the time they were saved. */
export async function refreshJwks(): Promise<string> {
  const jwks = await apiRequest('/.well-known/jwks.json', jwkSet, { auth: false });
  const fetchedAt = new Date().toISOString();
  await set(JWKS_KEY, { jwks, fetchedAt } satisfies StoredJwks, store);
  return fetchedAt;
}

/** When the kept keys were fetched, or null when this device has none. */
export async function cachedJwksTime(): Promise<string | null> {
  return (await get<StoredJwks>(JWKS_KEY, store))?.fetchedAt ?? null;
}

/**
 * Verifies an app QR with the kept keys at `now`; null when there are no keys. A valid credential for a card outside
 * its validity answers 010, as the server would; the facility's name is unknown offline (only its code is signed).
 */
export async function verifyOffline(
  input: string,
  now: Date,
  deskFacilityCode: string | null,
): Promise<DeskOutcome | null> {
  const stored = await get<StoredJwks>(JWKS_KEY, store);
  if (!stored) return null;
  const verified = await verifyCardPresentation(input, { resolveKey: keyResolverFromJwks(stored.jwks), now });
  const base: Omit<DeskOutcome, 'resultCode' | 'valid' | 'card'> = {
    key: crypto.randomUUID(),
    message: null,
    flags: [],
    otherFacility: null,
    checkId: null,
    checkedAt: now.toISOString(),
    offline: true,
  };
  if (!verified.ok) return { ...base, resultCode: CHECK_CODE_OF_CREDENTIAL_FAILURE[verified.reason], valid: false, card: null };
  const { claims } = verified;
  const today = vietnamDate(now);
  const inValidity = claims.validFrom <= today && (claims.validTo === null || claims.validTo >= today);
  return {
    ...base,
    resultCode: inValidity ? '000' : '010',
    valid: inValidity,
    card: {
      fullName: claims.fullName,
      birthDate: claims.birthDate,
      birthDatePrecision: claims.birthDatePrecision,
      sex: claims.sex,
      cardCode: claims.cardCode,
      bhxhCode: verified.bhxhCode,
      benefitLevel: verified.benefitLevel,
      validFrom: claims.validFrom,
      validTo: claims.validTo,
      fiveYearsDate: claims.fiveYearsDate,
      registeredFacility: { code: claims.facilityCode, name: null },
      rightRoute: claims.facilityCode === deskFacilityCode,
      hasPhoto: false,
    },
  };
}

export async function addPending(check: PendingCheck): Promise<void> {
  await set(PENDING_PREFIX + check.id, check, store);
}

export async function removePending(id: string): Promise<void> {
  await del(PENDING_PREFIX + id, store);
}

/** The account's queued checks, oldest first; checks too old for the server to accept are dropped. */
export async function pendingChecks(login: string, now = Date.now()): Promise<PendingCheck[]> {
  const all = await entries<IDBValidKey, PendingCheck>(store);
  const mine: PendingCheck[] = [];
  for (const [key, check] of all) {
    if (typeof key !== 'string' || !key.startsWith(PENDING_PREFIX)) continue;
    if (now - Date.parse(check.scannedAt) > PENDING_MAX_AGE_MS) await del(key, store);
    else if (check.login === login) mine.push(check);
  }
  return mine.sort((a, b) => a.scannedAt.localeCompare(b.scannedAt));
}
