// A person's records: who may read them (the person, a parent for a registered minor child, an officer of the
// person's province with a stated purpose), what they see, and the ledger entry every read by someone else leaves.
import { createHash } from 'node:crypto';
import {
  type AccessEventPage,
  type AccessPurpose,
  type BenefitPage,
  benefitKind,
  CARD_STATUSES,
  type CardStatus,
  type CardResponse,
  type CredentialRequest,
  type CredentialResponse,
  fromBase64Url,
  importDevicePublicKey,
  type MedicalHistory,
  type ParticipationPage,
  type ParticipationScheme,
  type ParticipationSummary,
  PARTICIPATION_SCHEMES,
  type Profile,
  type RecordSubject,
  type SchemeTotals,
  signCredential,
  toBase64Url,
  vietnamDate,
  visitType,
} from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import type { Principal } from '../../platform/auth.ts';
import { CREDENTIAL_LIFETIME_DAYS, credentialDigest } from '../../platform/card-keys.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Services } from '../../platform/services.ts';
import { guardianOf } from '../registrations/children.ts';
import * as repo from './repo.ts';

/** Whose records, and — when it is not the person — who reads them, recorded in the ledger. */
export interface RecordAccess {
  personId: number;
  reader: null | {
    actorType: 'guardian' | 'officer';
    accountId: number;
    actorName: string;
    organisation: string | null;
    purpose: string;
  };
  requestId: string;
}

/**
 * Resolves `me` or a person id for the caller. Anything the caller may not read answers 404, exactly like a person
 * who does not exist, so ids cannot be probed.
 */
export async function resolveSubject(
  db: Db,
  services: Services,
  principal: Principal,
  subject: RecordSubject,
  purpose: AccessPurpose | undefined,
  requestId: string,
): Promise<RecordAccess> {
  // A citizen's own records: the gate has read the session with its active account and person.
  if (principal.role === 'citizen' && principal.personId !== null && (subject === 'me' || subject === principal.personId)) {
    return { personId: principal.personId, reader: null, requestId };
  }
  const account = await repo.accountWithOrganisation(db, principal.accountId);
  if (!account || account.status !== 'active') throw new AppError('UNAUTHORIZED', 401);

  if (account.role === 'citizen') {
    if (account.personId === null) throw notFound();
    if (subject === 'me' || subject === account.personId) return { personId: account.personId, reader: null, requestId };
    const today = vietnamDate(services.clock.now());
    if (!(await guardianOf(db, account.id, subject, today))) throw notFound();
    return {
      personId: subject,
      reader: { actorType: 'guardian', accountId: account.id, actorName: account.displayName, organisation: null, purpose: 'guardian' },
      requestId,
    };
  }

  if (account.role === 'officer') {
    if (subject === 'me') throw notFound();
    // An officer reads the records of people in the agency's province only.
    const province = await repo.personProvince(db, subject);
    if (!province || province !== account.agencyProvinceCode) throw notFound();
    if (!purpose) throw new AppError('ACCESS_PURPOSE_REQUIRED', 400);
    return {
      personId: subject,
      reader: { actorType: 'officer', accountId: account.id, actorName: account.displayName, organisation: account.agencyName, purpose },
      requestId,
    };
  }
  throw new AppError('FORBIDDEN', 403);
}

/** Leaves the ledger entry for a read by someone other than the person. */
async function recordRead(db: Db, services: Services, access: RecordAccess, resource: string): Promise<void> {
  if (!access.reader) return;
  await repo.recordAccess(db, {
    personId: access.personId,
    actorType: access.reader.actorType,
    actorAccountId: access.reader.accountId,
    actorName: access.reader.actorName,
    organisation: access.reader.organisation,
    purpose: access.reader.purpose,
    resource,
    result: 'ok',
    requestId: access.requestId,
    at: services.clock.now(),
  });
}

function pageWindow(page: number, pageSize: number) {
  return { limit: pageSize, offset: (page - 1) * pageSize };
}

const sexOf = (value: string) => (value === 'female' ? 'female' : 'male');
const precisionOf = (value: string) => (value === 'year' ? 'year' : 'day');

// ---- Profile ----

export async function readProfile(db: Db, services: Services, access: RecordAccess): Promise<Profile> {
  const person = await repo.findPerson(db, access.personId);
  if (!person) throw notFound();
  const formerUnits = await repo.formerUnitsOf(db, person.communeCode);
  await recordRead(db, services, access, 'profile');
  return {
    personId: person.id,
    fullName: person.fullName,
    bhxhCode: person.bhxhCode,
    birthDate: person.birthDate,
    birthDatePrecision: precisionOf(person.birthDatePrecision),
    sex: sexOf(person.sex),
    personalId: person.personalId,
    oldIdNumber: person.oldIdNumber,
    phone: person.phone,
    email: person.email,
    householdCode: person.householdCode,
    address: { street: person.street, communeName: person.communeName, provinceName: person.provinceName },
    formerUnits,
  };
}

// ---- Card and credential ----

/** The stored status, except that an active card past its end date reads as expired. */
function cardStatus(card: repo.CardRow, today: string): CardStatus {
  const stored = CARD_STATUSES.find((status) => status === card.status) ?? 'active';
  return stored === 'active' && card.validTo !== null && card.validTo < today ? 'expired' : stored;
}

export async function readCard(db: Db, services: Services, access: RecordAccess): Promise<CardResponse> {
  const found = await repo.holderWithCard(db, access.personId);
  if (!found) throw notFound();
  const { person, card } = found;
  await recordRead(db, services, access, 'card');
  const asOf = services.clock.now().toISOString();
  if (!card) return { card: null, asOf };
  const today = vietnamDate(services.clock.now());
  return {
    asOf,
    card: {
      cardCode: card.cardCode,
      bhxhCode: person.bhxhCode,
      objectCode: card.objectCode,
      benefitLevel: card.benefitLevel,
      residenceCode: card.residenceCode?.trim() || null,
      holder: {
        fullName: person.fullName,
        birthDate: person.birthDate,
        birthDatePrecision: precisionOf(person.birthDatePrecision),
        sex: sexOf(person.sex),
      },
      facility: { code: card.facilityCode, name: card.facilityName, address: card.facilityAddress },
      validFrom: card.validFrom,
      validTo: card.validTo,
      fiveYearsDate: card.fiveYearsDate,
      status: cardStatus(card, today),
      issuedOn: card.issuedOn,
      issuingAgency: card.issuingAgency,
    },
  };
}

/**
 * Signs a credential for the card bound to the caller's device key. Only the holder's own account (or a parent's,
 * for a child's card) gets one — officers never: a credential is what a patient shows at the desk.
 */
export async function issueCredential(
  db: Db,
  services: Services,
  access: RecordAccess,
  request: CredentialRequest,
): Promise<CredentialResponse> {
  if (access.reader && access.reader.actorType !== 'guardian') throw new AppError('FORBIDDEN', 403);
  const publicKey = fromBase64Url(request.deviceKey.publicKey);
  if (!publicKey || !(await importDevicePublicKey(request.deviceKey.alg, publicKey))) {
    throw new AppError('DEVICE_KEY_INVALID', 400);
  }
  const found = await repo.holderWithCard(db, access.personId);
  if (!found) throw notFound();
  const { person, card } = found;
  const today = vietnamDate(services.clock.now());
  if (!card || card.status !== 'active' || (card.validTo !== null && card.validTo < today)) {
    throw new AppError('NO_ACTIVE_CARD', 409);
  }
  const key = await services.cardKeys.signingKey();
  const now = services.clock.now();
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + CREDENTIAL_LIFETIME_DAYS * 86_400;
  const credential = await signCredential(
    {
      kid: key.kid,
      cardCode: card.cardCode,
      fullName: person.fullName,
      birthDate: person.birthDate,
      birthDatePrecision: precisionOf(person.birthDatePrecision),
      sex: sexOf(person.sex),
      facilityCode: card.facilityCode,
      validFrom: card.validFrom,
      validTo: card.validTo,
      fiveYearsDate: card.fiveYearsDate,
      issuedAt,
      expiresAt,
      deviceKey: { alg: request.deviceKey.alg, publicKey },
    },
    key.privateKey,
  );
  const accountId = access.reader?.accountId ?? (await holderAccountId(db, access));
  await repo.recordCredential(db, {
    cardId: card.id,
    accountId,
    deviceKeyThumbprint: createHash('sha256').update(publicKey).digest('base64url'),
    kid: key.kid,
    issuedAt: new Date(issuedAt * 1000),
    expiresAt: new Date(expiresAt * 1000),
    credentialDigest: credentialDigest(credential),
  });
  await recordRead(db, services, access, 'credential');
  return {
    credential: toBase64Url(credential),
    kid: key.kid,
    issuedAt: new Date(issuedAt * 1000).toISOString(),
    expiresAt: new Date(expiresAt * 1000).toISOString(),
  };
}

async function holderAccountId(db: Db, access: RecordAccess): Promise<number> {
  const id = await repo.accountIdOfPerson(db, access.personId);
  if (id === undefined) throw notFound();
  return id;
}

// ---- Participation ----

function monthCount(months: number) {
  return { months, years: Math.floor(months / 12), remainderMonths: months % 12 };
}

function totalsFor(scheme: ParticipationScheme, rows: Awaited<ReturnType<typeof repo.schemeTotals>>): SchemeTotals {
  const row = rows.find((r) => r.scheme === scheme);
  return {
    scheme,
    paid: monthCount(row?.paidMonths ?? 0),
    arrears: { months: row?.arrearsMonths ?? 0, amount: row?.arrearsAmount ?? 0 },
    firstMonth: row?.firstMonth ?? null,
    lastMonth: row?.lastMonth ?? null,
  };
}

export async function readParticipationSummary(db: Db, services: Services, access: RecordAccess): Promise<ParticipationSummary> {
  const rows = await repo.schemeTotals(db, access.personId);
  await recordRead(db, services, access, 'participation');
  return { schemes: PARTICIPATION_SCHEMES.map((scheme) => totalsFor(scheme, rows)) };
}

function monthsBetween(from: string, to: string): number {
  const [fy = 0, fm = 0] = from.split('-').map(Number);
  const [ty = 0, tm = 0] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

export async function readParticipation(
  db: Db,
  services: Services,
  access: RecordAccess,
  query: { scheme: ParticipationScheme; page: number; pageSize: number },
): Promise<ParticipationPage> {
  const [rows, totals] = await Promise.all([
    repo.periodsOf(db, access.personId, query.scheme, pageWindow(query.page, query.pageSize)),
    repo.schemeTotals(db, access.personId),
  ]);
  // The page carries the count; a page past the end has no rows to carry it.
  const total = rows[0]?.total ?? (query.page === 1 ? 0 : await repo.countPeriods(db, access.personId, query.scheme));
  await recordRead(db, services, access, 'participation');
  return {
    items: rows.map((row) => ({
      fromMonth: row.fromMonth,
      toMonth: row.toMonth,
      months: monthsBetween(row.fromMonth, row.toMonth),
      kind: row.scheme === 'bhxh_voluntary' ? 'voluntary' : 'compulsory',
      employer: row.employerName ? { name: row.employerName, taxCode: row.employerTaxCode ?? '' } : null,
      occupation: row.occupation,
      position: row.position,
      salaryBase: row.salaryBase,
      monthlyAmount: row.monthlyAmount,
      status: row.status === 'arrears' ? 'arrears' : 'paid',
    })),
    page: query.page,
    pageSize: query.pageSize,
    total,
    totals: totalsFor(query.scheme, totals),
  };
}

// ---- Benefits ----

export async function readBenefits(
  db: Db,
  services: Services,
  access: RecordAccess,
  query: { kind?: string | undefined; page: number; pageSize: number },
): Promise<BenefitPage> {
  const [rows, total] = await Promise.all([
    repo.benefitsOf(db, access.personId, query.kind, pageWindow(query.page, query.pageSize)),
    repo.countBenefits(db, access.personId, query.kind),
  ]);
  await recordRead(db, services, access, 'benefits');
  return {
    items: rows.map((row) => ({
      id: row.id,
      kind: benefitKind.parse(row.kind),
      fromDate: row.fromDate,
      toDate: row.toDate,
      amount: row.amount,
      monthlyAmount: row.monthlyAmount,
      decisionNumber: row.decisionNumber,
      decidedOn: row.decidedOn,
      agency: row.agency,
      details: row.details
        ? Object.fromEntries(
            Object.entries(row.details).filter((entry): entry is [string, number | string] =>
              ['number', 'string'].includes(typeof entry[1]),
            ),
          )
        : null,
    })),
    page: query.page,
    pageSize: query.pageSize,
    total,
  };
}

// ---- Medical history ----

export async function readMedicalHistory(
  db: Db,
  services: Services,
  access: RecordAccess,
  query: { year?: number | undefined; page: number; pageSize: number },
): Promise<MedicalHistory> {
  const years = await repo.medicalYears(db, access.personId);
  const year = query.year ?? years[0]?.year ?? null;
  const rows = year === null ? [] : await repo.visitsOf(db, access.personId, year, pageWindow(query.page, query.pageSize));
  await recordRead(db, services, access, 'medical');
  return {
    years,
    year,
    items: rows.map((row) => ({
      id: row.id,
      facility: { code: row.facilityCode, name: row.facilityName },
      admittedAt: row.admittedAt.toISOString(),
      dischargedAt: row.dischargedAt?.toISOString() ?? null,
      visitType: visitType.parse(row.visitType),
      diagnosis: row.icd10Code ? { code: row.icd10Code, name: row.icd10Name ?? '' } : null,
      totalCost: row.totalCost,
      bhytPaid: row.bhytPaid,
      patientPaid: row.patientPaid,
    })),
    page: query.page,
    pageSize: query.pageSize,
    total: years.find((y) => y.year === year)?.visits ?? 0,
  };
}

// ---- Access ledger (only the person, or a parent for a child, reads it; reading it is not itself recorded) ----

export async function readAccessEvents(
  db: Db,
  access: RecordAccess,
  query: { page: number; pageSize: number },
): Promise<AccessEventPage> {
  if (access.reader && access.reader.actorType !== 'guardian') throw notFound();
  const [rows, total] = await Promise.all([
    repo.accessEventsOf(db, access.personId, pageWindow(query.page, query.pageSize)),
    repo.countAccessEvents(db, access.personId),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actorType: row.actorType as AccessEventPage['items'][number]['actorType'],
      actorName: row.actorName,
      organisation: row.organisation,
      purpose: row.purpose,
      resource: row.resource,
      result: row.result,
    })),
    page: query.page,
    pageSize: query.pageSize,
    total,
  };
}
