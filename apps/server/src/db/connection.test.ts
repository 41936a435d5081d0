import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase, sqlRows } from './connection.ts';
import { testDrivers } from '../test/database.ts';

describe('the PostgreSQL pool', () => {
  it('hands an idle connection’s error to its listener instead of throwing it (no server needed)', async () => {
    const reported: Error[] = [];
    // Nothing connects until the first query, so an unreachable address is fine here.
    const database = await openDatabase({ url: 'postgres://127.0.0.1:1/none', dataDir: 'memory://', onIdleClientError: (error) => reported.push(error) });
    if (database.driver !== 'postgres') throw new Error('expected the PostgreSQL driver');
    try {
      // What node-postgres emits when the server closes an idle client; without a listener emit() throws.
      expect(() => database.pool.emit('error', new Error('terminating connection due to administrator command'))).not.toThrow();
      expect(reported.map((error) => error.message)).toEqual(['terminating connection due to administrator command']);
    } finally {
      await database.close();
    }
  });

  // Against a real server when the run has one (CI's PostgreSQL suite).
  describe.each(testDrivers.filter((driver) => driver === 'postgres'))('on %s', () => {
    it('survives the server closing an idle connection, and the next query gets a fresh one', async () => {
      const adminUrl = process.env.TEST_DATABASE_URL;
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
});
