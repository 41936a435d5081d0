// The public BHXH-code look-up (tra cứu mã số BHXH): province + full name + exactly one key → at most a few people,
// with their household code and a masked address. Usable without an account, so it is throttled, paid for with a
// proof of work after a few tries, logged without the raw query, and audited for each person it shows.
import {
  BHXH_LOOKUP_MAX_RESULTS,
  foldVietnamese,
  type BhxhCodeLookupInput,
  type BhxhCodeLookupResult,
  type LookupChallenge,
} from '@vssid/shared';
import type { LookupProtection } from '../../config.ts';
import type { Db } from '../../db/connection.ts';
import { auditRow } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { Services } from '../../platform/services.ts';
import { assessLookup, clientKeys, issueChallenge, queryHash, verifyProof } from './abuse.ts';
import { provinceDirectory } from './directories.ts';
import * as repo from './repo.ts';

export interface LookupClient {
  ip: string;
  requestId: string;
}

/** Exactly one of birth date, birth year, ID number: a name alone (or a name with everything) never lists people. */
export function personKey(input: Pick<BhxhCodeLookupInput, 'birthDate' | 'birthYear' | 'idNumber'>): repo.PersonKey {
  const keys: repo.PersonKey[] = [];
  if (input.birthDate !== undefined) keys.push({ kind: 'birth_date', birthDate: input.birthDate });
  if (input.birthYear !== undefined) keys.push({ kind: 'birth_year', birthYear: input.birthYear });
  if (input.idNumber !== undefined)
    keys.push(
      input.idNumber.length === 12
        ? { kind: 'personal_id', personalId: input.idNumber }
        : { kind: 'old_id_number', oldIdNumber: input.idNumber },
    );
  const [key] = keys;
  if (keys.length !== 1 || !key) throw new AppError('LOOKUP_KEY_REQUIRED', 400);
  return key;
}

/** A 2025 province as it is, an old one (e.g. 28, Hà Tây) searched within the province that took it in. */
export async function resolveLookupProvince(db: Db, code: string, now: Date) {
  const directory = await provinceDirectory(db, now);
  const current = directory.province.get(code);
  if (current) return { searched: current, old: null };
  const old = directory.oldProvince.get(code);
  if (!old) throw new AppError('VALIDATION_FAILED', 400, { fields: { province: { key: 'unknownProvince' } } });
  return { searched: { code: old.newProvinceCode, name: old.newProvinceName }, old: { code: old.code, name: old.name } };
}

/**
 * The street without what pins the house down: "Số 12, ngõ 34, đường Láng" → "***, đường Láng"; the commune and
 * province stay, so that a person can tell their own record from a namesake's.
 */
export function maskedAddress(street: string, communeName: string, provinceName: string): string {
  const parts = street
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const last = parts.at(-1);
  const visible = parts.length > 1 && last ? ['***', last] : parts.map((part) => part.replace(/\d/g, '*'));
  return [...visible, communeName, provinceName].join(', ');
}

export async function lookUpBhxhCode(
  db: Db,
  services: Services,
  policy: LookupProtection,
  input: BhxhCodeLookupInput,
  client: LookupClient,
): Promise<BhxhCodeLookupResult> {
  const key = personKey(input);
  const nameKey = foldVietnamese(input.fullName);
  const now = services.clock.now();
  const province = await resolveLookupProvince(db, input.province, now);
  const keys = clientKeys(services.secret, client.ip);

  const { challengeBits } = await assessLookup(db, policy, keys, now);
  if (challengeBits !== null && !input.proof) throw new AppError('CHALLENGE_REQUIRED', 428);
  const challengeId = input.proof ? verifyProof(services.secret, input.proof, keys, now).challengeId : null;

  const rows = await repo.findBhxhCodeCandidates(db, {
    provinceCode: province.searched.code,
    oldProvinceCode: input.province,
    nameKey,
    key,
    limit: BHXH_LOOKUP_MAX_RESULTS + 1,
  });
  const capped = rows.length > BHXH_LOOKUP_MAX_RESULTS;
  const shown = rows.slice(0, BHXH_LOOKUP_MAX_RESULTS);

  // The log row (single use of the challenge) and, as someone else saw these people's BHXH codes, an entry on each
  // one's access record: one statement, so both or neither.
  const logged = await repo.insertLookupLogWithAudits(
    db,
    {
      at: now,
      ...keys,
      queryHash: queryHash(services.secret, [input.province, nameKey, key]),
      keyKind: key.kind,
      provinceCode: input.province,
      resultCount: shown.length,
      capped,
      challengeId,
      requestId: client.requestId,
    },
    auditRow({ actorType: 'public', action: 'bhxh_code.looked_up', subjectType: 'person', requestId: client.requestId }),
    shown.map((person) => person.personId),
  );
  // A solved challenge pays for one look-up; the results of a second use are never sent.
  if (!logged) throw new AppError('CHALLENGE_INVALID', 400);

  return {
    items: shown.map((row) => ({
      fullName: row.fullName,
      birthDate: row.birthDatePrecision === 'year' ? null : row.birthDate,
      birthYear: row.birthYear,
      bhxhCode: row.bhxhCode,
      householdCode: row.householdCode,
      maskedAddress: maskedAddress(row.street, row.communeName, row.provinceName),
    })),
    capped,
    searchedProvince: province.searched,
    oldProvince: province.old,
  };
}

/** A challenge for this client, as hard as its recent look-ups make it (refused outright past the hard limits). */
export async function lookupChallengeFor(
  db: Db,
  services: Services,
  policy: LookupProtection,
  client: LookupClient,
): Promise<LookupChallenge> {
  const keys = clientKeys(services.secret, client.ip);
  const now = services.clock.now();
  const { challengeBits } = await assessLookup(db, policy, keys, now);
  return issueChallenge(services.secret, keys, challengeBits ?? policy.challengeBits, now);
}
