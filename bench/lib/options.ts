// `npm run bench -- [--people N] [--db pglite|postgres] [--only a,b] [--duration S] [--runs N] …`
import { parseArgs } from 'node:util';

export type Driver = 'pglite' | 'postgres';

/** What `--only` calls the BHXH-code look-up section (bench/lookup-plan.ts: the query itself, no HTTP). */
export const LOOKUP_SECTION = 'bhxh-code-lookup';

export interface BenchOptions {
  driver: Driver;
  people: number;
  seed: string;
  /** Hot paths (and/or LOOKUP_SECTION) to measure (empty: all); their baselines are measured whatever this says. */
  only: string[];
  /** BHXH-code look-ups timed in the look-up section, spread over its key kinds. */
  lookups: number;
  /** Seconds per measured run. */
  duration: number;
  /** Seconds of unrecorded load before the runs of each target (JIT, connection pools, caches). */
  warmup: number;
  /** Runs per target; the table shows the median of each figure. */
  runs: number;
  connections: number;
  /** PostgreSQL: rebuild the data set when the database holds another one (it is shared: never silently). */
  reseed: boolean;
  /** PostgreSQL database (BENCH_DATABASE_URL), created when missing. */
  databaseUrl: string;
  /** PGlite: the bench's own data directory (the database lives in <dir>/pglite). */
  dataDir: string;
  /** Where the JSON results go. */
  out: string;
  /** The server's LOG_LEVEL: warn keeps request logging out of the figures (see bench/README.md). */
  logLevel: string;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/vssid_bench';

/** Default data set sizes: the 1M people on PostgreSQL; PGlite (in WebAssembly, one process) seeds slower. */
const DEFAULT_PEOPLE: Record<Driver, number> = { postgres: 1_000_000, pglite: 20_000 };

function positiveNumber(name: string, text: string, integer: boolean): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'} (got "${text}")`);
  }
  return value;
}

export function parseOptions(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  paths: { repoRoot: string },
): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      people: { type: 'string' },
      db: { type: 'string', default: 'postgres' },
      seed: { type: 'string', default: 'vssid' },
      only: { type: 'string' },
      lookups: { type: 'string', default: '1000' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string' },
      runs: { type: 'string', default: '1' },
      connections: { type: 'string', default: '10' },
      reseed: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      out: { type: 'string' },
      'log-level': { type: 'string', default: 'warn' },
    },
    strict: true,
  });
  if (values.db !== 'pglite' && values.db !== 'postgres') throw new Error(`--db must be pglite or postgres (got "${values.db}")`);
  const driver: Driver = values.db;
  const duration = positiveNumber('duration', values.duration, false);
  const warmup = values.warmup === undefined ? Math.min(2, duration) : Number(values.warmup);
  if (!Number.isFinite(warmup) || warmup < 0) throw new Error(`--warmup must be 0 or more seconds (got "${values.warmup}")`);
  const people = values.people === undefined ? DEFAULT_PEOPLE[driver] : positiveNumber('people', values.people, true);
  if (people < 100 || people > 10_000_000) throw new Error('--people must be 100 … 10,000,000');
  return {
    driver,
    people,
    seed: values.seed,
    only: (values.only ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
    lookups: positiveNumber('lookups', values.lookups, true),
    duration,
    warmup,
    runs: positiveNumber('runs', values.runs, true),
    connections: positiveNumber('connections', values.connections, true),
    reseed: values.reseed,
    databaseUrl: env.BENCH_DATABASE_URL?.trim() || DEFAULT_DATABASE_URL,
    dataDir: values['data-dir'] ?? `${paths.repoRoot}data/bench`,
    out: values.out ?? `${paths.repoRoot}bench/results/latest.json`,
    logLevel: values['log-level'],
  };
}

/** Whether this run times the BHXH-code look-up: on every full run, or when `--only` names it. */
export function wantsLookupSection(options: Pick<BenchOptions, 'only'>): boolean {
  return options.only.length === 0 || options.only.includes(LOOKUP_SECTION);
}
