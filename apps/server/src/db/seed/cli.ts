// `npm run seed -- --people N [--seed S] [--reset]`: builds the synthetic data set in DATABASE_URL (PostgreSQL) or,
// without it, in the embedded PGlite database at <repo>/data/pglite.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '../connection.ts';
import { applyMigrations } from '../migrate.ts';
import { holdsData, resetDatabase, seedDatabase, type SeedReport } from './index.ts';
import { queryRows as query } from './query.ts';

/**
 * Where to connect. Reads DATABASE_URL directly for now; switch to the server's config reader (config.ts) once it is
 * the single place that parses the environment.
 */
function databaseUrl(): string | undefined {
  const url = process.env.DATABASE_URL;
  return url && url.trim() !== '' ? url.trim() : undefined;
}

/** <repo root>/data/pglite, the server's default embedded database. */
const pgliteDir = fileURLToPath(new URL('../../../../../data/pglite', import.meta.url));

function printReport(report: SeedReport, sizeBytes: number, elapsedMs: number): void {
  const width = Math.max(...Object.keys(report.counts).map((k) => k.length), 22);
  console.log('\nRows');
  for (const [table, count] of Object.entries(report.counts)) console.log(`  ${table.padEnd(width)} ${count.toLocaleString('en').padStart(12)}`);
  console.log('\nTimings');
  for (const [name, ms] of Object.entries(report.timings)) console.log(`  ${name.padEnd(width)} ${`${(ms / 1000).toFixed(2)} s`.padStart(12)}`);
  console.log(`  ${'total (seed)'.padEnd(width)} ${`${(report.totalMs / 1000).toFixed(2)} s`.padStart(12)}`);
  console.log(`  ${'total (with startup)'.padEnd(width)} ${`${(elapsedMs / 1000).toFixed(2)} s`.padStart(12)}`);
  console.log(`\nDatabase size: ${(sizeBytes / 1024 / 1024).toFixed(1)} MB`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const { values } = parseArgs({
    options: {
      people: { type: 'string', default: '2000' },
      seed: { type: 'string', default: 'vssid' },
      reset: { type: 'boolean', default: false },
    },
  });
  const people = Number(values.people);
  if (!Number.isInteger(people) || people < 1 || people > 10_000_000) throw new Error('--people must be an integer 1 … 10000000');
  const url = databaseUrl();
  console.log(url ? `PostgreSQL: ${url.replace(/\/\/[^@/]*@/, '//…@')}` : `PGlite: ${pgliteDir}`);
  const database = await openDatabase({ url, dataDir: pgliteDir });
  try {
    await applyMigrations(database);
    if (await holdsData(database)) {
      if (!values.reset) {
        console.error('The database already holds data. Re-run with --reset to truncate every data table first.');
        process.exitCode = 1;
        return;
      }
      console.log(`Truncated ${await resetDatabase(database)} tables.`);
    }
    console.log(`Seeding ${people.toLocaleString('en')} people (seed "${values.seed}")…`);
    const report = await seedDatabase(database, { people, seed: values.seed, log: (m) => console.log(`  ${m}`) });
    const [size] = await query<{ size: string | number }>(database, 'select pg_database_size(current_database()) as size');
    printReport(report, Number(size?.size ?? 0), performance.now() - started);
  } finally {
    await database.close();
  }
}

await main();
