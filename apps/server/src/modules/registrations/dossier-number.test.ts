// Dossier numbers: one counter per agency, series and year, taken inside the submitting transaction — consecutive
// under concurrent submissions, independent across series and years, and a rolled-back submission gives its number back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDrivers, type TestDatabase } from '../../test/database.ts';
import { givenAdminUnits, givenAgency } from '../../test/factories.ts';
import { formatDossierNumber, nextSequence } from './dossier-number.ts';

describe.each(testDrivers)('dossier numbers on %s', (driver) => {
  let testDb: TestDatabase;
  let agencyId: number;
  let otherAgencyId: number;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    await givenAdminUnits(testDb.database);
    const place = { provinceCode: '01', communeCode: '00004', lat: 21.03, lon: 105.85 };
    agencyId = (await givenAgency(testDb.database, { code: 'TEST-01', name: 'BHXH thử nghiệm', ...place })).id;
    otherAgencyId = (await givenAgency(testDb.database, { code: 'TEST-02', name: 'BHXH thử nghiệm 2', ...place })).id;
  });
  afterAll(async () => testDb.dispose());

  const take = (agency: number, series: 'GD' | 'DV', year: number) =>
    testDb.database.db.transaction((tx) => nextSequence(tx, agency, series, year));

  it('counts from 1 per agency, series and year', async () => {
    expect([await take(agencyId, 'GD', 2026), await take(agencyId, 'GD', 2026)]).toEqual([1, 2]);
    expect(await take(agencyId, 'DV', 2026)).toBe(1);
    expect(await take(agencyId, 'GD', 2027)).toBe(1);
    expect(await take(otherAgencyId, 'GD', 2026)).toBe(1);
    expect(await take(agencyId, 'GD', 2026)).toBe(3);
    expect(formatDossierNumber(3, 2026, 1087)).toBe('00003.GD/2026/087');
  });

  it('gives a rolled-back submission’s number back', async () => {
    const before = await take(agencyId, 'DV', 2030);
    await expect(
      testDb.database.db.transaction(async (tx) => {
        expect(await nextSequence(tx, agencyId, 'DV', 2030)).toBe(before + 1);
        throw new Error('the dossier insert failed');
      }),
    ).rejects.toThrow('the dossier insert failed');
    expect(await take(agencyId, 'DV', 2030)).toBe(before + 1);
  });

  it('hands out consecutive numbers to concurrent submissions', async () => {
    const taken = await Promise.all(Array.from({ length: 12 }, () => take(agencyId, 'GD', 2031)));
    expect([...taken].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });
});
