import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { StatementCachingPGlite } from './pglite-statements.ts';
import * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Rows of a raw SQL statement: both drivers answer `{ rows }` (drizzle types it per driver, hence the cast). */
export async function sqlRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

/**
 * The driver's client behind a root handle (drizzle keeps it as `$client`); a transaction handle has none, so a
 * statement sent to the client directly could not run inside the transaction.
 */
function clientOf(db: Db): pg.Pool | PGlite {
  const client = '$client' in db ? db.$client : undefined;
  if (client instanceof PGlite || client instanceof pg.Pool) return client;
  throw new Error('a root database handle is needed here, not a transaction');
}

/** Whether a handle is on PGlite (one connection in this process) rather than a node-postgres pool. */
export function onPglite(db: Db): boolean {
  return clientOf(db) instanceof PGlite;
}

/**
 * Rows of a statement run by name: node-postgres parses and plans it once per pooled connection and then only binds
 * the values (for statements drizzle cannot prepare, such as data-modifying CTEs); PGlite keeps every statement's
 * text prepared by itself (StatementCachingPGlite).
 * `values` are bound as they are (arrays become PostgreSQL arrays). On a transaction's handle, which has no client of
 * its own (see clientOf), the same text and values run through drizzle on the transaction's connection, unnamed.
 */
export async function preparedRows<T>(db: Db, statement: { name: string; text: string }, values: unknown[]): Promise<T[]> {
  const client = '$client' in db ? db.$client : undefined;
  if (client instanceof PGlite) return (await client.query<T>(statement.text, values)).rows;
  if (client instanceof pg.Pool) return (await client.query<T & pg.QueryResultRow>({ name: statement.name, text: statement.text, values })).rows;
  return sqlRows<T>(db, withValues(statement.text, values));
}

/** A statement's text with `$n` placeholders as drizzle SQL, each placeholder bound to its value as one parameter. */
function withValues(text: string, values: unknown[]): SQL {
  const chunks = text.split(/\$(\d+)/);
  return sql.join(chunks.map((chunk, index) => (index % 2 === 0 ? sql.raw(chunk) : sql.param(values[Number(chunk) - 1]))));
}

/**
 * A drizzle prepared statement, made once per database handle: `build` runs on the first call with a handle and its
 * statement is reused after that, so drizzle builds the SQL text once and node-postgres parses and plans it once per
 * pooled connection (the statement's name must be unique in the app; PGlite prepares it once by its text). Hot reads only: every query built anew costs
 * SQL building in Node and parsing and planning in PostgreSQL, which on the read paths was more than the execution.
 * A transaction is its own handle, so a statement used inside one runs inside it.
 */
export const preparedOnce: <T>(build: (db: Db) => T) => (db: Db) => T = perHandle;

/**
 * One of something per database handle, made by `build` on first use: a prepared statement (preparedOnce), a cache of
 * the handle's rows, a batcher of the handle's writes. Per handle, not per process: tests run many databases at once.
 */
export function perHandle<T>(build: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    let thing = made.get(db);
    if (thing === undefined) {
      thing = build(db);
      made.set(db, thing);
    }
    return thing;
  };
}

/**
 * preparedOnce for a query whose shape varies (which filters are present, how many words): one statement per handle
 * and shape, each built and named once by `build` (the name must include the shape). Shapes must be few — derived
 * from the code's own options, never from free values — since every one stays prepared.
 */
export function preparedPerShape<Shape, T>(build: (db: Db, shape: Shape) => T): (db: Db, shape: Shape) => T {
  const statements = new WeakMap<Db, Map<string, T>>();
  return (db, shape) => {
    let byShape = statements.get(db);
    if (!byShape) statements.set(db, (byShape = new Map<string, T>()));
    const key = JSON.stringify(shape);
    let statement = byShape.get(key);
    if (statement === undefined) {
      statement = build(db, shape);
      byShape.set(key, statement);
    }
    return statement;
  };
}

export type Database =
  | { driver: 'pglite'; db: Db; client: PGlite; close(): Promise<void> }
  | { driver: 'postgres'; db: Db; pool: pg.Pool; close(): Promise<void> };

export interface DatabaseOptions {
  /** PostgreSQL connection string; without it the embedded PGlite database is used. */
  url?: string | undefined;
  /** Where PGlite keeps its files; `memory://` for a throw-away database (tests). */
  dataDir: string;
  poolSize?: number;
  /**
   * Told when PostgreSQL drops an idle pooled connection (a restart, a crashed backend, an administrator's
   * terminate): the pool replaces the connection on the next query. Without a listener node-postgres rethrows the
   * error as an uncaught exception and the process dies. Default: one line on stderr (the message only).
   */
  onIdleClientError?: (error: Error) => void;
}

function reportIdleClientError(error: Error): void {
  process.stderr.write(`database: an idle connection was closed by the server (${error.message}); it will be replaced\n`);
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
    pool.on('error', options.onIdleClientError ?? reportIdleClientError);
    // Business dates stay 'YYYY-MM-DD' strings on both drivers (no JS Date at UTC midnight).
    pool.on('connect', (client) => {
      client.setTypeParser(DATE_OID, (value: string) => value);
    });
    const db = drizzlePostgres(pool, { schema });
    return { driver: 'postgres', db, pool, close: () => pool.end() };
  }
  const inMemory = options.dataDir.startsWith('memory://');
  const releaseLock = inMemory ? () => undefined : lockDataDir(options.dataDir);
  const client = new StatementCachingPGlite(options.dataDir, {
    extensions: { pg_trgm, unaccent },
    startParams: durableStartParams,
    parsers: { [DATE_OID]: (value: string) => value },
  });
  await client.waitReady;
  const db = drizzlePglite(client, { schema });
  const close = async () => {
    await client.close();
    releaseLock();
  };
  return { driver: 'pglite', db, client, close };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * PGlite is a single-process database: two processes on one data directory corrupt it. A pid file next to the
 * directory refuses a second opener while the first is alive, and is taken over when its owner died.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
        throw new Error(`The database in ${dataDir} is in use by process ${owner}. Stop it first.`);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

/** One round-trip that proves the database answers (readiness). */
export async function pingDatabase(database: Database): Promise<void> {
  if (database.driver === 'pglite') await database.client.query('select 1');
  else await database.pool.query('select 1');
}
