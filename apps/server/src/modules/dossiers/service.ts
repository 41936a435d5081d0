// The citizen's side of public-service dossiers: file (idempotently), follow, answer a request for information,
// withdraw; and the monthly benefits' payment arrangements the forms start from.
import { createHash } from 'node:crypto';
import {
  cardReissueForm,
  DOSSIER_TYPE_SPECS,
  type DossierDetail,
  type DossierItem,
  type DossierStatus,
  type DossierSubmission,
  FINAL_DOSSIER_STATUSES,
  foldVietnamese,
  type PaymentArrangement,
  vietnamDate,
} from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import type { Principal } from '../../platform/auth.ts';
import { auditRow } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Services } from '../../platform/services.ts';
import { holidayYearsAround, holidaySetOf } from '../registrations/expiry.ts';
import type { AccountRow } from '../registrations/repo.ts';
import { activeAccount, callerAccount, violatedConstraint } from '../registrations/service.ts';
import { attachUploads, checkUploads } from '../registrations/uploads.ts';
import { type DossierActor, dossierNotice, dueDate, dueDateIn, statusOf, transition, typeOf } from './engine.ts';
import { arrangementOf, checkAccountHolder, effectiveArrangements, presentArrangements } from './payments.ts';
import { hasReceipt } from './receipt.ts';
import * as repo from './repo.ts';

/** The signed-in citizen and their person record; other roles are refused. */
export async function citizenOf(db: Db, principal: Principal): Promise<Citizen> {
  const account = await callerAccount(db, principal);
  return citizenFrom(account, isCitizen(account) && account.personId !== null ? await repo.personOf(db, account.personId) : undefined);
}

type Filer = NonNullable<Awaited<ReturnType<typeof repo.personOf>>>;
interface Citizen {
  account: AccountRow;
  person: Filer;
}

const isCitizen = (account: AccountRow) => account.role === 'citizen';

/** The citizen from their account (already checked active) and person rows, as read; other roles are refused. */
function citizenFrom(account: AccountRow, person: Filer | null | undefined): Citizen {
  if (!isCitizen(account) || account.personId === null || !person) throw new AppError('FORBIDDEN', 403);
  return { account, person };
}

// ---- Presenting ----

export function isOpen(status: DossierStatus): boolean {
  return !FINAL_DOSSIER_STATUSES.includes(status);
}

export function presentItem(row: repo.DossierRow): DossierItem {
  const status = statusOf(row);
  return {
    id: row.id,
    dossierNumber: row.dossierNumber,
    type: typeOf(row),
    status,
    submittedAt: row.submittedAt.toISOString(),
    dueOn: isOpen(status) ? row.dueOn : null,
    agencyName: row.agencyName,
  };
}

/** The timeline: the filer is "self" (the app says "you"); staff by name — a person may know who handled it. */
export async function timeline(db: Db, row: repo.DossierRow) {
  return timelineOf(row, await repo.eventsOf(db, row.id));
}

type EventRow = Pick<Awaited<ReturnType<typeof repo.eventsOf>>[number], 'at' | 'action' | 'status' | 'actorAccountId' | 'actorName' | 'reasonCode' | 'note'>;

function timelineOf(row: repo.DossierRow, events: EventRow[]): DossierDetail['events'] {
  return events.map((event) => ({
    at: event.at.toISOString(),
    action: event.action as DossierDetail['events'][number]['action'],
    status: statusOf(event),
    actor: event.actorAccountId === row.accountId ? 'self' : event.actorName,
    reasonCode: event.reasonCode,
    note: event.note,
  }));
}

async function presentDetail(db: Db, row: repo.DossierRow): Promise<DossierDetail> {
  const attachments = await repo.attachmentsOf(db, row.id);
  return detailOf(row, attachments, await timeline(db, row));
}

function detailOf(row: repo.DossierRow, attachments: Array<{ fileId: string; purpose: string }>, events: DossierDetail['events']): DossierDetail {
  const status = statusOf(row);
  return {
    ...presentItem(row),
    form: row.form,
    attachments: attachments.map((a) => ({
      id: a.fileId,
      purpose: a.purpose as DossierDetail['attachments'][number]['purpose'],
    })),
    events,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    receiptUrl: hasReceipt(row) ? `/api/v1/dossiers/${row.id}/receipt` : null,
    allowedActions: [
      ...(status === 'needs_info' ? (['resubmit'] as const) : []),
      ...(isOpen(status) ? (['withdraw'] as const) : []),
    ],
  };
}

// ---- Filing ----

/** The checks a type needs against the records before it is filed (the officer sees them again). */
async function checkAgainstRecords(
  db: Db,
  services: Services,
  citizen: Citizen & { hasCardInForce: boolean },
  submission: DossierSubmission,
  today: string,
) {
  switch (submission.type) {
    case 'book_reissue':
      return;
    case 'card_reissue': {
      cardReissueForm.parse(submission.form);
      if (!citizen.hasCardInForce) throw new AppError('NO_ACTIVE_CARD', 409);
      return;
    }
    case 'pension_place_change': {
      const form = submission.form;
      const { arrangement } = await arrangementOf(db, citizen.person, form.benefitPaymentId, today);
      const [place] = await repo.placeNames(db, [form.communeCode]);
      if (!place || place.provinceCode !== form.provinceCode) {
        throw new AppError('VALIDATION_FAILED', 400, {
          fields: { 'form.communeCode': { key: 'unknownCommune' } },
        });
      }
      if (
        arrangement.communeCode === form.communeCode &&
        foldVietnamese(arrangement.street) === foldVietnamese(form.street)
      ) {
        throw new AppError('SAME_PAY_PLACE', 409);
      }
      return;
    }
    case 'receipt_method_change': {
      const form = submission.form;
      await arrangementOf(db, citizen.person, form.benefitPaymentId, today);
      if (form.method === 'bank_account' && form.bankCode && form.accountNumber) {
        await checkAccountHolder(db, services, citizen.person, form.bankCode, form.accountNumber);
      }
      return;
    }
  }
}

function requireAttachments(submission: DossierSubmission) {
  const given = new Set(submission.attachments.map((a) => a.purpose));
  const missing = DOSSIER_TYPE_SPECS[submission.type]
    .requiredAttachments(submission.form)
    .filter((p) => !given.has(p));
  if (missing.length > 0) {
    throw new AppError('ATTACHMENT_REQUIRED', 400, {
      fields: { attachments: { key: 'attachmentRequired' } },
    });
  }
}

const hashOf = (submission: DossierSubmission) =>
  createHash('sha256').update(JSON.stringify(submission)).digest('hex');

/**
 * Files a dossier. The client sends an Idempotency-Key per submission: a retry with the same key and body answers
 * the dossier the first attempt made (created: false); the same key with another body is refused.
 */
export async function submitDossier(
  db: Db,
  services: Services,
  principal: Principal,
  input: { idempotencyKey: string; submission: DossierSubmission; requestId?: string },
): Promise<{ created: boolean; dossier: DossierDetail }> {
  const { submission } = input;
  const now = services.clock.now();
  const today = vietnamDate(now);
  const context = await repo.filingContext(db, {
    accountId: principal.accountId,
    idempotencyKey: input.idempotencyKey,
    type: submission.type,
    today,
    ...holidayYearsAround(today),
  });
  // No row: the account is gone (signed out, as callerAccount answers).
  if (!context) throw new AppError('UNAUTHORIZED', 401);
  const citizen = citizenFrom(activeAccount(context.account), context.person);
  const requestHash = hashOf(submission);
  const replay = async (existing: { id: number; requestHash: string } | null | undefined) => {
    if (!existing) return null;
    if (existing.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED', 409);
    const row = await repo.findDossier(db, existing.id, { accountId: citizen.account.id });
    if (!row) throw notFound();
    return { created: false, dossier: await presentDetail(db, row) };
  };
  const earlier = await replay(context.earlier);
  if (earlier) return earlier;

  requireAttachments(submission);
  const uploadIds = await checkUploads(
    db,
    submission.attachments.map((a, index) => ({
      field: `attachments.${index}`,
      id: a.uploadId,
      purpose: a.purpose,
    })),
  );
  await checkAgainstRecords(db, services, { ...citizen, hasCardInForce: context.hasCardInForce }, submission, today);
  if (context.openDossierId !== null) throw new AppError('DOSSIER_PENDING', 409);
  const { agency } = context;
  if (!agency) throw new AppError('SERVICE_UNAVAILABLE', 503);
  const dueOn = dueDateIn(submission.type, now, holidaySetOf(context.holidays));
  const id = context.newDossierId;
  const year = Number(today.slice(0, 4));
  // Numbers for public services: `00012.DV/2026/001`, the registration's pattern with DV (dịch vụ công).
  const filing: repo.Filing = {
    numbering: { series: 'DV', year },
    dossier: {
      id,
      type: submission.type,
      status: 'submitted',
      personId: citizen.person.id,
      accountId: citizen.account.id,
      agencyId: agency.id,
      idempotencyKey: input.idempotencyKey,
      requestHash,
      form: submission.form,
      submittedAt: now,
      dueOn,
    },
    event: { at: now, action: 'submit', status: 'submitted', actorAccountId: citizen.account.id },
    notice: dossierNotice({ id, accountId: citizen.account.id, dossierNumber: '' }, 'submitted', now, dueOn),
    audit: auditRow({
      actorType: 'citizen',
      actorId: citizen.account.id,
      action: 'dossier.submit',
      subjectType: 'dossier',
      subjectId: id,
      requestId: input.requestId,
      details: { type: submission.type, agencyId: agency.id },
    }),
  };
  let dossierNumber: string;
  try {
    // Without uploads the filing goes into one statement with the filings that arrive while one commits, committed by
    // itself (see repo.fileDossier); with them, the uploads are claimed in the same transaction, after the number (a
    // claim that fails gives the number back).
    dossierNumber =
      uploadIds.length === 0
        ? await repo.fileDossier(db, filing)
        : await db.transaction(async (tx) => {
            const [number] = await repo.fileDossiers(tx, [filing]);
            if (number === undefined) throw new Error('the filing statement answered no number');
            await attachUploads(tx, uploadIds, now);
            await repo.insertAttachments(
              tx,
              submission.attachments.map((a) => ({ dossierId: id, fileId: a.uploadId, purpose: a.purpose, addedAt: now })),
            );
            return number;
          });
  } catch (error) {
    // Two requests raced past the checks above: the database keeps one dossier per key and one open per type.
    const constraint = violatedConstraint(error);
    if (constraint === 'dossiers_idempotency_uq') {
      const raced = await replay(await repo.findByIdempotencyKey(db, citizen.account.id, input.idempotencyKey));
      if (raced) return raced;
    }
    if (constraint === 'dossiers_one_open_uq') throw new AppError('DOSSIER_PENDING', 409);
    throw error;
  }
  // The answer is made from what the transaction wrote rather than read back (three statements fewer on the busiest
  // write path); dossiers.test.ts checks it equals a later read of the dossier.
  const filed: repo.DossierRow = {
    id,
    dossierNumber,
    type: submission.type,
    status: 'submitted',
    personId: citizen.person.id,
    accountId: citizen.account.id,
    agencyId: agency.id,
    agencyName: agency.name,
    idempotencyKey: input.idempotencyKey,
    requestHash,
    form: submission.form,
    submittedAt: now,
    dueOn,
    receivedByAccountId: null,
    claimedByAccountId: null,
    decidedByAccountId: null,
    decidedAt: null,
    reasonCode: null,
    effect: null,
    fullName: citizen.person.fullName,
    bhxhCode: citizen.person.bhxhCode,
    receivedBy: null,
    claimedBy: null,
  };
  // Attachments are listed by when they were added, then by file id (repo.attachmentsOf): here all at once, and the
  // ids are the stored files' own (checkUploads matched them exactly), lower-case UUIDs, which sort the same in
  // JavaScript as under any database collation.
  const attachments = submission.attachments
    .map((a) => ({ fileId: a.uploadId, purpose: a.purpose }))
    .sort((a, b) => (a.fileId < b.fileId ? -1 : a.fileId > b.fileId ? 1 : 0));
  const submitted = { at: now, action: 'submit', status: 'submitted', actorAccountId: citizen.account.id, actorName: citizen.account.displayName, reasonCode: null, note: null };
  return { created: true, dossier: detailOf(filed, attachments, timelineOf(filed, [submitted])) };
}

// ---- Following ----

export async function listOwnDossiers(
  db: Db,
  principal: Principal,
  query: {
    page: number;
    pageSize: number;
    status?: DossierStatus | undefined;
    type?: DossierItem['type'] | undefined;
  },
) {
  const { account } = await citizenOf(db, principal);
  const { rows, total } = await repo.listDossiers(
    db,
    { scope: { accountId: account.id }, status: query.status, type: query.type },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return { items: rows.map(presentItem), page: query.page, pageSize: query.pageSize, total };
}

/** A dossier of the caller's; anyone else's is not found. */
export async function ownDossier(
  db: Db,
  principal: Principal,
  id: number,
  options: { forUpdate?: boolean } = {},
) {
  const { account } = await citizenOf(db, principal);
  const row = await repo.findDossier(db, id, { accountId: account.id }, options);
  if (!row) throw notFound();
  return row;
}

export async function viewOwnDossier(db: Db, principal: Principal, id: number): Promise<DossierDetail> {
  return presentDetail(db, await ownDossier(db, principal, id));
}

const citizenActor = (principal: Principal, requestId?: string): DossierActor => ({
  accountId: principal.accountId,
  role: 'citizen',
  requestId,
});

/** Answers a request for information: a note and perhaps new attachments; the processing time starts again. */
export async function resubmitDossier(
  db: Db,
  services: Services,
  principal: Principal,
  id: number,
  input: { note: string; attachments: DossierSubmission['attachments'] },
  requestId?: string,
): Promise<DossierDetail> {
  const uploadIds = await checkUploads(
    db,
    input.attachments.map((a, index) => ({
      field: `attachments.${index}`,
      id: a.uploadId,
      purpose: a.purpose,
    })),
  );
  await db.transaction(async (tx) => {
    const row = await ownDossier(tx, principal, id, { forUpdate: true });
    const now = services.clock.now();
    await attachUploads(tx, uploadIds, now);
    await repo.insertAttachments(
      tx,
      input.attachments.map((a) => ({
        dossierId: row.id,
        fileId: a.uploadId,
        purpose: a.purpose,
        addedAt: now,
      })),
    );
    await transition(tx, services, row, 'resubmit', citizenActor(principal, requestId), {
      note: input.note,
      changes: { dueOn: await dueDate(tx, typeOf(row), now) },
    });
  });
  return viewOwnDossier(db, principal, id);
}

export async function withdrawDossier(
  db: Db,
  services: Services,
  principal: Principal,
  id: number,
  note: string | undefined,
  requestId?: string,
): Promise<DossierDetail> {
  await db.transaction(async (tx) => {
    const row = await ownDossier(tx, principal, id, { forUpdate: true });
    await transition(tx, services, row, 'withdraw', citizenActor(principal, requestId), { note });
  });
  return viewOwnDossier(db, principal, id);
}

// ---- Payment arrangements (benefits view, and the two payment forms) ----

export async function ownPaymentArrangements(
  db: Db,
  services: Services,
  principal: Principal,
): Promise<PaymentArrangement[]> {
  const { person } = await citizenOf(db, principal);
  return presentArrangements(db, await effectiveArrangements(db, person, vietnamDate(services.clock.now())));
}
