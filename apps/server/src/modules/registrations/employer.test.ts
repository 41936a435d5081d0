import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  batchApprovalResult,
  employerBatch,
  employerRegistrationItem,
  employerRegistrationPage,
  errorEnvelope,
  officerRegistrationPage,
} from '@vssid/shared';
import { employerBatches, registrationEvents, registrations } from '../../db/schema.ts';
import { testDrivers } from '../../test/database.ts';
import { givenAccount, givenAgency, givenEmployer, givenEmployment } from '../../test/factories.ts';
import { call, givenSubmittedForm, type World, registrationWorld, signedIn, smsTo } from './test-support.ts';

type Caller = Awaited<ReturnType<typeof signedIn>>;
type Form = Awaited<ReturnType<typeof givenSubmittedForm>>;

describe.each(testDrivers)('the employer route on %s', (driver) => {
  let world: World;
  let baDinh: Awaited<ReturnType<typeof givenAgency>>;
  let songHong: Caller;
  let tayHo: Caller;
  let baDinhOfficer: Caller;
  let hanoiOfficer: Caller;
  const forms: Record<string, Form & { id: number }> = {};

  beforeAll(async () => {
    world = await registrationWorld(driver);
    baDinh = await givenAgency(world.database, {
      code: '01-001',
      kind: 'local',
      name: 'BHXH cơ sở Ba Đình',
      provinceCode: '01',
      communeCode: '00004',
      lat: 21.035,
      lon: 105.83,
    });
    const songHongUnit = await givenEmployer(world.database, {
      name: 'Công ty TNHH Sông Hồng',
      agencyId: baDinh.id,
    });
    const tayHoUnit = await givenEmployer(world.database, {
      name: 'Công ty Cổ phần Tây Hồ',
      agencyId: world.hanoi.id,
    });
    const worker = async (key: string, fullName: string, employerId: number, toMonth: string) => {
      const form = await givenSubmittedForm(world, { fullName, birthDate: '1990-01-01' });
      await givenEmployment(world.database, {
        personId: form.person.id,
        employerId,
        fromMonth: '2024-01-01',
        toMonth,
      });
      const [row] = await world.db
        .select()
        .from(registrations)
        .where(eq(registrations.personId, form.person.id));
      forms[key] = { ...form, id: row?.id ?? 0 };
    };
    await worker('binh', 'Nguyễn Văn Bình', songHongUnit.id, '2026-11-01');
    await worker('em', 'Trần Thị Em', songHongUnit.id, '2026-12-01');
    await worker('cuong', 'Lê Văn Cường', songHongUnit.id, '2025-12-01'); // left the unit last year
    await worker('dung', 'Phạm Thị Dung', tayHoUnit.id, '2026-11-01');

    songHong = await signedIn(world, {
      role: 'employer',
      employerId: songHongUnit.id,
      displayName: 'Đầu mối Sông Hồng',
    });
    tayHo = await signedIn(world, { role: 'employer', employerId: tayHoUnit.id });
    baDinhOfficer = await signedIn(world, { role: 'officer', agencyId: baDinh.id });
    hanoiOfficer = await signedIn(world, { role: 'officer', agencyId: world.hanoi.id });
  });
  afterAll(async () => {
    await world.dispose();
  });

  const form = (key: string) => {
    const found = forms[key];
    if (!found) throw new Error(`no form ${key}`);
    return found;
  };
  const markReceived = (caller: Caller, key: string) =>
    call(world, {
      method: 'POST',
      url: `/api/v1/employer/registrations/${form(key).id}/paper-received`,
      headers: caller.headers,
    });
  const forward = (caller: Caller, keys: string[]) =>
    call(world, {
      method: 'POST',
      url: '/api/v1/employer/batches',
      headers: caller.headers,
      payload: { registrationIds: keys.map((k) => form(k).id) },
    });
  const queueOf = async (caller: Caller) =>
    employerRegistrationPage
      .parse(
        (
          await call(world, { method: 'GET', url: '/api/v1/employer/registrations', headers: caller.headers })
        ).json(),
      )
      .items.map((i) => i.fullName);

  it('First, the focal point of Sông Hồng sees the waiting forms of the unit’s current workers only', async () => {
    expect(await queueOf(songHong)).toEqual(['Nguyễn Văn Bình', 'Trần Thị Em']);
    expect(await queueOf(tayHo)).toEqual(['Phạm Thị Dung']);
  });

  it('refuses anonymous callers and other roles on the employer routes', async () => {
    const routes = [
      ['GET', '/api/v1/employer/registrations'],
      ['POST', `/api/v1/employer/registrations/${form('binh').id}/paper-received`],
      ['POST', '/api/v1/employer/batches'],
    ] as const;
    for (const [method, url] of routes) {
      expect((await call(world, { method, url })).statusCode).toBe(401);
      expect((await call(world, { method, url, headers: hanoiOfficer.headers })).statusCode).toBe(403);
    }
  });

  it('Second, the focal point of Tây Hồ tries Bình’s form: it does not exist for them', async () => {
    const marked = await markReceived(tayHo, 'binh');
    expect(marked.statusCode).toBe(404);
    expect((await markReceived(songHong, 'cuong')).statusCode).toBe(404);
    expect((await forward(tayHo, ['binh'])).statusCode).toBe(404);
  });

  it('forwards nothing unless every form’s paper has arrived, and names a bad list', async () => {
    const early = await forward(songHong, ['binh']);
    expect(early.statusCode).toBe(404);
    expect(await world.db.select().from(employerBatches)).toEqual([]);
    const empty = await call(world, {
      method: 'POST',
      url: '/api/v1/employer/batches',
      headers: { ...songHong.headers, 'accept-language': 'en' },
      payload: { registrationIds: [] },
    });
    expect(errorEnvelope.parse(empty.json()).error.fields).toEqual({
      registrationIds: 'The value must be 1 or more.',
    });
  });

  it('Third, the Sông Hồng focal point marks the signed paper forms received — twice is once', async () => {
    const first = await markReceived(songHong, 'binh');
    expect(first.statusCode).toBe(200);
    expect(employerRegistrationItem.parse(first.json()).paperReceivedAt).toBe(
      world.clock.now().toISOString(),
    );
    expect((await markReceived(songHong, 'binh')).statusCode).toBe(200);
    expect((await markReceived(songHong, 'em')).statusCode).toBe(200);
    const events = await world.db
      .select()
      .from(registrationEvents)
      .where(eq(registrationEvents.registrationId, form('binh').id));
    expect(events.map((e) => e.action)).toEqual(['submitted', 'paper_received']);
  });

  it('Fourth, it forwards them: the batch goes to BHXH Ba Đình, which manages the unit', async () => {
    const response = await forward(songHong, ['binh', 'em', 'binh']);
    expect(response.statusCode).toBe(201);
    const batch = employerBatch.parse(response.json());
    expect(batch.count).toBe(2);
    const moved = await world.db
      .select()
      .from(registrations)
      .where(inArray(registrations.id, [form('binh').id, form('em').id]));
    expect(moved.map((r) => [r.agencyId, r.employerBatchId])).toEqual([
      [baDinh.id, batch.batchId],
      [baDinh.id, batch.batchId],
    ]);
    const listed = await call(world, {
      method: 'GET',
      url: `/api/v1/officer/registrations?batchId=${batch.batchId}`,
      headers: baDinhOfficer.headers,
    });
    expect(officerRegistrationPage.parse(listed.json()).items.map((i) => i.fullName)).toEqual([
      'Nguyễn Văn Bình',
      'Trần Thị Em',
    ]);
    // Already forwarded: not again.
    expect((await forward(songHong, ['binh'])).statusCode).toBe(404);
  });

  it('Fifth, the Hà Nội provincial officer cannot approve Ba Đình’s batch; Ba Đình approves it form by form', async () => {
    const [batch] = await world.db.select().from(employerBatches);
    const url = `/api/v1/officer/batches/${batch?.id}/approve`;
    expect((await call(world, { method: 'POST', url, headers: hanoiOfficer.headers })).statusCode).toBe(404);
    expect((await call(world, { method: 'POST', url, headers: songHong.headers })).statusCode).toBe(403);

    // Meanwhile Em's phone went to another citizen's account: her form cannot be approved, Bình's still is.
    await givenAccount(world.database, { role: 'citizen', phone: form('em').person.phone ?? '' });
    const response = await call(world, { method: 'POST', url, headers: baDinhOfficer.headers });
    expect(response.statusCode).toBe(200);
    expect(batchApprovalResult.parse(response.json())).toEqual({
      approved: 1,
      failed: [{ id: form('em').id, code: 'PHONE_IN_USE' }],
    });
    const [binhSms] = await smsTo(world, form('binh').person.phone ?? '');
    expect(binhSms).toMatch(
      new RegExp(`^Hoan tat thu tuc thanh cong --- Tai Khoan: ${form('binh').person.bhxhCode}- Mat Khau: `),
    );
    const statuses = await world.db
      .select({ id: registrations.id, status: registrations.status })
      .from(registrations)
      .where(inArray(registrations.id, [form('binh').id, form('em').id]));
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [form('binh').id]: 'approved',
      [form('em').id]: 'submitted',
    });
    expect(await queueOf(songHong)).toEqual(['Trần Thị Em']);
  });
});
