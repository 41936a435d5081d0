import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, sqlRows } from './connection.ts';
import { testDrivers } from '../test/database.ts';

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl || !testDrivers.includes('postgres'))('the PostgreSQL pool', () => {
  it('survives the server closing an idle connection, and the next query gets a fresh one', async () => {
    let reportClosed: (error: Error) => void = () => undefined;
    const closed = new Promise<Error>((resolve) => {
      reportClosed = resolve;
    });
    const database = await openDatabase({ url: adminUrl, dataDir: 'memory://', poolSize: 1, onIdleClientError: reportClosed });
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const [first] = await sqlRows<{ pid: number }>(database.db, sql`select pg_backend_pid() as pid`);
      if (!first) throw new Error('no backend pid');
      // What a PostgreSQL restart or a crashed backend does to every idle connection of the pool.
      await admin.query('select pg_terminate_backend($1)', [first.pid]);
      const error = await closed;
      expect(error.message).toMatch(/terminat/i);
      const [second] = await sqlRows<{ pid: number }>(database.db, sql`select pg_backend_pid() as pid`);
      expect(second?.pid).not.toBe(first.pid);
    } finally {
      await admin.end();
      await database.close();
    }
  });
});
