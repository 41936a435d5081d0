import type { FastifyInstance, InjectOptions } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessCasePage,
  accessEventPage,
  cardFlagPage,
  checkResult,
  type CheckResult,
  credentialResponse,
  deskVisit,
  errorEnvelope,
  fromBase64Url,
  generateDeviceKey,
  hospitalCheckResponse,
  medicalHistory,
  notificationPage,
  presentCredential,
  readCredential,
  signCredential,
  toBase64Url,
  type WebCryptoKeyPair,
  writeLegacyQr,
} from '@vssid/shared';
import sharp from 'sharp';
import { agencies, bhytCards, cardCredentials, facilities, facilityStaff, hospitalClients, registrations, storedFiles } from '../../db/schema.ts';
import { credentialDigest } from '../../platform/card-keys.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { buildTestApp, testServices } from '../../test/app.ts';
import { bearerFor } from '../../test/auth.ts';
import { createTestDatabase, testDrivers, type TestDatabase } from '../../test/database.ts';
import { givenAccount, givenAdminUnits, givenAgency, givenCard, givenFacility, givenPerson } from '../../test/factories.ts';
import { MINUTE } from '../../platform/clock.ts';

const NINE_AM = '2026-11-23T02:00:00Z';

describe.each(testDrivers)('card checks on %s', (driver) => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let services: ReturnType<typeof testServices>;
  let lastAddress = 0;
  const call = (options: InjectOptions) => {
    lastAddress += 1;
    return app.inject({ ...options, remoteAddress: `10.7.${(lastAddress >> 8) & 255}.${lastAddress & 255}` });
  };
  type Headers = { authorization: string };
  const headersOf = async (account: { id: number; role: string }) => {
    const { authorization } = await bearerFor(testDb.database, services, { id: account.id, role: account.role as 'citizen' });
    return { authorization };
  };

  let deskA: Headers;
  let deskB: Headers;
  let deskBAccountId = 0;
  let deskX: Headers;
  let deskUnregistered: Headers;
  let officerHanoi: Headers;
  let officerHcmc: Headers;
  let citizen: Headers;
  let other: Headers;
  const people: Record<string, { id: number; bhxhCode: string; personalId: string | null; fullName: string; cardCode?: string }> = {};

  const check = async (headers: Headers, body: Record<string, unknown>) => {
    const response = await call({ method: 'POST', url: '/api/v1/facility/checks', headers, payload: body });
    expect(response.statusCode, response.body).toBe(200);
    return checkResult.parse(response.json());
  };
  const typed = (who: string, input?: string, overrides: Record<string, unknown> = {}) => {
    const person = people[who];
    if (!person) throw new Error(who);
    return check(deskA, { input: input ?? person.bhxhCode, fullName: person.fullName, birthDate: '15/03/1985', ...overrides });
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    const { database } = testDb;
    const units = await givenAdminUnits(database);
    const hcmcCommune = units.communes.find((c) => c.provinceCode === '79')?.code ?? '';
    services = testServices(database, { facilityChecksPerMinute: 1000 });
    services.clock.set(NINE_AM);
    app = await buildTestApp(database, {}, services);
    await database.db.execute(sql`insert into base_salaries (effective_from, amount, instrument) values ('2024-07-01', 2340000, 'NĐ 73/2024')`);
    const hanoi = await givenAgency(database, { code: '01', name: 'BHXH thành phố Hà Nội', provinceCode: '01', communeCode: '00004', lat: 21.03, lon: 105.85 });
    const hcmc = await givenAgency(database, { code: '79', name: 'BHXH TP Hồ Chí Minh', provinceCode: '79', communeCode: hcmcCommune, lat: 10.77, lon: 106.7 });
    await givenFacility(database, { code: '01001', name: 'Bệnh viện Xanh Pôn', provinceCode: '01', communeCode: '00004' });
    await givenFacility(database, { code: '01C01', name: 'Phòng khám Ba Đình', provinceCode: '01', communeCode: '00004', kind: 'clinic', openingHours: '07:00-17:00' });
    await givenFacility(database, { code: '79001', name: 'Bệnh viện Thủ Đức', provinceCode: '79', communeCode: hcmcCommune });

    const desk = async (facilityCode: string, staff: { personalId: string; fullName: string } | null) => {
      const account = await givenAccount(database, { role: 'facility', facilityCode });
      if (staff) await database.db.insert(facilityStaff).values({ facilityCode, ...staff, accountId: account.id });
      if (facilityCode === '01C01') deskBAccountId = account.id;
      return headersOf(account);
    };
    deskA = await desk('01001', { personalId: '001190000001', fullName: 'Nguyễn Thị Lan' });
    deskB = await desk('01C01', { personalId: '001190000002', fullName: 'Trần Văn Bình' });
    deskX = await desk('79001', { personalId: '079190000003', fullName: 'Lê Thị Hồng' });
    deskUnregistered = await desk('01001', null);
    officerHanoi = await headersOf(await givenAccount(database, { role: 'officer', agencyId: hanoi.id }));
    officerHcmc = await headersOf(await givenAccount(database, { role: 'officer', agencyId: hcmc.id }));
    await database.db
      .insert(hospitalClients)
      .values({ clientId: 'his-01001', facilityCode: '01001', name: 'HIS', secretHash: await hashPassword('hospital-secret-0001') });

    const person = async (key: string, fullName: string, card: Partial<Parameters<typeof givenCard>[1]> | null, facilityCode = '01001') => {
      const row = await givenPerson(database, { fullName, birthDate: '1985-03-15' });
      people[key] = { id: row.id, bhxhCode: row.bhxhCode, personalId: row.personalId, fullName };
      if (card) {
        const stored = await givenCard(database, { personId: row.id, bhxhCode: row.bhxhCode, facilityCode, issuingAgencyId: hanoi.id, ...card });
        people[key].cardCode = stored.cardCode;
      }
      return row;
    };
    const holder = await person('holder', 'Phạm Thị Hoa', {});
    citizen = await headersOf(await givenAccount(database, { role: 'citizen', personId: holder.id, login: holder.bhxhCode }));
    const someoneElse = await person('other', 'Đỗ Văn Nam', {});
    other = await headersOf(await givenAccount(database, { role: 'citizen', personId: someoneElse.id, login: someoneElse.bhxhCode }));
    await person('revoked', 'Vũ Văn Lâm', { status: 'revoked' });
    await person('reported', 'Hoàng Thị Mai', { status: 'reported' });
    await person('expired', 'Bùi Văn Tú', { validFrom: '2025-01-01', validTo: '2025-12-31' });
    await person('noCard', 'Đinh Thị Ngọc', null);
    const reissuedExpired = await person('reissuedExpired', 'Lý Văn Hùng', { objectCode: 'HS', validFrom: '2024-09-01', validTo: '2025-08-31' });
    await givenCard(database, { personId: reissuedExpired.id, bhxhCode: reissuedExpired.bhxhCode, facilityCode: '01001', issuingAgencyId: hanoi.id });
    const reissuedValid = await person('reissuedValid', 'Mai Thị Yến', { objectCode: 'GD', validFrom: '2026-01-01', validTo: '2026-12-31' });
    await givenCard(database, { personId: reissuedValid.id, bhxhCode: reissuedValid.bhxhCode, facilityCode: '01001', issuingAgencyId: hanoi.id, validFrom: '2026-06-01' });
  });

  afterAll(async () => {
    await app.close();
    await testDb.dispose();
  });

  describe('typed numbers, with name and birth date', () => {
    it('000 for a valid card by BHXH code, card code or personal ID, with the admission facts only', async () => {
      const byCode = await typed('holder');
      expect(byCode).toMatchObject({ resultCode: '000', valid: true, inputKind: 'bhxh_code' });
      expect(byCode.card).toMatchObject({ bhxhCode: people.holder?.bhxhCode, benefitLevel: 4, rightRoute: true, validTo: '2026-12-31' });
      expect(Object.keys(byCode.card ?? {}).sort()).toEqual(
        ['benefitLevel', 'bhxhCode', 'birthDate', 'birthDatePrecision', 'cardCode', 'fiveYearsDate', 'fullName', 'hasPhoto', 'registeredFacility', 'rightRoute', 'sex', 'validFrom', 'validTo'].sort(),
      );
      expect((await typed('holder', people.holder?.cardCode)).resultCode).toBe('000');
      expect((await typed('holder', people.holder?.personalId ?? '')).resultCode).toBe('000');
      expect((await typed('holder', undefined, { birthDate: '1985' })).resultCode).toBe('000');
      expect((await typed('holder', undefined, { fullName: 'PHAM THI HOA' })).resultCode).toBe('000');
    });

    it('060, 061, 070 for the wrong name or birth date — and no card facts', async () => {
      const wrongName = await typed('holder', undefined, { fullName: 'Trần Văn An' });
      expect(wrongName).toMatchObject({ resultCode: '060', card: null, valid: false });
      expect((await typed('holder', undefined, { fullName: 'Phạm Thị Hòa Bình' })).resultCode).toBe('061');
      expect((await typed('holder', undefined, { birthDate: '16/03/1985' })).resultCode).toBe('070');
      expect((await typed('holder', undefined, { birthDate: '1986' })).resultCode).toBe('070');
    });

    it('051, 052, 053 for a wrong card code, part by part; 050 without a card', async () => {
      const code = people.holder?.bhxhCode ?? '';
      expect((await typed('holder', `HS401${code}`)).resultCode).toBe('051');
      expect((await typed('holder', `ZZ401${code}`)).resultCode).toBe('051');
      expect((await typed('holder', `DN402${code}`)).resultCode).toBe('052');
      expect((await typed('holder', `DN500${code}`)).resultCode).toBe('052');
      expect((await typed('holder', `DN301${code}`)).resultCode).toBe('053');
      expect((await typed('noCard')).resultCode).toBe('050');
      expect((await typed('holder', '0199999999')).resultCode).toBe('050');
    });

    it('010, 110, 120 for expired, revoked and reported cards; 003 and 004 for a superseded card', async () => {
      expect((await typed('expired')).resultCode).toBe('010');
      expect((await typed('revoked')).resultCode).toBe('110');
      expect((await typed('reported')).resultCode).toBe('120');
      expect((await typed('reissuedExpired', people.reissuedExpired?.cardCode)).resultCode).toBe('003');
      expect((await typed('reissuedValid', people.reissuedValid?.cardCode)).resultCode).toBe('004');
    });

    it('205 without the name and birth date the national service requires, or for unreadable input', async () => {
      expect((await check(deskA, { input: people.holder?.bhxhCode ?? '' })).resultCode).toBe('205');
      expect((await check(deskA, { input: 'xin chào', fullName: 'A B', birthDate: '1985' })).resultCode).toBe('205');
      const bad = await call({ method: 'POST', url: '/api/v1/facility/checks', headers: deskA, payload: { input: '0101', birthDate: '1985-03-15' } });
      expect(bad.statusCode).toBe(400);
      expect(errorEnvelope.parse(bad.json()).error.fields?.birthDate).toBeDefined();
    });

    it('054 for a desk account that is not on the facility staff list', async () => {
      expect((await check(deskUnregistered, { input: people.holder?.bhxhCode ?? '', fullName: 'Phạm Thị Hoa', birthDate: '1985' })).resultCode).toBe('054');
    });
  });

  describe('the app QR', () => {
    async function credential() {
      const device = await generateDeviceKey();
      const response = await call({
        method: 'POST',
        url: '/api/v1/people/me/card/credential',
        headers: citizen,
        payload: { deviceKey: { alg: device.alg, publicKey: toBase64Url(device.publicKey) } },
      });
      const bytes = fromBase64Url(credentialResponse.parse(response.json()).credential);
      if (!bytes) throw new Error('credential');
      return { bytes, signer: { alg: device.alg, privateKey: device.keyPair.privateKey } };
    }

    it('000 for a fresh QR; 140 for the same QR three minutes later (a replay)', async () => {
      const { bytes, signer } = await credential();
      const qr = await presentCredential(bytes, signer, services.clock.now());
      expect(await check(deskA, { input: qr })).toMatchObject({ resultCode: '000', inputKind: 'app_qr' });
      services.clock.advance(3 * MINUTE);
      try {
        expect((await check(deskA, { input: qr })).resultCode).toBe('140');
      } finally {
        services.clock.set(NINE_AM);
      }
    });

    it('000 for a QR an offline desk verified when scanned, sent later with scannedAt', async () => {
      const { bytes, signer } = await credential();
      const scannedAt = new Date(services.clock.now().getTime() - 40 * MINUTE);
      const qr = await presentCredential(bytes, signer, scannedAt);
      const result = await check(deskA, { input: qr, scannedAt: scannedAt.toISOString() });
      expect(result.resultCode).toBe('000');
      expect(result.flags).toContain('offline_scan');
    });

    it('141 for a changed byte, 142 for an unknown key, 143 for another device', async () => {
      const { bytes, signer } = await credential();
      const tampered = Uint8Array.from(bytes);
      tampered[30] = (tampered[30] ?? 0) ^ 1;
      expect((await check(deskA, { input: await presentCredential(tampered, signer, services.clock.now()) })).resultCode).toBe('141');

      const claims = readCredential(bytes);
      if (!claims) throw new Error('claims');
      const rogue = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as WebCryptoKeyPair;
      const forged = await signCredential({ ...claims, kid: 'rogue-key' }, rogue.privateKey);
      expect((await check(deskA, { input: await presentCredential(forged, signer, services.clock.now()) })).resultCode).toBe('142');

      const thief = await generateDeviceKey();
      const stolen = await presentCredential(bytes, { alg: thief.alg, privateKey: thief.keyPair.privateKey }, services.clock.now());
      expect((await check(deskA, { input: stolen })).resultCode).toBe('143');
    });

    it('000 for a credential handed out before its digest was kept: the agency signature is verified instead', async () => {
      const { bytes, signer } = await credential();
      const { db } = testDb.database;
      const digest = credentialDigest(bytes);
      expect(await db.select().from(cardCredentials).where(eq(cardCredentials.credentialDigest, digest))).toHaveLength(1);
      await db.update(cardCredentials).set({ credentialDigest: null }).where(eq(cardCredentials.credentialDigest, digest));
      expect((await check(deskA, { input: await presentCredential(bytes, signer, services.clock.now()) })).resultCode).toBe('000');
    });

    it('141 for a forged QR whose card code holds bytes no code has, and the checks batched beside it are answered', async () => {
      const { bytes, signer } = await credential();
      const claims = readCredential(bytes);
      if (!claims) throw new Error('claims');
      // version, kid length, kid, then the 15 characters of the card code.
      const forged = Uint8Array.from(bytes);
      forged.fill(0, 2 + claims.kid.length, 2 + claims.kid.length + 15);
      const now = services.clock.now();
      // The forged one second: on PostgreSQL the first check's read runs alone, and the next ones' go together.
      const [forgedQr, ...validQrs] = await Promise.all([forged, bytes, bytes, bytes].map(async (credentialBytes) => presentCredential(credentialBytes, signer, now)));
      const results = await Promise.all([validQrs[0], forgedQr, validQrs[1], validQrs[2]].map(async (qr) => check(deskA, { input: qr ?? '' })));
      expect(results.map((result) => result.resultCode)).toEqual(['000', '141', '000', '000']);
    });

    it('003 for a credential of a card since reissued with the same code (lost card), and 000 once the app renews it', async () => {
      const { bytes, signer } = await credential();
      const { db } = testDb.database;
      const [card] = await db.select().from(bhytCards).where(eq(bhytCards.personId, people.holder?.id ?? 0));
      if (!card) throw new Error('no card');
      // What an approved reissue does (modules/dossiers/effects.ts): revoke, and issue the same card a minute later.
      const { id: oldId, ...copy } = card;
      await db.update(bhytCards).set({ status: 'revoked' }).where(eq(bhytCards.id, oldId));
      const [reissued] = await db
        .insert(bhytCards)
        .values({ ...copy, status: 'active', issuedAt: new Date(services.clock.now().getTime() + MINUTE) })
        .returning({ id: bhytCards.id });
      services.clock.advance(2 * MINUTE);
      try {
        const old = await check(deskA, { input: await presentCredential(bytes, signer, services.clock.now()) });
        expect(old).toMatchObject({ resultCode: '003', inputKind: 'app_qr' });
        const renewed = await credential();
        const fresh = await check(deskA, { input: await presentCredential(renewed.bytes, renewed.signer, services.clock.now()) });
        expect(fresh.resultCode).toBe('000');
      } finally {
        services.clock.set(NINE_AM);
        // The holder keeps the reissued card (identical); later tests sign credentials at 9:00 again.
        await db.update(bhytCards).set({ issuedAt: null }).where(eq(bhytCards.id, reissued?.id ?? 0));
      }
    });
  });

  it('reads the printed card QR (2021 form) like a typed number', async () => {
    const holder = people.holder;
    if (!holder) throw new Error('holder');
    const payload = writeLegacyQr(
      {
        cardCode: null,
        bhxhCode: holder.bhxhCode,
        fullName: holder.fullName,
        birthDate: '1985-03-15',
        sex: 'female',
        address: null,
        facilityCode: '01001',
        validFrom: '2026-01-01',
        validTo: null,
        issuedOn: '2025-12-20',
        managerCode: null,
        parentName: null,
        benefitLevel: '4',
        fiveYearsDate: '2024-03-01',
        checksum: null,
        field14: null,
        issuingPlace: null,
      },
      'v2021',
    );
    expect(await check(deskA, { input: payload })).toMatchObject({ resultCode: '000', inputKind: 'legacy_qr' });
  });

  describe('abuse controls', () => {
    it('flags a card accepted at two facilities within hours, to both desks and the agency of the person', async () => {
      await typed('other');
      const second = await check(deskB, { input: people.other?.bhxhCode, fullName: 'Đỗ Văn Nam', birthDate: '15/03/1985' });
      expect(second.resultCode).toBe('000');
      expect(second.flags).toContain('two_facilities');
      expect(second.otherFacility?.name).toBe('Bệnh viện Xanh Pôn');
      const flags = cardFlagPage.parse((await call({ method: 'GET', url: '/api/v1/officer/card-flags', headers: officerHanoi })).json());
      expect(flags.items.some((f) => f.kind === 'two_facilities' && f.otherFacility?.code === '01001' && f.facility.code === '01C01')).toBe(true);
      const elsewhere = cardFlagPage.parse((await call({ method: 'GET', url: '/api/v1/officer/card-flags', headers: officerHcmc })).json());
      expect(elsewhere.items.some((f) => f.kind === 'two_facilities')).toBe(false);
    });

    it('flags a check outside the facility’s opening hours', async () => {
      services.clock.set('2026-11-23T12:30:00Z'); // 19:30 in Hà Nội; the clinic closes at 17:00
      try {
        const evening = await headersOf({ id: deskBAccountId, role: 'facility' });
        const late = await check(evening, { input: people.holder?.bhxhCode, fullName: 'Phạm Thị Hoa', birthDate: '1985' });
        expect(late.flags).toContain('outside_hours');
      } finally {
        services.clock.set(NINE_AM);
      }
      const inHours = await check(deskB, { input: people.holder?.bhxhCode, fullName: 'Phạm Thị Hoa', birthDate: '1985' });
      expect(inHours.flags).not.toContain('outside_hours');
    });

    it('flags the daily quota once exceeded, and refuses more than the per-minute limit of the facility', async () => {
      await testDb.database.db.update(facilities).set({ dailyCheckQuota: 2 }).where(eq(facilities.code, '79001'));
      const input = { input: people.holder?.bhxhCode, fullName: 'Phạm Thị Hoa', birthDate: '1985' };
      expect((await check(deskX, input)).flags).not.toContain('quota_exceeded');
      expect((await check(deskX, input)).flags).not.toContain('quota_exceeded');
      expect((await check(deskX, input)).flags).toContain('quota_exceeded');
      services.facilityChecksPerMinute = 3;
      try {
        const refused = await call({ method: 'POST', url: '/api/v1/facility/checks', headers: deskX, payload: input });
        expect(refused.statusCode).toBe(429);
        expect(errorEnvelope.parse(refused.json()).error.code).toBe('RATE_LIMITED');
      } finally {
        services.facilityChecksPerMinute = 1000;
      }
      services.clock.advance(MINUTE + 1000);
      try {
        expect((await call({ method: 'POST', url: '/api/v1/facility/checks', headers: deskX, payload: input })).statusCode).toBe(200);
      } finally {
        services.clock.set(NINE_AM);
      }
    });
  });

  describe('visits', () => {
    let valid: CheckResult;
    beforeAll(async () => {
      valid = await typed('holder');
    });

    it('opens a visit from a valid check, closes it with the fund paying 80% at level 4, and the citizen sees it', async () => {
      const opened = await call({ method: 'POST', url: '/api/v1/facility/visits', headers: deskA, payload: { checkId: valid.checkId, visitType: 'outpatient' } });
      expect(opened.statusCode).toBe(201);
      const visit = deskVisit.parse(opened.json());
      expect(visit.status).toBe('open');
      const closed = await call({
        method: 'POST',
        url: `/api/v1/facility/visits/${visit.id}/close`,
        headers: deskA,
        payload: { icd10Code: 'J06.9', icd10Name: 'Nhiễm trùng đường hô hấp trên cấp', totalCost: 1_000_000 },
      });
      expect(closed.statusCode).toBe(200);
      expect(deskVisit.parse(closed.json())).toMatchObject({ status: 'closed', bhytPaid: 800_000, patientPaid: 200_000 });
      const again = await call({
        method: 'POST',
        url: `/api/v1/facility/visits/${visit.id}/close`,
        headers: deskA,
        payload: { icd10Code: 'J06', icd10Name: 'x y', totalCost: 1 },
      });
      expect(again.statusCode).toBe(409);
      const history = medicalHistory.parse((await call({ method: 'GET', url: '/api/v1/people/me/medical-visits?year=2026', headers: citizen })).json());
      expect(history.items.some((item) => item.id === visit.id && item.diagnosis?.code === 'J06.9' && item.bhytPaid === 800_000)).toBe(true);
    });

    it('pays a cheap visit (under 15% of the base salary) in full', async () => {
      const opened = deskVisit.parse((await call({ method: 'POST', url: '/api/v1/facility/visits', headers: deskA, payload: { checkId: valid.checkId, visitType: 'outpatient' } })).json());
      const closed = await call({ method: 'POST', url: `/api/v1/facility/visits/${opened.id}/close`, headers: deskA, payload: { icd10Code: 'K29', icd10Name: 'Viêm dạ dày', totalCost: 350_000 } });
      expect(deskVisit.parse(closed.json())).toMatchObject({ bhytPaid: 350_000, patientPaid: 0 });
    });

    it('refuses a visit from an invalid check (409) or from another facility’s check (404)', async () => {
      const invalid = await typed('expired');
      expect((await call({ method: 'POST', url: '/api/v1/facility/visits', headers: deskA, payload: { checkId: invalid.checkId, visitType: 'outpatient' } })).statusCode).toBe(409);
      expect((await call({ method: 'POST', url: '/api/v1/facility/visits', headers: deskB, payload: { checkId: valid.checkId, visitType: 'outpatient' } })).statusCode).toBe(404);
      const list = await call({ method: 'GET', url: '/api/v1/facility/visits?status=closed', headers: deskB });
      expect(list.json<{ total: number }>().total).toBe(0);
    });
  });

  describe('hospital systems', () => {
    const token = async () => {
      const response = await call({ method: 'POST', url: '/api/v1/hospital/token', payload: { clientId: 'his-01001', clientSecret: 'hospital-secret-0001' } });
      expect(response.statusCode).toBe(200);
      return `Bearer ${response.json<{ accessToken: string }>().accessToken}`;
    };
    const body = (overrides: Record<string, unknown> = {}) => ({
      maThe: people.holder?.cardCode,
      hoTen: 'Phạm Thị Hoa',
      ngaySinh: '15/03/1985',
      hoTenCb: 'Nguyễn Thị Lan',
      cccdCb: '001190000001',
      maLK: 'HS-2026-0001',
      ...overrides,
    });

    it('answers with the national field names; 054 and 055 for staff not on the list or misnamed', async () => {
      const authorization = await token();
      const ok = await call({ method: 'POST', url: '/api/v1/hospital/check-card', headers: { authorization }, payload: body() });
      expect(ok.statusCode).toBe(200);
      expect(hospitalCheckResponse.parse(ok.json())).toMatchObject({
        maKetQua: '000',
        maThe: people.holder?.cardCode,
        maSoBHXH: people.holder?.bhxhCode,
        ngaySinh: '15/03/1985',
        gtTheTu: '01/01/2026',
        gtTheDen: '31/12/2026',
        maDKBD: '01001',
        gioiTinh: 'Nữ',
      });
      const unknown = await call({ method: 'POST', url: '/api/v1/hospital/check-card', headers: { authorization }, payload: body({ cccdCb: '001190009999' }) });
      expect(hospitalCheckResponse.parse(unknown.json())).toMatchObject({ maKetQua: '054', maThe: null });
      const misnamed = await call({ method: 'POST', url: '/api/v1/hospital/check-card', headers: { authorization }, payload: body({ hoTenCb: 'Nguyễn Văn Lan' }) });
      expect(hospitalCheckResponse.parse(misnamed.json()).maKetQua).toBe('055');
    });

    it('refuses without a token, with a wrong secret, or with a desk session', async () => {
      expect((await call({ method: 'POST', url: '/api/v1/hospital/check-card', payload: body() })).statusCode).toBe(401);
      expect((await call({ method: 'POST', url: '/api/v1/hospital/check-card', headers: deskA, payload: body() })).statusCode).toBe(401);
      const wrong = await call({ method: 'POST', url: '/api/v1/hospital/token', payload: { clientId: 'his-01001', clientSecret: 'wrong-secret-00000' } });
      expect(wrong.statusCode).toBe(401);
      expect(errorEnvelope.parse(wrong.json()).error.code).toBe('HOSPITAL_CLIENT_INVALID');
    });
  });

  describe('the card holder sees each check, and can say "this wasn’t me"', () => {
    it('lists checks in the ledger with the staff member and facility, and notifies', async () => {
      const ledger = accessEventPage.parse((await call({ method: 'GET', url: '/api/v1/people/me/access-events?pageSize=100', headers: citizen })).json());
      const check = ledger.items.find((item) => item.actorType === 'facility' && item.organisation === 'Bệnh viện Xanh Pôn');
      expect(check).toMatchObject({ actorName: 'Nguyễn Thị Lan', organisation: 'Bệnh viện Xanh Pôn', purpose: 'card_check', resource: 'check' });
      expect(ledger.items.some((item) => item.actorType === 'hospital_system')).toBe(true);
      const inbox = notificationPage.parse((await call({ method: 'GET', url: '/api/v1/me/notifications', headers: { ...citizen, 'accept-language': 'en' } })).json());
      expect(inbox.unread).toBeGreaterThan(0);
      // In Vietnam's time: the checks of this suite are made at 09:00 (NINE_AM) or 19:30 (the evening one).
      expect(inbox.items[0]?.text).toMatch(/^Your BHYT card was checked at .+ at (09:00|19:30) 23\/11\/2026/);
      expect((await call({ method: 'POST', url: '/api/v1/me/notifications/read', headers: citizen })).statusCode).toBe(204);
      expect(notificationPage.parse((await call({ method: 'GET', url: '/api/v1/me/notifications', headers: citizen })).json()).unread).toBe(0);
    });

    it('opens one case per entry for the agency of the person’s province; others’ entries answer 404', async () => {
      const ledger = accessEventPage.parse((await call({ method: 'GET', url: '/api/v1/people/me/access-events', headers: citizen })).json());
      const entry = ledger.items[0];
      if (!entry) throw new Error('no ledger entry');
      const url = `/api/v1/people/me/access-events/${entry.id}/dispute`;
      expect((await call({ method: 'POST', url, headers: citizen, payload: { note: 'Hôm đó tôi ở nhà' } })).statusCode).toBe(201);
      expect((await call({ method: 'POST', url, headers: citizen, payload: {} })).statusCode).toBe(409);
      expect((await call({ method: 'POST', url, headers: other, payload: {} })).statusCode).toBe(404);
      const cases = accessCasePage.parse((await call({ method: 'GET', url: '/api/v1/officer/access-cases', headers: officerHanoi })).json());
      expect(cases.items[0]).toMatchObject({ bhxhCode: people.holder?.bhxhCode, note: 'Hôm đó tôi ở nhà', status: 'open' });
      const elsewhere = accessCasePage.parse((await call({ method: 'GET', url: '/api/v1/officer/access-cases', headers: officerHcmc })).json());
      expect(elsewhere.total).toBe(0);
    });

    it('records every one of many concurrent checks in the ledger and the inbox (they share write batches)', async () => {
      const ledgerTotal = async () =>
        accessEventPage.parse((await call({ method: 'GET', url: '/api/v1/people/me/access-events', headers: citizen })).json()).total;
      const unread = async () => notificationPage.parse((await call({ method: 'GET', url: '/api/v1/me/notifications', headers: citizen })).json()).unread;
      const [ledgerBefore, unreadBefore] = [await ledgerTotal(), await unread()];
      const checks = await Promise.all(Array.from({ length: 12 }, () => typed('holder')));
      expect(checks.every((c) => c.resultCode === '000')).toBe(true);
      expect(new Set(checks.map((c) => c.checkId)).size).toBe(12);
      expect(await ledgerTotal()).toBe(ledgerBefore + 12);
      expect(await unread()).toBe(unreadBefore + 12);
    });
  });

  describe('revocation by the agency', () => {
    it('lets only an officer of the person’s province revoke; the next check answers 110 and the holder is told', async () => {
      const payload = { cardCode: people.other?.cardCode, reason: 'reported_misuse' };
      expect((await call({ method: 'POST', url: '/api/v1/officer/card-revocations', headers: citizen, payload })).statusCode).toBe(403);
      expect((await call({ method: 'POST', url: '/api/v1/officer/card-revocations', headers: officerHcmc, payload })).statusCode).toBe(404);
      expect((await call({ method: 'POST', url: '/api/v1/officer/card-revocations', headers: officerHanoi, payload })).statusCode).toBe(200);
      expect((await call({ method: 'POST', url: '/api/v1/officer/card-revocations', headers: officerHanoi, payload })).statusCode).toBe(409);
      expect((await typed('other')).resultCode).toBe('110');
      const [card] = await testDb.database.db.select().from(bhytCards).where(eq(bhytCards.cardCode, people.other?.cardCode ?? ''));
      expect(card?.status).toBe('revoked');
      const inbox = notificationPage.parse((await call({ method: 'GET', url: '/api/v1/me/notifications', headers: other })).json());
      expect(inbox.items.some((n) => n.kind === 'card_revoked')).toBe(true);
    });
  });

  it('shows the desk that made a valid check the holder’s portrait, and no one else', async () => {
    const photo = await sharp({ create: { width: 30, height: 40, channels: 3, background: '#888' } }).jpeg().toBuffer();
    await services.files.put('uploads/holder-portrait.jpg', photo);
    const [file] = await testDb.database.db
      .insert(storedFiles)
      .values({ id: 'holder-portrait', purpose: 'portrait', mimeType: 'image/jpeg', bytes: photo.length, width: 30, height: 40, sha256: 'x', storageKey: 'uploads/holder-portrait.jpg' })
      .returning();
    const [agency] = await testDb.database.db.select().from(agencies).limit(1);
    await testDb.database.db.insert(registrations).values({
      dossierNumber: 'TEST.PORTRAIT/1',
      kind: 'self',
      personId: people.holder?.id ?? 0,
      fullName: 'Phạm Thị Hoa',
      bhxhCode: people.holder?.bhxhCode ?? '',
      birthDate: '1985-03-15',
      phone: '0912000000',
      provinceCode: '01',
      communeCode: '00004',
      street: 'x',
      agencyId: agency?.id ?? 0,
      identityVerified: true,
      portraitFileId: file?.id ?? null,
      status: 'approved',
      submittedAt: services.clock.now(),
      decidedAt: services.clock.now(),
      expiresOn: '2026-12-07',
    });
    const valid = await typed('holder');
    expect(valid.card?.hasPhoto).toBe(true);
    const shown = await call({ method: 'GET', url: `/api/v1/facility/checks/${valid.checkId}/photo`, headers: deskA });
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('image/jpeg');
    expect(shown.rawPayload.equals(photo)).toBe(true);
    expect((await call({ method: 'GET', url: `/api/v1/facility/checks/${valid.checkId}/photo`, headers: deskB })).statusCode).toBe(404);
    expect((await call({ method: 'GET', url: `/api/v1/facility/checks/${valid.checkId}/photo`, headers: citizen })).statusCode).toBe(403);
    const invalid = await typed('expired');
    expect((await call({ method: 'GET', url: `/api/v1/facility/checks/${invalid.checkId}/photo`, headers: deskA })).statusCode).toBe(404);
  });

  it('refuses every route to the roles it is not for', async () => {
    const refusals: Array<[string, string, Headers]> = [
      ['GET', '/api/v1/me/notifications', deskA],
      ['POST', '/api/v1/me/notifications/read', officerHanoi],
      ['GET', '/api/v1/facility/visits', citizen],
      ['POST', '/api/v1/facility/visits/1/close', officerHanoi],
      ['POST', '/api/v1/facility/visits', citizen],
      ['GET', '/api/v1/officer/access-cases', deskA],
      ['POST', '/api/v1/officer/card-revocations', deskA],
    ];
    for (const [method, url, headers] of refusals) {
      const response = await call({ method: method, url, headers, payload: method === 'POST' ? {} : undefined });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
    }
    for (const [method, url] of refusals) {
      expect((await call({ method: method, url })).statusCode, `${method} ${url} anonymous`).toBe(401);
    }
  });

  it('keeps desks to checks: no records, no other desk’s photos, no officer lists', async () => {
    expect((await call({ method: 'GET', url: `/api/v1/people/${people.holder?.id}/profile`, headers: deskA })).statusCode).toBe(403);
    expect((await call({ method: 'GET', url: '/api/v1/officer/card-flags', headers: deskA })).statusCode).toBe(403);
    const valid = await typed('holder');
    expect((await call({ method: 'GET', url: `/api/v1/facility/checks/${valid.checkId}/photo`, headers: deskB })).statusCode).toBe(404);
    expect((await call({ method: 'POST', url: '/api/v1/facility/checks', headers: citizen, payload: { input: 'x' } })).statusCode).toBe(403);
  });
});
