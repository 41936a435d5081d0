// The employer route: a focal point (cán bộ đầu mối) collects the printed, signed forms 01 of the unit's workers,
// marks them received, and forwards name + BHXH code to the agency that manages the unit in a batch.
import {
  type EmployerBatch,
  type EmployerRegistrationItem,
  type EmployerRegistrationPage,
  vietnamDate,
} from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Services } from '../../platform/services.ts';
import { holidayCalendar, workingDaysLeft } from './expiry.ts';
import * as repo from './repo.ts';
import { callerAccount, presentItem, type RequestContext } from './service.ts';

export async function employerIdOf(db: Db, principal: Principal): Promise<number> {
  const account = await callerAccount(db, principal);
  if (account.role !== 'employer' || account.employerId === null) throw new AppError('FORBIDDEN', 403);
  return account.employerId;
}

/** Contributions are declared after the month ends, and late declarations are common: recent enough counts as now. */
export const DECLARATION_LAG_MONTHS = 3;

/**
 * "Works for the unit now": compulsory BHXH through it in one of the last DECLARATION_LAG_MONTHS months or later
 * (months are stored as day 1).
 */
function workersOf(employerId: number, today: string): repo.RegistrationFilter {
  const [year = 0, month = 1] = today.split('-').map(Number);
  const since = new Date(Date.UTC(year, month - 1 - DECLARATION_LAG_MONTHS, 1)).toISOString().slice(0, 10);
  return { kind: 'self', currentEmployerId: employerId, currentMonth: since };
}

async function presenter(db: Db, services: Services) {
  const today = vietnamDate(services.clock.now());
  const holidays = await holidayCalendar(db, today);
  return {
    today,
    present: (row: repo.RegistrationRow): EmployerRegistrationItem => ({
      ...presentItem(row, today, (expiresOn) => workingDaysLeft(today, expiresOn, holidays)),
      paperReceivedAt: row.paperReceivedAt?.toISOString() ?? null,
    }),
  };
}

export async function employerQueue(
  db: Db,
  services: Services,
  employerId: number,
  page: { page: number; pageSize: number },
): Promise<EmployerRegistrationPage> {
  const { today, present } = await presenter(db, services);
  const { total, rows } = await repo.listRegistrations(
    db,
    { ...workersOf(employerId, today), status: 'submitted' },
    { offset: (page.page - 1) * page.pageSize, limit: page.pageSize },
  );
  return { items: rows.map(present), page: page.page, pageSize: page.pageSize, total };
}

export async function markPaperReceived(
  db: Db,
  services: Services,
  input: { employerId: number; registrationId: number },
  context: RequestContext,
): Promise<EmployerRegistrationItem> {
  const { today, present } = await presenter(db, services);
  const [visible] = await repo.countRegistrations(db, {
    ...workersOf(input.employerId, today),
    ids: [input.registrationId],
  });
  if (visible === undefined) throw notFound();
  const now = services.clock.now();
  const row = await db.transaction(async (tx) => {
    const form = await repo.lockRegistration(tx, input.registrationId);
    if (!form) throw notFound();
    if (form.status !== 'submitted') throw new AppError('REGISTRATION_DECIDED', 409);
    // Marking twice is harmless: the first receipt stands and the log gets one entry.
    if (form.paperReceivedAt && form.employerId === input.employerId) return form;
    await repo.updateRegistration(tx, form.id, { employerId: input.employerId, paperReceivedAt: now });
    await repo.insertEvent(tx, {
      registrationId: form.id,
      action: 'paper_received',
      at: now,
      actorAccountId: context.actor.accountId,
    });
    await recordAudit(tx, {
      actorType: context.actor.type,
      actorId: context.actor.accountId,
      action: 'registration.paper_received',
      subjectType: 'registration',
      subjectId: form.id,
      requestId: context.requestId,
      details: { employerId: input.employerId },
    });
    return { ...form, employerId: input.employerId, paperReceivedAt: now };
  });
  return present(row);
}

/**
 * Forwards forms to the agency that manages the unit: the batch names them, and the forms move to that agency's
 * queue. Every id must be this unit's, with the paper received and not yet forwarded — otherwise nothing is sent.
 */
export async function forwardBatch(
  db: Db,
  services: Services,
  input: { employerId: number; accountId: number; registrationIds: number[] },
  context: RequestContext,
): Promise<EmployerBatch> {
  const employer = await repo.findEmployer(db, input.employerId);
  if (!employer) throw notFound();
  const ids = [...new Set(input.registrationIds)];
  const now = services.clock.now();
  const batch = await db.transaction(async (tx) => {
    const forwardable = await repo.forwardableRegistrations(tx, input.employerId, ids);
    if (forwardable.length !== ids.length) throw notFound();
    const created = await repo.insertEmployerBatch(tx, {
      employerId: employer.id,
      agencyId: employer.agencyId,
      createdByAccountId: input.accountId,
      createdAt: now,
    });
    await repo.forwardRegistrations(tx, ids, created.id, employer.agencyId);
    for (const registrationId of ids) {
      await repo.insertEvent(tx, {
        registrationId,
        action: 'forwarded',
        at: now,
        actorAccountId: context.actor.accountId,
      });
    }
    await recordAudit(tx, {
      actorType: context.actor.type,
      actorId: context.actor.accountId,
      action: 'employer_batch.created',
      subjectType: 'employer_batch',
      subjectId: created.id,
      requestId: context.requestId,
      details: { count: ids.length, agencyId: employer.agencyId },
    });
    return created;
  });
  return { batchId: batch.id, count: ids.length, createdAt: batch.createdAt.toISOString() };
}
