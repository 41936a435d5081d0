import type { Database } from '../connection.ts';

/** Runs one SQL statement on either driver and returns its rows (for the CLI, checks and tests). */
export async function queryRows<T>(database: Database, text: string, params: unknown[] = []): Promise<T[]> {
  if (database.driver === 'pglite') return (await database.client.query<T>(text, params)).rows;
  return (await database.pool.query(text, params)).rows as T[];
}

/**
 * Memory for the joins and sorts of one-off statements over the whole data set (foreign-key checks, registry
 * relations): with the server default (4 MB) their hash joins and sorts spill to disk in batches.
 */
export const BULK_QUERY_MEMORY = '256MB';

/** queryRows with a larger work_mem for this statement only (PostgreSQL; PGlite's memory is small, so as is there). */
export async function queryBulkRows<T>(database: Database, text: string, params: unknown[] = []): Promise<T[]> {
  if (database.driver === 'pglite') return queryRows<T>(database, text, params);
  const client = await database.pool.connect();
  try {
    await client.query('begin');
    await client.query(`set local work_mem = '${BULK_QUERY_MEMORY}'`);
    const result = await client.query(text, params);
    await client.query('commit');
    return result.rows as T[];
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
