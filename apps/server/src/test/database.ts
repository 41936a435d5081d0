// Integration tests run on a real database: PGlite always, and PostgreSQL as well when TEST_DATABASE_URL is set
// (CI points it at the PostgreSQL on 127.0.0.1:5432). Each test file gets its own database, so files never share state.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../db/connection.ts';
import { applyMigrations } from '../db/migrate.ts';

export type Driver = Database['driver'];

function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

/**
 * The drivers this run covers, for `describe.each`: PGlite, plus PostgreSQL when TEST_DATABASE_URL is set;
 * TEST_DRIVERS=postgres narrows a run to one driver (CI's PostgreSQL suite).
 */
export const testDrivers: Driver[] = (() => {
  const requested = (process.env.TEST_DRIVERS ?? '').split(',').filter((d): d is Driver => d === 'pglite' || d === 'postgres');
  if (requested.length > 0) return requested;
  return testDatabaseUrl() ? ['pglite', 'postgres'] : ['pglite'];
})();

export interface TestDatabase {
  database: Database;
  dispose(): Promise<void>;
}

export async function createTestDatabase(driver: Driver): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    await applyMigrations(database);
    return { database, dispose: () => database.close() };
  }
  const adminUrl = testDatabaseUrl();
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `vssid_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), dataDir: 'memory://', poolSize: 4 });
  await applyMigrations(database);
  return {
    database,
    dispose: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      // pool.end() resolves once its clients are told to end, not once their backends are gone: a forced drop in that
      // moment kills a backend whose client is still closing, and its FATAL notice is an uncaught error in the test
      // run. Wait (briefly) for the backends to leave first.
      for (let tries = 0; tries < 50; tries++) {
        const { rows } = await cleanup.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if ((rows[0]?.n ?? 0) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
