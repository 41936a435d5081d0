// The officer back office: the agency's queue, a form side by side with the BHXH record, and the decisions.
// Every read and write is scoped to the officer's agency; another agency's form is "not found".
import { randomInt } from 'node:crypto';
import {
  foldVietnamese,
  type OfficerRegistrationDetail,
  type OfficerRegistrationPage,
  type OfficerRegistrationQuery,
  type RejectionReason,
  REGISTRATION_PHOTO_PURPOSES,
  type RegistrationPhotoPurpose,
  vietnamDate,
} from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { generateOneTimePassword, hashPassword } from '../../platform/passwords.ts';
import type { Services } from '../../platform/services.ts';
import { holidayCalendar, workingDaysLeft } from './expiry.ts';
import * as repo from './repo.ts';
import { isMinor, mappingConflicts, presentItem, type RequestContext } from './service.ts';

/** Missing and "another agency's" are the same answer. */
async function scopedRegistration(db: Db, id: number, agencyId: number): Promise<repo.RegistrationRow> {
  const row = await repo.findRegistration(db, id);
  if (!row || row.agencyId !== agencyId) throw notFound();
  return row;
}

/** Free text: a BHXH code, the start of a dossier number, or words of the name (accents and case ignored). */
function textFilter(q: string | undefined): repo.RegistrationFilter {
  if (!q) return {};
  if (/^\d{10}$/.test(q)) return { bhxhCode: q };
  if (/^\d{1,5}(\.gd\b.*)?$/i.test(q)) return { dossierPrefix: q.toUpperCase() };
  return { nameWords: foldVietnamese(q).split(' ').filter(Boolean) };
}

export async function officerQueue(
  db: Db,
  services: Services,
  agencyId: number,
  query: OfficerRegistrationQuery,
): Promise<OfficerRegistrationPage> {
  const today = vietnamDate(services.clock.now());
  const holidays = await holidayCalendar(db, today);
  const { total, rows } = await repo.listRegistrations(
    db,
    { agencyId, status: query.status, kind: query.kind, batchId: query.batchId, ...textFilter(query.q) },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  return {
    items: rows.map((row) =>
      presentItem(row, today, (expiresOn) => workingDaysLeft(today, expiresOn, holidays)),
    ),
    page: query.page,
    pageSize: query.pageSize,
    total,
  };
}

const PHOTO_COLUMNS = {
  portrait: 'portraitFileId',
  id_front: 'idFrontFileId',
  id_back: 'idBackFileId',
  birth_certificate: 'birthCertificateFileId',
} as const satisfies Record<RegistrationPhotoPurpose, keyof repo.RegistrationRow>;

async function fullAddress(db: Db, street: string, communeCode: string): Promise<string> {
  const names = await repo.addressNames(db, communeCode);
  return names ? `${street}, ${names.communeName}, ${names.provinceName}` : street;
}

export async function officerDetail(
  db: Db,
  services: Services,
  agencyId: number,
  id: number,
): Promise<OfficerRegistrationDetail> {
  const row = await scopedRegistration(db, id, agencyId);
  const today = vietnamDate(services.clock.now());
  const holidays = await holidayCalendar(db, today);
  const [person, agency, parent, events] = [
    await repo.findPersonById(db, row.personId),
    await repo.findAgencyById(db, row.agencyId),
    row.parentAccountId === null ? undefined : await repo.findAccount(db, row.parentAccountId),
    await repo.eventsOf(db, row.id),
  ];
  const submitter = parent?.displayName ?? row.fullName;
  return {
    ...presentItem(row, today, (expiresOn) => workingDaysLeft(today, expiresOn, holidays)),
    form: {
      personalId: row.personalId ?? '',
      birthDate: row.birthDate,
      phone: row.phone,
      email: row.email,
      address: await fullAddress(db, row.street, row.communeCode),
      agencyName: agency?.name ?? '',
      parentName: parent?.displayName ?? null,
    },
    record: person
      ? {
          fullName: person.fullName,
          birthDate: person.birthDate,
          sex: person.sex === 'female' ? 'female' : 'male',
          personalId: person.personalId,
          address: await fullAddress(db, person.street, person.communeCode),
        }
      : null,
    photos: REGISTRATION_PHOTO_PURPOSES.flatMap((purpose) =>
      row[PHOTO_COLUMNS[purpose]]
        ? [{ purpose, url: `/api/v1/officer/registrations/${row.id}/photos/${purpose}` }]
        : [],
    ),
    decisions: events.map((event) => ({
      at: event.at.toISOString(),
      action: event.action,
      // The form itself is sent by the person (or the parent); expiry is the system's doing.
      actorName: event.actorName ?? (event.action === 'submitted' ? submitter : 'Hệ thống BHXH'),
      reasonCode: event.reasonCode,
      note: event.note,
    })),
    allowedActions: row.status === 'submitted' ? ['approve', 'reject'] : [],
  };
}

/** The detail as an officer opens it: the viewing is logged, like every officer access to a person's data. */
export async function viewRegistration(
  db: Db,
  services: Services,
  input: { agencyId: number; id: number },
  context: RequestContext,
): Promise<OfficerRegistrationDetail> {
  const detail = await officerDetail(db, services, input.agencyId, input.id);
  await recordAudit(db, {
    actorType: context.actor.type,
    actorId: context.actor.accountId,
    action: 'registration.viewed',
    subjectType: 'registration',
    subjectId: detail.id,
    requestId: context.requestId,
  });
  return detail;
}

/** An ID photo for the officer's eyes; each viewing is logged (the person can see who looked at their data). */
export async function officerPhoto(
  db: Db,
  services: Services,
  input: { agencyId: number; id: number; purpose: RegistrationPhotoPurpose },
  context: RequestContext,
): Promise<{ content: Buffer; mimeType: string }> {
  const row = await scopedRegistration(db, input.id, input.agencyId);
  const fileId = row[PHOTO_COLUMNS[input.purpose]];
  const file = fileId ? await repo.findStoredFile(db, fileId) : undefined;
  if (!file) throw notFound();
  const content = await services.files.get(file.storageKey);
  await recordAudit(db, {
    actorType: context.actor.type,
    actorId: context.actor.accountId,
    action: 'registration.photo_viewed',
    subjectType: 'registration',
    subjectId: row.id,
    requestId: context.requestId,
    details: { purpose: input.purpose, personId: row.personId },
  });
  return { content, mimeType: file.mimeType };
}

// ---- Decisions ----

/** The seeds' wording of the credentials message. */
export const credentialsNotice = (login: string, password: string) =>
  `Hoan tat thu tuc thanh cong --- Tai Khoan: ${login}- Mat Khau: ${password}`;

export const childLinkedNotice = (childBhxhCode: string, dossierNumber: string) =>
  `BHXH Viet Nam da duyet ho so ${dossierNumber}: tre co ma so BHXH ${childBhxhCode} da duoc lien ket voi tai khoan VssID cua ban.`;

/** Plain words for each reason, as the SMS carries them. */
export const REJECTION_WORDS: Record<RejectionReason, string> = {
  id_photo_unreadable: 'anh giay to tuy than khong ro hoac khong doc duoc',
  id_mismatch: 'thong tin tren giay to tuy than khong khop voi to khai',
  portrait_mismatch: 'anh chan dung khong khop voi anh tren giay to tuy than',
  bhxh_code_mismatch: 'ma so BHXH khong dung voi nguoi dang ky',
  not_parent: 'khong xac minh duoc quan he cha me va con',
  duplicate: 'ho so bi trung',
  other: 'ly do khac',
};

export function rejectionNotice(
  dossierNumber: string,
  reason: RejectionReason,
  note: string | undefined,
): string {
  // Free text only for "other", shortened: an SMS is not a letter.
  const detail = reason === 'other' && note ? `: ${note.slice(0, 120)}` : '';
  return `To khai dang ky giao dich dien tu so ${dossierNumber} khong duoc duyet. Ly do: ${REJECTION_WORDS[reason]}${detail}. Vui long kiem tra va dang ky lai. Lien he 19009068 de duoc ho tro.`;
}

/** Locks the form for a decision and re-checks it under the lock (another officer may have been quicker). */
async function lockForDecision(tx: Db, id: number, agencyId: number): Promise<repo.RegistrationRow> {
  const locked = await repo.lockRegistration(tx, id);
  if (!locked || locked.agencyId !== agencyId) throw notFound();
  if (locked.status !== 'submitted') throw new AppError('REGISTRATION_DECIDED', 409);
  return locked;
}

/**
 * Approval. Own form: the citizen account (login = BHXH code, a one-time password that must be changed at first
 * sign-in) and the credentials SMS. Child's form: no account — the parent gains the child after the registry confirms
 * the relation. Either way one transaction: a failed step leaves the form waiting and nothing else written.
 */
export async function approveRegistration(
  db: Db,
  services: Services,
  input: { registrationId: number; agencyId: number },
  context: RequestContext,
): Promise<void> {
  const registration = await scopedRegistration(db, input.registrationId, input.agencyId);
  if (registration.status !== 'submitted') throw new AppError('REGISTRATION_DECIDED', 409);
  if (registration.kind === 'child') await approveChild(db, services, registration, context);
  else await approveOwn(db, services, registration, context);
}

async function approveOwn(
  db: Db,
  services: Services,
  registration: repo.RegistrationRow,
  context: RequestContext,
) {
  if (await repo.accountOfPerson(db, registration.personId)) throw new AppError('ACCOUNT_EXISTS', 409);
  if (await repo.citizenAccountWithPhone(db, registration.phone, registration.personId))
    throw new AppError('PHONE_IN_USE', 409);
  const password = generateOneTimePassword((n) => randomInt(n));
  // Hashed before the transaction: argon2 is deliberately slow and should not hold the row lock.
  const passwordHash = await hashPassword(password);
  const now = services.clock.now();
  await mappingConflicts(() =>
    db.transaction(async (tx) => {
      const form = await lockForDecision(tx, registration.id, registration.agencyId);
      const account = await repo.insertAccount(tx, {
        role: 'citizen',
        login: form.bhxhCode,
        personId: form.personId,
        displayName: form.fullName,
        phone: form.phone,
        email: form.email,
        passwordHash,
        mustChangePassword: true,
        passwordChangedAt: now,
        createdAt: now,
      });
      await repo.closeRegistration(tx, form.id, 'approved', now);
      await repo.insertEvent(tx, {
        registrationId: form.id,
        action: 'approved',
        at: now,
        actorAccountId: context.actor.accountId,
      });
      await services.sms.send(form.phone, credentialsNotice(form.bhxhCode, password), 'account', tx);
      await recordAudit(tx, {
        actorType: context.actor.type,
        actorId: context.actor.accountId,
        action: 'registration.approved',
        subjectType: 'registration',
        subjectId: form.id,
        requestId: context.requestId,
        details: { kind: 'self', accountId: account.id },
      });
    }),
  );
}

async function approveChild(
  db: Db,
  services: Services,
  registration: repo.RegistrationRow,
  context: RequestContext,
) {
  const now = services.clock.now();
  const parent =
    registration.parentAccountId === null
      ? undefined
      : await repo.findAccount(db, registration.parentAccountId);
  const parentPerson = parent?.personId ? await repo.findPersonById(db, parent.personId) : undefined;
  if (!parent || !parentPerson?.personalId) throw new AppError('NOT_A_PARENT', 409);
  if (!isMinor(registration.birthDate, vietnamDate(now))) throw new AppError('CHILD_NOT_ELIGIBLE', 409);
  if (!(await services.registry.isParentOf(parentPerson.personalId, registration.bhxhCode))) {
    throw new AppError('NOT_A_PARENT', 409);
  }
  await mappingConflicts(() =>
    db.transaction(async (tx) => {
      const form = await lockForDecision(tx, registration.id, registration.agencyId);
      await repo.insertGuardianship(tx, {
        parentAccountId: parent.id,
        childPersonId: form.personId,
        registrationId: form.id,
        createdAt: now,
      });
      await repo.closeRegistration(tx, form.id, 'approved', now);
      await repo.insertEvent(tx, {
        registrationId: form.id,
        action: 'approved',
        at: now,
        actorAccountId: context.actor.accountId,
      });
      await services.sms.send(
        parent.phone,
        childLinkedNotice(form.bhxhCode, form.dossierNumber),
        'account',
        tx,
      );
      await recordAudit(tx, {
        actorType: context.actor.type,
        actorId: context.actor.accountId,
        action: 'registration.approved',
        subjectType: 'registration',
        subjectId: form.id,
        requestId: context.requestId,
        details: { kind: 'child', parentAccountId: parent.id },
      });
    }),
  );
}

export async function rejectRegistration(
  db: Db,
  services: Services,
  input: { registrationId: number; agencyId: number; reasonCode: RejectionReason; note?: string | undefined },
  context: RequestContext,
): Promise<void> {
  const registration = await scopedRegistration(db, input.registrationId, input.agencyId);
  if (registration.status !== 'submitted') throw new AppError('REGISTRATION_DECIDED', 409);
  const now = services.clock.now();
  await db.transaction(async (tx) => {
    const form = await lockForDecision(tx, registration.id, registration.agencyId);
    await repo.closeRegistration(tx, form.id, 'rejected', now);
    await repo.insertEvent(tx, {
      registrationId: form.id,
      action: 'rejected',
      at: now,
      actorAccountId: context.actor.accountId,
      reasonCode: input.reasonCode,
      note: input.note ?? null,
    });
    await services.sms.send(
      form.phone,
      rejectionNotice(form.dossierNumber, input.reasonCode, input.note),
      'registration',
      tx,
    );
    await recordAudit(tx, {
      actorType: context.actor.type,
      actorId: context.actor.accountId,
      action: 'registration.rejected',
      subjectType: 'registration',
      subjectId: form.id,
      requestId: context.requestId,
      // The reason code only: the officer's note may name people.
      details: { reasonCode: input.reasonCode },
    });
  });
}

/**
 * Approves the forms an employer forwarded, each on its own (its own transaction and SMS): one form that cannot be
 * approved (phone already taken…) stays in the queue with its reason, and the others go through.
 */
export async function approveBatch(
  db: Db,
  services: Services,
  input: { batchId: number; agencyId: number },
  context: RequestContext,
): Promise<{ approved: number; failed: Array<{ id: number; code: string }> }> {
  const batch = await repo.findEmployerBatch(db, input.batchId);
  if (!batch || batch.agencyId !== input.agencyId) throw notFound();
  const ids = await repo.submittedRegistrationIdsOfBatch(db, batch.id, input.agencyId);
  let approved = 0;
  const failed: Array<{ id: number; code: string }> = [];
  for (const registrationId of ids) {
    try {
      await approveRegistration(db, services, { registrationId, agencyId: input.agencyId }, context);
      approved += 1;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failed.push({ id: registrationId, code: error.code });
    }
  }
  await recordAudit(db, {
    actorType: context.actor.type,
    actorId: context.actor.accountId,
    action: 'employer_batch.approved',
    subjectType: 'employer_batch',
    subjectId: batch.id,
    requestId: context.requestId,
    details: { approved, failed: failed.length },
  });
  return { approved, failed };
}
