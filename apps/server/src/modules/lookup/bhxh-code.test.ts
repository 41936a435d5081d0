import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bhxhCodeLookupResult,
  errorEnvelope,
  leadingZeroBits,
  lookupChallenge,
  proofInput,
  solveProofOfWork,
  type BhxhCodeLookupRequest,
} from '@vssid/shared';
import { queryRows } from '../../db/seed/query.ts';
import { buildTestApp, testServices } from '../../test/app.ts';
import { createTestDatabase, testDrivers, type TestDatabase } from '../../test/database.ts';
import { givenAdminUnits, givenPerson } from '../../test/factories.ts';
import type { FakeClock } from '../../platform/clock.ts';
import { auditRow } from '../../platform/audit.ts';
import { LOOKUP_WINDOW_MS } from './abuse.ts';
import { insertLookupLogsWithAudits } from './repo.ts';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();

describe.each(testDrivers)('the BHXH code look-up on %s', (driver) => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let clock: FakeClock;
  let an: { id: number; bhxhCode: string; personalId: string | null };
  let hcmcCommune: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    const { database } = testDb;
    const units = await givenAdminUnits(database);
    const commune = (provinceCode: string) => {
      const found = units.communes.find((c) => c.provinceCode === provinceCode);
      if (!found) throw new Error(`no commune in ${provinceCode}`);
      return found.code;
    };
    hcmcCommune = commune('79');
    an = await givenPerson(database, {
      fullName: 'Nguyễn Văn An',
      birthDate: '1980-05-09',
      oldProvinceCode: '01',
      oldIdNumber: '012345678',
      street: 'Số 12, ngõ 34, đường Quang Trung',
    });
    // A namesake with the same birthday, in Ho Chi Minh City.
    await givenPerson(database, { fullName: 'Nguyễn Văn An', birthDate: '1980-05-09', provinceCode: '79', communeCode: hcmcCommune, oldProvinceCode: '79' });
    // Registered in Hà Tây before it joined Hà Nội.
    await givenPerson(database, { fullName: 'Đặng Thị Đào', birthDate: '1975-03-02', oldProvinceCode: '28' });
    // Registered in Hà Tây, living in Ho Chi Minh City now.
    await givenPerson(database, { fullName: 'Phạm Văn Bình', birthDate: '1960-07-07', provinceCode: '79', communeCode: hcmcCommune, oldProvinceCode: '28' });
    // Only the birth year is known; registered in Hải Dương (30), now part of Hải Phòng (31).
    await givenPerson(database, {
      fullName: 'Lê Thị Hoa',
      birthDate: '1940-01-01',
      birthDatePrecision: 'year',
      provinceCode: '31',
      communeCode: commune('31'),
      oldProvinceCode: '30',
      street: 'Thôn Đông',
    });
    // Eleven namesakes born the same year: more than a look-up shows.
    for (let month = 1; month <= 11; month++) {
      await givenPerson(database, { fullName: 'Trần Văn Nam', birthDate: `1990-${String(month).padStart(2, '0')}-15`, oldProvinceCode: '01' });
    }
    const services = testServices(database);
    clock = services.clock;
    app = await buildTestApp(database, {}, services);
  });

  afterAll(async () => {
    await app.close();
    await testDb.dispose();
  });

  /** Each test looks up from its own network, so that the throttle of one does not spill into another. */
  let network = 0;
  const nextNetwork = () => `10.${++network}.0`;

  const lookUp = (body: BhxhCodeLookupRequest, options: { ip?: string; language?: string } = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/bhxh-code-lookups',
      payload: body,
      remoteAddress: options.ip ?? `${nextNetwork()}.1`,
      headers: { 'accept-language': options.language ?? 'vi' },
    });
  const found = async (body: BhxhCodeLookupRequest, ip?: string) => {
    const response = await lookUp(body, { ip });
    expect(response.statusCode, response.body).toBe(200);
    return bhxhCodeLookupResult.parse(response.json());
  };
  const names = async (body: BhxhCodeLookupRequest) => (await found(body)).items.map((p) => `${p.fullName} ${p.bhxhCode}`);

  describe('matching', () => {
    it('finds a person by a name typed without accents or in any case, with birth date and BHXH code', async () => {
      for (const fullName of ['nguyen van an', 'NGUYỄN VĂN AN', '  Nguyen   van AN ']) {
        const result = await found({ province: '01', fullName, birthDate: '09-05-1980' });
        expect(result.items).toEqual([
          expect.objectContaining({ fullName: 'Nguyễn Văn An', birthDate: '1980-05-09', birthYear: 1980, bhxhCode: an.bhxhCode }),
        ]);
        expect(result).toMatchObject({ capped: false, searchedProvince: { code: '01', name: 'Thành phố Hà Nội' }, oldProvince: null });
      }
      expect(await names({ province: '01', fullName: 'nguyen van an', birthDate: '9/5/1980' })).toHaveLength(1);
    });

    it('matches đ with d', async () => {
      expect(await names({ province: '01', fullName: 'dang thi dao', birthYear: 1975 })).toEqual([expect.stringContaining('Đặng Thị Đào')]);
    });

    it('does not return a person of another province', async () => {
      const hanoi = await found({ province: '01', fullName: 'Nguyễn Văn An', birthDate: '09-05-1980' });
      const hcmc = await found({ province: '79', fullName: 'Nguyễn Văn An', birthDate: '09-05-1980' });
      expect(hanoi.items.map((p) => p.bhxhCode)).toEqual([an.bhxhCode]);
      expect(hcmc.items).toHaveLength(1);
      expect(hcmc.items[0]?.bhxhCode).not.toBe(an.bhxhCode);
      expect(await names({ province: '48', fullName: 'Nguyễn Văn An', birthDate: '09-05-1980' })).toEqual([]);
    });

    it('accepts an old province: Hà Tây (28) is searched within Hà Nội, and finds those registered there who moved', async () => {
      const haTay = await found({ province: '28', fullName: 'Đặng Thị Đào', birthDate: '02-03-1975' });
      expect(haTay.items.map((p) => p.fullName)).toEqual(['Đặng Thị Đào']);
      expect(haTay).toMatchObject({ searchedProvince: { code: '01' }, oldProvince: { code: '28', name: 'Hà Tây' } });
      // People now under Hà Nội are found from their old province too.
      expect(await names({ province: '28', fullName: 'nguyen van an', birthDate: '09-05-1980' })).toEqual([expect.stringContaining(an.bhxhCode)]);
      // Registered in Hà Tây, living in Ho Chi Minh City: found from either, not from Hà Nội.
      expect(await names({ province: '28', fullName: 'pham van binh', birthYear: 1960 })).toHaveLength(1);
      expect(await names({ province: '79', fullName: 'pham van binh', birthYear: 1960 })).toHaveLength(1);
      expect(await names({ province: '01', fullName: 'pham van binh', birthYear: 1960 })).toEqual([]);
    });

    it('finds a person of Hải Dương (30) under Hải Phòng, and shows only the year when that is all the records know', async () => {
      const result = await found({ province: '30', fullName: 'le thi hoa', birthYear: 1940 });
      expect(result.searchedProvince.code).toBe('31');
      expect(result.items).toEqual([expect.objectContaining({ fullName: 'Lê Thị Hoa', birthDate: null, birthYear: 1940 })]);
      expect((await found({ province: '31', fullName: 'le thi hoa', birthYear: 1940 })).items).toHaveLength(1);
    });

    it('finds a person by citizen ID (12 digits) or old ID card (9 digits), but only with the right name', async () => {
      expect(await names({ province: '01', fullName: 'Nguyễn Văn An', idNumber: an.personalId ?? '' })).toHaveLength(1);
      expect(await names({ province: '01', fullName: 'Nguyễn Văn An', idNumber: '012345678' })).toHaveLength(1);
      expect(await names({ province: '01', fullName: 'Nguyễn Văn Ân Hận', idNumber: '012345678' })).toEqual([]);
    });

    it('shows the household code and the address with the house number hidden in the detail', async () => {
      const [person] = (await found({ province: '01', fullName: 'nguyen van an', birthYear: 1980 })).items;
      expect(person?.householdCode).toMatch(/^\d{10}$/);
      expect(person?.maskedAddress).toBe('***, đường Quang Trung, Phường Ba Đình, Thành phố Hà Nội');
    });

    it('shows at most 10 people and says that more matched', async () => {
      const result = await found({ province: '01', fullName: 'tran van nam', birthYear: 1990 });
      expect(result.items).toHaveLength(10);
      expect(result.capped).toBe(true);
    });
  });

  describe('refusals', () => {
    it('refuses a name alone, and a name with two keys, with a clear localized error', async () => {
      const alone = await lookUp({ province: '01', fullName: 'Nguyễn Văn An' });
      expect(alone.statusCode).toBe(400);
      expect(errorEnvelope.parse(alone.json()).error).toEqual({
        code: 'LOOKUP_KEY_REQUIRED',
        message: 'Vui lòng nhập họ tên cùng đúng một trong ba thông tin: ngày sinh, năm sinh hoặc số CCCD/CMND.',
      });
      const both = await lookUp({ province: '01', fullName: 'Nguyễn Văn An', birthYear: 1980, idNumber: '012345678' }, { language: 'en' });
      expect(both.statusCode).toBe(400);
      expect(errorEnvelope.parse(both.json()).error.message).toContain('exactly one of');
    });

    it('refuses impossible dates, unknown provinces and malformed ID numbers, naming the field', async () => {
      const fields = async (body: BhxhCodeLookupRequest) => errorEnvelope.parse((await lookUp(body, { language: 'en' })).json()).error.fields;
      expect(await fields({ province: '01', fullName: 'Nguyễn Văn An', birthDate: '31-02-1980' })).toEqual({
        birthDate: 'Write the date of birth as day-month-year, e.g. 05-09-1980.',
      });
      expect(await fields({ province: '01', fullName: 'Nguyễn Văn An', birthDate: '1980-05-09' })).toHaveProperty('birthDate');
      expect(await fields({ province: '99', fullName: 'Nguyễn Văn An', birthYear: 1980 })).toEqual({
        province: 'There is no province or city (current or former) with this code.',
      });
      expect(await fields({ province: '01', fullName: 'Nguyễn Văn An', idNumber: '12345' })).toEqual({
        idNumber: 'A personal ID number has 12 digits (old ID card: 9 digits).',
      });
    });
  });

  describe('the record of look-ups', () => {
    it('logs every look-up as hashes, never the name or ID number, and puts the people shown on their access record', async () => {
      await found({ province: '01', fullName: 'Nguyễn Văn An', idNumber: '012345678' }, '10.200.0.1');
      const [logged] = await queryRows<Record<string, unknown>>(
        testDb.database,
        "select * from lookup_log where key_kind = 'old_id_number' order by id desc limit 1",
      );
      expect(logged).toMatchObject({ province_code: '01', result_count: 1, capped: false });
      const text = JSON.stringify(logged).toLowerCase();
      for (const secret of ['nguyen', 'nguyễn', '012345678', '10.200.0.1', '10.200.0']) expect(text).not.toContain(secret);
      const audits = await queryRows<{ action: string; actor_type: string }>(
        testDb.database,
        "select action, actor_type from audit_events where subject_type = 'person' and subject_id = $1",
        [String(an.id)],
      );
      expect(audits.length).toBeGreaterThan(0);
      expect(audits.every((a) => a.action === 'bhxh_code.looked_up' && a.actor_type === 'public')).toBe(true);
      // This look-up's entry names its log row and the kind of key, written with it.
      const entries = await queryRows<{ details: unknown; request_id: string | null }>(
        testDb.database,
        "select details, request_id from audit_events where subject_type = 'person' and subject_id = $1 and details->>'lookupId' = $2",
        [String(an.id), String(logged?.id)],
      );
      expect(entries).toEqual([{ details: { lookupId: Number(logged?.id), keyKind: 'old_id_number' }, request_id: logged?.request_id }]);
    });
  });

  describe('the record of look-ups written together', () => {
    it('logs the look-ups that arrive together in one statement, each with its own rows; a challenge pays for one', async () => {
      const other = await givenPerson(testDb.database, { fullName: 'Võ Thị Mai', birthDate: '1985-02-03' });
      const lookup = (challengeId: string | null, requestId: string, shownPersonIds: number[]) => ({
        row: {
          at: clock.now(),
          ipHash: 'ip',
          networkHash: 'net',
          queryHash: 'q',
          keyKind: 'birth_date',
          provinceCode: '01',
          resultCount: shownPersonIds.length,
          capped: false,
          challengeId,
          requestId,
        },
        audit: auditRow({ actorType: 'public', action: 'bhxh_code.looked_up', subjectType: 'person', requestId }),
        shownPersonIds,
      });
      const logged = await insertLookupLogsWithAudits(testDb.database.db, [
        lookup('batch-challenge', 'req-a', [an.id, other.id]),
        lookup('batch-challenge', 'req-b', [other.id]),
        lookup(null, 'req-c', []),
        lookup(null, 'req-d', [other.id]),
      ]);
      expect(logged.map((entry) => entry !== undefined)).toEqual([true, false, true, true]);
      const rows = await queryRows<{ id: string | number; request_id: string }>(
        testDb.database,
        "select id, request_id from lookup_log where request_id like 'req-%' order by id",
      );
      expect(rows.map((row) => [Number(row.id), row.request_id])).toEqual([
        [logged[0]?.id, 'req-a'],
        [logged[2]?.id, 'req-c'],
        [logged[3]?.id, 'req-d'],
      ]);
      const audits = await queryRows<{ subject_id: string; request_id: string; lookup_id: string }>(
        testDb.database,
        "select subject_id, request_id, details->>'lookupId' as lookup_id from audit_events where request_id like 'req-%' order by id",
      );
      expect(audits).toEqual([
        { subject_id: String(an.id), request_id: 'req-a', lookup_id: String(logged[0]?.id) },
        { subject_id: String(other.id), request_id: 'req-a', lookup_id: String(logged[0]?.id) },
        { subject_id: String(other.id), request_id: 'req-d', lookup_id: String(logged[3]?.id) },
      ]);
      // The challenge was used in the batch before: a later one logs nothing for it.
      expect(await insertLookupLogsWithAudits(testDb.database.db, [lookup('batch-challenge', 'req-e', [an.id])])).toEqual([undefined]);
    });
  });

  describe('abuse protection', () => {
    const query = { province: '01', fullName: 'nguyen van an', birthYear: 1980 } as const;
    const challengeFor = async (ip: string) => {
      const response = await app.inject({ method: 'POST', url: '/api/v1/bhxh-code-lookups/challenges', remoteAddress: ip });
      expect(response.statusCode).toBe(201);
      return lookupChallenge.parse(response.json());
    };
    const solved = async (ip: string) => {
      const { challenge, difficulty } = await challengeFor(ip);
      return { challenge, nonce: await solveProofOfWork(challenge, difficulty, sha256), difficulty };
    };

    it('asks for a proof of work after 5 look-ups from one address, accepts each solution once, and asks more as it goes on', async () => {
      const ip = '100.64.1.10';
      for (let i = 0; i < 5; i++) expect((await lookUp(query, { ip })).statusCode).toBe(200);
      const sixth = await lookUp(query, { ip });
      expect(sixth.statusCode).toBe(428);
      expect(errorEnvelope.parse(sixth.json()).error.code).toBe('CHALLENGE_REQUIRED');

      const proof = await solved(ip);
      expect(proof.difficulty).toBe(8);
      const paid = await lookUp({ ...query, proof: { challenge: proof.challenge, nonce: proof.nonce } }, { ip });
      expect(paid.statusCode).toBe(200);
      const written = "select (select count(*) from lookup_log)::int as logs, (select count(*) from audit_events where action = 'bhxh_code.looked_up')::int as audits";
      const before = await queryRows(testDb.database, written);
      const reused = await lookUp({ ...query, proof: { challenge: proof.challenge, nonce: proof.nonce } }, { ip });
      expect(reused.statusCode).toBe(400);
      expect(errorEnvelope.parse(reused.json()).error.code).toBe('CHALLENGE_INVALID');
      // Refused: no log row, and nobody's access record shows a look-up whose results were never sent.
      expect(await queryRows(testDb.database, written)).toEqual(before);

      // Ten more paid look-ups double the work of the next one.
      for (let i = 0; i < 9; i++) {
        const next = await solved(ip);
        expect((await lookUp({ ...query, proof: { challenge: next.challenge, nonce: next.nonce } }, { ip })).statusCode).toBe(200);
      }
      expect((await challengeFor(ip)).difficulty).toBe(9);
    });

    it('answers one of two look-ups sent together with one proof, and refuses the other', async () => {
      const ip = '100.64.7.10';
      const proof = await solved(ip);
      const paid = { ...query, proof: { challenge: proof.challenge, nonce: proof.nonce } };
      const answers = await Promise.all([lookUp(paid, { ip }), lookUp(paid, { ip })]);
      expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 400]);
      expect(answers.map((answer) => answer.statusCode === 400 && errorEnvelope.parse(answer.json()).error.code).filter(Boolean)).toEqual(['CHALLENGE_INVALID']);
    });

    it('refuses forged, expired and unsolved proofs, and proofs solved for another network', async () => {
      const ip = '100.64.2.20';
      const proof = await solved(ip);
      const [version, body = '', signature] = proof.challenge.split('.');
      const forgedBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), bits: 1 })).toString('base64url');
      const unsolved = ['a', 'b', 'c', 'd'].find((nonce) => leadingZeroBits(sha256(proofInput(proof.challenge, nonce))) < proof.difficulty);
      const attempts = [
        { challenge: `${version}.${forgedBody}.${signature}`, nonce: proof.nonce },
        { challenge: proof.challenge, nonce: unsolved ?? '' },
      ];
      for (const attempt of attempts) {
        const refused = await lookUp({ ...query, proof: attempt }, { ip });
        expect(errorEnvelope.parse(refused.json()).error.code).toBe('CHALLENGE_INVALID');
      }
      const elsewhere = await lookUp({ ...query, proof: { challenge: proof.challenge, nonce: proof.nonce } }, { ip: '198.51.100.20' });
      expect(errorEnvelope.parse(elsewhere.json()).error.code).toBe('CHALLENGE_INVALID');
      clock.advance(6 * 60_000);
      const late = await lookUp({ ...query, proof: { challenge: proof.challenge, nonce: proof.nonce } }, { ip });
      expect(errorEnvelope.parse(late.json()).error.code).toBe('CHALLENGE_INVALID');
    });

    it('challenges every address of a /24 network once the network has used its 20 free look-ups, not other networks', async () => {
      for (let host = 1; host <= 4; host++) {
        for (let i = 0; i < 5; i++) expect((await lookUp(query, { ip: `192.0.2.${host}` })).statusCode).toBe(200);
      }
      expect((await lookUp(query, { ip: '192.0.2.99' })).statusCode).toBe(428);
      expect((await lookUp(query, { ip: '192.0.3.99' })).statusCode).toBe(200);
    });

    it('releases the challenge once the 10-minute window has passed', async () => {
      const ip = '100.64.3.30';
      for (let i = 0; i < 5; i++) await lookUp(query, { ip });
      expect((await lookUp(query, { ip })).statusCode).toBe(428);
      clock.advance(LOOKUP_WINDOW_MS - 60_000);
      expect((await lookUp(query, { ip })).statusCode).toBe(428);
      clock.advance(60_000 + 1);
      expect((await lookUp(query, { ip })).statusCode).toBe(200);
    });
  });
});

describe.each(testDrivers)('the hard limits of the BHXH code look-up on %s', (driver) => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let clock: FakeClock;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    await givenAdminUnits(testDb.database);
    const services = testServices(testDb.database);
    clock = services.clock;
    const lookupProtection = { freePerIp: 1, freePerNetwork: 100, maxPerIp: 3, maxPerNetwork: 5, challengeBits: 4 };
    app = await buildTestApp(testDb.database, { lookupProtection }, services);
  });

  afterAll(async () => {
    await app.close();
    await testDb.dispose();
  });

  const lookUp = async (ip: string) => {
    const body = { province: '01', fullName: 'nguyen van an', birthYear: 1980 };
    const first = await app.inject({ method: 'POST', url: '/api/v1/bhxh-code-lookups', payload: body, remoteAddress: ip });
    if (first.statusCode !== 428) return first;
    const issued = lookupChallenge.parse(
      (await app.inject({ method: 'POST', url: '/api/v1/bhxh-code-lookups/challenges', remoteAddress: ip })).json(),
    );
    const nonce = await solveProofOfWork(issued.challenge, issued.difficulty, sha256);
    return app.inject({
      method: 'POST',
      url: '/api/v1/bhxh-code-lookups',
      payload: { ...body, proof: { challenge: issued.challenge, nonce } },
      remoteAddress: ip,
    });
  };

  it('refuses an address past its maximum with 429 and Retry-After, proof of work or not, until the window passes', async () => {
    for (let i = 0; i < 3; i++) expect((await lookUp('203.0.113.1')).statusCode).toBe(200);
    clock.advance(60_000);
    const refused = await lookUp('203.0.113.1');
    expect(refused.statusCode).toBe(429);
    expect(errorEnvelope.parse(refused.json()).error.code).toBe('RATE_LIMITED');
    expect(refused.headers['retry-after']).toBe('540');
    const challenge = await app.inject({ method: 'POST', url: '/api/v1/bhxh-code-lookups/challenges', remoteAddress: '203.0.113.1' });
    expect(challenge.statusCode).toBe(429);
    clock.advance(LOOKUP_WINDOW_MS);
    expect((await lookUp('203.0.113.1')).statusCode).toBe(200);
  });

  it('refuses a network past its maximum, whichever of its addresses asks', async () => {
    for (const host of [1, 2, 3, 4, 5]) expect((await lookUp(`198.51.100.${host}`)).statusCode).toBe(200);
    expect((await lookUp('198.51.100.6')).statusCode).toBe(429);
    expect((await lookUp('198.51.101.6')).statusCode).toBe(200);
  });
});
