import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelope, staffItem, staffPage } from '@vssid/shared';
import { accounts, auditEvents } from '../../db/schema.ts';
import { verifyPassword } from '../../platform/passwords.ts';
import { testDrivers } from '../../test/database.ts';
import { givenEmployer, givenFacility, givenPerson } from '../../test/factories.ts';
import { DEMO_PASSWORD, ensureDemoStaff } from './staff.ts';
import { call, type World, registrationWorld, signedIn, smsTo } from './test-support.ts';

type Caller = Awaited<ReturnType<typeof signedIn>>;

describe.each(testDrivers)('staff accounts on %s', (driver) => {
  let world: World;
  let admin: Caller;
  let officer: Caller;
  let unitCode: string;

  beforeAll(async () => {
    world = await registrationWorld(driver);
    await givenFacility(world.database, {
      code: '01001',
      name: 'Bệnh viện Đa khoa Xanh Pôn',
      provinceCode: '01',
      communeCode: '00004',
    });
    unitCode = (
      await givenEmployer(world.database, { name: 'Công ty TNHH Hồ Gươm', agencyId: world.hanoi.id })
    ).unitCode;
    await givenPerson(world.database, { fullName: 'Vương Thị Demo', birthDate: '1980-01-01' });
    admin = await signedIn(world, { role: 'admin', login: 'quantri.test' });
    officer = await signedIn(world, { role: 'officer', agencyId: world.hanoi.id });
  });
  afterAll(async () => {
    await world.dispose();
  });

  const create = (payload: object, caller: Caller = admin, language = 'vi') =>
    call(world, {
      method: 'POST',
      url: '/api/v1/admin/staff',
      headers: { ...caller.headers, 'accept-language': language },
      payload,
    });

  it('First, the admin creates an officer of BHXH Hà Nội: the one-time password goes to the officer’s phone', async () => {
    const response = await create({
      role: 'officer',
      username: 'canbo.thuha',
      displayName: 'Trần Thu Hà',
      phone: '0912 345 678',
      agencyCode: '01',
    });
    expect(response.statusCode).toBe(201);
    const created = staffItem.parse(response.json());
    expect(created).toMatchObject({
      role: 'officer',
      login: 'canbo.thuha',
      mustChangePassword: true,
      passwordExpired: false,
      scope: { agencyCode: '01', facilityCode: null, employerUnitCode: null },
    });
    const [sms] = await smsTo(world, '0912345678');
    const password = /Tai Khoan: canbo\.thuha- Mat Khau: (\S+)\./.exec(sms ?? '')?.[1] ?? '';
    const [account] = await world.db.select().from(accounts).where(eq(accounts.id, created.id));
    expect(await verifyPassword(account?.passwordHash ?? '', password)).toBe(true);
    const [audit] = await world.db.select().from(auditEvents).where(eq(auditEvents.action, 'staff.created'));
    expect(audit).toMatchObject({
      actorType: 'admin',
      actorId: String(admin.account.id),
      subjectId: String(created.id),
    });
  });

  it('creates facility staff, an employer focal point and another admin, each tied to its own unit', async () => {
    const facility = await create({
      role: 'facility',
      username: 'letan.xanhpon',
      displayName: 'Lễ Tân Một',
      phone: '0912000111',
      facilityCode: '01001',
    });
    expect(staffItem.parse(facility.json()).scope.facilityCode).toBe('01001');
    const employer = await create({
      role: 'employer',
      username: 'daumoi.hoguom',
      displayName: 'Đầu Mối Một',
      phone: '0912000112',
      employerUnitCode: unitCode,
    });
    expect(staffItem.parse(employer.json()).scope.employerUnitCode).toBe(unitCode);
    const another = await create({
      role: 'admin',
      username: 'quantri.hai',
      displayName: 'Quản Trị Hai',
      phone: '0912000113',
    });
    expect(another.statusCode).toBe(201);
  });

  it('names a missing, foreign or unknown unit, a bad username, and a taken one', async () => {
    const missing = await create(
      {
        role: 'officer',
        username: 'canbo.moi',
        displayName: 'Cán Bộ Mới',
        phone: '0912000114',
        facilityCode: '01001',
      },
      admin,
      'en',
    );
    expect(missing.statusCode).toBe(400);
    expect(errorEnvelope.parse(missing.json()).error.fields).toEqual({
      agencyCode: 'Choose the unit this account works for.',
      facilityCode: 'This field does not apply to the chosen role.',
    });
    const unknown = await create({
      role: 'facility',
      username: 'letan.moi',
      displayName: 'Lễ Tân Mới',
      phone: '0912000115',
      facilityCode: '99999',
    });
    expect(errorEnvelope.parse(unknown.json()).error.fields).toEqual({
      facilityCode: 'Không có cơ sở KCB với mã này.',
    });
    const digits = await create({
      role: 'admin',
      username: '0123456789',
      displayName: 'Quản Trị Số',
      phone: '0912000116',
    });
    expect(Object.keys(errorEnvelope.parse(digits.json()).error.fields ?? {})).toEqual(['username']);
    const taken = await create(
      { role: 'admin', username: 'canbo.thuha', displayName: 'Trùng Tên', phone: '0912000117' },
      admin,
      'zh',
    );
    expect(taken.statusCode).toBe(409);
    expect(errorEnvelope.parse(taken.json()).error).toMatchObject({
      code: 'LOGIN_TAKEN',
      fields: { username: '该用户名已被使用。' },
    });
  });

  it('lists staff accounts, by role, without citizens', async () => {
    const all = staffPage.parse(
      (
        await call(world, { method: 'GET', url: '/api/v1/admin/staff?pageSize=100', headers: admin.headers })
      ).json(),
    );
    expect(all.items.every((item) => item.role !== 'citizen')).toBe(true);
    expect(all.items.map((i) => i.login)).toEqual(
      expect.arrayContaining(['canbo.thuha', 'letan.xanhpon', 'daumoi.hoguom', 'quantri.hai']),
    );
    const officers = staffPage.parse(
      (
        await call(world, { method: 'GET', url: '/api/v1/admin/staff?role=officer', headers: admin.headers })
      ).json(),
    );
    expect(officers.items.every((item) => item.role === 'officer')).toBe(true);
  });

  it('refuses anonymous callers and other roles', async () => {
    for (const method of ['GET', 'POST'] as const) {
      expect((await call(world, { method, url: '/api/v1/admin/staff' })).statusCode).toBe(401);
      expect(
        (await call(world, { method, url: '/api/v1/admin/staff', headers: officer.headers })).statusCode,
      ).toBe(403);
    }
  });

  it('creates one demo login per role with the documented password, once, and they sign in', async () => {
    const logins = await ensureDemoStaff(world.db, world.clock);
    expect(logins.map((l) => [l.role, l.login])).toEqual([
      ['officer', 'canbo.hanoi'],
      ['officer', 'xuly.hanoi'],
      ['facility', 'letan.01001'],
      ['hospital', 'his-01001'],
      ['employer', `daumoi.${unitCode.toLowerCase()}`],
      ['admin', 'quantri'],
      ['citizen', expect.stringMatching(/^\d{10}$/)],
    ]);
    const people = logins.filter((l) => l.role !== 'hospital');
    expect(people.every((l) => l.password === DEMO_PASSWORD)).toBe(true);
    // The hospital system's client credentials work at the token endpoint.
    const his = logins.find((l) => l.role === 'hospital');
    const token = await call(world, { method: 'POST', url: '/api/v1/hospital/token', payload: { clientId: his?.login, clientSecret: his?.password } });
    expect(token.statusCode).toBe(200);
    const [before] = await world.db.select({ n: count() }).from(accounts);
    expect(await ensureDemoStaff(world.db, world.clock)).toEqual(logins);
    const [after] = await world.db.select({ n: count() }).from(accounts);
    expect(after?.n).toBe(before?.n);

    for (const login of people) {
      const response = await call(world, {
        method: 'POST',
        url: '/api/v1/sessions',
        payload: { login: login.login, password: DEMO_PASSWORD, area: login.role },
      });
      expect(response.statusCode, login.login).toBe(200);
      expect(response.json<{ account: { mustChangePassword: boolean } }>().account.mustChangePassword).toBe(
        false,
      );
    }
  });
});
