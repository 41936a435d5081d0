import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelope, officerRegistrationDetail, officerRegistrationPage } from '@vssid/shared';
import { accounts, auditEvents, registrationEvents, registrations } from '../../db/schema.ts';
import { verifyPassword } from '../../platform/passwords.ts';
import { SmsService } from '../../platform/sms.ts';
import { buildTestApp } from '../../test/app.ts';
import { testDrivers } from '../../test/database.ts';
import { givenAccount, givenPerson } from '../../test/factories.ts';
import {
  call,
  formFor,
  type World,
  registrationWorld,
  signedIn,
  smsTo,
  submit,
  upload,
} from './test-support.ts';

/** An SMS outbox that cannot store: the last step of an approval fails. */
class BrokenSms extends SmsService {
  override send(): Promise<number> {
    return Promise.reject(new Error('SMS outbox unavailable'));
  }
}

describe.each(testDrivers)('the officer back office on %s', (driver) => {
  let world: World;
  let hanoiOfficer: { headers: { authorization: string }; account: { id: number } };
  let hcmcOfficer: { headers: { authorization: string } };
  let citizen: { headers: { authorization: string } };
  let lan: Awaited<ReturnType<typeof givenPerson>>;
  let lanFormId: number;
  let dossierNumber: string;

  beforeAll(async () => {
    world = await registrationWorld(driver);
    hanoiOfficer = await signedIn(world, {
      role: 'officer',
      agencyId: world.hanoi.id,
      displayName: 'Cán bộ Trần Thu Hà',
    });
    hcmcOfficer = await signedIn(world, { role: 'officer', agencyId: world.hcmc.id });
    citizen = await signedIn(world, { role: 'citizen' });
    // First, Lan sends her form with photos of her ID card.
    lan = await givenPerson(world.database, {
      fullName: 'Nguyễn Thị Lan',
      birthDate: '1990-05-17',
      street: 'Số 3, phố Huế',
    });
    const form = await formFor(world, lan, {
      idFrontUploadId: await upload(world, 'id_front'),
      idBackUploadId: await upload(world, 'id_back'),
    });
    const receipt = await submit(world, form);
    dossierNumber = receipt.json<{ dossierNumber: string }>().dossierNumber;
    const [row] = await world.db.select().from(registrations).where(eq(registrations.personId, lan.id));
    lanFormId = row?.id ?? 0;
  });
  afterAll(async () => {
    await world.dispose();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    call(world, { method: 'GET', url, headers });
  const post = (url: string, headers: Record<string, string> = {}, payload?: object) =>
    call(world, { method: 'POST', url, headers, ...(payload ? { payload } : {}) });
  const queue = async (query: string) =>
    officerRegistrationPage
      .parse((await get(`/api/v1/officer/registrations${query}`, hanoiOfficer.headers)).json())
      .items.map((i) => i.dossierNumber);
  const lanForm = async () =>
    (await world.db.select().from(registrations).where(eq(registrations.id, lanFormId)))[0];

  it('Second, the Hà Nội officer finds Lan’s form in the queue, by name without accents, by BHXH code or by dossier number', async () => {
    const page = officerRegistrationPage.parse(
      (await get('/api/v1/officer/registrations', hanoiOfficer.headers)).json(),
    );
    expect(page.items).toEqual([
      expect.objectContaining({
        dossierNumber,
        fullName: 'Nguyễn Thị Lan',
        status: 'submitted',
        workingDaysLeft: 10,
        identityVerified: true,
      }),
    ]);
    expect(await queue('?q=nguyen%20thi%20LAN')).toEqual([dossierNumber]);
    expect(await queue(`?q=${lan.bhxhCode}`)).toEqual([dossierNumber]);
    expect(await queue(`?q=${encodeURIComponent(dossierNumber.slice(0, 8))}`)).toEqual([dossierNumber]);
    expect(await queue('?q=tran%20van')).toEqual([]);
    expect(await queue('?status=approved')).toEqual([]);
    expect(await queue('?kind=child')).toEqual([]);
  });

  it('Third, an officer of Hồ Chí Minh City tries: the form does not exist for them — not listed, 404 everywhere', async () => {
    const listed = officerRegistrationPage.parse(
      (await get('/api/v1/officer/registrations', hcmcOfficer.headers)).json(),
    );
    expect(listed.total).toBe(0);
    const base = `/api/v1/officer/registrations/${lanFormId}`;
    const answers = [
      await get(base, hcmcOfficer.headers),
      await get(`${base}/photos/id_front`, hcmcOfficer.headers),
      await post(`${base}/approve`, hcmcOfficer.headers),
      await post(`${base}/reject`, hcmcOfficer.headers, { reasonCode: 'other' }),
    ];
    expect(answers.map((a) => [a.statusCode, errorEnvelope.parse(a.json()).error.code])).toEqual(
      Array(4).fill([404, 'NOT_FOUND']),
    );
    expect((await lanForm())?.status).toBe('submitted');
    const viewed = await world.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'registration.photo_viewed'));
    expect(viewed).toEqual([]);
  });

  it('refuses anonymous callers (401) and other roles (403) on every officer route', async () => {
    const routes: Array<['GET' | 'POST', string]> = [
      ['GET', '/api/v1/officer/registrations'],
      ['GET', `/api/v1/officer/registrations/${lanFormId}`],
      ['GET', `/api/v1/officer/registrations/${lanFormId}/photos/portrait`],
      ['POST', `/api/v1/officer/registrations/${lanFormId}/approve`],
      ['POST', `/api/v1/officer/registrations/${lanFormId}/reject`],
      ['POST', '/api/v1/officer/batches/1/approve'],
    ];
    for (const [method, url] of routes) {
      expect((await call(world, { method, url })).statusCode, `${method} ${url}`).toBe(401);
      expect(
        (await call(world, { method, url, headers: citizen.headers })).statusCode,
        `${method} ${url}`,
      ).toBe(403);
    }
  });

  it('answers malformed parameters with the fields named', async () => {
    const response = await get('/api/v1/officer/registrations?pageSize=1000&status=lost&q=x', {
      ...hanoiOfficer.headers,
      'accept-language': 'en',
    });
    expect(response.statusCode).toBe(400);
    expect(errorEnvelope.parse(response.json()).error.fields).toEqual({
      pageSize: 'The value must not be more than 100.',
      status: 'This value is not valid.',
      q: 'At least 2 characters are needed.',
    });
    const photo = await get(`/api/v1/officer/registrations/abc/photos/selfie`, hanoiOfficer.headers);
    expect(Object.keys(errorEnvelope.parse(photo.json()).error.fields ?? {}).sort()).toEqual([
      'id',
      'purpose',
    ]);
  });

  it('Fourth, the Hà Nội officer opens the form: beside the BHXH record, with its photos and log', async () => {
    const detail = officerRegistrationDetail.parse(
      (await get(`/api/v1/officer/registrations/${lanFormId}`, hanoiOfficer.headers)).json(),
    );
    expect(detail).toMatchObject({
      dossierNumber,
      form: {
        personalId: lan.personalId,
        birthDate: '1990-05-17',
        address: 'Số 12, phố Hàng Bài, Phường Ba Đình, Thành phố Hà Nội',
        parentName: null,
      },
      record: {
        fullName: 'Nguyễn Thị Lan',
        sex: 'female',
        personalId: lan.personalId,
        address: 'Số 3, phố Huế, Phường Ba Đình, Thành phố Hà Nội',
      },
      allowedActions: ['approve', 'reject'],
      decisions: [{ action: 'submitted', actorName: 'Nguyễn Thị Lan', reasonCode: null }],
    });
    expect(detail.photos.map((p) => p.purpose)).toEqual(['portrait', 'id_front', 'id_back']);

    const image = await get(detail.photos[1]?.url ?? '', hanoiOfficer.headers);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.headers['cache-control']).toBe('private, no-store');
    expect((await sharp(image.rawPayload).metadata()).format).toBe('jpeg');
    const viewed = await world.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'registration.photo_viewed'),
          eq(auditEvents.subjectId, String(lanFormId)),
        ),
      );
    expect(viewed).toMatchObject([
      { actorType: 'officer', actorId: String(hanoiOfficer.account.id), details: { purpose: 'id_front' } },
    ]);
    expect(
      (await get(`/api/v1/officer/registrations/${lanFormId}/photos/birth_certificate`, hanoiOfficer.headers))
        .statusCode,
    ).toBe(404);
    // Opening the form is an access to Lan's data too, and logged as such (only the Hà Nội officer's).
    const opened = await world.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'registration.viewed'));
    expect(opened.map((e) => [e.actorId, e.subjectId])).toEqual([
      [String(hanoiOfficer.account.id), String(lanFormId)],
    ]);
  });

  it('leaves nothing half-written when the SMS step of an approval fails', async () => {
    const brokenApp: FastifyInstance = await buildTestApp(
      world.database,
      {},
      { ...world.services, sms: new BrokenSms(world.db, 'outbox') },
    );
    try {
      const response = await brokenApp.inject({
        method: 'POST',
        url: `/api/v1/officer/registrations/${lanFormId}/approve`,
        headers: hanoiOfficer.headers,
      });
      expect(response.statusCode).toBe(500);
    } finally {
      await brokenApp.close();
    }
    expect((await lanForm())?.status).toBe('submitted');
    expect(await world.db.select().from(accounts).where(eq(accounts.personId, lan.id))).toEqual([]);
    const events = await world.db
      .select()
      .from(registrationEvents)
      .where(eq(registrationEvents.registrationId, lanFormId));
    expect(events.map((e) => e.action)).toEqual(['submitted']);
  });

  it('leaves nothing half-written when the login is already taken', async () => {
    const squatter = await givenAccount(world.database, { role: 'facility', login: lan.bhxhCode });
    const response = await post(`/api/v1/officer/registrations/${lanFormId}/approve`, hanoiOfficer.headers);
    expect(response.statusCode).toBe(409);
    expect(errorEnvelope.parse(response.json()).error.code).toBe('ACCOUNT_EXISTS');
    expect((await lanForm())?.status).toBe('submitted');
    expect(await world.db.select().from(accounts).where(eq(accounts.personId, lan.id))).toEqual([]);
    await world.db.delete(accounts).where(eq(accounts.id, squatter.id));
  });

  it('Fifth, the officer approves: Lan’s account exists, and the one-time password reaches her in the seeds’ wording', async () => {
    const response = await post(`/api/v1/officer/registrations/${lanFormId}/approve`, hanoiOfficer.headers);
    expect(response.statusCode).toBe(200);
    const detail = officerRegistrationDetail.parse(response.json());
    expect(detail).toMatchObject({ status: 'approved', allowedActions: [], workingDaysLeft: 0 });
    expect(detail.decisions.map((d) => [d.action, d.actorName])).toEqual([
      ['submitted', 'Nguyễn Thị Lan'],
      ['approved', 'Cán bộ Trần Thu Hà'],
    ]);

    const [sms] = await smsTo(world, lan.phone ?? '');
    const match = new RegExp(
      `^Hoan tat thu tuc thanh cong --- Tai Khoan: ${lan.bhxhCode}- Mat Khau: (\\S{10})$`,
    ).exec(sms ?? '');
    const password = match?.[1] ?? '';
    expect(password).not.toBe('');
    const [account] = await world.db.select().from(accounts).where(eq(accounts.personId, lan.id));
    expect(account).toMatchObject({
      role: 'citizen',
      login: lan.bhxhCode,
      phone: lan.phone,
      displayName: 'Nguyễn Thị Lan',
      mustChangePassword: true,
    });
    expect(await verifyPassword(account?.passwordHash ?? '', password)).toBe(true);
    const audit = await world.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'registration.approved'), eq(auditEvents.subjectId, String(lanFormId))),
      );
    expect(audit).toMatchObject([{ actorType: 'officer', actorId: String(hanoiOfficer.account.id) }]);
    expect(audit[0]?.requestId).toBeTruthy();
    expect(JSON.stringify(audit[0]?.details)).not.toContain(password);
  });

  it('refuses a second decision on the same form', async () => {
    for (const answer of [
      await post(`/api/v1/officer/registrations/${lanFormId}/approve`, hanoiOfficer.headers),
      await post(`/api/v1/officer/registrations/${lanFormId}/reject`, hanoiOfficer.headers, {
        reasonCode: 'duplicate',
      }),
    ]) {
      expect(answer.statusCode).toBe(409);
      expect(errorEnvelope.parse(answer.json()).error.code).toBe('REGISTRATION_DECIDED');
    }
  });

  it('Sixth, the officer rejects Tâm’s form with a reason from the list, and Tâm is told why', async () => {
    const tam = await givenPerson(world.database, { fullName: 'Lương Thị Tâm', birthDate: '1999-09-19' });
    expect((await submit(world, await formFor(world, tam))).statusCode).toBe(201);
    const [form] = await world.db.select().from(registrations).where(eq(registrations.personId, tam.id));
    const url = `/api/v1/officer/registrations/${form?.id}/reject`;

    const bad = await post(
      url,
      { ...hanoiOfficer.headers, 'accept-language': 'ja' },
      { reasonCode: 'bored', note: 'x'.repeat(501) },
    );
    expect(bad.statusCode).toBe(400);
    expect(errorEnvelope.parse(bad.json()).error.fields).toEqual({
      reasonCode: '値が正しくありません。',
      note: '500 文字以内で入力してください。',
    });

    const response = await post(url, hanoiOfficer.headers, {
      reasonCode: 'id_photo_unreadable',
      note: 'Ảnh mặt trước bị mờ',
    });
    expect(response.statusCode).toBe(200);
    expect(officerRegistrationDetail.parse(response.json()).decisions.at(-1)).toMatchObject({
      action: 'rejected',
      actorName: 'Cán bộ Trần Thu Hà',
      reasonCode: 'id_photo_unreadable',
      note: 'Ảnh mặt trước bị mờ',
    });
    const [sms] = await smsTo(world, tam.phone ?? '');
    expect(sms).toBe(
      `To khai dang ky giao dich dien tu so ${form?.dossierNumber} khong duoc duyet. Ly do: anh giay to tuy than khong ro hoac khong doc duoc. Vui long kiem tra va dang ky lai. Lien he 19009068 de duoc ho tro.`,
    );
    const [audit] = await world.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'registration.rejected'));
    expect(audit?.details).toEqual({ reasonCode: 'id_photo_unreadable' });
  });

  it('keeps the decision log append-only: the database refuses to rewrite or delete it', async () => {
    await expect(world.db.execute(sql`update registration_events set note = 'rewritten'`)).rejects.toThrow();
    await expect(world.db.execute(sql`delete from registration_events`)).rejects.toThrow();
    const events = await world.db
      .select()
      .from(registrationEvents)
      .where(eq(registrationEvents.registrationId, lanFormId));
    expect(events.map((e) => e.note)).toEqual([null, null]);
  });
});
