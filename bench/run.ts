// `npm run bench [-- --people N --db pglite|postgres --only NAME[,NAME] --duration S --runs N]` — see bench/README.md.
// Data set (reused or seeded) → the BHXH-code look-up query timed per key kind (bench/lookup-plan.ts) → the baselines,
// each in its own process, and the real server in production mode → runs of every target, interleaved → the tables on
// stdout, the details in bench/results/latest.json. Progress goes to stderr. Never fails on speed.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASELINES, type BaselineContext } from './baselines/index.ts';
import { BENCH_AUTH_SECRET, BENCH_PASSWORD } from './fixtures.ts';
import { analyzeAsAutovacuumWould, autovacuumIsOff } from './lib/analyze.ts';
import { type Dataset, pgliteDir, prepareDataset } from './lib/dataset.ts';
import { type Figures, runOnce, type RunTarget, summarize } from './lib/measure.ts';
import { type BenchOptions, LOOKUP_SECTION, parseOptions, wantsLookupSection } from './lib/options.ts';
import { startTarget, type Target } from './lib/processes.ts';
import { formatLookupTable, formatTable, ratioToBaseline, type Row } from './lib/report.ts';
import type { HotPath } from './lib/types.ts';
import { type LookupPlanReport, runLookupPlanBench } from './lookup-plan.ts';
import { HOT_PATHS } from './paths/index.ts';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const log = (message: string) => process.stderr.write(`${message}\n`);

/** The server as deployed (NODE_ENV=production), minus what a load test from one address must not trip over. */
/**
 * As in apps/server's `start:prod`: V8's young generation capped at 8 MB semi-spaces instead of 16. Under the card-check
 * load the server's peak RSS measured 206–226 MB with it and 231–284 MB without, at the same rate (2 × 5 s runs each).
 */
const PRODUCTION_NODE_ARGS = ['--max-semi-space-size=8'];

function serverEnvironment(options: BenchOptions): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: options.logLevel,
    DATABASE_URL: options.driver === 'postgres' ? options.databaseUrl : '',
    DATA_DIR: options.dataDir,
    // A fixed secret: no secrets file in the bench directory, the same tokens whichever node answers, and the card
    // keys the fixtures sealed with it.
    AUTH_SECRET: BENCH_AUTH_SECRET,
    SEED_ON_EMPTY: 'false',
    JOBS: 'false',
    SERVE_WEB_APP: 'false',
    // Sign-in allows 20 a minute per address; the bench sends thousands from 127.0.0.1.
    RATE_LIMIT_MULTIPLIER: '100000',
    // Behind a load balancer, as deployed: the HTTP look-up path sends each look-up as another client (X-Forwarded-For),
    // so the look-up limits per address and network stay at their production defaults. Other paths send no such header.
    TRUST_PROXY: 'true',
    // The look-up's proof of work costs the client 2^bits hashes and the server one whatever the bits: the bench solves
    // thousands per run, so it asks for 8 bits instead of 16 (bench/paths/bhxh-code-lookup-http.ts).
    LOOKUP_CHALLENGE_BITS: '8',
    // Card checks: 300 a minute per facility; the bench's 20 desks send thousands a second.
    FACILITY_CHECKS_PER_MINUTE: '100000000',
  };
}

function selectPaths(only: readonly string[]): HotPath[] {
  if (only.length === 0) return [...HOT_PATHS];
  const unknown = only.filter((name) => name !== LOOKUP_SECTION && !HOT_PATHS.some((path) => path.name === name));
  if (unknown.length > 0) {
    throw new Error(`Unknown hot path(s): ${unknown.join(', ')}. Available: ${[...HOT_PATHS.map((p) => p.name), LOOKUP_SECTION].join(', ')}`);
  }
  return HOT_PATHS.filter((path) => only.includes(path.name));
}

interface Entry {
  row: Omit<Row, 'figures' | 'runs'>;
  target: RunTarget;
  runs: Figures[];
}

/** The baselines and the real server under autocannon, every target's runs interleaved. */
async function measureTargets(options: BenchOptions, dataset: Dataset, paths: readonly HotPath[]): Promise<Row[]> {
  const logDir = `${dirname(options.out)}/logs`;
  // PGlite is one process per directory: the PK-select baseline reads a copy taken now, so it can run beside the server.
  const baselineDir = `${pgliteDir(options)}-baseline`;
  if (options.driver === 'pglite') {
    rmSync(baselineDir, { recursive: true, force: true });
    cpSync(pgliteDir(options), baselineDir, { recursive: true });
  }
  const baselineContext: BaselineContext = {
    driver: options.driver,
    databaseUrl: options.databaseUrl,
    pgliteDir: baselineDir,
    people: dataset.people,
    password: BENCH_PASSWORD,
    passwordHash: dataset.accounts.passwordHash,
  };
  // The hello-world ceiling always; the others when a selected path is held against them.
  const baselines = BASELINES.filter((b) => b.name === 'fastify-hello' || paths.some((p) => p.baseline === b.name));

  const targets: Target[] = [];
  const entries: Entry[] = [];
  try {
    for (const baseline of baselines) {
      log(`Baseline ${baseline.name}: ${baseline.description}`);
      const target = await startTarget({
        name: baseline.name,
        entry: baseline.entry,
        cwd: repoRoot,
        env: { NODE_ENV: 'production', ...baseline.env(baselineContext) },
        logFile: `${logDir}/${baseline.name}.log`,
      });
      targets.push(target);
      entries.push({
        row: { kind: 'baseline', name: baseline.name, description: baseline.description },
        target: { url: target.url, rssMb: target.rssMb, load: async () => baseline.load(baselineContext) },
        runs: [],
      });
    }
    log('Starting the server (production mode)…');
    const server = await startTarget({
      name: 'server',
      entry: 'apps/server/src/main.ts',
      cwd: repoRoot,
      env: serverEnvironment(options),
      logFile: `${logDir}/server.log`,
      // The node options of apps/server's start:prod, then any of BENCH_SERVER_NODE_ARGS (profiling the server under
      // load: '--cpu-prof --cpu-prof-dir=/tmp/prof', README).
      nodeArgs: [...PRODUCTION_NODE_ARGS, ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
    });
    targets.push(server);
    const context = {
      baseUrl: server.url,
      driver: options.driver,
      people: dataset.people,
      accounts: dataset.accounts,
      password: BENCH_PASSWORD,
      cardChecks: dataset.cardChecks,
      longHistories: dataset.longHistories,
      dossierFilers: dataset.dossierFilers,
      lookupSubjects: dataset.lookupSubjects,
      runSeconds: Math.max(options.duration, options.warmup),
    };
    for (const path of paths) {
      log(`Path ${path.name}: ${path.description}`);
      entries.push({
        row: { kind: 'path', name: path.name, description: path.description, baseline: path.baseline },
        target: { url: server.url, rssMb: server.rssMb, load: () => path.prepare(context) },
        runs: [],
      });
    }
    // With autovacuum off (some machines' PostgreSQL), the tables the bench grows are analyzed before each round, as
    // autovacuum would have (bench/lib/analyze.ts). PGlite is left alone: the server process holds its directory, and
    // the bench runs it without jobs, so its tables keep the statistics of the data set's seed.
    const analyzeGrownTables =
      options.driver === 'postgres' && (await autovacuumIsOff(options.databaseUrl))
        ? async () => {
            const analyzed = await analyzeAsAutovacuumWould(options.databaseUrl);
            if (analyzed.length > 0) log(`  analyzed (autovacuum is off): ${analyzed.join(', ')}`);
          }
        : async () => undefined;
    // Every target's runs are interleaved (run 1 of each, then run 2 of each…), so the load other work puts on the
    // machine in those minutes falls on baselines and paths alike.
    await analyzeGrownTables();
    if (options.warmup > 0) for (const entry of entries) await runOnce(entry.target, options.connections, options.warmup);
    for (let run = 1; run <= options.runs; run++) {
      await analyzeGrownTables();
      log(`Run ${run} of ${options.runs}…`);
      for (const entry of entries) entry.runs.push(await runOnce(entry.target, options.connections, options.duration));
    }
  } finally {
    for (const target of targets) await target.stop();
    if (options.driver === 'pglite') rmSync(baselineDir, { recursive: true, force: true });
  }
  return entries.map((entry) => ({ ...entry.row, figures: summarize(entry.runs), runs: entry.runs }));
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env, { repoRoot });
  const paths = selectPaths(options.only);
  const startedAt = new Date();
  const loadBefore = loadavg();
  const database = options.driver === 'postgres' ? 'PostgreSQL' : 'PGlite';
  log(`Bench on ${options.driver}${options.driver === 'postgres' ? ` (${options.databaseUrl.replace(/\/\/[^@/]*@/, '//…@')})` : ` (${pgliteDir(options)})`}`);

  const dataset = await prepareDataset(options, log);
  // The look-up query on its own, before any server starts (on PGlite, the only process on its directory).
  let lookup: LookupPlanReport | undefined;
  if (wantsLookupSection(options)) {
    log(`BHXH-code look-up: ${options.lookups.toLocaleString('en')} look-ups of sampled people, then EXPLAIN ANALYZE of each key kind…`);
    const where = options.driver === 'postgres' ? { url: options.databaseUrl } : { dataDir: pgliteDir(options) };
    lookup = await runLookupPlanBench({ ...where, lookups: options.lookups });
  }
  // With `--only bhxh-code-lookup` there is nothing to send HTTP to: no baselines, no server.
  const rows = paths.length > 0 ? await measureTargets(options, dataset, paths) : [];

  const table = rows.length > 0 ? formatTable(rows) : undefined;
  if (table) {
    process.stdout.write(
      `\n${database}, ${dataset.people.toLocaleString('en')} people, ` +
        `${options.connections} connections, ${options.duration} s × ${options.runs} run(s) per target (medians)\n\n${table}\n\n`,
    );
  }
  const lookupTable = lookup ? formatLookupTable(lookup.timings) : undefined;
  if (lookupTable) {
    process.stdout.write(
      `\nBHXH-code look-up, ${database}, ${dataset.people.toLocaleString('en')} people: the query alone on one connection ` +
        `(no HTTP), ms per look-up; EXPLAIN ANALYZE of each key kind in the JSON\n\n${lookupTable}\n\n`,
    );
  }
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadavg(),
    },
    options: { ...options, databaseUrl: options.databaseUrl.replace(/\/\/[^@/]*@/, '//…@') },
    dataset: {
      driver: options.driver,
      people: dataset.people,
      seed: dataset.seed,
      seedSeconds: dataset.seedSeconds,
      benchAccounts: dataset.accounts.logins.length,
      longHistories: { accounts: dataset.longHistories.logins.length, minMonths: dataset.longHistories.minMonths, maxMonths: dataset.longHistories.maxMonths },
      dossierFilers: dataset.dossierFilers.length,
    },
    rows: rows.map((row) => ({ ...row, ratioToBaseline: ratioToBaseline(row, rows) })),
    table,
    lookup: lookup && { ...lookup, table: lookupTable },
  };
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
  log(`Results: ${options.out}`);
}

try {
  await main();
} catch (error) {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
}
