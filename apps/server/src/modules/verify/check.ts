// One card check, from whatever the desk or the hospital system sent, to a result code of the national service
// (plus ours for the signed QR), the minimal card facts, abuse flags — and the traces a check leaves: the check row,
// the person's access ledger, a notification, and flags for the agency.
import {
  CARD_CODE_CHECK_RESULT,
  CHECK_CODE_OF_CREDENTIAL_FAILURE,
  type CheckFlag,
  type CheckInputKind,
  type CheckResultCode,
  foldVietnamese,
  identifyCardInput,
  isCardCredentialQr,
  parseCardCode,
  readLegacyQr,
  vietnamDate,
  vietnamWallClock,
  readCardPresentation,
  verifyPresentation,
} from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { AppError } from '../../platform/errors.ts';
import { credentialDigest, verifyDeviceSignature } from '../../platform/card-keys.ts';
import type { Services } from '../../platform/services.ts';
import { facilityCheckCountsOf } from './check-counts.ts';
import { checkLedgerOf } from './ledger-writer.ts';
import * as repo from './repo.ts';

/** A card accepted at two facilities within this window is flagged (a lent card). */
export const TWO_FACILITIES_WINDOW_MS = 4 * 3600_000;
/** How long after scanning an offline desk may still send an app-QR check. */
export const OFFLINE_SCAN_MAX_AGE_MS = 24 * 3600_000;

export interface CheckContext {
  facility: repo.FacilityRow;
  channel: 'desk' | 'api';
  accountId: number | null;
  clientId: string | null;
  sessionRef: string;
  staff: { name: string; personalId: string | null };
  /** The staff member is on the facility's list (054/055 otherwise, decided by the caller). */
  staffCode: '054' | '055' | null;
  requestId: string;
}

export interface CheckInput {
  input: string;
  fullName?: string | undefined;
  /** dd/mm/yyyy or yyyy */
  birthDate?: string | undefined;
  scannedAt?: Date | undefined;
}

export interface CheckOutcome {
  checkId: number;
  resultCode: CheckResultCode;
  inputKind: CheckInputKind | null;
  person: repo.PersonRow | null;
  card: repo.CardRow | null;
  newCard: repo.CardRow | null;
  flags: CheckFlag[];
  otherFacility: { code: string; name: string; at: Date } | null;
  /** The person's latest approved registration has a portrait. */
  hasPortrait: boolean;
  at: Date;
}

interface Resolution {
  code: CheckResultCode;
  inputKind: CheckInputKind | null;
  person: repo.PersonRow | null;
  card: repo.CardRow | null;
  newCard: repo.CardRow | null;
}

const fail = (code: CheckResultCode, inputKind: CheckInputKind | null = null, person: repo.PersonRow | null = null, card: repo.CardRow | null = null): Resolution => ({
  code,
  inputKind,
  person,
  card,
  newCard: null,
});

/** dd/mm/yyyy or yyyy against the stored birth date (a year-only record matches on the year). */
function birthMatches(given: string, person: repo.PersonRow): boolean {
  if (/^\d{4}$/.test(given)) return given === person.birthDate.slice(0, 4);
  const [d, m, y] = given.split('/');
  if (person.birthDatePrecision === 'year') return y === person.birthDate.slice(0, 4);
  return `${y}-${m}-${d}` === person.birthDate;
}

function nameCode(given: string, person: repo.PersonRow): CheckResultCode | null {
  const folded = foldVietnamese(given);
  if (folded === person.nameKey) return null;
  return folded.charAt(0) === person.nameKey.charAt(0) ? '061' : '060';
}

/** Status and validity of a card on a day: 110 revoked, 120 reported, 010 expired or not yet valid, 000. */
function cardStatusCode(card: repo.CardRow, today: string): CheckResultCode {
  if (card.status === 'revoked') return '110';
  if (card.status === 'reported') return '120';
  if (card.validFrom > today || (card.validTo !== null && card.validTo < today)) return '010';
  return '000';
}

/** What to look up, in the one statement that also counts the facility's checks (repo.checkFacts). */
interface Lookup {
  key: repo.FactsKey;
  cardCode: string | null;
  personKey: string | null;
  credentialDigest?: string;
}
type FetchFacts = (lookup: Lookup) => Promise<repo.CheckFacts>;

async function resolveTyped(facts: FetchFacts, text: string, fullName: string | undefined, birthDate: string | undefined, today: string): Promise<Resolution> {
  const { kind, normalized } = identifyCardInput(text);
  if (kind === 'unknown' || !fullName || !birthDate) return fail('205', kind === 'unknown' ? null : kind);
  let person: repo.PersonRow | undefined;
  let card: repo.CardRow | undefined;
  let newCard: repo.CardRow | null = null;
  if (kind === 'card_code') {
    const parsed = parseCardCode(normalized);
    if (!parsed.ok) return fail(CARD_CODE_CHECK_RESULT[parsed.reason], kind);
    // The card by its code, the person by the BHXH code inside it, and that person's current card.
    const found = await facts({ key: 'bhxhCode', cardCode: normalized, personKey: normalized.slice(5) });
    card = found.card;
    person = found.person;
    const current = found.currentCard;
    if (!card) {
      if (!person || !current) return fail(person ? '050' : '051', kind, person ?? null);
      // Which part of the code is wrong, compared with the person's card.
      const code = current.cardCode.slice(0, 2) !== normalized.slice(0, 2) ? '051' : current.cardCode[2] !== normalized[2] ? '053' : '052';
      return fail(code, kind, person);
    }
    if (current && current.id !== card.id) newCard = current;
  } else {
    const found = await facts({ key: kind === 'bhxh_code' ? 'bhxhCode' : 'personalId', cardCode: null, personKey: normalized });
    person = found.person;
    if (!person) return fail('050', kind);
    card = found.currentCard;
    if (!card) return fail('050', kind, person);
  }
  if (!person) return fail('050', kind);
  const wrongName = nameCode(fullName, person);
  if (wrongName) return fail(wrongName, kind, person, card);
  if (!birthMatches(birthDate, person)) return fail('070', kind, person, card);
  if (newCard) {
    const oldStatus = cardStatusCode(card, today);
    return { code: oldStatus === '000' ? '004' : '003', inputKind: kind, person, card, newCard };
  }
  return { code: cardStatusCode(card, today), inputKind: kind, person, card, newCard: null };
}

async function resolveAppQr(
  readFacts: FetchFacts,
  adoptFacts: (found: repo.CheckFacts) => repo.CheckFacts,
  services: Services,
  text: string,
  at: Date,
  today: string,
): Promise<Resolution> {
  const read = readCardPresentation(text);
  if (!read.ok) return fail(CHECK_CODE_OF_CREDENTIAL_FAILURE[read.reason], 'app_qr');
  // The card by its code (the one in force first), its holder, the holder's current card, and whether the credential
  // is on record as handed out — read while the device signature is checked, and used only once the signatures hold
  // (a forged QR costs a read, as a typed number does; nothing read for it reaches the answer or the ledger). A
  // credential on record spares the agency signature's verify: ~0.1 ms of CPU, a tenth of what a QR check costs the
  // node and its database.
  const { claims, body, agencySignature } = read.presentation;
  const reading = readFacts({ key: 'card', cardCode: claims.cardCode, personKey: null, credentialDigest: credentialDigest(body, agencySignature) });
  // A failed read only means the signature is verified: the read's own error surfaces below.
  const issuedByAgency = reading.then((found) => found.credentialIssued, () => false);
  const resolveKey = await services.cardKeys.keyResolver();
  // The device proof is verified with node:crypto (verifyDeviceSignature), in this thread.
  const verified = await verifyPresentation(read.presentation, { resolveKey, now: at, issuedByAgency, verifyDeviceSignature });
  if (!verified.ok) return fail(CHECK_CODE_OF_CREDENTIAL_FAILURE[verified.reason], 'app_qr');
  const found = adoptFacts(await reading);
  const card = found.card;
  if (!card) return fail('050', 'app_qr');
  const person = found.person ?? null;
  // Signed before the card in force was reissued (same code): the credential is of the card it replaced, now
  // revoked — "old card no longer valid, a new card issued", and the desk sees the new one.
  if (card.issuedAt && verified.claims.issuedAt < Math.floor(card.issuedAt.getTime() / 1000)) {
    return { code: '003', inputKind: 'app_qr', person, card: { ...card, status: 'revoked' }, newCard: card };
  }
  const current = found.currentCard;
  if (current && current.id !== card.id) {
    return { code: cardStatusCode(card, today) === '000' ? '004' : '003', inputKind: 'app_qr', person, card, newCard: current };
  }
  // Online, the stored card decides: a card revoked after the credential was signed answers 110.
  return { code: cardStatusCode(card, today), inputKind: 'app_qr', person, card, newCard: null };
}

async function resolveLegacyQr(facts: FetchFacts, text: string, today: string): Promise<Resolution | null> {
  // A printed card's QR is `|`-separated; anything else is a typed number.
  if (!text.includes('|')) return null;
  const read = readLegacyQr(text);
  if (!read.ok) return read.reason === 'not_a_card_qr' ? null : fail('205', 'legacy_qr');
  const birth = read.card.birthDate.length === 4 ? read.card.birthDate : read.card.birthDate.split('-').reverse().join('/');
  const resolved = await resolveTyped(facts, read.card.cardCode ?? read.card.bhxhCode, read.card.fullName, birth, today);
  return { ...resolved, inputKind: 'legacy_qr' };
}

/** "HH:MM-HH:MM" opening hours; null (hospitals) means always open. */
function outsideHours(openingHours: string | null, at: Date): boolean {
  const match = openingHours ? /^(\d{2}):(\d{2})\s*[-–]\s*(\d{2}):(\d{2})$/.exec(openingHours.trim()) : null;
  if (!match) return false;
  const wallClock = vietnamWallClock(at);
  const now = Number(wallClock.slice(11, 13)) * 60 + Number(wallClock.slice(14, 16));
  const open = Number(match[1]) * 60 + Number(match[2]);
  const close = Number(match[3]) * 60 + Number(match[4]);
  return now < open || now >= close;
}

/** Start of the day in Vietnam (UTC+7, no daylight saving) of an instant. */
function vietnamMidnight(at: Date): Date {
  return new Date(`${vietnamDate(at)}T00:00:00+07:00`);
}

/** "HH:MM dd/mm/yyyy" in Vietnam: the time of a check as its holder is told it. */
export function timeInVietnam(at: Date): string {
  const wallClock = vietnamWallClock(at);
  return `${wallClock.slice(11, 16)} ${wallClock.slice(8, 10)}/${wallClock.slice(5, 7)}/${wallClock.slice(0, 4)}`;
}

export async function checkCard(db: Db, services: Services, context: CheckContext, input: CheckInput): Promise<CheckOutcome> {
  const at = services.clock.now();
  const today = vietnamDate(at);
  const midnight = vietnamMidnight(at);
  // The facility's counts (per-minute limit, daily quota): from the database at most a second ago, plus this node's
  // checks since (check-counts.ts); read while the card is resolved.
  const counter = facilityCheckCountsOf(db);
  const counting = counter.counts(context.facility.code, at, midnight);
  counting.catch(() => undefined);
  // Everything else the check reads comes in one round-trip, shared with the checks that arrive meanwhile (repo.checkFacts).
  const elsewhereSince = new Date(at.getTime() - TWO_FACILITIES_WINDOW_MS);
  let fetched: repo.CheckFacts | undefined;
  const readFacts: FetchFacts = (lookup) => repo.checkFacts(db, lookup.key, lookup, context.facility.code, elsewhereSince);
  const adoptFacts = (found: repo.CheckFacts) => (fetched = found);
  const facts: FetchFacts = async (lookup) => adoptFacts(await readFacts(lookup));
  const flags: CheckFlag[] = [];
  let resolution: Resolution;
  if (context.staffCode) resolution = fail(context.staffCode);
  else if (isCardCredentialQr(input.input)) {
    // An offline desk verified the QR when it was scanned; the proof's age counts from then (bounded).
    const scannedAt =
      input.scannedAt && input.scannedAt <= at && at.getTime() - input.scannedAt.getTime() <= OFFLINE_SCAN_MAX_AGE_MS ? input.scannedAt : undefined;
    if (scannedAt) flags.push('offline_scan');
    resolution = await resolveAppQr(readFacts, adoptFacts, services, input.input, scannedAt ?? at, today);
  } else {
    resolution = (await resolveLegacyQr(facts, input.input, today)) ?? (await resolveTyped(facts, input.input, input.fullName, input.birthDate, today));
  }
  const counts = await counting;
  // Nothing is written before this point, so a refused check leaves no trace (and is not counted).
  if (counts.lastMinute >= services.facilityChecksPerMinute) {
    throw new AppError('RATE_LIMITED', 429, { params: { seconds: 60 } });
  }
  counter.counted(context.facility.code);

  let otherFacility: CheckOutcome['otherFacility'] = null;
  const flagRows: Array<{ kind: 'two_facilities' | 'outside_hours' | 'quota_exceeded'; other: string | null }> = [];
  if (resolution.code === '000' && resolution.person) {
    const elsewhere = fetched?.elsewhere;
    if (elsewhere) {
      otherFacility = { code: elsewhere.facilityCode, name: elsewhere.facilityName, at: elsewhere.at };
      flags.push('two_facilities');
      flagRows.push({ kind: 'two_facilities', other: elsewhere.facilityCode });
    }
    if (outsideHours(context.facility.openingHours, at)) {
      flags.push('outside_hours');
      flagRows.push({ kind: 'outside_hours', other: null });
    }
  }
  if (counts.today >= context.facility.dailyCheckQuota) {
    flags.push('quota_exceeded');
    // One alert a day per facility is enough for the agency.
    if (!(await repo.quotaFlagSince(db, context.facility.code, midnight))) flagRows.push({ kind: 'quota_exceeded', other: null });
  }

  const { person, card } = resolution;
  // The check row, its flags, and the person's ledger entry and notification (they see every check of their card,
  // and are told at once), committed before the answer: see ledger-writer.ts.
  const { checkId } = await checkLedgerOf(db).write({
    at,
    facilityCode: context.facility.code,
    channel: context.channel,
    accountId: context.accountId,
    clientId: context.clientId,
    sessionRef: context.sessionRef,
    staffName: context.staff.name,
    staffPersonalId: context.staff.personalId,
    inputKind: resolution.inputKind,
    personId: person?.id ?? null,
    cardId: card?.id ?? null,
    resultCode: resolution.code,
    flags,
    scannedAt: flags.includes('offline_scan') ? (input.scannedAt ?? null) : null,
    flagRows: flagRows.map((flag) => ({
      kind: flag.kind,
      otherFacilityCode: flag.other,
      agencyProvinceCode: person?.provinceCode ?? context.facility.provinceCode,
    })),
    accessEvent: person
      ? {
          actorType: context.channel === 'desk' ? 'facility' : 'hospital_system',
          actorName: context.staff.name,
          organisation: context.facility.name,
          result: resolution.code,
          requestId: context.requestId,
          notify:
            fetched?.accountId !== undefined
              ? { accountId: fetched.accountId, params: { facility: context.facility.name, time: timeInVietnam(at) } }
              : null,
        }
      : null,
  });

  return {
    checkId,
    resultCode: resolution.code,
    inputKind: resolution.inputKind,
    person,
    card,
    newCard: resolution.newCard,
    flags,
    otherFacility,
    hasPortrait: fetched?.hasPortrait ?? false,
    at,
  };
}
