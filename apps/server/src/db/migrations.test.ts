// What a migration computes in SQL for rows that already exist must equal what the code stores for new ones.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '@vssid/shared';
import { createTestDatabase, testDrivers, type TestDatabase } from '../test/database.ts';
import { givenAdminUnits, givenFacility } from '../test/factories.ts';
import { migrationsFolder } from './migrate.ts';
import { queryRows } from './seed/query.ts';

/** The statements of a migration file, as drizzle's migrator splits them. */
async function migrationStatements(file: string): Promise<string[]> {
  return (await readFile(join(migrationsFolder, file), 'utf8')).split('--> statement-breakpoint').map((statement) => statement.trim());
}

describe.each(testDrivers)('data migrations on %s', (driver) => {
  let testDb: TestDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    await givenAdminUnits(testDb.database);
  });

  afterAll(async () => {
    await testDb.dispose();
  });

  it('0011 gives existing facilities the name key the code would have stored', async () => {
    const names = [
      'Trạm Y tế Xã Nậm Nèn',
      // Decomposed (NFD) marks, as some sources send them, capitals, đ and Đ, and spaces to collapse.
      'Bệnh viện Đa khoa Mường Lai'.normalize('NFD'),
      '  ĐỨC GIANG   Phòng khám  Ưng Hòa ',
      'Trung tâm Y tế khu vực Châu Quế',
    ];
    for (const [index, name] of names.entries()) {
      await givenFacility(testDb.database, { code: `01Z0${index}`, name, provinceCode: '01', communeCode: '00004' });
    }
    const backfill = (await migrationStatements('0011_facility_name_key.sql')).find((statement) => statement.startsWith('UPDATE'));
    if (!backfill) throw new Error('0011 has no UPDATE');
    await queryRows(testDb.database, "update facilities set name_key = 'stale'");
    await queryRows(testDb.database, backfill);
    const rows = await queryRows<{ name: string; name_key: string }>(testDb.database, "select name, name_key from facilities where code like '01Z0%' order by code");
    expect(rows.map((row) => row.name_key)).toEqual(names.map(foldVietnamese));
    expect(rows.map((row) => row.name_key)).toEqual([
      'tram y te xa nam nen',
      'benh vien da khoa muong lai',
      'duc giang phong kham ung hoa',
      'trung tam y te khu vuc chau que',
    ]);
  });
});
