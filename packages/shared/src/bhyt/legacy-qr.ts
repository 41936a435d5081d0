// The QR printed on BHYT cards (DOMAIN-FACTS §2.3): `|`-separated fields ending in `$`, text fields as hex UTF-8,
// `-` for empty. Two forms are in circulation and both stay valid: the old one opens with the 15-character card code
// and prints the address and end of validity; the 2021 one (QĐ 1666) opens with the 10-digit BHXH code, prints `-`
// for those two and adds manager code, parent name, level, five-years date, checksum and issuing place.
//
// Facility desks also scan the chip ID card's QR by mistake; it is recognised and reported as such, with its ID.
import { type Sex, hasCardCodeShape, isBhxhCode, normalizeCodeInput } from './codes.ts';

export type LegacyQrForm = 'old' | 'v2021';

export interface LegacyQrCard {
  /** The 15-character card code: printed on the old form only (null when read from a 2021 card). */
  cardCode: string | null;
  bhxhCode: string;
  fullName: string;
  /** 'YYYY-MM-DD', or 'YYYY' when only the year of birth is known (the card then prints only the year). */
  birthDate: string;
  sex: Sex;
  /** Old form only: the 2021 card leaves the address in the VSS database. */
  address: string | null;
  /** Registered facility for primary care (nơi đăng ký KCB ban đầu), 5 characters: `01C54`. */
  facilityCode: string | null;
  validFrom: string | null;
  /** Old form only: the 2021 card prints no end date (validity comes from the database). */
  validTo: string | null;
  issuedOn: string | null;
  /** Field 9, mã quản lý: kept as printed. */
  managerCode: string | null;
  /** Parent or guardian of a child, as printed. */
  parentName: string | null;
  /** Field 11, kept raw: most likely the benefit level (1–5), but the meaning is not settled. */
  benefitLevel: string | null;
  /** Date five continuous years of participation are reached (thời điểm đủ 5 năm liên tục). */
  fiveYearsDate: string | null;
  /** Field 13, the issuer's check string: opaque, its VSS algorithm is not public. */
  checksum: string | null;
  /** Field 14, meaning unknown: kept raw. */
  field14: string | null;
  issuingPlace: string | null;
}

export type LegacyQrField = Exclude<keyof LegacyQrCard, 'cardCode' | 'bhxhCode'> | 'cardNumber';

export type LegacyQrReadResult =
  | { ok: true; card: LegacyQrCard; form: LegacyQrForm }
  /** The chip ID card's QR (CCCD): not a BHYT card, but its ID can be looked up instead. */
  | { ok: false; reason: 'cccd_chip_card'; personalId: string }
  /** The first field is neither a card code nor a BHXH code. */
  | { ok: false; reason: 'not_a_card_qr' }
  /** Fewer than the four fields every card has (number, name, birth date, sex). */
  | { ok: false; reason: 'missing_fields' }
  | { ok: false; reason: 'invalid_field'; field: LegacyQrField };

export type LegacyQrReadError = Extract<LegacyQrReadResult, { ok: false }>['reason'];

/** Field positions, shared by reader and writer. */
const FIELD = {
  cardNumber: 0,
  fullName: 1,
  birthDate: 2,
  sex: 3,
  address: 4,
  facilityCode: 5,
  validFrom: 6,
  validTo: 7,
  issuedOn: 8,
  managerCode: 9,
  parentName: 10,
  benefitLevel: 11,
  fiveYearsDate: 12,
  checksum: 13,
  field14: 14,
  issuingPlace: 15,
} as const satisfies Record<LegacyQrField, number>;

const FIELD_COUNT = 16;
/** The old form as found in the wild stops after the issue date when nothing follows. */
const OLD_FORM_MIN_FIELDS = FIELD.issuedOn + 1;

class InvalidField extends Error {
  constructor(readonly field: LegacyQrField) {
    super(`Invalid QR field: ${field}`);
  }
}

// --- Reading -------------------------------------------------------------------------------------------------------

/**
 * The fields of a payload. Scanners in keyboard mode end the read with CR/LF, and some drop the `$`: both are
 * tolerated. The `|` before the `$` leaves an empty last field, harmless here; it is kept so that the field count of
 * a chip ID card QR (whose last fields may be empty) stays exact.
 */
function splitPayload(payload: string): string[] {
  let body = payload.trim();
  if (body.endsWith('$')) body = body.slice(0, -1);
  return body.split('|').map((field) => field.trim());
}

const EVEN_HEX = /^(?:[0-9a-fA-F]{2})+$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A text field: hex UTF-8 when it is even-length hex that decodes as UTF-8, otherwise the raw text (some printers
 * and third-party generators write plain text). Used for fields 1, 4, 10 and 15 only — never for the card number,
 * which as 10 digits is even-length hex too.
 */
function decodeText(field: string): string {
  if (!EVEN_HEX.test(field)) return field;
  const bytes = new Uint8Array(field.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(field.slice(2 * i, 2 * i + 2), 16);
  try {
    return utf8.decode(bytes);
  } catch {
    return field;
  }
}

const DAY_MONTH_YEAR = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `dd/MM/yyyy`, also unpadded `d/M/yyyy`; `yyyy` alone only where allowed (birth dates). */
function readDate(field: string, name: LegacyQrField, yearOnlyAllowed = false): string {
  if (yearOnlyAllowed && /^\d{4}$/.test(field)) return field;
  const match = DAY_MONTH_YEAR.exec(field);
  const date = match ? isoDate(Number(match[3]), Number(match[2]), Number(match[1])) : null;
  if (date === null) throw new InvalidField(name);
  return date;
}

/** `01 - C54`, `01 – C54` or `01C54` → `01C54`. */
function readFacility(field: string): string {
  const code = normalizeCodeInput(field);
  if (!/^[0-9A-Z]{5}$/.test(code)) throw new InvalidField('facilityCode');
  return code;
}

/**
 * Reads a scanned BHYT card QR of either form. Only the shape of the card number is checked (use parseCardCode for
 * the object code, level and province), so a card with a code this table does not know can still be read.
 */
export function readLegacyQr(payload: string): LegacyQrReadResult {
  const fields = splitPayload(payload);
  const field = (index: number): string | null => {
    const value = fields[index];
    return value === undefined || value === '' || value === '-' ? null : value;
  };

  // The card number is taken as printed: never hex-decoded.
  const cardNumber = (field(FIELD.cardNumber) ?? '').toUpperCase();
  if (/^\d{12}$/.test(cardNumber) && (fields.length === 7 || fields.length === 11)) {
    return { ok: false, reason: 'cccd_chip_card', personalId: cardNumber };
  }
  let form: LegacyQrForm;
  if (hasCardCodeShape(cardNumber)) form = 'old';
  else if (isBhxhCode(cardNumber)) form = 'v2021';
  else return { ok: false, reason: 'not_a_card_qr' };
  if (fields.length <= FIELD.sex) return { ok: false, reason: 'missing_fields' };

  const required = (name: LegacyQrField): string => {
    const value = field(FIELD[name]);
    if (value === null) throw new InvalidField(name);
    return value;
  };
  const optional = <T>(name: LegacyQrField, read: (value: string) => T): T | null => {
    const value = field(FIELD[name]);
    return value === null ? null : read(value);
  };
  const raw = (value: string): string => value;

  try {
    const sex = required('sex');
    if (sex !== '1' && sex !== '2') throw new InvalidField('sex');
    const card: LegacyQrCard = {
      cardCode: form === 'old' ? cardNumber : null,
      bhxhCode: form === 'old' ? cardNumber.slice(5) : cardNumber,
      fullName: decodeText(required('fullName')),
      birthDate: readDate(required('birthDate'), 'birthDate', true),
      sex: sex === '1' ? 'male' : 'female',
      address: optional('address', decodeText),
      facilityCode: optional('facilityCode', readFacility),
      validFrom: optional('validFrom', (value) => readDate(value, 'validFrom')),
      validTo: optional('validTo', (value) => readDate(value, 'validTo')),
      issuedOn: optional('issuedOn', (value) => readDate(value, 'issuedOn')),
      managerCode: optional('managerCode', raw),
      parentName: optional('parentName', decodeText),
      benefitLevel: optional('benefitLevel', raw),
      fiveYearsDate: optional('fiveYearsDate', (value) => readDate(value, 'fiveYearsDate')),
      checksum: optional('checksum', raw),
      field14: optional('field14', raw),
      issuingPlace: optional('issuingPlace', decodeText),
    };
    return { ok: true, card, form };
  } catch (error) {
    if (error instanceof InvalidField) return { ok: false, reason: 'invalid_field', field: error.field };
    throw error;
  }
}

// --- Writing -------------------------------------------------------------------------------------------------------

export interface WriteLegacyQrOptions {
  /**
   * Computes field 13 from the payload's fields 0–12 joined with `|` (for example an HMAC under our key). The VSS
   * algorithm is not public, so this check string is ours and NOT VSS-compatible: VSS readers treat it as opaque.
   * Without it, `card.checksum` is written as given.
   */
  checksum?: (unsignedPayload: string) => string;
}

/** Lone UTF-16 surrogates cannot be written as UTF-8: they would come back as U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every text field is hex-encoded, so `|`, `$`, `-` and line breaks in names and addresses need no escaping. */
function encodeText(text: string, name: LegacyQrField): string {
  if (LONE_SURROGATE.test(text)) throw new RangeError(`QR field ${name} is not well-formed Unicode`);
  return Array.from(new TextEncoder().encode(text), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Raw fields are printable ASCII without the separators, and never a lone `-` (which would read back as empty). */
const RAW_TOKEN = /^[!-#%-{}~]+$/;

function rawToken(value: string, name: LegacyQrField): string {
  if (!RAW_TOKEN.test(value) || value === '-') throw new RangeError(`QR field ${name} cannot be written: ${value}`);
  return value;
}

function writeDate(date: string, name: LegacyQrField, yearOnlyAllowed = false): string {
  if (yearOnlyAllowed && /^\d{4}$/.test(date)) return date;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match || isoDate(Number(match[1]), Number(match[2]), Number(match[3])) !== date) {
    throw new RangeError(`QR field ${name} is not a date: ${date}`);
  }
  return `${match[3]}/${match[2]}/${match[1]}`;
}

const EMPTY = '-';

function orEmpty<T>(value: T | null, write: (value: T) => string): string {
  return value === null || value === '' ? EMPTY : write(value);
}

/**
 * The QR payload for a card we print, in either form. Text fields are always hex UTF-8. On the 2021 form the
 * address and end of validity are written as `-` (that card does not carry them) and the card code is not printed;
 * empty strings are written as `-` too. Throws a RangeError for a card that cannot be encoded.
 */
export function writeLegacyQr(card: LegacyQrCard, form: LegacyQrForm, options: WriteLegacyQrOptions = {}): string {
  if (!isBhxhCode(card.bhxhCode)) throw new RangeError(`Not a BHXH code: ${card.bhxhCode}`);
  let cardNumber = card.bhxhCode;
  if (form === 'old') {
    if (card.cardCode === null || !hasCardCodeShape(card.cardCode) || card.cardCode.slice(5) !== card.bhxhCode) {
      throw new RangeError('The old form needs a 15-character card code ending in the BHXH code');
    }
    cardNumber = card.cardCode;
  }
  if (card.fullName === '') throw new RangeError('QR field fullName is empty');

  const fields: string[] = new Array<string>(FIELD_COUNT).fill(EMPTY);
  fields[FIELD.cardNumber] = cardNumber;
  fields[FIELD.fullName] = encodeText(card.fullName, 'fullName');
  fields[FIELD.birthDate] = writeDate(card.birthDate, 'birthDate', true);
  fields[FIELD.sex] = card.sex === 'male' ? '1' : '2';
  if (form === 'old') {
    fields[FIELD.address] = orEmpty(card.address, (text) => encodeText(text, 'address'));
    fields[FIELD.validTo] = orEmpty(card.validTo, (date) => writeDate(date, 'validTo'));
  }
  fields[FIELD.facilityCode] = orEmpty(card.facilityCode, (code) => {
    if (!/^[0-9A-Z]{5}$/.test(code)) throw new RangeError(`Not a facility code: ${code}`);
    return `${code.slice(0, 2)} - ${code.slice(2)}`;
  });
  fields[FIELD.validFrom] = orEmpty(card.validFrom, (date) => writeDate(date, 'validFrom'));
  fields[FIELD.issuedOn] = orEmpty(card.issuedOn, (date) => writeDate(date, 'issuedOn'));
  fields[FIELD.managerCode] = orEmpty(card.managerCode, (value) => rawToken(value, 'managerCode'));
  fields[FIELD.parentName] = orEmpty(card.parentName, (text) => encodeText(text, 'parentName'));
  fields[FIELD.benefitLevel] = orEmpty(card.benefitLevel, (value) => rawToken(value, 'benefitLevel'));
  // VSS cards print this date with a leading space; readers trim it.
  fields[FIELD.fiveYearsDate] = orEmpty(card.fiveYearsDate, (date) => ` ${writeDate(date, 'fiveYearsDate')}`);
  const checksum = options.checksum ? options.checksum(fields.slice(0, FIELD.checksum).join('|')) : card.checksum;
  fields[FIELD.checksum] = orEmpty(checksum, (value) => rawToken(value, 'checksum'));
  fields[FIELD.field14] = orEmpty(card.field14, (value) => rawToken(value, 'field14'));
  fields[FIELD.issuingPlace] = orEmpty(card.issuingPlace, (text) => encodeText(text, 'issuingPlace'));

  // The old form ends after the last field it has (at the earliest after the issue date); the 2021 form is fixed.
  let count = FIELD_COUNT;
  if (form === 'old') {
    while (count > OLD_FORM_MIN_FIELDS && fields[count - 1] === EMPTY) count--;
  }
  return `${fields.slice(0, count).join('|')}|$`;
}
