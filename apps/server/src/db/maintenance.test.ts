// Statistics where nothing else keeps them (PGlite; PostgreSQL with autovacuum off): the server analyzes the tables
// changed past autovacuum's threshold (50 rows + 10%), and only those.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, testDrivers, type TestDatabase } from '../test/database.ts';
import { analyzeStaleTables, statisticsNeedTheServer } from './maintenance.ts';
import { queryRows } from './seed/query.ts';

describe.each(testDrivers)('table statistics on %s', (driver) => {
  let testDb: TestDatabase;

  beforeEach(async () => {
    testDb = await createTestDatabase(driver);
    // Whatever the migrations left unanalyzed is analyzed first, so each test sees only its own changes.
    await analyzeStaleTables(testDb.database);
  });

  afterEach(async () => {
    await testDb.dispose();
  });

  /**
   * Rows written as traffic would write them (on PostgreSQL, their counts reported at once, as a backend soon does);
   * the tables are kept from autovacuum so that a server running it cannot analyze them in the test's stead.
   */
  async function write(table: string, rows: number): Promise<void> {
    await testDb.database.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`create table if not exists ${table} (id int) with (autovacuum_enabled = false)`));
      await tx.execute(sql.raw(`insert into ${table} select g from generate_series(1, ${rows}) g`));
      // PostgreSQL reports another backend's counts within a second or so; PGlite only when the maintenance asks it to.
      if (driver === 'postgres') await tx.execute(sql`select pg_stat_force_next_flush()`);
    });
  }

  async function estimatedRows(table: string): Promise<number> {
    const [row] = await queryRows<{ reltuples: number }>(testDb.database, 'select reltuples from pg_class where relname = $1', [table]);
    return Number(row?.reltuples);
  }

  it('analyzes a table changed past the threshold, once', async () => {
    await write('grown', 500);
    expect(await estimatedRows('grown')).toBe(-1);
    expect(await analyzeStaleTables(testDb.database)).toEqual(['public.grown']);
    expect(await estimatedRows('grown')).toBe(500);
    expect(await analyzeStaleTables(testDb.database)).toEqual([]);
  });

  it('leaves a table changed by 50 rows or fewer, and one changed by less than 10% since its analyze', async () => {
    await write('small', 50);
    await write('large', 1000);
    expect(await analyzeStaleTables(testDb.database)).toEqual(['public.large']);
    await write('large', 140);
    expect(await analyzeStaleTables(testDb.database)).toEqual([]);
    await write('large', 20);
    expect(await analyzeStaleTables(testDb.database)).toEqual(['public.large']);
  });

  it('is needed on PGlite always, on PostgreSQL when autovacuum is off', async () => {
    const [setting] = await queryRows<{ autovacuum: string }>(testDb.database, 'show autovacuum');
    expect(await statisticsNeedTheServer(testDb.database)).toBe(driver === 'pglite' || setting?.autovacuum !== 'on');
  });
});
