// The dossier engine: one state machine for every type (DOSSIER_TRANSITIONS in @vssid/shared). Every move is a
// conditional update of the dossier row (from the status it was read in), an append-only event with the actor and
// the reason, a notification to the citizen and an audit entry — all in the caller's transaction.
import {
  addWorkingDays,
  DOSSIER_TYPE_SPECS,
  type DossierAction,
  type DossierStatus,
  type DossierType,
  dossierStatus,
  dossierType,
  type HolidaySet,
  nextDossierStatus,
  type NotificationKind,
  vietnamDate,
} from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { notifications } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { Services } from '../../platform/services.ts';
import { holidayCalendar } from '../registrations/expiry.ts';
import * as repo from './repo.ts';

export interface DossierActor {
  accountId: number;
  role: 'citizen' | 'officer';
  requestId?: string | undefined;
}

export const statusOf = (row: { status: string }): DossierStatus => dossierStatus.parse(row.status);
export const typeOf = (row: { type: string }): DossierType => dossierType.parse(row.type);

/** 'YYYY-MM-DD' → 'DD/MM/YYYY', as dates are written in Vietnam (and in the notices). */
export const displayDate = (date: string) => date.split('-').reverse().join('/');

/** The decision is due on the last of the type's working days after `from` (Tết and the holidays do not count). */
export async function dueDate(db: Db, type: DossierType, from: Date): Promise<string> {
  return dueDateIn(type, from, await holidayCalendar(db, vietnamDate(from)));
}

/** dueDate with the holiday calendar around `from` already read (holidayYearsAround). */
export function dueDateIn(type: DossierType, from: Date, holidays: HolidaySet): string {
  return addWorkingDays(vietnamDate(from), DOSSIER_TYPE_SPECS[type].processingWorkingDays, holidays);
}

export function transitionNotAllowed(): AppError {
  return new AppError('DOSSIER_TRANSITION_NOT_ALLOWED', 409);
}

/**
 * Applies one action to a dossier read (and locked) in this transaction. `changes` are the other columns the action
 * sets (who received or claimed it, the decision). Throws DOSSIER_TRANSITION_NOT_ALLOWED when the state machine
 * does not allow the action from the dossier's status, or when another transition got there first.
 */
export async function transition(
  tx: Db,
  services: Services,
  dossier: repo.DossierRow,
  action: DossierAction,
  actor: DossierActor,
  details: {
    reasonCode?: string | undefined;
    note?: string | undefined;
    changes?: Parameters<typeof repo.updateDossier>[3];
  } = {},
): Promise<DossierStatus> {
  const from = statusOf(dossier);
  const to = nextDossierStatus(from, action);
  if (!to) throw transitionNotAllowed();
  const at = services.clock.now();
  const closing = to === 'approved' || to === 'rejected' || to === 'withdrawn';
  const changes = { ...details.changes, status: to, ...(closing ? { dueOn: null } : {}) };
  if (!(await repo.updateDossier(tx, dossier.id, from, changes))) throw transitionNotAllowed();
  await repo.insertEvent(tx, {
    dossierId: dossier.id,
    at,
    action,
    status: to,
    actorAccountId: actor.accountId,
    reasonCode: details.reasonCode ?? null,
    note: details.note ?? null,
  });
  const dueOn = closing ? null : (changes.dueOn ?? dossier.dueOn);
  await notifyCitizen(tx, dossier, to, at, dueOn);
  await recordAudit(tx, {
    actorType: actor.role,
    actorId: actor.accountId,
    action: `dossier.${action}`,
    subjectType: 'dossier',
    subjectId: dossier.id,
    requestId: actor.requestId,
    details: { type: dossier.type, from, to, reasonCode: details.reasonCode ?? null },
  });
  return to;
}

/** The filer's notice of a step (the inbox of the app, localized when read). */
export function dossierNotice(dossier: { id: number; accountId: number; dossierNumber: string }, status: DossierStatus, at: Date, dueOn: string | null) {
  const kind: NotificationKind = `dossier_${status}`;
  return {
    accountId: dossier.accountId,
    at,
    kind,
    // The id lets the app link the notice to the dossier's page.
    params: {
      dossierId: String(dossier.id),
      dossierNumber: dossier.dossierNumber,
      dueOn: dueOn ? displayDate(dueOn) : '',
    },
  };
}
export type DossierNotice = ReturnType<typeof dossierNotice>;

/** Tells the filer of each step. */
export async function notifyCitizen(
  tx: Db,
  dossier: { id: number; accountId: number; dossierNumber: string },
  status: DossierStatus,
  at: Date,
  dueOn: string | null,
) {
  await tx.insert(notifications).values(dossierNotice(dossier, status, at, dueOn));
}
