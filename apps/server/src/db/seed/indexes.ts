// Index builds deferred to after the bulk load. Keys that arrive in random order (BHXH codes, personal IDs, card codes,
// the look-up keys) cost a random B-tree descent, page splits and WAL per row when maintained during COPY; one sorted
// build afterwards is several times cheaper. Primary keys, indexes a foreign key relies on and indexes led by
// person_id (rows arrive in person order, so they append at the right edge) stay in place.
import { eq } from 'drizzle-orm';
import type { Database } from '../connection.ts';
import { appMeta } from '../schema.ts';
import { queryRows } from './query.ts';

/** app_meta key listing indexes dropped by a seed still running (or killed): the next seed or reset rebuilds them. */
const PENDING_KEY = 'seed_deferred_indexes';

export interface DeferredIndex {
  table: string;
  name: string;
  /** pg_get_indexdef(): `CREATE [UNIQUE] INDEX name ON public.table USING …`. */
  definition: string;
  /** The index backs a UNIQUE constraint of the same name (re-attached with ADD CONSTRAINT … USING INDEX). */
  constraint: boolean;
}

/** Memory for the sorts of CREATE INDEX on PostgreSQL (the server default, 64 MB, spills 10M-row sorts to disk). */
const INDEX_BUILD_MEMORY = '512MB';

async function savePending(database: Database, indexes: readonly DeferredIndex[]): Promise<void> {
  if (indexes.length === 0) {
    await database.db.delete(appMeta).where(eq(appMeta.key, PENDING_KEY));
    return;
  }
  const value = { indexes };
  await database.db
    .insert(appMeta)
    .values({ key: PENDING_KEY, value })
    .onConflictDoUpdate({ target: appMeta.key, set: { value, updatedAt: new Date() } });
}

/** The indexes of these tables that a bulk load should build afterwards (see the header). */
export async function deferrableIndexes(database: Database, tables: readonly string[]): Promise<DeferredIndex[]> {
  return queryRows<DeferredIndex>(
    database,
    `select t.relname as "table", i.relname as name, pg_get_indexdef(x.indexrelid) as definition,
            (c.oid is not null) as "constraint"
       from pg_index x
       join pg_class i on i.oid = x.indexrelid
       join pg_class t on t.oid = x.indrelid
       left join pg_constraint c on c.conindid = x.indexrelid and c.conrelid = x.indrelid and c.contype = 'u'
      where t.relnamespace = 'public'::regnamespace and t.relname = any($1)
        and not x.indisprimary
        and not exists (select 1 from pg_constraint p where p.conindid = x.indexrelid and p.contype in ('p', 'x'))
        and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = x.indexrelid)
        and (select a.attname from pg_attribute a where a.attrelid = x.indrelid and a.attnum = x.indkey[0]) <> 'person_id'
      order by t.relname, i.relname`,
    [tables],
  );
}

/** Drops the deferrable indexes of the tables (recorded first, so an interrupted load can still get them back). */
export async function dropDeferrableIndexes(database: Database, tables: readonly string[]): Promise<DeferredIndex[]> {
  const indexes = await deferrableIndexes(database, tables);
  await savePending(database, indexes);
  for (const index of indexes) {
    await queryRows(
      database,
      index.constraint ? `alter table ${index.table} drop constraint ${index.name}` : `drop index ${index.name}`,
    );
  }
  return indexes;
}

async function indexExists(database: Database, name: string): Promise<boolean> {
  const rows = await queryRows<{ found: boolean }>(database, `select to_regclass($1) is not null as found`, [`public.${name}`]);
  return rows[0]?.found ?? false;
}

async function buildIndex(database: Database, index: DeferredIndex): Promise<void> {
  const statements = [index.definition];
  if (index.constraint) statements.push(`alter table ${index.table} add constraint ${index.name} unique using index ${index.name}`);
  if (database.driver === 'pglite') {
    for (const statement of statements) await database.client.query(statement);
    return;
  }
  const client = await database.pool.connect();
  try {
    await client.query(`set maintenance_work_mem = '${INDEX_BUILD_MEMORY}'`);
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.query('reset maintenance_work_mem').catch(() => undefined);
    client.release();
  }
}

/**
 * Builds the given indexes (those that do not exist yet), `parallel` at a time on PostgreSQL, then clears the pending
 * record. A unique index that fails to build means duplicate keys in the data: the error propagates.
 */
export async function buildDeferredIndexes(database: Database, indexes: readonly DeferredIndex[], parallel = 2): Promise<void> {
  const queue: Array<DeferredIndex & { size: number }> = [];
  for (const index of indexes) {
    if (await indexExists(database, index.name)) continue;
    const [row] = await queryRows<{ size: string | number }>(database, `select pg_relation_size($1::regclass) as size`, [index.table]);
    queue.push({ ...index, size: Number(row?.size ?? 0) });
  }
  // Largest tables first, so the long builds overlap the short ones.
  queue.sort((a, b) => b.size - a.size);
  const lanes = database.driver === 'postgres' ? Math.max(1, parallel) : 1;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let index = queue.shift(); index; index = queue.shift()) await buildIndex(database, index);
    }),
  );
  await savePending(database, []);
}

/** The indexes an interrupted seed left dropped (empty when none). */
export async function pendingIndexes(database: Database): Promise<DeferredIndex[]> {
  const [row] = await database.db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, PENDING_KEY));
  const value = row?.value as { indexes?: DeferredIndex[] } | undefined;
  return value?.indexes ?? [];
}
