// COPY for the population tables, where tens of millions of rows go through: the same COPY paths as bulkInsert
// (../bulk.ts) but with text produced by a cheaper serialiser (one escape test per string instead of four regex
// replacements per value) and accepting text produced elsewhere (the generator workers).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { BulkValue } from '../bulk.ts';
import type { Database } from '../connection.ts';
import { queryBulkRows, queryRows } from './query.ts';

const NEEDS_ESCAPE = /[\t\n\r\\]/;

function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** One row in PostgreSQL COPY text format (same output as bulk.ts toCopyLine). */
export function copyLine(row: readonly BulkValue[]): string {
  let line = '';
  for (let i = 0; i < row.length; i++) {
    const value = row[i];
    let text: string;
    if (value === null || value === undefined) text = '\\N';
    else if (typeof value === 'number') text = String(value);
    else if (typeof value === 'string') text = NEEDS_ESCAPE.test(value) ? escapeText(value) : value;
    else if (typeof value === 'boolean') text = value ? 't' : 'f';
    else {
      const json = JSON.stringify(value);
      text = NEEDS_ESCAPE.test(json) ? escapeText(json) : json;
    }
    line += i === 0 ? text : `\t${text}`;
  }
  return `${line}\n`;
}

/**
 * copyLine for rows whose strings are known to hold no tab, newline or backslash (generated labels, codes, dates):
 * the same output without the escape test. The tests compare both on generated data.
 */
export function plainCopyLine(row: readonly BulkValue[]): string {
  let line = '';
  for (let i = 0; i < row.length; i++) {
    const value = row[i];
    const text =
      value === null || value === undefined
        ? '\\N'
        : typeof value === 'object'
          ? JSON.stringify(value)
          : typeof value === 'boolean'
            ? value
              ? 't'
              : 'f'
            : String(value);
    line += i === 0 ? text : `\t${text}`;
  }
  return `${line}\n`;
}

/** Serialises rows into COPY text. */
export function copyText(rows: readonly (readonly BulkValue[])[]): string {
  let text = '';
  for (const row of rows) text += copyLine(row);
  return text;
}

export interface CopyOptions {
  /**
   * PostgreSQL only: run the COPY with session_replication_role = replica, which skips the per-row foreign-key
   * triggers (superuser only). The caller must then check the foreign keys in bulk (see checkForeignKeys).
   */
  skipForeignKeyTriggers?: boolean;
}

/** Loads COPY data (whole lines, UTF-8) into a table on either driver. Table and column names come from our code. */
export async function copyIn(
  database: Database,
  table: string,
  columns: readonly string[],
  data: Uint8Array | string,
  options: CopyOptions = {},
): Promise<void> {
  if (data.length === 0) return;
  const statement = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
  if (database.driver === 'pglite') {
    await database.client.query(statement.replace('FROM STDIN', "FROM '/dev/blob'"), [], { blob: new Blob([data]) });
    return;
  }
  const client = await database.pool.connect();
  try {
    if (options.skipForeignKeyTriggers) await client.query('SET session_replication_role = replica');
    const payload = typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    await pipeline(Readable.from([payload]), client.query(copyFrom(statement)));
  } finally {
    if (options.skipForeignKeyTriggers) await client.query('RESET session_replication_role').catch(() => undefined);
    client.release();
  }
}

/** Whether foreign-key triggers may be skipped while loading: always on PGlite (superuser), superusers on PostgreSQL. */
export async function canSkipForeignKeyTriggers(database: Database): Promise<boolean> {
  if (database.driver === 'pglite') return true;
  const client = await database.pool.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await client.query('RESET session_replication_role');
    return true;
  } catch {
    return false;
  } finally {
    client.release();
  }
}

/**
 * PGlite is a single session: skipping triggers there is one SET for the whole seed, undone by the returned function.
 * (On PostgreSQL each COPY sets it on its own pooled connection, see copyIn.)
 */
export async function skipTriggersForSession(database: Database): Promise<() => Promise<void>> {
  if (database.driver !== 'pglite') return async () => undefined;
  await database.client.query('SET session_replication_role = replica');
  return async () => {
    await database.client.query('RESET session_replication_role');
  };
}

/**
 * Every foreign key of the given tables checked in one set-based pass per table (what the skipped per-row triggers
 * would have checked). Returns human-readable violations; empty when all references resolve.
 */
export async function checkForeignKeys(database: Database, tables: readonly string[]): Promise<string[]> {
  const keys = await queryRows<{ child: string; columns: string[]; parent: string; parent_columns: string[] }>(
    database,
    `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent,
            array(select a.attname from unnest(c.conkey) with ordinality k(n, i)
                  join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i)::text[] as columns,
            array(select a.attname from unnest(c.confkey) with ordinality k(n, i)
                  join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i)::text[] as parent_columns
       from pg_constraint c
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace and c.conrelid::regclass::text = any($1)`,
    [tables],
  );
  // One scan per table; on PostgreSQL the tables are scanned side by side on separate connections.
  const checkTable = async (table: string): Promise<string[]> => {
    const own = keys.filter((k) => k.child === table);
    if (own.length === 0) return [];
    const joins = own
      .map((k, i) => {
        const on = k.columns.map((column, j) => `p${i}.${k.parent_columns[j] ?? column} = t.${column}`).join(' and ');
        return `left join ${k.parent} p${i} on ${on}`;
      })
      .join(' ');
    const counts = own
      .map((k, i) => {
        const present = k.columns.map((column) => `t.${column} is not null`).join(' and ');
        const missing = `p${i}.${k.parent_columns[0] ?? k.columns[0] ?? 'id'} is null`;
        return `count(*) filter (where ${present} and ${missing})::int as v${i}`;
      })
      .join(', ');
    const [row] = await queryBulkRows<Record<string, number>>(database, `select ${counts} from ${table} t ${joins}`);
    return own.flatMap((k, i) => {
      const n = Number(row?.[`v${i}`] ?? 0);
      return n > 0 ? [`${table}.${k.columns.join(',')} → ${k.parent}: ${n} missing`] : [];
    });
  };
  if (database.driver === 'postgres') return (await Promise.all(tables.map(checkTable))).flat();
  const violations: string[] = [];
  for (const table of tables) violations.push(...(await checkTable(table)));
  return violations;
}
