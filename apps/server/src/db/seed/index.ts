// Seeds the deterministic synthetic national data set: administrative units, rules, reference data and N people.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { asc, eq, lte, sql } from 'drizzle-orm';
import { resetIdentity } from '../bulk.ts';
import type { Database } from '../connection.ts';
import { appMeta, bhytCards, people } from '../schema.ts';
import { loadAdminUnits, readAdminUnits } from './admin-units.ts';
import { seedRegistryRelations } from './registry-relations.ts';
import { canSkipForeignKeyTriggers, checkForeignKeys, copyIn, skipTriggersForSession, type CopyOptions } from './copy.ts';
import { buildDeferredIndexes, dropDeferrableIndexes, pendingIndexes } from './indexes.ts';
import {
  BLOCK_SIZE,
  COLUMNS,
  DATA_AS_OF,
  blockCount,
  createPopulationContext,
  generateChunkData,
  type ChunkData,
  type PopulationTable,
} from './population.ts';
import type { WorkerRequest } from './worker.ts';
import { buildReference, loadReference } from './reference.ts';
import { BULK_QUERY_MEMORY, queryRows } from './query.ts';
import { loadRules } from './rules.ts';

export const SEED_VERSION = 1;

export interface SeedOptions {
  people: number;
  seed: string;
  log?: (message: string) => void;
  /**
   * Load without the per-row foreign-key triggers and check every foreign key once, set-based, at the end (default
   * true). Needs a superuser (always so on PGlite; on PostgreSQL it falls back to row checks otherwise). Note that
   * session_replication_role = replica silences every ordinary trigger while loading, not only foreign keys.
   */
  deferForeignKeyChecks?: boolean;
}

export interface SeedReport {
  seed: string;
  people: number;
  /** Rows loaded per table. */
  counts: Record<string, number>;
  /** Milliseconds per step (admin_units, rules, reference, population, indexes, foreign_key_check, …, finish). */
  timings: Record<string, number>;
  totalMs: number;
}

/** People generated and loaded per chunk (a whole number of blocks): bounds memory on large runs. */
const CHUNK_BLOCKS = Math.ceil(10_000 / BLOCK_SIZE);
/** From this size on, PostgreSQL seeds generate in worker threads while the main thread streams COPY data. */
const WORKER_THRESHOLD = 100_000;
/**
 * Generator threads: generation costs more CPU than PostgreSQL's side of COPY, so every core gets one (the main thread
 * only moves buffers); more than 4 would outrun one PostgreSQL's COPY.
 */
const GENERATOR_THREADS = Math.max(2, Math.min(4, availableParallelism()));
/**
 * The generator allocates millions of short-lived row arrays and strings; a larger young generation than V8's default
 * (16 MB semi-spaces) halves the time spent in scavenges.
 */
const GENERATOR_YOUNG_GENERATION_MB = 192;

const PERSON_TABLES: readonly PopulationTable[] = ['bhyt_cards', 'participation_periods', 'benefit_payments', 'medical_visits'];

async function loadChunk(
  database: Database,
  chunk: ChunkData,
  counts: Record<string, number>,
  copyOptions: CopyOptions,
): Promise<void> {
  const load = async (table: PopulationTable) => {
    await copyIn(database, table, COLUMNS[table], chunk[table].data, copyOptions);
    counts[table] = (counts[table] ?? 0) + chunk[table].rows;
  };
  // Parents first (foreign keys are checked at each COPY), then the person-level tables side by side.
  await load('households');
  await load('people');
  if (database.driver === 'postgres') await Promise.all(PERSON_TABLES.map(load));
  else for (const table of PERSON_TABLES) await load(table);
}

/** Generator workers (see worker.ts): run under tsx like the rest of the server. */
class GeneratorPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (chunk: ChunkData) => void; reject: (error: unknown) => void }>();
  private nextId = 0;

  constructor(size: number, options: { seed: string; people: number }) {
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./worker.ts', import.meta.url).href;
    const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(bootstrap, {
        eval: true,
        workerData: options,
        resourceLimits: { maxYoungGenerationSizeMb: GENERATOR_YOUNG_GENERATION_MB },
      });
      worker.on('message', (message: { id: number; chunk: ChunkData }) => {
        this.waiting.get(message.id)?.resolve(message.chunk);
        this.waiting.delete(message.id);
      });
      worker.on('error', (error) => {
        for (const entry of this.waiting.values()) entry.reject(error);
        this.waiting.clear();
      });
      return worker;
    });
  }

  generate(fromBlock: number, toBlock: number): Promise<ChunkData> {
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length];
    if (!worker) return Promise.reject(new Error('no generator worker'));
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const request: WorkerRequest = { id, fromBlock, toBlock };
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

async function loadPopulation(
  database: Database,
  ref: Parameters<typeof createPopulationContext>[0],
  options: { seed: string; people: number },
  counts: Record<string, number>,
  copyOptions: CopyOptions,
  progress: (done: number) => void,
): Promise<void> {
  const blocks = blockCount(options.people);
  const ranges: Array<[number, number]> = [];
  for (let block = 0; block < blocks; block += CHUNK_BLOCKS) ranges.push([block, Math.min(blocks, block + CHUNK_BLOCKS)]);
  const useWorkers = database.driver === 'postgres' && options.people >= WORKER_THRESHOLD;
  if (!useWorkers) {
    const ctx = createPopulationContext(ref, options);
    for (const [from, to] of ranges) {
      await loadChunk(database, generateChunkData(ctx, from, to), counts, copyOptions);
      progress(Math.min(options.people, to * BLOCK_SIZE));
    }
    return;
  }
  // Generation runs ahead in workers (chunks come back in order); up to two chunks load at once (PostgreSQL works on
  // them in parallel).
  const pool = new GeneratorPool(GENERATOR_THREADS, options);
  try {
    const generated = ranges.map(() => undefined as Promise<ChunkData> | undefined);
    const ahead = 4;
    const request = (k: number) => {
      const range = ranges[k];
      if (range && !generated[k]) {
        const promise = pool.generate(range[0], range[1]);
        promise.catch(() => undefined); // a failure surfaces when this chunk is awaited
        generated[k] = promise;
      }
      return generated[k];
    };
    const loading = new Set<Promise<void>>();
    for (let k = 0; k < ranges.length; k++) {
      for (let j = k; j < Math.min(ranges.length, k + ahead); j++) void request(j);
      const pending = request(k);
      if (!pending) continue;
      const chunk = await pending;
      generated[k] = undefined;
      const range = ranges[k];
      const task: Promise<void> = loadChunk(database, chunk, counts, copyOptions).then(() => {
        loading.delete(task);
        progress(Math.min(options.people, (range?.[1] ?? 0) * BLOCK_SIZE));
      });
      task.catch(() => undefined); // failures surface through the awaits below
      loading.add(task);
      if (loading.size >= 2) await Promise.race(loading);
    }
    await Promise.all(loading);
  } finally {
    await pool.close();
  }
}

export async function seedDatabase(database: Database, options: SeedOptions): Promise<SeedReport> {
  const { people: count, seed } = options;
  const log = options.log ?? (() => undefined);
  const counts: Record<string, number> = {};
  const timings: Record<string, number> = {};
  const started = performance.now();
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await work();
    timings[name] = Math.round(performance.now() - t);
    log(`${name}: ${timings[name]} ms`);
    return result;
  };

  // A seed that was interrupted while its indexes were dropped: put them back before anything else.
  await buildDeferredIndexes(database, await pendingIndexes(database));
  const deferChecks = (options.deferForeignKeyChecks ?? true) && (await canSkipForeignKeyTriggers(database));
  // PGlite: one session, so one SET covers every step; PostgreSQL: each population COPY sets it on its connection.
  const restoreTriggers = deferChecks ? await skipTriggersForSession(database) : async () => undefined;
  try {
    const units = await step('admin_units', async () => {
      const read = readAdminUnits();
      await loadAdminUnits(database, read);
      counts.provinces = read.provinces.length;
      counts.communes = read.communes.length;
      counts.old_provinces = read.oldProvinces.length;
      counts.old_districts = read.oldDistricts.length;
      counts.old_commune_mappings = read.oldCommuneMappings.length;
      return read;
    });
    await step('rules', async () => Object.assign(counts, await loadRules(database)));
    const ref = await step('reference', async () => {
      const built = buildReference(units, { seed, people: count });
      Object.assign(counts, await loadReference(database, built));
      return built;
    });
    const deferred = await dropDeferrableIndexes(database, Object.keys(COLUMNS));
    try {
      await step('population', async () => {
        for (const table of Object.keys(COLUMNS)) counts[table] = 0;
        let nextReport = 100_000;
        const copyOptions = { skipForeignKeyTriggers: deferChecks && database.driver === 'postgres' };
        await loadPopulation(database, ref, { seed, people: count }, counts, copyOptions, (done) => {
          if (done < nextReport) return;
          log(`  ${done.toLocaleString('en')} people (${Math.round(performance.now() - started)} ms)`);
          while (nextReport <= done) nextReport += 100_000;
        });
      });
    } catch (error) {
      // Best effort: whatever stays dropped is rebuilt by the next seed or reset (recorded in app_meta).
      await buildDeferredIndexes(database, deferred).catch(() => undefined);
      throw error;
    }
    // A unique index that fails here means duplicate codes in the generated data.
    await step('indexes', () => buildDeferredIndexes(database, deferred));
  } finally {
    await restoreTriggers();
  }
  if (deferChecks) {
    await step('foreign_key_check', async () => {
      // PGlite skipped the triggers for every table; PostgreSQL for the population tables only.
      const tables = database.driver === 'pglite' ? Object.keys(counts) : Object.keys(COLUMNS);
      const violations = await checkForeignKeys(database, tables);
      if (violations.length > 0) throw new Error(`Seed data breaks foreign keys: ${violations.join('; ')}`);
    });
  }
  await step('registry_relations', async () => {
    counts.registry_relations =
      database.driver === 'postgres'
        ? await database.db.transaction(async (tx) => {
            await tx.execute(sql.raw(`set local work_mem = '${BULK_QUERY_MEMORY}'`));
            return seedRegistryRelations(tx);
          })
        : await seedRegistryRelations(database.db);
  });
  await step('finish', async () => {
    for (const table of ['people', 'bhyt_cards', 'participation_periods', 'benefit_payments', 'medical_visits']) {
      await resetIdentity(database, table);
    }
    // Fresh planner statistics, so the first queries after a large load do not plan on empty-table estimates.
    await queryRows(database, `ANALYZE ${Object.keys(counts).join(', ')}`);
    const value = { seed, people: count, finishedAt: new Date().toISOString(), version: SEED_VERSION, dataAsOf: DATA_AS_OF };
    await database.db
      .insert(appMeta)
      .values({ key: 'seed', value })
      .onConflictDoUpdate({ target: appMeta.key, set: { value, updatedAt: new Date() } });
  });
  return { seed, people: count, counts, timings, totalMs: Math.round(performance.now() - started) };
}

/**
 * Reference data the migrations write (0006: the banks that pay benefits), not the seed: a reset that emptied them
 * left a database no seed refills (the demo's start failed on its bank accounts), and counting them as data made
 * every freshly migrated database look like an unfinished seed.
 */
const MIGRATION_REFERENCE_TABLES = ['banks'];

/** Data tables of the public schema (the migration journal lives in the "drizzle" schema and is never touched). */
export async function dataTables(database: Database): Promise<string[]> {
  const rows = await queryRows<{ tablename: string }>(
    database,
    "select tablename from pg_tables where schemaname = 'public' and tablename not like '%migrations%' order by tablename",
  );
  return rows.map((r) => r.tablename).filter((table) => !MIGRATION_REFERENCE_TABLES.includes(table));
}

/** Whether any data table holds a row. */
export async function holdsData(database: Database): Promise<boolean> {
  for (const table of await dataTables(database)) {
    const [row] = await queryRows<{ found: boolean }>(database, `select exists (select 1 from "${table}") as found`);
    if (row?.found) return true;
  }
  return false;
}

/**
 * Empties every data table for a new seed. Indexes an interrupted seed left dropped (listed in app_meta, which is
 * emptied too) are rebuilt on the empty tables.
 */
export async function resetDatabase(database: Database): Promise<number> {
  const pending = await pendingIndexes(database);
  const tables = await dataTables(database);
  await queryRows(database, `TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
  await buildDeferredIndexes(database, pending);
  return tables.length;
}

/** The completed seed's parameters, or undefined before one completed (app_meta 'seed' is written last). */
export async function seedInfo(database: Database): Promise<{ seed: string; people: number; version: number } | undefined> {
  const [row] = await database.db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, 'seed'));
  return row?.value as { seed: string; people: number; version: number } | undefined;
}

/** True once a seed has completed (app_meta 'seed' is written last). */
export async function isSeeded(database: Database): Promise<boolean> {
  const rows = await database.db.select({ key: appMeta.key }).from(appMeta).where(eq(appMeta.key, 'seed')).limit(1);
  return rows.length > 0;
}

export interface DemoPerson {
  id: number;
  bhxhCode: string;
  personalId: string | null;
  fullName: string;
  birthDate: string;
  sex: string;
  phone: string | null;
  provinceCode: string;
  cardCode: string | null;
}

/**
 * The first adults of the data set (by id). They depend only on the seed, not on the number of people, so the same
 * demo logins work for any size of data set built with the same seed.
 */
export async function demoPeople(database: Database, n = 5): Promise<DemoPerson[]> {
  const adultBorn = `${Number(DATA_AS_OF.slice(0, 4)) - 18}${DATA_AS_OF.slice(4)}`;
  return database.db
    .select({
      id: people.id,
      bhxhCode: people.bhxhCode,
      personalId: people.personalId,
      fullName: people.fullName,
      birthDate: people.birthDate,
      sex: people.sex,
      phone: people.phone,
      provinceCode: people.provinceCode,
      cardCode: bhytCards.cardCode,
    })
    .from(people)
    .leftJoin(bhytCards, eq(bhytCards.personId, people.id))
    .where(lte(people.birthDate, adultBorn))
    .orderBy(asc(people.id))
    .limit(n);
}

export { DATA_AS_OF } from './population.ts';
