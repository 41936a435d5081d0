import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './connection.ts';

export type BulkValue = string | number | boolean | null | object;

/** Rows are buffered into COPY batches of this many rows (bounded memory on millions of rows). */
const BATCH_ROWS = 20_000;

/** PostgreSQL COPY text format: tab-separated, \N for null, backslash escapes. */
export function toCopyLine(row: readonly BulkValue[]): string {
  return (
    row
      .map((value) => {
        if (value === null) return '\\N';
        const text =
          typeof value === 'boolean' ? (value ? 't' : 'f') : typeof value === 'object' ? JSON.stringify(value) : String(value);
        return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
      })
      .join('\t') + '\n'
  );
}

/**
 * Loads rows with COPY on both drivers: a COPY FROM STDIN stream on PostgreSQL, COPY FROM '/dev/blob' on PGlite.
 * Table and column names come from our own code, never from input.
 */
export async function bulkInsert(
  database: Database,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly BulkValue[]>,
): Promise<number> {
  const copySql = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
  let count = 0;
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const text = batch.join('');
    batch = [];
    if (database.driver === 'pglite') {
      await database.client.query(copySql.replace('FROM STDIN', "FROM '/dev/blob'"), [], {
        blob: new Blob([text]),
      });
    } else {
      const client = await database.pool.connect();
      try {
        await pipeline(Readable.from([text]), client.query(copyFrom(copySql)));
      } finally {
        client.release();
      }
    }
  };
  for (const row of rows) {
    batch.push(toCopyLine(row));
    count += 1;
    if (batch.length >= BATCH_ROWS) await flush();
  }
  await flush();
  return count;
}

/** After loading rows with explicit ids, move each identity sequence past the largest id. */
export async function resetIdentity(database: Database, table: string, column = 'id'): Promise<void> {
  const statement = `select setval(pg_get_serial_sequence('${table}', '${column}'), coalesce((select max(${column}) from ${table}), 0) + 1, false)`;
  if (database.driver === 'pglite') await database.client.query(statement);
  else await database.pool.query(statement);
}
