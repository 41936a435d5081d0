import type { Database } from '../connection.ts';

/** Runs one SQL statement on either driver and returns its rows (for the CLI, checks and tests). */
export async function queryRows<T>(database: Database, text: string, params: unknown[] = []): Promise<T[]> {
  if (database.driver === 'pglite') return (await database.client.query<T>(text, params)).rows;
  return (await database.pool.query(text, params)).rows as T[];
}
