import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database =
  | { driver: 'pglite'; db: Db; client: PGlite; close(): Promise<void> }
  | { driver: 'postgres'; db: Db; pool: pg.Pool; close(): Promise<void> };

export interface DatabaseOptions {
  /** PostgreSQL connection string; without it the embedded PGlite database is used. */
  url?: string | undefined;
  /** Where PGlite keeps its files; `memory://` for a throw-away database (tests). */
  dataDir: string;
  poolSize?: number;
}

const DATE_OID = 1082;

/**
 * PGlite's defaults start Postgres with `-F` (fsync off), which loses committed data on a crash. The embedded
 * default must be durable, so we start it with the same parameters minus `-F`.
 */
const durableStartParams = PGlite.defaultStartParams.filter((param) => param !== '-F');

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // Business dates stay 'YYYY-MM-DD' strings on both drivers (no JS Date at UTC midnight).
    pool.on('connect', (client) => {
      client.setTypeParser(DATE_OID, (value: string) => value);
    });
    const db = drizzlePostgres(pool, { schema });
    return { driver: 'postgres', db, pool, close: () => pool.end() };
  }
  const inMemory = options.dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(options.dataDir, { recursive: true });
  const client = new PGlite(options.dataDir, {
    extensions: { pg_trgm, unaccent },
    startParams: durableStartParams,
    parsers: { [DATE_OID]: (value: string) => value },
  });
  await client.waitReady;
  const db = drizzlePglite(client, { schema });
  return { driver: 'pglite', db, client, close: () => client.close() };
}

/** One round-trip that proves the database answers (readiness). */
export async function pingDatabase(database: Database): Promise<void> {
  if (database.driver === 'pglite') await database.client.query('select 1');
  else await database.pool.query('select 1');
}
