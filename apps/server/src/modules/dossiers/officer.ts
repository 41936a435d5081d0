// The officer's side: a queue per agency (deadlines first, overdue flagged), receive, claim, ask for more
// information, decide. Maker ≠ checker: the officer who received a dossier cannot claim it, and only the officer who
// claimed it decides. A dossier of another agency is not found (404), like any record outside one's scope.
import type { DossierDecisionRequest, OfficerDossierDetail, OfficerDossierItem } from '@vssid/shared';
import { type OFFICER_DOSSIER_ACTIONS, vietnamDate } from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import type { Principal } from '../../platform/auth.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Services } from '../../platform/services.ts';
import { recordAccess } from '../people/repo.ts';
import { recordAudit } from '../../platform/audit.ts';
import { findStoredFile } from '../registrations/repo.ts';
import { callerAccount } from '../registrations/service.ts';
import { applyApproval, checkBeforeApproval } from './effects.ts';
import { type DossierActor, statusOf, transition, typeOf } from './engine.ts';
import { effectiveArrangements, presentArrangements } from './payments.ts';
import * as repo from './repo.ts';
import { isOpen, presentItem, timeline } from './service.ts';

async function officerOf(db: Db, principal: Principal) {
  const account = await callerAccount(db, principal);
  if (account.role !== 'officer' || account.agencyId === null) throw new AppError('FORBIDDEN', 403);
  return { accountId: account.id, agencyId: account.agencyId, name: account.displayName };
}
type Officer = Awaited<ReturnType<typeof officerOf>>;

function presentOfficerItem(row: repo.DossierRow, today: string): OfficerDossierItem {
  const item = presentItem(row);
  return {
    ...item,
    fullName: row.fullName,
    bhxhCode: row.bhxhCode,
    overdue: item.dueOn !== null && item.dueOn < today,
    receivedBy: row.receivedBy,
    claimedBy: row.claimedBy,
  };
}

type OfficerAction = (typeof OFFICER_DOSSIER_ACTIONS)[number];

/** What this officer may do now (the buttons the back office shows; the server checks each again). */
function allowedActions(row: repo.DossierRow, officer: Officer): OfficerAction[] {
  const status = statusOf(row);
  if (status === 'submitted') return ['receive'];
  if (status === 'received') return row.receivedByAccountId === officer.accountId ? [] : ['claim'];
  if (
    (status === 'in_processing' || status === 'resubmitted') &&
    row.claimedByAccountId === officer.accountId
  ) {
    return ['request_info', 'approve', 'reject'];
  }
  return [];
}

export async function officerQueue(
  db: Db,
  services: Services,
  principal: Principal,
  query: {
    page: number;
    pageSize: number;
    type?: OfficerDossierItem['type'] | undefined;
    status?: OfficerDossierItem['status'] | undefined;
    overdue?: 'true' | 'false' | undefined;
  },
) {
  const officer = await officerOf(db, principal);
  const today = vietnamDate(services.clock.now());
  const { rows, total } = await repo.listDossiers(
    db,
    {
      scope: { agencyId: officer.agencyId },
      type: query.type,
      status: query.status,
      overdueBefore: query.overdue === 'true' ? today : undefined,
    },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return {
    items: rows.map((row) => presentOfficerItem(row, today)),
    page: query.page,
    pageSize: query.pageSize,
    total,
  };
}

async function scopedDossier(db: Db, officer: Officer, id: number, options: { forUpdate?: boolean } = {}) {
  const row = await repo.findDossier(db, id, { agencyId: officer.agencyId }, options);
  if (!row) throw notFound();
  return row;
}

/** What the records say for the decision: the card in force, or the benefit and how it is paid now. */
async function recordFor(
  db: Db,
  services: Services,
  row: repo.DossierRow,
): Promise<Record<string, unknown> | null> {
  const type = typeOf(row);
  if (type === 'card_reissue') {
    const card = await repo.cardInForce(db, row.personId);
    return card
      ? {
          cardCode: card.cardCode,
          status: card.status,
          validFrom: card.validFrom,
          validTo: card.validTo,
          facilityCode: card.facilityCode,
          issuedOn: card.issuedOn,
        }
      : null;
  }
  if (type === 'pension_place_change' || type === 'receipt_method_change') {
    const person = await repo.personOf(db, row.personId);
    const benefitPaymentId = Number(row.form.benefitPaymentId);
    if (!person) return null;
    const all = await effectiveArrangements(db, person, vietnamDate(services.clock.now()));
    const [current] = await presentArrangements(
      db,
      all.filter((a) => a.benefit.id === benefitPaymentId),
    );
    return current ?? null;
  }
  return { bhxhCode: row.bhxhCode };
}

/** Opening a dossier shows the person's records to the officer: the person sees that access in their ledger. */
export async function viewOfficerDossier(
  db: Db,
  services: Services,
  principal: Principal,
  id: number,
  requestId: string,
): Promise<OfficerDossierDetail> {
  const officer = await officerOf(db, principal);
  const row = await scopedDossier(db, officer, id);
  await recordAccess(db, {
    personId: row.personId,
    actorType: 'officer',
    actorAccountId: officer.accountId,
    actorName: officer.name,
    organisation: row.agencyName,
    purpose: 'dossier_processing',
    resource: 'profile',
    result: 'ok',
    requestId,
    at: services.clock.now(),
  });
  const attachments = await repo.attachmentsOf(db, row.id);
  return {
    ...presentOfficerItem(row, vietnamDate(services.clock.now())),
    form: row.form,
    record: await recordFor(db, services, row),
    attachments: attachments.map((a) => ({
      id: a.fileId,
      purpose: a.purpose as OfficerDossierDetail['attachments'][number]['purpose'],
      url: `/api/v1/officer/dossiers/${row.id}/attachments/${a.fileId}`,
    })),
    events: await timeline(db, row),
    allowedActions: allowedActions(row, officer),
  };
}

const officerActor = (officer: Officer, requestId: string): DossierActor => ({
  accountId: officer.accountId,
  role: 'officer',
  requestId,
});

/** The officer must be the one who claimed it (the dossier is theirs to process). */
function requireClaimer(row: repo.DossierRow, officer: Officer) {
  if (row.claimedByAccountId !== officer.accountId) {
    if (!isOpen(statusOf(row)) || row.claimedByAccountId === null)
      throw new AppError('DOSSIER_TRANSITION_NOT_ALLOWED', 409);
    throw new AppError('DOSSIER_CLAIMED_BY_OTHER', 409);
  }
  // Maker ≠ checker, held again at the decision in case of data predating the claim rule.
  if (row.receivedByAccountId === officer.accountId) throw new AppError('MAKER_CHECKER', 403);
}

type OfficerStep =
  | { action: 'receive' }
  | { action: 'claim' }
  | { action: 'request_info'; reasonCode: string; note: string }
  | { action: 'decide'; decision: DossierDecisionRequest };

/** One officer step in one transaction, the dossier row locked; the decision's effects in the same transaction. */
export async function officerStep(
  db: Db,
  services: Services,
  principal: Principal,
  id: number,
  step: OfficerStep,
  requestId: string,
): Promise<OfficerDossierDetail> {
  const officer = await officerOf(db, principal);
  if (step.action === 'decide' && step.decision.outcome === 'approve') {
    await checkBeforeApproval(db, services, await scopedDossier(db, officer, id));
  }
  await db.transaction(async (tx) => {
    const row = await scopedDossier(tx, officer, id, { forUpdate: true });
    const actor = officerActor(officer, requestId);
    switch (step.action) {
      case 'receive':
        await transition(tx, services, row, 'receive', actor, {
          changes: { receivedByAccountId: officer.accountId },
        });
        return;
      case 'claim':
        if (statusOf(row) === 'received' && row.receivedByAccountId === officer.accountId)
          throw new AppError('MAKER_CHECKER', 403);
        await transition(tx, services, row, 'claim', actor, {
          changes: { claimedByAccountId: officer.accountId },
        });
        return;
      case 'request_info':
        requireClaimer(row, officer);
        await transition(tx, services, row, 'request_info', actor, {
          reasonCode: step.reasonCode,
          note: step.note,
        });
        return;
      case 'decide': {
        requireClaimer(row, officer);
        const { decision } = step;
        const action = decision.outcome === 'approve' ? 'approve' : 'reject';
        // The records first, then the status: a failure in either leaves neither (one transaction).
        const effect = action === 'approve' ? await applyApproval(tx, services, row) : null;
        await transition(tx, services, row, action, actor, {
          reasonCode: decision.reasonCode,
          note: decision.note,
          changes: {
            decidedByAccountId: officer.accountId,
            decidedAt: services.clock.now(),
            reasonCode: decision.reasonCode,
            effect,
          },
        });
        return;
      }
    }
  });
  return viewOfficerDossier(db, services, principal, id, requestId);
}

/** An attachment of a dossier in the officer's agency; each viewing is audited. */
export async function officerAttachment(
  db: Db,
  services: Services,
  principal: Principal,
  input: { id: number; fileId: string },
  requestId: string,
): Promise<{ content: Buffer; mimeType: string }> {
  const officer = await officerOf(db, principal);
  const row = await scopedDossier(db, officer, input.id);
  const file = (await repo.attachmentOf(db, row.id, input.fileId))
    ? await findStoredFile(db, input.fileId)
    : undefined;
  if (!file) throw notFound();
  const content = await services.files.get(file.storageKey);
  await recordAudit(db, {
    actorType: 'officer',
    actorId: officer.accountId,
    action: 'dossier.attachment_viewed',
    subjectType: 'dossier',
    subjectId: row.id,
    requestId,
    details: { purpose: file.purpose, personId: row.personId },
  });
  return { content, mimeType: file.mimeType };
}

export async function officerReceiptRow(db: Db, principal: Principal, id: number) {
  const officer = await officerOf(db, principal);
  return scopedDossier(db, officer, id);
}
