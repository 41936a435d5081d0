import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessEventPage,
  benefitPage,
  cardResponse,
  credentialResponse,
  errorEnvelope,
  fromBase64Url,
  generateDeviceKey,
  jwkSet,
  keyResolverFromJwks,
  medicalHistory,
  participationPage,
  participationSummary,
  presentCredential,
  profile,
  readCredential,
  toBase64Url,
  verifyCardPresentation,
} from '@vssid/shared';
import type { Database } from '../../db/connection.ts';
import { registrations, guardianships } from '../../db/schema.ts';
import { queryRows } from '../../db/seed/query.ts';
import { seedDatabase } from '../../db/seed/index.ts';
import { buildTestApp, testServices } from '../../test/app.ts';
import { bearerFor } from '../../test/auth.ts';
import { createTestDatabase, testDrivers, type TestDatabase } from '../../test/database.ts';
import { givenAccount } from '../../test/factories.ts';
import { MINUTE } from '../../platform/clock.ts';

const DAY = 24 * 60 * MINUTE;

interface SeededPerson {
  id: number;
  bhxh_code: string;
  province_code: string;
  birth_date: string;
  full_name: string;
}

/** Months from..to inclusive as 'YYYY-MM' keys (both are first days of months). */
function monthKeys(from: string, to: string): string[] {
  const keys: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    keys.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return keys;
}

const appSchemeOf = (stored: string) => (stored.startsWith('bhxh_') ? 'bhxh' : stored);

describe.each(testDrivers)('personal records on %s', (driver) => {
  let testDb: TestDatabase;
  let database: Database;
  let app: FastifyInstance;
  let services: ReturnType<typeof testServices>;
  let lastAddress = 0;

  const call = (options: InjectOptions) => {
    lastAddress += 1;
    return app.inject({ ...options, remoteAddress: `10.9.${(lastAddress >> 8) & 255}.${lastAddress & 255}` });
  };
  const rows = <T>(text: string, params: unknown[] = []) => queryRows<T>(database, text, params);

  const citizenAccounts = new Map<number, Awaited<ReturnType<typeof givenAccount>>>();
  async function citizenOf(person: SeededPerson) {
    const account =
      citizenAccounts.get(person.id) ??
      (await givenAccount(database, { role: 'citizen', personId: person.id, login: person.bhxh_code, displayName: person.full_name }));
    citizenAccounts.set(person.id, account);
    const { authorization } = await bearerFor(database, services, { id: account.id, role: 'citizen' });
    return { account, headers: { authorization } };
  }

  async function staff(role: 'officer' | 'facility' | 'admin', agencyProvince?: string) {
    let agencyId: number | null = null;
    if (agencyProvince) {
      const [agency] = await rows<{ id: number }>(`select id from agencies where province_code = $1 and kind = 'provincial'`, [agencyProvince]);
      agencyId = agency?.id ?? null;
    }
    const account = await givenAccount(database, { role, agencyId, displayName: `Cán bộ ${role} ${agencyProvince ?? ''}`.trim() });
    const { authorization } = await bearerFor(database, services, { id: account.id, role });
    return { account, headers: { authorization } };
  }

  const personWith = async (where: string) => {
    const [row] = await rows<SeededPerson>(
      `select p.id::int as id, p.bhxh_code, p.province_code, p.birth_date::text as birth_date, p.full_name from people p where ${where} order by p.id limit 1`,
    );
    if (!row) throw new Error(`no seeded person: ${where}`);
    return row;
  };

  let worker: SeededPerson;
  let workerCaller: Awaited<ReturnType<typeof citizenOf>>;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    database = testDb.database;
    await seedDatabase(database, { people: 600, seed: 'records-test' });
    services = testServices(database);
    services.clock.set('2026-11-23T02:00:00Z');
    app = await buildTestApp(database, {}, services);
    worker = await personWith(
      `exists (select 1 from participation_periods pp where pp.person_id = p.id and pp.status = 'arrears')
       and exists (select 1 from bhyt_cards c where c.person_id = p.id and c.status = 'active')
       and exists (select 1 from medical_visits v where v.person_id = p.id)`,
    );
    workerCaller = await citizenOf(worker);
  });

  afterAll(async () => {
    await app.close();
    await testDb.dispose();
  });

  it('answers 401 without a session and 403 to roles that do not read records', async () => {
    expect((await call({ method: 'GET', url: '/api/v1/people/me/card' })).statusCode).toBe(401);
    const facility = await staff('facility');
    const response = await call({ method: 'GET', url: '/api/v1/people/me/card', headers: facility.headers });
    expect(response.statusCode).toBe(403);
  });

  it('shows the person their profile, with the pre-2025 units of their commune', async () => {
    const response = await call({ method: 'GET', url: '/api/v1/people/me/profile', headers: workerCaller.headers });
    expect(response.statusCode).toBe(200);
    const body = profile.parse(response.json());
    const [stored] = await rows<{ full_name: string; personal_id: string | null; street: string; commune_code: string }>(
      'select full_name, personal_id, street, commune_code from people where id = $1',
      [worker.id],
    );
    expect(body).toMatchObject({ personId: worker.id, bhxhCode: worker.bhxh_code, fullName: stored?.full_name, personalId: stored?.personal_id });
    expect(body.address.street).toBe(stored?.street);
    const [former] = await rows<{ n: number }>('select count(*)::int as n from old_commune_mappings where new_commune_code = $1', [stored?.commune_code]);
    expect(body.formerUnits).toHaveLength(former?.n ?? -1);
  });

  it('shows the card as stored, with the level from the card code', async () => {
    const response = await call({ method: 'GET', url: '/api/v1/people/me/card', headers: workerCaller.headers });
    const { card } = cardResponse.parse(response.json());
    const [stored] = await rows<{ card_code: string; benefit_level: number; facility_code: string; valid_to: string | null; five_years_date: string | null }>(
      `select card_code, benefit_level, facility_code, valid_to::text, five_years_date::text from bhyt_cards where person_id = $1`,
      [worker.id],
    );
    expect(card).not.toBeNull();
    expect(card?.cardCode).toBe(stored?.card_code);
    expect(card?.cardCode.slice(5)).toBe(worker.bhxh_code);
    expect(card?.benefitLevel).toBe(stored?.benefit_level);
    expect(Number(card?.cardCode[2])).toBe(stored?.benefit_level);
    expect(card?.facility.code).toBe(stored?.facility_code);
    expect(card?.validTo).toBe(stored?.valid_to);
    expect(card?.fiveYearsDate).toBe(stored?.five_years_date);
    expect(card?.status).toBe('active');
  });

  it('shows the newest card when a reissue superseded the old one', async () => {
    const holder = await personWith(
      `p.id <> ${worker.id} and (select count(*) from bhyt_cards c where c.person_id = p.id) = 1
       and exists (select 1 from bhyt_cards c where c.person_id = p.id and c.status = 'active')`,
    );
    const caller = await citizenOf(holder);
    await rows(`update bhyt_cards set status = 'revoked' where person_id = $1`, [holder.id]);
    await rows(
      `insert into bhyt_cards (person_id, card_code, object_code, benefit_level, old_province_digits, facility_code,
                               valid_from, valid_to, five_years_date, residence_code, status, issued_on, issuing_agency_id)
       select person_id, card_code, object_code, benefit_level, old_province_digits, facility_code,
              '2026-11-20', valid_to, five_years_date, residence_code, 'active', '2026-11-20', issuing_agency_id
         from bhyt_cards where person_id = $1`,
      [holder.id],
    );
    const { card } = cardResponse.parse((await call({ method: 'GET', url: '/api/v1/people/me/card', headers: caller.headers })).json());
    expect(card).toMatchObject({ validFrom: '2026-11-20', issuedOn: '2026-11-20', status: 'active' });
  });

  it('answers card: null for a person without a card', async () => {
    const uninsured = await personWith(`not exists (select 1 from bhyt_cards c where c.person_id = p.id)`);
    const caller = await citizenOf(uninsured);
    const response = await call({ method: 'GET', url: '/api/v1/people/me/card', headers: caller.headers });
    expect(cardResponse.parse(response.json()).card).toBeNull();
    const device = await generateDeviceKey();
    const credential = await call({
      method: 'POST',
      url: '/api/v1/people/me/card/credential',
      headers: caller.headers,
      payload: { deviceKey: { alg: device.alg, publicKey: toBase64Url(device.publicKey) } },
    });
    expect(credential.statusCode).toBe(409);
    expect(errorEnvelope.parse(credential.json()).error.code).toBe('NO_ACTIVE_CARD');
  });

  describe('the signed credential', () => {
    async function credentialFor(headers: Record<string, string>, subject: string | number = 'me') {
      const device = await generateDeviceKey();
      const response = await call({
        method: 'POST',
        url: `/api/v1/people/${subject}/card/credential`,
        headers,
        payload: { deviceKey: { alg: device.alg, publicKey: toBase64Url(device.publicKey) } },
      });
      expect(response.statusCode).toBe(200);
      const body = credentialResponse.parse(response.json());
      const bytes = fromBase64Url(body.credential);
      if (!bytes) throw new Error('credential is not base64url');
      return { body, bytes, device };
    }
    const jwks = async () => jwkSet.parse((await call({ method: 'GET', url: '/.well-known/jwks.json' })).json());

    it('binds the card facts to the device key and verifies with the published keys', async () => {
      const { body, bytes, device } = await credentialFor(workerCaller.headers);
      const claims = readCredential(bytes);
      expect(claims?.cardCode.slice(5)).toBe(worker.bhxh_code);
      expect(claims?.fullName).toBe(worker.full_name);
      expect(claims?.kid).toBe(body.kid);
      expect(toBase64Url(claims?.deviceKey.publicKey ?? new Uint8Array())).toBe(toBase64Url(device.publicKey));
      const qr = await presentCredential(bytes, { alg: device.alg, privateKey: device.keyPair.privateKey }, services.clock.now());
      const result = await verifyCardPresentation(qr, { resolveKey: keyResolverFromJwks(await jwks()), now: services.clock.now() });
      expect(result.ok).toBe(true);
      const [issued] = await rows<{ n: number }>(
        `select count(*)::int as n from card_credentials cc join bhyt_cards c on c.id = cc.card_id where c.person_id = $1`,
        [worker.id],
      );
      expect(issued?.n).toBeGreaterThan(0);
    });

    it('refuses a key that is not a valid public key', async () => {
      const response = await call({
        method: 'POST',
        url: '/api/v1/people/me/card/credential',
        headers: workerCaller.headers,
        payload: { deviceKey: { alg: 'Ed25519', publicKey: toBase64Url(new Uint8Array(31)) } },
      });
      expect(response.statusCode).toBe(400);
      expect(errorEnvelope.parse(response.json()).error.code).toBe('DEVICE_KEY_INVALID');
    });

    it('keeps verifying old credentials through a key rotation until the old key is unpublished', async () => {
      const before = await credentialFor(workerCaller.headers);
      const citizenTries = await call({ method: 'POST', url: '/api/v1/admin/card-keys/rotate', headers: workerCaller.headers });
      expect(citizenTries.statusCode).toBe(403);
      const admin = await staff('admin');
      const rotated = await call({ method: 'POST', url: '/api/v1/admin/card-keys/rotate', headers: admin.headers });
      expect(rotated.statusCode).toBe(200);
      const newKid = rotated.json<{ kid: string }>().kid;
      expect(newKid).not.toBe(before.body.kid);

      const after = await credentialFor(workerCaller.headers);
      expect(after.body.kid).toBe(newKid);
      const published = await jwks();
      expect(published.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([before.body.kid, newKid]));

      const present = (c: typeof before) =>
        presentCredential(c.bytes, { alg: c.device.alg, privateKey: c.device.keyPair.privateKey }, services.clock.now());
      const verify = async (qr: string) =>
        verifyCardPresentation(qr, { resolveKey: keyResolverFromJwks(await jwks()), now: services.clock.now() });
      expect((await verify(await present(before))).ok).toBe(true);

      // 32 days later the old key is gone from the JWKS (its credentials have expired anyway).
      services.clock.advance(32 * DAY);
      try {
        expect((await jwks()).keys.map((k) => k.kid)).not.toContain(before.body.kid);
        expect(await verify(await present(before))).toMatchObject({ ok: false, reason: 'unknown_key' });
      } finally {
        services.clock.set('2026-11-23T02:00:00Z');
      }
    });
  });

  it('totals each scheme exactly as the stored periods add up (computed here independently)', async () => {
    const sample = await rows<SeededPerson>(
      `select p.id::int as id, p.bhxh_code, p.province_code, p.birth_date::text as birth_date, p.full_name
       from people p where exists (select 1 from participation_periods pp where pp.person_id = p.id) order by p.id limit 12`,
    );
    expect(sample.length).toBeGreaterThan(5);
    for (const person of sample) {
      const periods = await rows<{ scheme: string; from_month: string; to_month: string; monthly_amount: string | number; status: string }>(
        `select scheme, from_month::text, to_month::text, monthly_amount, status from participation_periods where person_id = $1`,
        [person.id],
      );
      const expected = new Map<string, { paid: Set<string>; arrears: Set<string>; amount: number }>();
      for (const period of periods) {
        const scheme = appSchemeOf(period.scheme);
        const entry = expected.get(scheme) ?? { paid: new Set(), arrears: new Set(), amount: 0 };
        const months = monthKeys(period.from_month, period.to_month);
        for (const month of months) (period.status === 'paid' ? entry.paid : entry.arrears).add(month);
        if (period.status === 'arrears') entry.amount += months.length * Number(period.monthly_amount);
        expected.set(scheme, entry);
      }
      const caller = await citizenOf(person);
      const summary = participationSummary.parse(
        (await call({ method: 'GET', url: '/api/v1/people/me/participation', headers: caller.headers })).json(),
      );
      for (const totals of summary.schemes) {
        const want = expected.get(totals.scheme);
        expect(totals.paid.months, `${person.id} ${totals.scheme}`).toBe(want?.paid.size ?? 0);
        expect(totals.paid.years * 12 + totals.paid.remainderMonths).toBe(totals.paid.months);
        expect(totals.arrears.months).toBe(want?.arrears.size ?? 0);
        expect(totals.arrears.amount).toBe(want?.amount ?? 0);
      }
    }
  });

  it('lists the periods of a scheme page by page, arrears marked', async () => {
    const [count] = await rows<{ n: number }>(
      `select count(*)::int as n from participation_periods where person_id = $1 and scheme like 'bhxh_%'`,
      [worker.id],
    );
    const first = participationPage.parse(
      (await call({ method: 'GET', url: '/api/v1/people/me/participation/periods?scheme=bhxh&pageSize=2', headers: workerCaller.headers })).json(),
    );
    expect(first.total).toBe(count?.n);
    expect(first.items.length).toBe(Math.min(2, count?.n ?? 0));
    // A page past the end has no rows, and still the count (the page query carries it only when it has rows).
    const pastTheEnd = participationPage.parse(
      (await call({ method: 'GET', url: '/api/v1/people/me/participation/periods?scheme=bhxh&pageSize=2&page=500', headers: workerCaller.headers })).json(),
    );
    expect(pastTheEnd).toMatchObject({ items: [], total: count?.n, page: 500 });
    const all = participationPage.parse(
      (await call({ method: 'GET', url: '/api/v1/people/me/participation/periods?scheme=bhxh&pageSize=100', headers: workerCaller.headers })).json(),
    );
    expect(all.items.some((item) => item.status === 'arrears')).toBe(true);
    expect(all.totals.arrears.months).toBeGreaterThan(0);
    // Newest first.
    const froms = all.items.map((item) => item.fromMonth);
    expect([...froms].sort().reverse()).toEqual(froms);
    const bad = await call({ method: 'GET', url: '/api/v1/people/me/participation/periods?scheme=bhxx', headers: workerCaller.headers });
    expect(bad.statusCode).toBe(400);
  });

  it('lists each scheme with its own stored periods, on a page and past the end', async () => {
    // Written out here rather than taken from the repository: BHXH is the compulsory and the voluntary scheme together.
    const storedOf = { bhxh: ['bhxh_compulsory', 'bhxh_voluntary'], bhyt: ['bhyt'], bhtn: ['bhtn'], bhtnld_bnn: ['bhtnld_bnn'] };
    for (const [scheme, stored] of Object.entries(storedOf)) {
      const periods = await rows<{ amount: number; salary: number }>(
        `select monthly_amount::int as amount, salary_base::int as salary from participation_periods
          where person_id = $1 and scheme = any($2::text[]) order by from_month desc, id desc limit 100`,
        [worker.id, stored],
      );
      const [count] = await rows<{ n: number }>(
        `select count(*)::int as n from participation_periods where person_id = $1 and scheme = any($2::text[])`,
        [worker.id, stored],
      );
      const url = `/api/v1/people/me/participation/periods?scheme=${scheme}&pageSize=100`;
      const page = participationPage.parse((await call({ method: 'GET', url, headers: workerCaller.headers })).json());
      expect(page.total, scheme).toBe(count?.n);
      // The amounts tell the schemes apart (the same months are paid at each scheme's own rate).
      expect(page.items.map((item) => [item.monthlyAmount, item.salaryBase]), scheme).toEqual(periods.map((row) => [row.amount, row.salary]));
      const pastTheEnd = participationPage.parse((await call({ method: 'GET', url: `${url}&page=500`, headers: workerCaller.headers })).json());
      expect(pastTheEnd.total, scheme).toBe(count?.n);
    }
  });

  it('lists benefits with amounts as stored, filterable by kind', async () => {
    const pensioner = await personWith(`exists (select 1 from benefit_payments b where b.person_id = p.id and b.kind = 'pension_adjustment')`);
    const caller = await citizenOf(pensioner);
    const stored = await rows<{ kind: string; monthly_amount: string | null }>(
      `select kind, monthly_amount from benefit_payments where person_id = $1 order by from_date desc, id desc`,
      [pensioner.id],
    );
    const page = benefitPage.parse((await call({ method: 'GET', url: '/api/v1/people/me/benefits?pageSize=100', headers: caller.headers })).json());
    expect(page.total).toBe(stored.length);
    expect(page.items.map((item) => [item.kind, item.monthlyAmount])).toEqual(
      stored.map((row) => [row.kind, row.monthly_amount === null ? null : Number(row.monthly_amount)]),
    );
    const pensions = benefitPage.parse(
      (await call({ method: 'GET', url: '/api/v1/people/me/benefits?kind=pension', headers: caller.headers })).json(),
    );
    expect(pensions.items.map((item) => item.kind)).toEqual(['pension']);
    expect(pensions.items[0]?.details?.ratePercent).toEqual(expect.any(Number));
  });

  it('totals medical visits per year in Vietnam time and lists one year', async () => {
    const visits = await rows<{ admitted_at: Date | string; total_cost: string | number; bhyt_paid: string | number; patient_paid: string | number }>(
      'select admitted_at, total_cost, bhyt_paid, patient_paid from medical_visits where person_id = $1',
      [worker.id],
    );
    const byYear = new Map<number, { visits: number; totalCost: number; bhytPaid: number; patientPaid: number }>();
    for (const visit of visits) {
      const year = new Date(new Date(visit.admitted_at).getTime() + 7 * 3600_000).getUTCFullYear();
      const entry = byYear.get(year) ?? { visits: 0, totalCost: 0, bhytPaid: 0, patientPaid: 0 };
      entry.visits += 1;
      entry.totalCost += Number(visit.total_cost);
      entry.bhytPaid += Number(visit.bhyt_paid);
      entry.patientPaid += Number(visit.patient_paid);
      byYear.set(year, entry);
    }
    const history = medicalHistory.parse((await call({ method: 'GET', url: '/api/v1/people/me/medical-visits', headers: workerCaller.headers })).json());
    expect(history.years.map((y) => y.year)).toEqual([...byYear.keys()].sort((a, b) => b - a));
    for (const year of history.years) expect(year).toEqual({ year: year.year, ...byYear.get(year.year) });
    expect(history.year).toBe(history.years[0]?.year);
    expect(history.items.length).toBe(Math.min(20, history.years[0]?.visits ?? 0));
    for (const item of history.items) expect(item.bhytPaid + item.patientPaid).toBe(item.totalCost);

    const empty = medicalHistory.parse(
      (await call({ method: 'GET', url: '/api/v1/people/me/medical-visits?year=2017&pageSize=5', headers: workerCaller.headers })).json(),
    );
    expect(empty.items.length).toBe(Math.min(5, byYear.get(2017)?.visits ?? 0));
    expect((await call({ method: 'GET', url: '/api/v1/people/me/medical-visits?year=2016', headers: workerCaller.headers })).statusCode).toBe(400);
  });

  it("answers 404 for another person's records, however they are asked for", async () => {
    const other = await personWith(`p.id <> ${worker.id}`);
    for (const path of ['profile', 'card', 'participation', 'benefits', 'medical-visits', 'access-events']) {
      const response = await call({ method: 'GET', url: `/api/v1/people/${other.id}/${path}`, headers: workerCaller.headers });
      expect(response.statusCode, path).toBe(404);
    }
    const missing = await call({ method: 'GET', url: '/api/v1/people/99999999/card', headers: workerCaller.headers });
    expect(missing.statusCode).toBe(404);
  });

  describe('reads by someone else are recorded in the access ledger', () => {
    it('lets a parent read a registered minor child, and records it', async () => {
      const child = await personWith(`p.birth_date > date '2015-01-01' and exists (select 1 from bhyt_cards c where c.person_id = p.id)`);
      const parent = await personWith(`p.birth_date < date '1995-01-01' and p.id <> ${worker.id}`);
      const parentCaller = await citizenOf(parent);
      const [agency] = await rows<{ id: number }>('select id from agencies order by id limit 1');
      const [registration] = await database.db
        .insert(registrations)
        .values({
          dossierNumber: `TEST.GD/2026/${child.id}`,
          kind: 'child',
          personId: child.id,
          parentAccountId: parentCaller.account.id,
          fullName: child.full_name,
          bhxhCode: child.bhxh_code,
          birthDate: child.birth_date,
          phone: parentCaller.account.phone,
          provinceCode: child.province_code,
          communeCode: (await rows<{ commune_code: string }>('select commune_code from people where id = $1', [child.id]))[0]?.commune_code ?? '',
          street: 'x',
          agencyId: agency?.id ?? 1,
          identityVerified: true,
          status: 'approved',
          submittedAt: services.clock.now(),
          expiresOn: '2026-12-07',
        })
        .returning();
      await database.db.insert(guardianships).values({ parentAccountId: parentCaller.account.id, childPersonId: child.id, registrationId: registration?.id ?? 0 });

      const card = await call({ method: 'GET', url: `/api/v1/people/${child.id}/card`, headers: parentCaller.headers });
      expect(card.statusCode).toBe(200);
      expect(cardResponse.parse(card.json()).card?.bhxhCode).toBe(child.bhxh_code);
      const credential = await call({
        method: 'POST',
        url: `/api/v1/people/${child.id}/card/credential`,
        headers: parentCaller.headers,
        payload: { deviceKey: { alg: 'Ed25519', publicKey: toBase64Url((await generateDeviceKey()).publicKey) } },
      });
      expect(credential.statusCode).toBe(200);

      const [ledger] = await rows<{ actor_type: string; actor_account_id: number; resource: string }>(
        `select actor_type, actor_account_id::int, resource from access_events where person_id = $1 order by id limit 1`,
        [child.id],
      );
      expect(ledger).toEqual({ actor_type: 'guardian', actor_account_id: parentCaller.account.id, resource: 'card' });
      // Reading one's own records leaves no entry.
      const [own] = await rows<{ n: number }>('select count(*)::int as n from access_events where person_id = $1', [parent.id]);
      expect(own?.n).toBe(0);
    });

    it("lets an officer of the person's province read with a purpose, records it, and shows it to the person", async () => {
      const officer = await staff('officer', worker.province_code);
      const withoutPurpose = await call({ method: 'GET', url: `/api/v1/people/${worker.id}/participation`, headers: officer.headers });
      expect(withoutPurpose.statusCode).toBe(400);
      expect(errorEnvelope.parse(withoutPurpose.json()).error.code).toBe('ACCESS_PURPOSE_REQUIRED');
      const read = await call({
        method: 'GET',
        url: `/api/v1/people/${worker.id}/participation?purpose=dossier_processing`,
        headers: officer.headers,
      });
      expect(read.statusCode).toBe(200);
      // Officers never get a credential (that is what a patient shows at the desk).
      const credential = await call({
        method: 'POST',
        url: `/api/v1/people/${worker.id}/card/credential`,
        headers: officer.headers,
        payload: { deviceKey: { alg: 'Ed25519', publicKey: toBase64Url((await generateDeviceKey()).publicKey) } },
      });
      expect(credential.statusCode).toBe(403);

      const [otherProvince] = await rows<{ code: string }>(
        `select province_code as code from agencies where province_code <> $1 and kind = 'provincial' order by id limit 1`,
        [worker.province_code],
      );
      const elsewhere = await staff('officer', otherProvince?.code);
      const refused = await call({
        method: 'GET',
        url: `/api/v1/people/${worker.id}/participation?purpose=dossier_processing`,
        headers: elsewhere.headers,
      });
      expect(refused.statusCode).toBe(404);

      const ledger = accessEventPage.parse((await call({ method: 'GET', url: '/api/v1/people/me/access-events', headers: workerCaller.headers })).json());
      expect(ledger.items[0]).toMatchObject({
        actorType: 'officer',
        actorName: officer.account.displayName,
        purpose: 'dossier_processing',
        resource: 'participation',
        result: 'ok',
      });
      expect(ledger.items[0]?.organisation).toEqual(expect.any(String));
      expect(ledger.total).toBe(1);
      // Officers do not read the ledger through this route.
      const officerLedger = await call({ method: 'GET', url: `/api/v1/people/${worker.id}/access-events`, headers: officer.headers });
      expect(officerLedger.statusCode).toBe(403);
    });

    it('keeps the ledger append-only', async () => {
      await expect(database.db.execute(sql`update access_events set actor_name = 'someone else'`)).rejects.toThrow();
      await expect(database.db.execute(sql`delete from access_events`)).rejects.toThrow();
    });
  });
});
