// Form 01 (tờ khai đăng ký giao dịch điện tử): the rules of a citizen's own registration, and the steps every form
// shares (dossier number, validity, log, SMS) with the child registration in children.ts.
import {
  foldVietnamese,
  type OtpChallenge,
  type RegistrationReceipt,
  type RegistrationRequest,
  registrationStatus,
  vietnamDate,
} from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { type AuditEvent, recordAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import type { Services } from '../../platform/services.ts';
import { consumeOtp, issueOtp } from '../accounts/otp.ts';
import { nextDossierNumber } from './dossier-number.ts';
import { expiryDate, holidayCalendar } from './expiry.ts';
import * as repo from './repo.ts';
import { attachUploads, checkUploads } from './uploads.ts';

/** Who acts and under which request: every write records both in the audit log. */
export interface RequestContext {
  requestId?: string;
  actor: { type: AuditEvent['actorType']; accountId: number | null };
}

type FieldErrors = NonNullable<NonNullable<ConstructorParameters<typeof AppError>[2]>['fields']>;

// ---- Shared helpers ----

/** The date `years` years before `date` ('YYYY-MM-DD'); 29 February falls back to the 28th. */
export function yearsBefore(date: string, years: number): string {
  const year = String(Number(date.slice(0, 4)) - years).padStart(4, '0');
  const monthDay = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${year}-${monthDay}`;
}

/** Under 18 on `today`: the 18th birthday is still ahead. */
export function isMinor(birthDate: string, today: string): boolean {
  return birthDate > yearsBefore(today, 18);
}

/** The name of the violated unique constraint, through the driver's and Drizzle's error wrappers. */
export function violatedConstraint(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if (
      'code' in current &&
      current.code === '23505' &&
      'constraint' in current &&
      typeof current.constraint === 'string'
    ) {
      return current.constraint;
    }
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

const CONFLICTS: Record<string, () => AppError> = {
  accounts_login_unique: () => new AppError('ACCOUNT_EXISTS', 409),
  accounts_person_uq: () => new AppError('ACCOUNT_EXISTS', 409),
  accounts_citizen_phone_uq: () =>
    new AppError('PHONE_IN_USE', 409, { fields: { phone: { key: 'mobilePhone' } } }),
  registrations_one_active_uq: () => new AppError('REGISTRATION_PENDING', 409),
  guardianships_parent_account_id_child_person_id_pk: () => new AppError('CHILD_ALREADY_LINKED', 409),
};

/**
 * Runs a write and turns a unique-constraint violation (two requests racing past the checks) into its stable error.
 * The transaction inside has already rolled back by then.
 */
export async function mappingConflicts<T>(
  work: () => Promise<T>,
  overrides: Record<string, () => AppError> = {},
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const constraint = violatedConstraint(error);
    const conflict = constraint ? (overrides[constraint] ?? CONFLICTS[constraint]) : undefined;
    if (conflict) throw conflict();
    throw error;
  }
}

/** The account row of a signed-in caller; a staff account without its scope is refused (misconfiguration). */
export async function callerAccount(db: Db, principal: Principal): Promise<repo.AccountRow> {
  return activeAccount(await repo.findAccount(db, principal.accountId));
}

/** The caller's account row as read, if it is still active (a closed or missing account is signed out: 401). */
export function activeAccount(account: repo.AccountRow | undefined): repo.AccountRow {
  if (!account || account.status !== 'active') throw new AppError('UNAUTHORIZED', 401);
  return account;
}

export async function officerAgencyId(db: Db, principal: Principal): Promise<number> {
  const account = await callerAccount(db, principal);
  if (account.role !== 'officer' || account.agencyId === null) throw new AppError('FORBIDDEN', 403);
  return account.agencyId;
}

export function presentItem(
  row: repo.RegistrationRow,
  today: string,
  daysLeft: (expiresOn: string) => number,
) {
  const status = registrationStatus.parse(row.status);
  return {
    id: row.id,
    dossierNumber: row.dossierNumber,
    kind: row.kind === 'child' ? ('child' as const) : ('self' as const),
    status,
    fullName: row.fullName,
    bhxhCode: row.bhxhCode,
    submittedAt: row.submittedAt.toISOString(),
    expiresOn: row.expiresOn,
    workingDaysLeft: status === 'submitted' && row.expiresOn >= today ? daysLeft(row.expiresOn) : 0,
    identityVerified: row.identityVerified,
    employerBatchId: row.employerBatchId,
  };
}

// ---- OTP ----

export async function requestRegistrationOtp(
  db: Db,
  services: Services,
  phone: string,
  context: RequestContext,
): Promise<OtpChallenge> {
  const challenge = await issueOtp(db, services, { phone, purpose: 'registration' });
  await recordAudit(db, {
    actorType: context.actor.type,
    actorId: context.actor.accountId,
    action: 'otp.issued',
    subjectType: 'otp_challenge',
    subjectId: challenge.challengeId,
    requestId: context.requestId,
    details: { purpose: 'registration' },
  });
  return challenge;
}

// ---- Recording a form (own or child's) ----

export const receivedNotice = (bhxhCode: string, dossierNumber: string) =>
  `BHXH Viet Nam da nhan to khai cua ma so ${bhxhCode} voi so ho so la ${dossierNumber}. Vui long den BHXH gan nhat de hoan tat thu tuc. Lien he 19009068 de duoc ho tro.`;

export type FormFields = Omit<
  repo.NewRegistration,
  'id' | 'dossierNumber' | 'status' | 'submittedAt' | 'expiresOn' | 'agencyId'
>;

/**
 * One transaction: dossier number, the form, its photos claimed, the 'submitted' event, the SMS and the audit entry.
 * A failure at any step leaves none of them.
 */
export async function recordSubmission(
  db: Db,
  services: Services,
  input: { form: FormFields; agency: { id: number; name: string }; uploadIds: string[] },
  context: RequestContext,
): Promise<RegistrationReceipt> {
  const now = services.clock.now();
  const today = vietnamDate(now);
  const expiresOn = expiryDate(today, await holidayCalendar(db, today));
  const registration = await mappingConflicts(() =>
    db.transaction(async (tx) => {
      const dossierNumber = await nextDossierNumber(tx, input.agency.id, Number(today.slice(0, 4)));
      const row = await repo.insertRegistration(tx, {
        ...input.form,
        agencyId: input.agency.id,
        dossierNumber,
        status: 'submitted',
        submittedAt: now,
        expiresOn,
      });
      await attachUploads(tx, input.uploadIds, now);
      await repo.insertEvent(tx, {
        registrationId: row.id,
        action: 'submitted',
        at: now,
        actorAccountId: context.actor.accountId,
      });
      await services.sms.send(row.phone, receivedNotice(row.bhxhCode, dossierNumber), 'registration', tx);
      await recordAudit(tx, {
        actorType: context.actor.type,
        actorId: context.actor.accountId,
        action: 'registration.submitted',
        subjectType: 'registration',
        subjectId: row.id,
        requestId: context.requestId,
        details: { kind: row.kind, agencyId: input.agency.id, identityVerified: row.identityVerified },
      });
      return row;
    }),
  );
  return {
    dossierNumber: registration.dossierNumber,
    status: 'submitted',
    submittedAt: registration.submittedAt.toISOString(),
    expiresOn: registration.expiresOn,
    identityVerified: registration.identityVerified,
    agencyName: input.agency.name,
  };
}

// ---- Form 01 ----

/** Checks that need no OTP and reveal nothing about a person: the office, the address, the photos. */
async function checkFormReferences(db: Db, form: RegistrationRequest, today: string) {
  const fields: FieldErrors = {};
  const agency = await repo.findAgencyInForce(db, form.agencyCode, today);
  if (!agency) fields.agencyCode = { key: 'unknownAgency' };
  const commune = await repo.findCommune(db, form.communeCode);
  if (!commune || commune.provinceCode !== form.provinceCode) fields.communeCode = { key: 'unknownCommune' };
  let uploadIds: string[] = [];
  try {
    uploadIds = await checkUploads(db, [
      { field: 'portraitUploadId', id: form.portraitUploadId, purpose: 'portrait' },
      { field: 'idFrontUploadId', id: form.idFrontUploadId, purpose: 'id_front' },
      { field: 'idBackUploadId', id: form.idBackUploadId, purpose: 'id_back' },
    ]);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    Object.assign(fields, error.details.fields);
  }
  if (!agency || Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', 400, { fields });
  return { agency, uploadIds };
}

/**
 * The BHXH code must exist and belong to the person named (folded name + birth date); the ID number must agree with
 * the BHXH record and, for a 12-digit CCCD, with the population registry. When the registry cannot confirm the
 * number (unknown there, or an old 9-digit CMND it does not index) the form is still accepted, but only with photos
 * of both sides of the ID for the officer to check (identityVerified = false).
 */
async function checkIdentity(db: Db, services: Services, form: RegistrationRequest) {
  const person = await repo.findPersonByBhxhCode(db, form.bhxhCode);
  if (!person)
    throw new AppError('IDENTITY_MISMATCH', 400, { fields: { bhxhCode: { key: 'bhxhCodeUnknown' } } });
  const fields: FieldErrors = {};
  if (person.nameKey !== foldVietnamese(form.fullName)) fields.fullName = { key: 'nameMismatch' };
  // Records that only know the birth year hold 1 January of it: any date in that year agrees.
  const birthAgrees =
    person.birthDatePrecision === 'year'
      ? form.birthDate.slice(0, 4) === String(person.birthYear)
      : form.birthDate === person.birthDate;
  if (!birthAgrees) fields.birthDate = { key: 'birthDateMismatch' };
  const isCccd = form.personalId.length === 12;
  const recordedNumber = isCccd ? person.personalId : person.oldIdNumber;
  if (recordedNumber !== null && recordedNumber !== form.personalId)
    fields.personalId = { key: 'personalIdMismatch' };
  if (Object.keys(fields).length > 0) throw new AppError('IDENTITY_MISMATCH', 400, { fields });

  let identityVerified = false;
  if (isCccd) {
    // The record's date: the form's own, or the 1 January that a year-only record holds.
    const check = await services.registry.checkIdentity({
      personalId: form.personalId,
      fullName: form.fullName,
      birthDate: person.birthDate,
    });
    // The registry knows the number but for someone else: the number is wrong (name and birth date matched BHXH).
    if (!check.matched && check.mismatches.some((field) => field !== 'personalId')) {
      throw new AppError('IDENTITY_MISMATCH', 400, { fields: { personalId: { key: 'personalIdMismatch' } } });
    }
    identityVerified = check.matched;
  }
  if (!identityVerified) {
    const missing: FieldErrors = {};
    if (!form.idFrontUploadId) missing.idFrontUploadId = { key: 'photoRequired' };
    if (!form.idBackUploadId) missing.idBackUploadId = { key: 'photoRequired' };
    if (Object.keys(missing).length > 0) throw new AppError('IDENTITY_UNVERIFIED', 400, { fields: missing });
  }
  return { person, identityVerified };
}

/** One account, one waiting form and one phone per person. */
async function checkOnePerPerson(db: Db, personId: number, phone: string) {
  if (await repo.accountOfPerson(db, personId)) throw new AppError('ACCOUNT_EXISTS', 409);
  if (await repo.activeRegistrationOfPerson(db, personId)) throw new AppError('REGISTRATION_PENDING', 409);
  if (
    (await repo.citizenAccountWithPhone(db, phone, personId)) ||
    (await repo.pendingSelfRegistrationWithPhone(db, phone, personId))
  ) {
    throw new AppError('PHONE_IN_USE', 409, { fields: { phone: { key: 'mobilePhone' } } });
  }
}

/**
 * Order matters: form-level mistakes are reported before the OTP is spent; identity is checked only after the phone
 * is proven, so the endpoint cannot be used as a free oracle on the BHXH records or the population registry.
 */
export async function submitRegistration(
  db: Db,
  services: Services,
  form: RegistrationRequest,
  context: RequestContext,
): Promise<RegistrationReceipt> {
  const today = vietnamDate(services.clock.now());
  const { agency, uploadIds } = await checkFormReferences(db, form, today);
  // Consumed on its own, before the transaction: a wrong try counts even though nothing else is written.
  const otp = await consumeOtp(db, services, {
    challengeId: form.otpChallengeId,
    code: form.otpCode,
    purpose: 'registration',
  });
  if (otp.phone !== form.phone)
    throw new AppError('VALIDATION_FAILED', 400, { fields: { phone: { key: 'otpPhoneMismatch' } } });
  const { person, identityVerified } = await checkIdentity(db, services, form);
  await checkOnePerPerson(db, person.id, form.phone);
  return recordSubmission(
    db,
    services,
    {
      form: {
        kind: 'self',
        personId: person.id,
        parentAccountId: null,
        // The record's spelling: the folded comparison above accepted "nguyen van an" for "Nguyễn Văn An".
        fullName: person.fullName,
        bhxhCode: person.bhxhCode,
        personalId: form.personalId,
        birthDate: person.birthDate,
        phone: form.phone,
        email: form.email ?? null,
        provinceCode: form.provinceCode,
        communeCode: form.communeCode,
        street: form.street,
        identityVerified,
        portraitFileId: form.portraitUploadId,
        idFrontFileId: form.idFrontUploadId ?? null,
        idBackFileId: form.idBackUploadId ?? null,
      },
      agency,
      uploadIds,
    },
    context,
  );
}
