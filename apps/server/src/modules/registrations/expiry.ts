// A submitted form stays valid for 10 working days; after that it is cancelled automatically and the person told by
// SMS. Working days come from the holidays table (Tết is a lunar date and each year's schedule is decided by decree).
import { addWorkingDays, type HolidayKind, holidayLookup, type HolidaySet, vietnamDate } from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Services } from '../../platform/services.ts';
import * as repo from './repo.ts';

export const VALID_WORKING_DAYS = 10;

const HOLIDAY_KINDS: readonly HolidayKind[] = ['holiday', 'compensatory', 'workday'];

/** The years a calendar around a date holds: its own and the neighbouring ones (a 10-working-day span crosses New Year). */
export function holidayYearsAround(today: string): { fromYear: number; toYear: number } {
  const year = Number(today.slice(0, 4));
  return { fromYear: year - 1, toYear: year + 1 };
}

/** The calendar of holiday rows as stored (rows of an unknown kind are ignored). */
export function holidaySetOf(rows: ReadonlyArray<{ date: string; kind: string }>): HolidaySet {
  return holidayLookup(
    rows.flatMap((row) => {
      const kind = HOLIDAY_KINDS.find((k) => k === row.kind);
      return kind ? [{ date: row.date, kind }] : [];
    }),
  );
}

/** The holiday calendar around a date (holidayYearsAround). */
export async function holidayCalendar(db: Db, today: string): Promise<HolidaySet> {
  const { fromYear, toYear } = holidayYearsAround(today);
  return holidaySetOf(await repo.holidaysBetweenYears(db, fromYear, toYear));
}

/** The last day a form submitted on `today` is valid: the 10th working day after it. */
export function expiryDate(today: string, holidays: HolidaySet): string {
  return addWorkingDays(today, VALID_WORKING_DAYS, holidays);
}

/** Working days left before automatic cancellation: 0 on the last valid day and after it. */
export function workingDaysLeft(today: string, expiresOn: string, holidays: HolidaySet): number {
  let left = 0;
  while (left < VALID_WORKING_DAYS * 3 && addWorkingDays(today, left + 1, holidays) <= expiresOn) left += 1;
  return left;
}

export const expiryNotice = (dossierNumber: string) =>
  `To khai dang ky giao dich dien tu so ${dossierNumber} da het hieu luc do qua 10 ngay lam viec chua duoc duyet. Vui long dang ky lai.`;

/**
 * Cancels every form still waiting after its last valid day (today's date in Vietnam is past `expiresOn`). Each form
 * is closed in its own transaction with its event, SMS and audit entry; running twice changes nothing the second time.
 */
export async function expireOverdueRegistrations(db: Db, services: Services): Promise<{ expired: number }> {
  const now = services.clock.now();
  const today = vietnamDate(now);
  let expired = 0;
  for (;;) {
    const batch = await repo.overdueRegistrations(db, today, 200);
    if (batch.length === 0) break;
    for (const registration of batch) {
      const closed = await db.transaction(async (tx) => {
        // Conditional: a form an officer approved a moment ago stays approved.
        if (!(await repo.closeRegistration(tx, registration.id, 'expired', now))) return false;
        await repo.insertEvent(tx, { registrationId: registration.id, action: 'expired', at: now });
        await services.sms.send(
          registration.phone,
          expiryNotice(registration.dossierNumber),
          'registration',
          tx,
        );
        await recordAudit(tx, {
          actorType: 'system',
          action: 'registration.expired',
          subjectType: 'registration',
          subjectId: registration.id,
        });
        return true;
      });
      if (closed) expired += 1;
    }
    if (batch.length < 200) break;
  }
  return { expired };
}
