import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeHolidays, officerRegistrationPage } from '@vssid/shared';
import { registrationEvents, registrations } from '../../db/schema.ts';
import { bearerFor } from '../../test/auth.ts';
import { testDrivers } from '../../test/database.ts';
import { givenAccount } from '../../test/factories.ts';
import { expireOverdueRegistrations } from './expiry.ts';
import { approveRegistration } from './officer.ts';
import { call, givenSubmittedForm, registrationWorld, smsTo, type World } from './test-support.ts';

// Tết 2026 (Bính Ngọ) falls on Tuesday 17 February: the days off run from giao thừa (Monday 16) to mùng 4 (Friday 20).
describe('the 2026 holiday calendar the expiry relies on', () => {
  it('marks Monday 16 to Friday 20 February 2026 as Tết', () => {
    const february = computeHolidays(2026).filter((h) => h.date.startsWith('2026-02'));
    expect(february.map((h) => [h.date, h.kind])).toEqual([
      ['2026-02-16', 'holiday'],
      ['2026-02-17', 'holiday'],
      ['2026-02-18', 'holiday'],
      ['2026-02-19', 'holiday'],
      ['2026-02-20', 'holiday'],
    ]);
  });
});

describe.each(testDrivers)('automatic cancellation after 10 working days on %s', (driver) => {
  let world: World;
  let officer: Awaited<ReturnType<typeof givenAccount>>;
  beforeAll(async () => {
    world = await registrationWorld(driver);
    officer = await givenAccount(world.database, {
      role: 'officer',
      agencyId: world.hanoi.id,
      displayName: 'Cán bộ Hà Nội',
    });
  });
  afterAll(async () => {
    await world.dispose();
  });

  const statusOf = async (personId: number) => {
    const [row] = await world.db.select().from(registrations).where(eq(registrations.personId, personId));
    return row;
  };
  /** The officer's queue as it stands at the clock's current time (a fresh token: access tokens live 10 minutes). */
  const daysLeft = async () => {
    const { authorization } = await bearerFor(world.database, world.services, {
      id: officer.id,
      role: 'officer',
    });
    const response = await call(world, {
      method: 'GET',
      url: '/api/v1/officer/registrations?status=submitted',
      headers: { authorization },
    });
    return officerRegistrationPage
      .parse(response.json())
      .items.map((item) => [item.fullName, item.workingDaysLeft]);
  };

  it('First, Hùng sends his form on Friday 6 February 2026, just before Tết: it is valid to Friday 27 February', async () => {
    world.clock.set('2026-02-06T02:00:00Z');
    const { person } = await givenSubmittedForm(world, {
      fullName: 'Trịnh Văn Hùng',
      birthDate: '1984-10-10',
    });
    // 9, 10, 11, 12, 13 February (5), Tết 16–20 skipped, then 23, 24, 25, 26, 27 (10).
    expect((await statusOf(person.id))?.expiresOn).toBe('2026-02-27');
    expect(await daysLeft()).toEqual([['Trịnh Văn Hùng', 10]]);
  });

  it('counts the days left through Tết: 5 on the Friday before it, still 5 on giao thừa, 0 on the last day', async () => {
    world.clock.set('2026-02-13T02:00:00Z');
    expect(await daysLeft()).toEqual([['Trịnh Văn Hùng', 5]]);
    world.clock.set('2026-02-16T02:00:00Z');
    expect(await daysLeft()).toEqual([['Trịnh Văn Hùng', 5]]);
    world.clock.set('2026-02-27T02:00:00Z');
    expect(await daysLeft()).toEqual([['Trịnh Văn Hùng', 0]]);
  });

  it('keeps the form on its 10th working day, to the last minute of it in Vietnam', async () => {
    world.clock.set('2026-02-27T16:59:00Z'); // 23:59 on Friday 27 February in Hà Nội
    expect(await expireOverdueRegistrations(world.db, world.services)).toEqual({ expired: 0 });
    const [hung] = await world.db.select().from(registrations);
    expect(hung?.status).toBe('submitted');
  });

  it('cancels it the day after, tells Hùng by SMS, logs it — and a second run changes nothing', async () => {
    world.clock.set('2026-02-27T17:05:00Z'); // 00:05 on Saturday 28 February in Hà Nội
    expect(await expireOverdueRegistrations(world.db, world.services)).toEqual({ expired: 1 });
    const [hung] = await world.db.select().from(registrations);
    expect(hung).toMatchObject({ status: 'expired', decidedAt: new Date('2026-02-27T17:05:00Z') });
    const [sms] = await smsTo(world, hung?.phone ?? '');
    expect(sms).toBe(
      `To khai dang ky giao dich dien tu so ${hung?.dossierNumber} da het hieu luc do qua 10 ngay lam viec chua duoc duyet. Vui long dang ky lai.`,
    );

    world.clock.set('2026-02-28T03:00:00Z');
    expect(await expireOverdueRegistrations(world.db, world.services)).toEqual({ expired: 0 });
    const events = await world.db
      .select()
      .from(registrationEvents)
      .where(eq(registrationEvents.registrationId, hung?.id ?? 0));
    expect(events.map((e) => e.action)).toEqual(['submitted', 'expired']);
    expect((await smsTo(world, hung?.phone ?? '')).filter((body) => body.startsWith('To khai'))).toHaveLength(
      1,
    );
  });

  it('leaves alone a form an officer approved in time', async () => {
    world.clock.set('2026-03-02T02:00:00Z');
    const { person } = await givenSubmittedForm(world, {
      fullName: 'Cao Thị Duyên',
      birthDate: '1994-04-04',
    });
    const form = await statusOf(person.id);
    await approveRegistration(
      world.db,
      world.services,
      { registrationId: form?.id ?? 0, agencyId: world.hanoi.id },
      { actor: { type: 'officer', accountId: officer.id } },
    );
    world.clock.set('2026-04-30T02:00:00Z');
    expect(await expireOverdueRegistrations(world.db, world.services)).toEqual({ expired: 0 });
    expect((await statusOf(person.id))?.status).toBe('approved');
  });
});
