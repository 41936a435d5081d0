// The three identifiers a BHYT card can be looked up by (DOMAIN-FACTS §2.1, §3): the 10-digit BHXH code, the
// 15-character card code built around it, and the 12-digit personal ID number (accepted since Decree 188/2025).
// None of them carries a check digit, so validation is structural only.
import { OLD_PROVINCES } from '../admin-units/old-provinces.ts';
import { isBenefitLevel, isKnownObjectCode, objectCodeAt, type BenefitLevel } from './object-codes.ts';

export type CodeParseResult<T, Reason extends string> = { ok: true; value: T } | { ok: false; reason: Reason };

export type Sex = 'male' | 'female';

const OLD_PROVINCE_CODES: ReadonlySet<string> = new Set(OLD_PROVINCES.map((province) => province.code));

/**
 * Card-issuing agencies that are not provinces: the armed forces run their own social insurance and use these in
 * characters 4–5 of QN/CA/CY cards. [S: seen as province codes in a VSS export; the QĐ 1351 appendix was not opened.]
 */
export const NON_PROVINCE_CARD_ISSUERS = {
  '97': 'bhyt.issuer.97',
  '98': 'bhyt.issuer.98',
} as const;

/** Province digits a card code issued since 2015 can carry: Hà Tây (28) was gone by then. */
const CARD_PROVINCE_CODES: ReadonlySet<string> = new Set([
  ...OLD_PROVINCES.filter((province) => province.abolishedOn === undefined).map((province) => province.code),
  ...Object.keys(NON_PROVINCE_CARD_ISSUERS),
]);

/** Typed or scanned input → its canonical shape: no surrounding or inner spaces, no dashes, upper case. */
export function normalizeCodeInput(text: string): string {
  return text.replace(/[\s\-\u2010-\u2015]/g, '').toUpperCase();
}

// --- BHXH code -------------------------------------------------------------------------------------------------

export type BhxhCodeError = 'wrong_length' | 'malformed';

export function isBhxhCode(text: string): boolean {
  return /^\d{10}$/.test(text);
}

/** A typed BHXH code (spaces and dashes allowed) → its 10 digits. The province prefix is never checked. */
export function parseBhxhCode(text: string): CodeParseResult<string, BhxhCodeError> {
  const code = normalizeCodeInput(text);
  if (code.length !== 10) return { ok: false, reason: 'wrong_length' };
  if (!isBhxhCode(code)) return { ok: false, reason: 'malformed' };
  return { ok: true, value: code };
}

/** The canonical form of a BHXH code: its 10 digits, as the card prints them. */
export function formatBhxhCode(bhxhCode: string): string {
  if (!isBhxhCode(bhxhCode)) throw new RangeError(`Not a BHXH code: ${bhxhCode}`);
  return bhxhCode;
}

/**
 * The old province (GSO code) whose office first issued a BHXH code, or null when the prefix is not a known
 * province. Informative only: people move and keep their code, so a prefix is never a reason to reject it.
 */
export function issuingProvinceOf(bhxhCode: string): string | null {
  if (!isBhxhCode(bhxhCode)) return null;
  const prefix = bhxhCode.slice(0, 2);
  return OLD_PROVINCE_CODES.has(prefix) ? prefix : null;
}

// --- Personal ID (số định danh cá nhân / CCCD) ------------------------------------------------------------------

export interface PersonalIdParts {
  /** Old GSO code of the province where the birth was registered (the ID's digits 2–3). */
  provinceCode: string;
  sex: Sex;
  birthYear: number;
  /** The last 6 digits: a random number, not a check digit. */
  serial: string;
}

export type PersonalIdError = 'wrong_length' | 'malformed' | 'unknown_province';

const FIRST_CENTURY = 1900;
const LAST_CENTURY = 2300;

export function parsePersonalId(text: string): CodeParseResult<PersonalIdParts, PersonalIdError> {
  const id = normalizeCodeInput(text);
  if (id.length !== 12) return { ok: false, reason: 'wrong_length' };
  if (!/^\d{12}$/.test(id)) return { ok: false, reason: 'malformed' };
  const provinceCode = id.slice(1, 3);
  // The birth-place part is '0' + an old GSO province code.
  if (id[0] !== '0' || !OLD_PROVINCE_CODES.has(provinceCode)) return { ok: false, reason: 'unknown_province' };
  // Digit 4 is century and sex together: even = male, odd = female; 0/1 = 1900s, 2/3 = 2000s, 4/5 = 2100s …
  const centuryDigit = Number(id[3]);
  const century = FIRST_CENTURY + 100 * Math.floor(centuryDigit / 2);
  return {
    ok: true,
    value: {
      provinceCode,
      sex: centuryDigit % 2 === 0 ? 'male' : 'female',
      birthYear: century + Number(id.slice(4, 6)),
      serial: id.slice(6),
    },
  };
}

export function formatPersonalId(parts: PersonalIdParts): string {
  const { provinceCode, sex, birthYear, serial } = parts;
  if (!OLD_PROVINCE_CODES.has(provinceCode)) throw new RangeError(`Unknown province code: ${provinceCode}`);
  if (!Number.isInteger(birthYear) || birthYear < FIRST_CENTURY || birthYear >= LAST_CENTURY + 100) {
    throw new RangeError(`Birth year outside the personal-ID range: ${birthYear}`);
  }
  if (!/^\d{6}$/.test(serial)) throw new RangeError(`The serial must be 6 digits: ${serial}`);
  const centuryDigit = 2 * Math.floor((birthYear - FIRST_CENTURY) / 100) + (sex === 'female' ? 1 : 0);
  return `0${provinceCode}${centuryDigit}${String(birthYear % 100).padStart(2, '0')}${serial}`;
}

export function isPersonalId(text: string): boolean {
  return /^\d{12}$/.test(text) && parsePersonalId(text).ok;
}

// --- 15-character card code -------------------------------------------------------------------------------------

export interface CardCodeParts {
  /** Mã đối tượng: the participant group, two letters (DN, HS, …). */
  objectCode: string;
  benefitLevel: BenefitLevel;
  /** Characters 4–5: the old GSO code of the province managing the card (or 97/98, see NON_PROVINCE_CARD_ISSUERS). */
  provinceCode: string;
  bhxhCode: string;
}

/**
 * Why a card code was refused. The national check service answers 051 (wrong card code) for the first three,
 * 052 (wrong province code) and 053 (wrong benefit code): see CARD_CODE_CHECK_RESULT.
 */
export type CardCodeError =
  | 'wrong_length'
  | 'malformed'
  | 'unknown_object_code'
  | 'unknown_province'
  | 'benefit_level_out_of_range';

/** The check-card service result code (maKetQua) matching each refusal, for callers that speak that protocol. */
export const CARD_CODE_CHECK_RESULT: Readonly<Record<CardCodeError, '051' | '052' | '053'>> = {
  wrong_length: '051',
  malformed: '051',
  unknown_object_code: '051',
  unknown_province: '052',
  benefit_level_out_of_range: '053',
};

const CARD_CODE_SHAPE = /^[A-Z]{2}\d{13}$/;

/** Only the shape (2 letters + 13 digits): for readers that keep whatever a card carries. */
export function hasCardCodeShape(text: string): boolean {
  return CARD_CODE_SHAPE.test(text);
}

export interface ParseCardCodeOptions {
  /**
   * Check the object code against the table on this date ('YYYY-MM-DD'). Without it any code that has ever been
   * in the table is accepted, since a card being read may predate a code's retirement.
   */
  on?: string;
}

/** A typed card code (`DN4010120878837`, `dn 4 01 0120878837`) → its parts, or the first thing wrong with it. */
export function parseCardCode(
  text: string,
  options: ParseCardCodeOptions = {},
): CodeParseResult<CardCodeParts, CardCodeError> {
  const code = normalizeCodeInput(text);
  if (code.length !== 15) return { ok: false, reason: 'wrong_length' };
  if (!CARD_CODE_SHAPE.test(code)) return { ok: false, reason: 'malformed' };
  const objectCode = code.slice(0, 2);
  const known = options.on === undefined ? isKnownObjectCode(objectCode) : objectCodeAt(objectCode, options.on) !== null;
  if (!known) return { ok: false, reason: 'unknown_object_code' };
  const benefitLevel = Number(code[2]);
  if (!isBenefitLevel(benefitLevel)) return { ok: false, reason: 'benefit_level_out_of_range' };
  const provinceCode = code.slice(3, 5);
  if (!CARD_PROVINCE_CODES.has(provinceCode)) return { ok: false, reason: 'unknown_province' };
  return { ok: true, value: { objectCode, benefitLevel, provinceCode, bhxhCode: code.slice(5) } };
}

function checkCardCodeParts(parts: CardCodeParts): void {
  if (!/^[A-Z]{2}$/.test(parts.objectCode)) throw new RangeError(`Not an object code: ${parts.objectCode}`);
  if (!isBenefitLevel(parts.benefitLevel)) throw new RangeError(`Not a benefit level: ${String(parts.benefitLevel)}`);
  if (!/^\d{2}$/.test(parts.provinceCode)) throw new RangeError(`Not province digits: ${parts.provinceCode}`);
  if (!isBhxhCode(parts.bhxhCode)) throw new RangeError(`Not a BHXH code: ${parts.bhxhCode}`);
}

/** The 15-character card code, as hospital systems and the check service carry it: `DN4010120878837`. */
export function formatCardCode(parts: CardCodeParts): string {
  checkCardCodeParts(parts);
  return `${parts.objectCode}${parts.benefitLevel}${parts.provinceCode}${parts.bhxhCode}`;
}

/** The card code grouped as printed on the pre-2021 card, for reading aloud at a desk: `DN 4 01 0120878837`. */
export function formatCardCodeForDisplay(parts: CardCodeParts): string {
  checkCardCodeParts(parts);
  return `${parts.objectCode} ${parts.benefitLevel} ${parts.provinceCode} ${parts.bhxhCode}`;
}

// --- Free input ---------------------------------------------------------------------------------------------------

export type CardInputKind = 'bhxh_code' | 'card_code' | 'personal_id' | 'unknown';

/**
 * What someone typed or scanned into a "card number" box, by shape alone (10 digits, 2 letters + 13 digits,
 * 12 digits), with the normalized text. Parse it afterwards to learn what, if anything, is wrong with it.
 */
export function identifyCardInput(text: string): { kind: CardInputKind; normalized: string } {
  const normalized = normalizeCodeInput(text);
  if (/^\d{10}$/.test(normalized)) return { kind: 'bhxh_code', normalized };
  if (/^\d{12}$/.test(normalized)) return { kind: 'personal_id', normalized };
  if (CARD_CODE_SHAPE.test(normalized)) return { kind: 'card_code', normalized };
  return { kind: 'unknown', normalized };
}
