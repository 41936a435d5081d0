import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agencyPage,
  collectionPointPage,
  employerPage,
  errorEnvelope,
  facilityPage,
  oldDistrictList,
  oldProvinceList,
} from '@vssid/shared';
import { sqlRows } from '../../db/connection.ts';
import { MINUTE, type FakeClock } from '../../platform/clock.ts';
import { buildTestApp, testServices } from '../../test/app.ts';
import { createTestDatabase, testDrivers, type TestDatabase } from '../../test/database.ts';
import { givenAdminUnits, givenAgency, givenCollectionPoint, givenEmployer, givenFacility } from '../../test/factories.ts';

describe.each(testDrivers)('public look-ups on %s', (driver) => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let clock: FakeClock;
  let hcmcCommune: string;
  /** Old districts of Hà Nội: Ba Đình (whose land includes Phường Ba Đình, 00004) and Hà Đông (once in Hà Tây). */
  let baDinhDistrict: number;
  let haDongDistrict: number;
  let haDongCommune: string;
  let haiPhongCommunes: string[];

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    const { database } = testDb;
    const units = await givenAdminUnits(database);
    const firstHcmc = units.communes.find((c) => c.provinceCode === '79');
    if (!firstHcmc) throw new Error('no HCMC commune in the data');
    hcmcCommune = firstHcmc.code;
    const district = (name: string) => {
      const found = units.oldDistricts.find((d) => d.oldProvinceCode === '01' && d.name === name);
      if (!found) throw new Error(`no old district ${name}`);
      return found.id;
    };
    baDinhDistrict = district('Quận Ba Đình');
    haDongDistrict = district('Quận Hà Đông');
    const haDong = units.oldCommuneMappings.find((m) => m.oldDistrictId === haDongDistrict);
    if (!haDong) throw new Error('no commune took in Hà Đông');
    haDongCommune = haDong.newCommuneCode;
    haiPhongCommunes = units.communes.filter((c) => c.provinceCode === '31').map((c) => c.code);
    // Phường Ba Đình (00004), Hà Nội
    await givenFacility(database, { code: '01001', name: 'Bệnh viện Đa khoa Xanh Pôn', provinceCode: '01', communeCode: '00004', level: 'chuyen_sau' });
    await givenFacility(database, {
      code: '01C01',
      name: 'Trạm Y tế Phường Ba Đình',
      provinceCode: '01',
      communeCode: '00004',
      level: 'ban_dau',
      kind: 'commune_station',
      issuesSickLeave: false,
    });
    await givenFacility(database, {
      code: '79001',
      name: 'BỆNH VIỆN ĐA KHOA KHU VỰC THỦ ĐỨC',
      provinceCode: '79',
      communeCode: hcmcCommune,
      acceptsInitialRegistration: false,
      lat: 10.85,
      lon: 106.77,
    });
    await givenFacility(database, {
      code: '01H01',
      name: 'Bệnh viện Hà Đông',
      provinceCode: '01',
      communeCode: haDongCommune,
      level: 'co_ban',
      lat: 20.97,
      lon: 105.78,
    });
    const hanoiOffice = await givenAgency(database, { code: '01', name: 'BHXH thành phố Hà Nội', provinceCode: '01', communeCode: '00004', lat: 21.0285, lon: 105.8542 });
    await givenAgency(database, { code: '01-001', kind: 'local', name: 'BHXH cơ sở Cầu Giấy', provinceCode: '01', communeCode: '00004', lat: 21.0362, lon: 105.7906 });
    const hcmcOffice = await givenAgency(database, { code: '79', name: 'BHXH Thành phố Hồ Chí Minh', provinceCode: '79', communeCode: hcmcCommune, lat: 10.7769, lon: 106.7009 });
    await givenAgency(database, {
      code: '01-900',
      kind: 'local',
      name: 'BHXH huyện Đã Giải Thể',
      provinceCode: '01',
      communeCode: '00004',
      lat: 21.03,
      lon: 105.85,
      validFrom: '2020-01-01',
      validTo: '2025-06-30',
    });
    await givenEmployer(database, {
      name: 'Công ty TNHH Đường Sắt Xanh',
      taxCode: '0100000001',
      agencyId: hanoiOffice.id,
      representativeName: 'Trần Thị Thu',
      representativePhone: '0912000001',
      representativeEmail: 'thu.tran@duongsatxanh.example.vn',
    });
    await givenEmployer(database, { name: 'Hợp tác xã Nông nghiệp Sắt Son', taxCode: '0300000002', provinceCode: '79', communeCode: hcmcCommune, agencyId: hcmcOffice.id });
    await givenCollectionPoint(database, { code: '01-DL0001', name: 'Bưu điện Ba Đình', provinceCode: '01', communeCode: '00004', lat: 21.034, lon: 105.84, agencyId: hanoiOffice.id });
    await givenCollectionPoint(database, {
      code: '01-DT0002',
      name: 'Điểm thu UBND Hà Đông',
      kind: 'point',
      provinceCode: '01',
      communeCode: haDongCommune,
      lat: 20.97,
      lon: 105.78,
      acceptsVoluntaryBhxh: false,
      agencyId: hanoiOffice.id,
    });
    await givenCollectionPoint(database, { code: '79-DL0001', name: 'Bưu điện Thủ Đức', provinceCode: '79', communeCode: hcmcCommune, lat: 10.85, lon: 106.77, agencyId: hcmcOffice.id });
    const services = testServices(database);
    clock = services.clock;
    app = await buildTestApp(database, {}, services);
  });

  afterAll(async () => {
    await app.close();
    await testDb.dispose();
  });

  const get = (url: string, language = 'vi') => app.inject({ method: 'GET', url, headers: { 'accept-language': language } });

  describe('provinces and communes', () => {
    it('lists the 34 provinces of the 2025 scheme', async () => {
      const response = await get('/api/v1/provinces');
      expect(response.statusCode).toBe(200);
      const { items } = response.json<{ items: Array<{ code: string; name: string }> }>();
      expect(items).toHaveLength(34);
      expect(items[0]).toEqual({ code: '01', name: 'Thành phố Hà Nội' });
    });

    it('lists the 126 communes of Hà Nội', async () => {
      const response = await get('/api/v1/provinces/01/communes');
      expect(response.statusCode).toBe(200);
      expect(response.json<{ items: unknown[] }>().items).toHaveLength(126);
    });

    it('answers 404 for a province that does not exist and 400 for a malformed code', async () => {
      const missing = await get('/api/v1/provinces/99/communes');
      expect(missing.statusCode).toBe(404);
      expect(errorEnvelope.parse(missing.json()).error.code).toBe('NOT_FOUND');

      const malformed = await get('/api/v1/provinces/ab/communes', 'en');
      expect(malformed.statusCode).toBe(400);
      expect(errorEnvelope.parse(malformed.json()).error.fields).toEqual({ provinceCode: 'A province code has 2 digits.' });
    });
  });

  describe('facilities', () => {
    const codes = async (url: string) => facilityPage.parse((await get(url)).json()).items.map((f) => f.code);

    it('finds facilities by accent-free, case-insensitive text ("benh vien da khoa")', async () => {
      expect((await codes('/api/v1/facilities?q=benh%20vien%20da%20khoa')).sort()).toEqual(['01001', '79001']);
      expect(await codes(`/api/v1/facilities?q=${encodeURIComponent('BỆNH viện đa KHOA')}&province=79`)).toEqual(['79001']);
    });

    it('filters by commune, level and services', async () => {
      expect(await codes('/api/v1/facilities?commune=00004&issuesSickLeave=false')).toEqual(['01C01']);
      expect(await codes('/api/v1/facilities?acceptsInitialRegistration=false')).toEqual(['79001']);
      expect(await codes('/api/v1/facilities?province=01&level=co_ban')).toEqual(['01H01']);
      expect(await codes('/api/v1/facilities?province=01&level=chuyen_sau')).toEqual(['01001']);
    });

    it('paginates with the total count', async () => {
      const page = facilityPage.parse((await get('/api/v1/facilities?province=01&pageSize=1&page=2')).json());
      expect(page).toMatchObject({ page: 2, pageSize: 1, total: 3 });
      expect(page.items).toHaveLength(1);
      // Past the end: no rows to carry the count, which is still told; no match at all counts 0.
      const past = facilityPage.parse((await get('/api/v1/facilities?province=01&pageSize=1&page=9')).json());
      expect(past).toMatchObject({ items: [], page: 9, total: 3 });
      expect(facilityPage.parse((await get('/api/v1/facilities?q=khong%20co%20dau')).json())).toMatchObject({ items: [], total: 0 });
    });

    it('presents the names of the province and commune, and nothing beyond the contract', async () => {
      const [first] = facilityPage.parse((await get('/api/v1/facilities?q=xanh%20pon')).json()).items;
      expect(first).toMatchObject({ code: '01001', provinceName: 'Thành phố Hà Nội', communeName: 'Phường Ba Đình' });
      expect(Object.keys(first ?? {})).not.toContain('searchKey');
    });

    it('finds facilities by old district, for people who still think in districts', async () => {
      expect((await codes(`/api/v1/facilities?oldDistrict=${baDinhDistrict}`)).sort()).toEqual(['01001', '01C01']);
      expect(await codes(`/api/v1/facilities?oldDistrict=${haDongDistrict}`)).toEqual(['01H01']);
      const unknown = errorEnvelope.parse((await get('/api/v1/facilities?oldDistrict=99999', 'en')).json());
      expect(unknown.error.fields).toEqual({ oldDistrict: 'There is no former district with this code.' });
    });

    it('orders by distance from the device and filters by how far', async () => {
      const page = facilityPage.parse((await get('/api/v1/facilities?lat=20.98&lon=105.79&maxDistanceKm=50')).json());
      expect(page.items.map((f) => f.code)).toEqual(['01H01', '01001', '01C01']);
      expect(page.items[0]?.distanceKm).toBeLessThan(2);
      expect(page.total).toBe(3);
      const noLocation = errorEnvelope.parse((await get('/api/v1/facilities?maxDistanceKm=10', 'en')).json());
      expect(noLocation.error.fields).toEqual({ maxDistanceKm: 'Your location is needed to filter by distance.' });
      const all = facilityPage.parse((await get('/api/v1/facilities')).json());
      expect(all.items.every((f) => f.distanceKm === null)).toBe(true);
    });

    it('searches within a province by its prepared statement: the same matches, rank, order and count as SQL finds', async () => {
      const [communeA, communeB] = haiPhongCommunes;
      if (!communeA || !communeB) throw new Error('Hải Phòng has fewer than two communes');
      const inHaiPhong = [
        { code: '31001', name: 'Bệnh viện Hữu nghị Việt Tiệp', communeCode: communeA },
        { code: '31002', name: 'Bệnh viện Trẻ em Hải Phòng', communeCode: communeA, issuesSickLeave: false },
        { code: '31003', name: 'Trung tâm Y tế Thủy Nguyên', communeCode: communeB, level: 'ban_dau' },
        { code: '31004', name: 'Phòng khám 50% Bệnh viện', communeCode: communeB },
        { code: '31005', name: 'Bệnh viện Việt Tiệp cơ sở 2', communeCode: communeB },
        // The words in its address only: found, and ranked after every facility named for them.
        { code: '31006', name: 'Trạm Y tế Phường Lê Chân', communeCode: communeB, level: 'ban_dau', kind: 'commune_station', address: 'Số 1 ngõ Bệnh viện' },
      ];
      for (const facility of inHaiPhong) await givenFacility(testDb.database, { ...facility, provinceCode: '31' });
      // What PostgreSQL itself answers for the same question, ranked as the search promises.
      const expected = async (where: SQL, order: SQL) =>
        (await sqlRows<{ code: string }>(testDb.database.db, sql`select code from facilities where province_code = '31' and ${where} order by ${order}`)).map((r) => r.code);
      const ranked = await expected(sql`search_key like '%benh%' and search_key like '%vien%'`, sql`similarity(name_key, 'benh vien') desc, code`);
      expect(ranked).toHaveLength(5);
      expect(ranked.at(-1)).toBe('31006');
      expect(await codes('/api/v1/facilities?province=31&q=benh%20vien')).toEqual(ranked);
      // Paged: the pages put together are the whole order, and each carries the count.
      const first = facilityPage.parse((await get('/api/v1/facilities?province=31&q=benh%20vien&pageSize=3')).json());
      const second = facilityPage.parse((await get('/api/v1/facilities?province=31&q=benh%20vien&pageSize=3&page=2')).json());
      expect([...first.items, ...second.items].map((f) => f.code)).toEqual(ranked);
      expect([first.total, second.total]).toEqual([5, 5]);
      const past = facilityPage.parse((await get('/api/v1/facilities?province=31&q=benh%20vien&pageSize=3&page=5')).json());
      expect(past).toMatchObject({ items: [], total: 5 });
      // Without words: by name; each other filter applies only when given.
      expect(await codes('/api/v1/facilities?province=31')).toEqual(await expected(sql`true`, sql`search_key, code`));
      expect(await codes(`/api/v1/facilities?province=31&commune=${communeB}&level=co_ban`)).toEqual(['31005', '31004']);
      expect(await codes('/api/v1/facilities?province=31&issuesSickLeave=false&q=benh')).toEqual(['31002']);
      expect(await codes('/api/v1/facilities?province=31&acceptsInitialRegistration=true&q=viet%20tiep')).toEqual(
        await expected(sql`search_key like '%viet%' and search_key like '%tiep%'`, sql`similarity(name_key, 'viet tiep') desc, code`),
      );
      // Across the country (that statement is built per request) the same rank.
      const nationally = await sqlRows<{ code: string }>(
        testDb.database.db,
        sql`select code from facilities where search_key like '%benh%' and search_key like '%vien%' order by similarity(name_key, 'benh vien') desc, code`,
      );
      expect(await codes('/api/v1/facilities?q=benh%20vien&pageSize=50')).toEqual(nationally.map((r) => r.code));
      // The words are literals here too, and a province with no match counts 0.
      expect(await codes('/api/v1/facilities?province=31&q=50%25')).toEqual(['31004']);
      expect(await codes('/api/v1/facilities?province=31&q=%25%25')).toEqual([]);
      expect(await codes('/api/v1/facilities?province=31&q=5_')).toEqual([]);
      expect(facilityPage.parse((await get('/api/v1/facilities?province=48&q=benh')).json())).toMatchObject({ items: [], total: 0 });
    });

    it('treats LIKE wildcards in the text as literals', async () => {
      expect(await codes('/api/v1/facilities?q=%25%25')).toEqual([]);
      expect(await codes('/api/v1/facilities?q=__')).toEqual([]);
    });

    it('refuses invalid parameters with a localized 400 naming each field', async () => {
      const vi = await get('/api/v1/facilities?pageSize=1000&acceptsInitialRegistration=yes&q=x');
      expect(vi.statusCode).toBe(400);
      const body = errorEnvelope.parse(vi.json());
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.fields).toEqual({
        pageSize: 'Giá trị không được lớn hơn 100.',
        acceptsInitialRegistration: 'Chỉ nhận giá trị true hoặc false.',
        q: 'Cần ít nhất 2 ký tự.',
      });
      const en = errorEnvelope.parse((await get('/api/v1/facilities?province=1', 'en')).json());
      expect(en.error.fields).toEqual({ province: 'A province code has 2 digits.' });
    });
  });

  describe('BHXH offices', () => {
    const list = async (url: string) => agencyPage.parse((await get(url)).json());

    it('orders offices in force by distance from the device location', async () => {
      const result = await list('/api/v1/agencies?lat=21.03&lon=105.80');
      expect(result.items.map((a) => a.code)).toEqual(['01-001', '01', '79']);
      expect(result.origin).toEqual({ lat: 21.03, lon: 105.8, source: 'point' });
      const hcmc = result.items[2];
      // Hà Nội → Hồ Chí Minh City is about 1,140 km as the crow flies.
      expect(hcmc?.distanceKm).toBeGreaterThan(1100);
      expect(hcmc?.distanceKm).toBeLessThan(1180);
    });

    it('uses a chosen commune as the origin and filters by kind', async () => {
      const result = await list(`/api/v1/agencies?commune=${hcmcCommune}&kind=provincial`);
      expect(result.origin?.source).toBe('commune');
      expect(result.items.map((a) => a.code)).toEqual(['79', '01']);
    });

    it('lists without distances when no origin is given', async () => {
      const result = await list('/api/v1/agencies?province=01');
      expect(result.items.map((a) => a.code)).toEqual(['01-001', '01']);
      expect(result.items.every((a) => a.distanceKm === null)).toBe(true);
    });

    it('paginates, with address, phone, e-mail and opening hours on each office', async () => {
      const second = await list('/api/v1/agencies?lat=21.03&lon=105.80&pageSize=1&page=2');
      expect(second).toMatchObject({ page: 2, pageSize: 1, total: 3 });
      expect(second.items[0]).toMatchObject({ code: '01', email: 'test@bhxh.example.vn', phone: '0243 000 0000' });
      expect(second.items[0]?.openingHours).toContain('7:30');
      const pastTheEnd = await list('/api/v1/agencies?lat=21.03&lon=105.80&pageSize=2&page=3');
      expect(pastTheEnd).toMatchObject({ items: [], page: 3, total: 3 });
    });

    it('refuses a latitude without a longitude and an unknown commune', async () => {
      const half = errorEnvelope.parse((await get('/api/v1/agencies?lat=21', 'en')).json());
      expect(half.error.fields).toEqual({ lat: 'Give both latitude and longitude.' });
      const unknown = await get('/api/v1/agencies?commune=99999', 'en');
      expect(unknown.statusCode).toBe(400);
      expect(errorEnvelope.parse(unknown.json()).error.fields).toEqual({ commune: 'There is no commune with this code.' });
      const outside = await get('/api/v1/agencies?lat=48.85&lon=2.35');
      expect(outside.statusCode).toBe(400);
    });

    it('puts offices at the same point in the order of their codes', async () => {
      const started = clock.now();
      try {
        // The same point as '79', and before it in the directory's own order (a local office, then the provincial one).
        await givenAgency(testDb.database, { code: '79-001', kind: 'local', name: 'BHXH cơ sở Sài Gòn', provinceCode: '79', communeCode: hcmcCommune, lat: 10.7769, lon: 106.7009 });
        // Another day: a directory of its own, read now.
        clock.set('2026-11-25T02:00:00Z');
        expect((await list('/api/v1/agencies?province=79')).items.map((a) => a.code)).toEqual(['79-001', '79']);
        expect((await list('/api/v1/agencies?lat=10.78&lon=106.70&province=79')).items.map((a) => a.code)).toEqual(['79', '79-001']);
      } finally {
        clock.set(started);
      }
    });

    it('serves the directory up to a minute old, and drops an office that closes at midnight at midnight', async () => {
      const started = clock.now();
      const codes = async () => (await list('/api/v1/agencies?province=01')).items.map((a) => a.code);
      try {
        expect(await codes()).toEqual(['01-001', '01']);
        // A reference load adds an office in force until the end of today (Vietnam time).
        await givenAgency(testDb.database, {
          code: '01-002',
          kind: 'local',
          name: 'BHXH cơ sở Ba Đình',
          provinceCode: '01',
          communeCode: '00004',
          lat: 21.034,
          lon: 105.84,
          validTo: '2026-11-23',
        });
        clock.advance(MINUTE - 1);
        expect(await codes()).toEqual(['01-001', '01']);
        clock.advance(1);
        expect(await codes()).toEqual(['01-002', '01-001', '01']);
        clock.set('2026-11-23T16:59:59Z');
        expect(await codes()).toEqual(['01-002', '01-001', '01']);
        clock.set('2026-11-23T17:00:00Z');
        expect(await codes()).toEqual(['01-001', '01']);
      } finally {
        clock.set(started);
      }
    });

    it('shows an office loaded ahead of its opening from 00:00 of its first day, and not before', async () => {
      const started = clock.now();
      const codes = async () => (await list('/api/v1/agencies?province=01')).items.map((a) => a.code);
      try {
        await givenAgency(testDb.database, {
          code: '01-003',
          kind: 'local',
          name: 'BHXH cơ sở Tây Hồ',
          provinceCode: '01',
          communeCode: '00004',
          lat: 21.07,
          lon: 105.82,
          validFrom: '2026-12-01',
        });
        // 23:59:59 on 30 November, Vietnam time: a new day for the directory, and the office is not open yet.
        clock.set('2026-11-30T16:59:59Z');
        expect(await codes()).toEqual(['01-001', '01']);
        expect((await list('/api/v1/agencies?lat=21.07&lon=105.82')).items.map((a) => a.code)).not.toContain('01-003');
        clock.set('2026-11-30T17:00:00Z');
        expect(await codes()).toEqual(['01-001', '01-003', '01']);
      } finally {
        clock.set(started);
      }
    });
  });
  describe('old provinces and districts', () => {
    it('lists the old provinces with the province that took each in, Hà Tây included', async () => {
      const { items } = oldProvinceList.parse((await get('/api/v1/old-provinces')).json());
      expect(items.find((p) => p.code === '28')).toEqual({ code: '28', name: 'Hà Tây', newProvinceCode: '01', newProvinceName: 'Thành phố Hà Nội' });
      expect(items.find((p) => p.code === '30')?.newProvinceCode).toBe('31');
    });

    it('lists the districts of an old province, and refuses unknown or malformed codes', async () => {
      const { items } = oldDistrictList.parse((await get('/api/v1/old-provinces/01/districts')).json());
      expect(items.map((d) => d.name)).toEqual(expect.arrayContaining(['Quận Ba Đình', 'Quận Hà Đông', 'Huyện Ba Vì']));
      expect((await get('/api/v1/old-provinces/99/districts')).statusCode).toBe(404);
      expect((await get('/api/v1/old-provinces/x1/districts')).statusCode).toBe(400);
    });

    it('serves the provinces up to a minute old: one a migration adds is known after the minute, not before', async () => {
      const started = clock.now();
      const status = async () => (await get('/api/v1/provinces/98/communes')).statusCode;
      const listed = async () => (await get('/api/v1/provinces')).json<{ items: Array<{ code: string }> }>().items.some((p) => p.code === '98');
      try {
        expect([await status(), await listed()]).toEqual([404, false]);
        await sqlRows(
          testDb.database.db,
          sql`insert into provinces (code, name, name_key, letter_code, place_type, capital_lat, capital_lon) values ('98', 'Tỉnh Thử Nghiệm', 'tinh thu nghiem', 'TTN', 'tinh', 21, 105)`,
        );
        clock.advance(MINUTE - 1);
        expect([await status(), await listed()]).toEqual([404, false]);
        clock.advance(1);
        expect([await status(), await listed()]).toEqual([200, true]);
      } finally {
        await sqlRows(testDb.database.db, sql`delete from provinces where code = '98'`);
        // The directory read again without it, so that later tests see the provinces as they are.
        clock.advance(MINUTE);
        await get('/api/v1/provinces');
        clock.set(started);
      }
    });
  });

  describe('employer units', () => {
    const search = async (url: string) => employerPage.parse((await get(url)).json());

    it('finds a unit by its name without accents, with its tax code, address and representative', async () => {
      const page = await search('/api/v1/employers?q=DUONG%20SAT');
      expect(page.total).toBe(1);
      expect(page.items[0]).toMatchObject({
        name: 'Công ty TNHH Đường Sắt Xanh',
        taxCode: '0100000001',
        provinceName: 'Thành phố Hà Nội',
        representativeName: 'Trần Thị Thu',
        representativePhone: '0912000001',
        representativeEmail: 'thu.tran@duongsatxanh.example.vn',
      });
      expect((await search('/api/v1/employers?q=sat&province=79')).items.map((e) => e.taxCode)).toEqual(['0300000002']);
    });

    it('finds a unit by its tax code', async () => {
      expect((await search('/api/v1/employers?taxCode=0300000002')).items.map((e) => e.name)).toEqual(['Hợp tác xã Nông nghiệp Sắt Son']);
      expect((await search('/api/v1/employers?taxCode=0399999999')).items).toEqual([]);
    });

    it('refuses to list every unit, and malformed tax codes', async () => {
      const bare = await get('/api/v1/employers', 'en');
      expect(bare.statusCode).toBe(400);
      expect(errorEnvelope.parse(bare.json()).error.fields).toEqual({ q: "Enter the unit's name (at least 3 characters) or its tax code." });
      const short = errorEnvelope.parse((await get('/api/v1/employers?q=ab', 'en')).json());
      expect(short.error.fields).toEqual({ q: 'At least 3 characters are needed.' });
      const tax = errorEnvelope.parse((await get('/api/v1/employers?taxCode=12345', 'en')).json());
      expect(tax.error.fields).toEqual({ taxCode: 'A tax code has 10 digits.' });
    });
  });

  describe('collection points and agents', () => {
    const search = async (url: string) => collectionPointPage.parse((await get(url)).json());

    it('lists the points nearest to a chosen commune first, with their distance', async () => {
      const page = await search('/api/v1/collection-points?commune=00004');
      expect(page.origin?.source).toBe('commune');
      expect(page.items.map((p) => p.code)).toEqual(['01-DL0001', '01-DT0002', '79-DL0001']);
      expect(page.items[2]?.distanceKm).toBeGreaterThan(1000);
    });

    it('filters by service, kind and old district', async () => {
      expect((await search('/api/v1/collection-points?province=01&service=voluntary_bhxh')).items.map((p) => p.code)).toEqual(['01-DL0001']);
      expect((await search('/api/v1/collection-points?kind=point')).items.map((p) => p.code)).toEqual(['01-DT0002']);
      expect((await search(`/api/v1/collection-points?oldDistrict=${haDongDistrict}`)).items.map((p) => p.code)).toEqual(['01-DT0002']);
      const paged = await search('/api/v1/collection-points?pageSize=2&page=2');
      expect(paged).toMatchObject({ total: 3, page: 2 });
      expect(paged.items).toHaveLength(1);
      expect(await search('/api/v1/collection-points?pageSize=2&page=5')).toMatchObject({ items: [], total: 3, page: 5 });
    });

    it('refuses an unknown commune and a bad service', async () => {
      const unknown = errorEnvelope.parse((await get('/api/v1/collection-points?commune=99999', 'en')).json());
      expect(unknown.error.fields).toEqual({ commune: 'There is no commune with this code.' });
      expect((await get('/api/v1/collection-points?service=pension')).statusCode).toBe(400);
    });
  });

  describe('rate limits', () => {
    it('slows down one address that lists too fast (429 with Retry-After), not the others', async () => {
      const from = (remoteAddress: string) => app.inject({ method: 'GET', url: '/api/v1/provinces', remoteAddress });
      let last = await from('198.51.100.7');
      for (let i = 1; i <= 120 && last.statusCode === 200; i++) last = await from('198.51.100.7');
      expect(last.statusCode).toBe(429);
      expect(errorEnvelope.parse(last.json()).error.code).toBe('RATE_LIMITED');
      expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
      expect((await from('198.51.100.8')).statusCode).toBe(200);
    });
  });
});
