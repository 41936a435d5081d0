import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyList, errorEnvelope, facilityPage } from '@vssid/shared';
import { buildTestApp } from '../../test/app.ts';
import { createTestDatabase, testDrivers, type TestDatabase } from '../../test/database.ts';
import { givenAdminUnits, givenAgency, givenFacility } from '../../test/factories.ts';

describe.each(testDrivers)('public look-ups on %s', (driver) => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let hcmcCommune: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    const { database } = testDb;
    const units = await givenAdminUnits(database);
    const firstHcmc = units.communes.find((c) => c.provinceCode === '79');
    if (!firstHcmc) throw new Error('no HCMC commune in the data');
    hcmcCommune = firstHcmc.code;
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
    await givenFacility(database, { code: '79001', name: 'BỆNH VIỆN ĐA KHOA KHU VỰC THỦ ĐỨC', provinceCode: '79', communeCode: hcmcCommune, acceptsInitialRegistration: false });
    await givenAgency(database, { code: '01', name: 'BHXH thành phố Hà Nội', provinceCode: '01', communeCode: '00004', lat: 21.0285, lon: 105.8542 });
    await givenAgency(database, { code: '01-001', kind: 'local', name: 'BHXH cơ sở Cầu Giấy', provinceCode: '01', communeCode: '00004', lat: 21.0362, lon: 105.7906 });
    await givenAgency(database, { code: '79', name: 'BHXH Thành phố Hồ Chí Minh', provinceCode: '79', communeCode: hcmcCommune, lat: 10.7769, lon: 106.7009 });
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
    app = await buildTestApp(database);
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
      expect(await codes('/api/v1/facilities?province=01&level=chuyen_sau')).toEqual(['01001']);
    });

    it('paginates with the total count', async () => {
      const page = facilityPage.parse((await get('/api/v1/facilities?province=01&pageSize=1&page=2')).json());
      expect(page).toMatchObject({ page: 2, pageSize: 1, total: 2 });
      expect(page.items).toHaveLength(1);
    });

    it('presents the names of the province and commune, and nothing beyond the contract', async () => {
      const [first] = facilityPage.parse((await get('/api/v1/facilities?q=xanh%20pon')).json()).items;
      expect(first).toMatchObject({ code: '01001', provinceName: 'Thành phố Hà Nội', communeName: 'Phường Ba Đình' });
      expect(Object.keys(first ?? {})).not.toContain('searchKey');
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
    const list = async (url: string) => agencyList.parse((await get(url)).json());

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

    it('refuses a latitude without a longitude and an unknown commune', async () => {
      const half = errorEnvelope.parse((await get('/api/v1/agencies?lat=21', 'en')).json());
      expect(half.error.fields).toEqual({ lat: 'Give both latitude and longitude.' });
      const unknown = await get('/api/v1/agencies?commune=99999', 'en');
      expect(unknown.statusCode).toBe(400);
      expect(errorEnvelope.parse(unknown.json()).error.fields).toEqual({ commune: 'There is no commune with this code.' });
      const outside = await get('/api/v1/agencies?lat=48.85&lon=2.35');
      expect(outside.statusCode).toBe(400);
    });
  });
});
