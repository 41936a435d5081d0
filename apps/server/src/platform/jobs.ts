// Background jobs in the database (pg-boss): they survive restarts and need no extra infrastructure. On PGlite
// pg-boss talks through a small adapter, since PGlite is one in-process connection.
import PgBoss from 'pg-boss';
import type { Database } from '../db/connection.ts';

export type Jobs = PgBoss;

function pgliteAdapter(database: Extract<Database, { driver: 'pglite' }>) {
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      // pg-boss sends its schema scripts as several statements without parameters; query() takes one statement.
      if (values.length === 0) {
        const results = await database.client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      const result = await database.client.query(text, values);
      return { rows: result.rows };
    },
  };
}

export function createJobs(database: Database, connectionString: string | undefined): Jobs {
  const options: PgBoss.ConstructorOptions =
    database.driver === 'pglite'
      ? { db: pgliteAdapter(database), schema: 'pgboss' }
      : { connectionString, schema: 'pgboss', max: 4 };
  return new PgBoss(options);
}
