import { z } from 'zod';
import type { CredentialFailure } from '../credential/card-credential.ts';
import { fieldMessage, pageOf, paginationQuery } from './common.ts';

// Card checks at facilities (the desk in the browser, hospital systems over the API), visits, abuse flags, the
// notification inbox and "this wasn't me" cases.

/**
 * Result codes (maKetQua). 000–130 and 205 are the national check-card service's own (DOMAIN-FACTS §2.4); 140–143
 * are ours, for the signed app QR that the national service does not have.
 */
export const CHECK_RESULT_CODES = [
  '000', // valid
  '003', // old card expired, a new card was issued
  '004', // old card still valid, a new card was issued
  '010', // card expired
  '050', // no card information
  '051', // wrong card code
  '052', // wrong province code (characters 4–5)
  '053', // wrong benefit code (character 3)
  '054', // the staff member's ID is not on the facility's registered list
  '055', // the staff member's name does not match the ID
  '060', // wrong name
  '061', // wrong name, first character correct
  '070', // wrong date of birth
  '110', // card revoked
  '120', // card reported decreased (báo giảm)
  '140', // app QR: the device proof is older than ~2 minutes (a replayed screenshot)
  '141', // app QR: signature invalid (altered or forged)
  '142', // app QR: signed by a key the verifier does not know
  '143', // app QR: the device signature does not match the credential's device
  '205', // parameter format error
] as const;
export type CheckResultCode = (typeof CHECK_RESULT_CODES)[number];
export const checkResultCode = z.enum(CHECK_RESULT_CODES);

/** How a failed signed-QR verification is reported (online at the server, offline at the desk alike). */
export const CHECK_CODE_OF_CREDENTIAL_FAILURE: Readonly<Record<CredentialFailure, CheckResultCode>> = {
  malformed: '205',
  unsupported_version: '205',
  proof_expired: '140',
  proof_in_future: '140',
  credential_expired: '140',
  credential_signature_invalid: '141',
  unknown_key: '142',
  device_signature_invalid: '143',
};

export const CHECK_FLAGS = ['two_facilities', 'outside_hours', 'quota_exceeded', 'offline_scan'] as const;
export type CheckFlag = (typeof CHECK_FLAGS)[number];

export const CHECK_INPUT_KINDS = ['app_qr', 'legacy_qr', 'bhxh_code', 'card_code', 'personal_id'] as const;
export type CheckInputKind = (typeof CHECK_INPUT_KINDS)[number];

const birthDateOrYear = z.string().trim().regex(/^(\d{2}\/\d{2}\/\d{4}|\d{4})$/, fieldMessage('birthDateOrYear'));

/** The desk: one input (scanned or typed); typed numbers need the name and birth date, as the national service. */
export const deskCheckRequest = z.object({
  input: z.string().trim().min(1).max(1200),
  fullName: z.string().trim().min(2).max(100).optional(),
  /** dd/mm/yyyy or yyyy */
  birthDate: birthDateOrYear.optional(),
  /** Set when the desk verified an app QR offline and sends the check once the network is back. */
  scannedAt: z.string().datetime().optional(),
});
export type DeskCheckRequest = z.infer<typeof deskCheckRequest>;

/** What the desk needs at admission, and nothing else of the person. */
export const checkedCard = z.object({
  fullName: z.string(),
  birthDate: z.string(),
  birthDatePrecision: z.enum(['day', 'year']),
  sex: z.enum(['male', 'female']),
  cardCode: z.string(),
  bhxhCode: z.string(),
  benefitLevel: z.number().int(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  fiveYearsDate: z.string().nullable(),
  registeredFacility: z.object({ code: z.string(), name: z.string() }),
  /** The visit is at the registered facility (or the card is checked there): "right route". */
  rightRoute: z.boolean(),
  hasPhoto: z.boolean(),
});
export type CheckedCard = z.infer<typeof checkedCard>;

export const checkResult = z.object({
  checkId: z.number().int(),
  resultCode: checkResultCode,
  /** Plain-language meaning, localized. */
  message: z.string(),
  valid: z.boolean(),
  card: checkedCard.nullable(),
  flags: z.array(z.enum(CHECK_FLAGS)),
  /** When the same card was accepted at another facility in the last few hours. */
  otherFacility: z.object({ name: z.string(), at: z.string() }).nullable(),
  inputKind: z.enum(CHECK_INPUT_KINDS).nullable(),
  checkedAt: z.string(),
});
export type CheckResult = z.infer<typeof checkResult>;

// ---- Hospital systems: field names as the national service names them ----

export const hospitalTokenRequest = z.object({
  clientId: z.string().trim().min(3).max(64),
  clientSecret: z.string().min(16).max(128),
});
export const hospitalTokenResponse = z.object({ accessToken: z.string(), expiresIn: z.number().int(), tokenType: z.literal('Bearer') });

export const hospitalCheckRequest = z.object({
  /** Card code (15), BHXH code (10) or personal ID (12). */
  maThe: z.string().trim().min(1).max(20),
  hoTen: z.string().trim().min(2).max(100),
  /** dd/MM/yyyy or yyyy */
  ngaySinh: birthDateOrYear,
  /** The staff member doing the check: name and ID number (mandatory since CV 1923/BHXH-CNTT, 2024). */
  hoTenCb: z.string().trim().min(2).max(100),
  cccdCb: z.string().trim().regex(/^\d{12}$/, fieldMessage('personalIdNumber')),
  /** The facility's own encounter id (mã liên kết), which ties the check to a visit. */
  maLK: z.string().trim().min(1).max(100).optional(),
});
export type HospitalCheckRequest = z.infer<typeof hospitalCheckRequest>;

export const hospitalCheckResponse = z.object({
  maKetQua: checkResultCode,
  ghiChu: z.string(),
  maThe: z.string().nullable(),
  maSoBHXH: z.string().nullable(),
  hoTen: z.string().nullable(),
  ngaySinh: z.string().nullable(),
  gioiTinh: z.string().nullable(),
  maDKBD: z.string().nullable(),
  gtTheTu: z.string().nullable(),
  gtTheDen: z.string().nullable(),
  ngayDu5Nam: z.string().nullable(),
  maKV: z.string().nullable(),
  maTheMoi: z.string().nullable(),
  canhBao: z.array(z.enum(CHECK_FLAGS)),
});
export type HospitalCheckResponse = z.infer<typeof hospitalCheckResponse>;

// ---- Visits opened from a valid check ----

export const VISIT_TYPES_AT_DESK = ['outpatient', 'inpatient', 'emergency'] as const;
export const openVisitRequest = z.object({
  checkId: z.number().int().positive(),
  visitType: z.enum(VISIT_TYPES_AT_DESK),
});
export const closeVisitRequest = z.object({
  icd10Code: z.string().trim().regex(/^[A-Z]\d{2}(\.\d{1,2})?$/, fieldMessage('icd10Code')),
  icd10Name: z.string().trim().min(2).max(200),
  totalCost: z.number().int().min(0).max(10_000_000_000),
});
export const deskVisit = z.object({
  id: z.number().int(),
  checkId: z.number().int().nullable(),
  fullName: z.string(),
  visitType: z.enum(VISIT_TYPES_AT_DESK),
  admittedAt: z.string(),
  dischargedAt: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  icd10Code: z.string().nullable(),
  totalCost: z.number().int(),
  bhytPaid: z.number().int(),
  patientPaid: z.number().int(),
});
export type DeskVisit = z.infer<typeof deskVisit>;
export const deskVisitPage = pageOf(deskVisit);
export const visitParams = z.object({ visitId: z.coerce.number().int().positive() });

// ---- Notifications (citizen inbox) ----

export const NOTIFICATION_KINDS = [
  'card_checked',
  'case_opened',
  'card_revoked',
  'dossier_submitted',
  'dossier_received',
  'dossier_in_processing',
  'dossier_needs_info',
  'dossier_resubmitted',
  'dossier_approved',
  'dossier_rejected',
  'dossier_withdrawn',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const notification = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  /** The localized text, ready to show. */
  text: z.string(),
  accessEventId: z.number().int().nullable(),
  /** The dossier a dossier_… notice is about (its page in the app). */
  dossierId: z.number().int().nullable(),
  read: z.boolean(),
});
export type Notification = z.infer<typeof notification>;
export const notificationPage = pageOf(notification).extend({ unread: z.number().int() });
export type NotificationPage = z.infer<typeof notificationPage>;

// ---- "This wasn't me" cases and flags, for the agency ----

export const disputeParams = z.object({ accessEventId: z.coerce.number().int().positive() });
export const disputeRequest = z.object({ note: z.string().trim().max(500).optional() });
export const disputeResponse = z.object({ caseId: z.number().int() });
export const accessCase = z.object({
  id: z.number().int(),
  openedAt: z.string(),
  status: z.enum(['open', 'closed']),
  personName: z.string(),
  bhxhCode: z.string(),
  event: z.object({ at: z.string(), organisation: z.string().nullable(), actorName: z.string(), result: z.string() }),
  note: z.string().nullable(),
});
export type AccessCase = z.infer<typeof accessCase>;
export const accessCasePage = pageOf(accessCase);

export const cardFlag = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.enum(['two_facilities', 'outside_hours', 'quota_exceeded']),
  facility: z.object({ code: z.string(), name: z.string() }),
  otherFacility: z.object({ code: z.string(), name: z.string() }).nullable(),
  personName: z.string().nullable(),
  cardCode: z.string().nullable(),
  status: z.enum(['open', 'closed']),
});
export type CardFlag = z.infer<typeof cardFlag>;
export const cardFlagPage = pageOf(cardFlag);
export const officerFlagQuery = paginationQuery.extend({ status: z.enum(['open', 'closed']).default('open') });
export const revokeCardRequest = z.object({
  cardCode: z.string().trim().regex(/^[A-Z]{2}\d{13}$/, fieldMessage('cardCode')),
  reason: z.enum(['reported_misuse', 'lost', 'duplicate', 'deceased', 'other']),
  note: z.string().trim().max(500).optional(),
});
