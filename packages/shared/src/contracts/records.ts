import { z } from 'zod';
import { fieldMessage, pageOf, paginationQuery } from './common.ts';

// The citizen's records (Quản lý cá nhân): profile, BHYT card + signed credential, participation, benefits, medical
// history, and the ledger of who else read them. Paths are /api/v1/people/:subject/… where subject is `me` or the
// person id of a registered child (parents) — never a BHXH code, which would end up in access logs.

export const recordSubjectParams = z.object({
  subject: z.union([z.literal('me'), z.coerce.number().int().positive()]),
});
export type RecordSubject = z.infer<typeof recordSubjectParams>['subject'];

/** Staff (officers) must say why they open a person's records; the purpose is shown to the person. */
export const ACCESS_PURPOSES = ['dossier_processing', 'citizen_request', 'inspection', 'card_check'] as const;
export const accessPurpose = z.enum(ACCESS_PURPOSES);
export type AccessPurpose = z.infer<typeof accessPurpose>;
export const staffAccessQuery = z.object({ purpose: accessPurpose.optional() });

const sex = z.enum(['male', 'female']);
const datePrecision = z.enum(['day', 'year']);

// ---- Profile ----

export const profile = z.object({
  personId: z.number().int(),
  fullName: z.string(),
  bhxhCode: z.string(),
  birthDate: z.string(),
  birthDatePrecision: datePrecision,
  sex,
  personalId: z.string().nullable(),
  oldIdNumber: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  householdCode: z.string(),
  address: z.object({
    street: z.string(),
    communeName: z.string(),
    provinceName: z.string(),
  }),
  /** The pre-July-2025 units the commune was formed from (old commune, district, province), for people who still
   *  think and write in them. Several when the new commune merged several old ones. */
  formerUnits: z.array(z.object({ communeName: z.string(), districtName: z.string(), provinceName: z.string() })),
});
export type Profile = z.infer<typeof profile>;

// ---- BHYT card ----

export const CARD_STATUSES = ['active', 'revoked', 'reported', 'expired'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];
export const bhytCard = z.object({
  cardCode: z.string(),
  bhxhCode: z.string(),
  objectCode: z.string(),
  benefitLevel: z.number().int().min(1).max(5),
  residenceCode: z.string().nullable(),
  holder: z.object({
    fullName: z.string(),
    birthDate: z.string(),
    birthDatePrecision: datePrecision,
    sex,
  }),
  facility: z.object({ code: z.string(), name: z.string(), address: z.string() }),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  fiveYearsDate: z.string().nullable(),
  status: z.enum(CARD_STATUSES),
  issuedOn: z.string(),
  issuingAgency: z.string(),
});
export type BhytCard = z.infer<typeof bhytCard>;
export const cardResponse = z.object({
  /** null: the person holds no BHYT card (the app says how to get one). */
  card: bhytCard.nullable(),
  asOf: z.string().meta({ description: 'When the server read the data (ISO instant)' }),
});
export type CardResponse = z.infer<typeof cardResponse>;

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/, fieldMessage('base64url'));
export const DEVICE_KEY_ALGORITHMS = ['Ed25519', 'ES256'] as const;
export const credentialRequest = z.object({
  /** The public half of a key the device generated and keeps (WebCrypto, non-extractable private key). */
  deviceKey: z.object({ alg: z.enum(DEVICE_KEY_ALGORITHMS), publicKey: base64url.max(120) }),
});
export type CredentialRequest = z.infer<typeof credentialRequest>;
export const credentialResponse = z.object({
  /** The agency-signed credential (binary, base64url); the app appends a fresh device proof to show it as a QR. */
  credential: base64url,
  kid: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
});
export type CredentialResponse = z.infer<typeof credentialResponse>;

export const jwk = z.object({
  kty: z.string(),
  crv: z.string().optional(),
  x: z.string().optional(),
  kid: z.string(),
  alg: z.string().optional(),
  use: z.string().optional(),
});
export const jwkSet = z.object({ keys: z.array(jwk) });
export type JwkSet = z.infer<typeof jwkSet>;

// ---- Participation (quá trình tham gia) ----

/** The four schemes as the app shows them; BHXH joins compulsory and voluntary periods. */
export const PARTICIPATION_SCHEMES = ['bhxh', 'bhyt', 'bhtn', 'bhtnld_bnn'] as const;
export const participationScheme = z.enum(PARTICIPATION_SCHEMES);
export type ParticipationScheme = z.infer<typeof participationScheme>;

const monthCount = z.object({
  months: z.number().int(),
  /** months as whole years and the months left over (the app says "12 năm 7 tháng"). */
  years: z.number().int(),
  remainderMonths: z.number().int(),
});
export const arrearsSummary = z.object({
  months: z.number().int(),
  amount: z.number().int(),
});
export const schemeTotals = z.object({
  scheme: participationScheme,
  /** Months paid (arrears months are not counted as contributed until the employer pays). */
  paid: monthCount,
  arrears: arrearsSummary,
  firstMonth: z.string().nullable(),
  lastMonth: z.string().nullable(),
});
export type SchemeTotals = z.infer<typeof schemeTotals>;
export const participationSummary = z.object({ schemes: z.array(schemeTotals) });
export type ParticipationSummary = z.infer<typeof participationSummary>;

export const participationQuery = paginationQuery.extend({ scheme: participationScheme });
export const participationPeriod = z.object({
  fromMonth: z.string(),
  toMonth: z.string(),
  months: z.number().int(),
  /** compulsory | voluntary (BHXH only; the other schemes are always compulsory). */
  kind: z.enum(['compulsory', 'voluntary']),
  employer: z.object({ name: z.string(), taxCode: z.string() }).nullable(),
  occupation: z.string().nullable(),
  position: z.string().nullable(),
  salaryBase: z.number().int(),
  monthlyAmount: z.number().int(),
  status: z.enum(['paid', 'arrears']),
});
export type ParticipationPeriod = z.infer<typeof participationPeriod>;
export const participationPage = pageOf(participationPeriod).extend({ totals: schemeTotals });
export type ParticipationPage = z.infer<typeof participationPage>;

// ---- Benefits received (thông tin hưởng) ----

export const BENEFIT_KINDS = [
  'one_time',
  'sickness',
  'maternity',
  'convalescence',
  'pension',
  'pension_adjustment',
  'unemployment',
] as const;
export const benefitKind = z.enum(BENEFIT_KINDS);
export type BenefitKind = z.infer<typeof benefitKind>;
export const benefitsQuery = paginationQuery.extend({ kind: benefitKind.optional() });
export const benefitItem = z.object({
  id: z.number().int(),
  kind: benefitKind,
  fromDate: z.string(),
  toDate: z.string().nullable(),
  amount: z.number().int().nullable(),
  monthlyAmount: z.number().int().nullable(),
  decisionNumber: z.string(),
  decidedOn: z.string(),
  agency: z.string(),
  /** Figures behind the amount: days, months, average salary, pension rate, adjustment percent… */
  details: z.record(z.string(), z.union([z.number(), z.string()])).nullable(),
});
export type BenefitItem = z.infer<typeof benefitItem>;
export const benefitPage = pageOf(benefitItem);
export type BenefitPage = z.infer<typeof benefitPage>;

// ---- Medical history (sổ khám chữa bệnh) ----

export const VISIT_TYPES = ['outpatient', 'inpatient', 'emergency'] as const;
export const visitType = z.enum(VISIT_TYPES);
export const medicalQuery = paginationQuery.extend({
  year: z.coerce.number().int().min(2017).max(2100).optional(),
});
export const medicalYear = z.object({
  year: z.number().int(),
  visits: z.number().int(),
  totalCost: z.number().int(),
  bhytPaid: z.number().int(),
  patientPaid: z.number().int(),
});
export type MedicalYear = z.infer<typeof medicalYear>;
export const medicalVisit = z.object({
  id: z.number().int(),
  facility: z.object({ code: z.string(), name: z.string() }),
  admittedAt: z.string(),
  dischargedAt: z.string().nullable(),
  visitType,
  diagnosis: z.object({ code: z.string(), name: z.string() }).nullable(),
  totalCost: z.number().int(),
  bhytPaid: z.number().int(),
  patientPaid: z.number().int(),
});
export type MedicalVisit = z.infer<typeof medicalVisit>;
export const medicalHistory = pageOf(medicalVisit).extend({
  /** Every year with visits, newest first, with its totals. */
  years: z.array(medicalYear),
  /** The year the items belong to (the newest when none was asked for); null when there are no visits. */
  year: z.number().int().nullable(),
});
export type MedicalHistory = z.infer<typeof medicalHistory>;

// ---- Who looked at my data (access ledger) ----

export const ACCESS_ACTOR_TYPES = ['guardian', 'officer', 'facility', 'hospital_system'] as const;
export const accessEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  actorType: z.enum(ACCESS_ACTOR_TYPES),
  /** The staff member or parent, as they are named to the person. */
  actorName: z.string(),
  /** The agency or facility (or "family" for a parent). */
  organisation: z.string().nullable(),
  purpose: z.string(),
  /** What was read (card, participation…) or the check's result code. */
  resource: z.string(),
  result: z.string(),
});
export type AccessEvent = z.infer<typeof accessEvent>;
export const accessEventPage = pageOf(accessEvent);
export type AccessEventPage = z.infer<typeof accessEventPage>;
