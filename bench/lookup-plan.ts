// The BHXH-code look-up on a seeded PostgreSQL: N look-ups of real people, straight through the query the service runs
// (no HTTP), timed per key kind, then EXPLAIN (ANALYZE, BUFFERS) of one of each kind.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/vssid node --import tsx bench/lookup-plan.ts [--lookups 1000] [--json]
//
// Standalone, and importable: `npm run bench` (section bhxh-code-lookup) calls runLookupPlanBench() and prints the rows
// in its own table (bench/lib/report.ts), the plans in its JSON.
// A benchmark, not a test: it never fails on a timing.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { openDatabase, type Database } from '../apps/server/src/db/connection.ts';
import { queryRows } from '../apps/server/src/db/seed/query.ts';
import { bhxhCodeCandidates, type BhxhCodeFilter } from '../apps/server/src/modules/lookup/repo.ts';
import { formatLookupTable } from './lib/report.ts';

type KeyKind = 'birth_date' | 'birth_year' | 'personal_id' | 'old_id_number' | 'old_province';

export interface LookupTiming {
  kind: KeyKind;
  lookups: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Look-ups that found the person they were built from (should be all of them). */
  found: number;
}

export interface LookupPlanReport {
  people: number;
  timings: LookupTiming[];
  plans: Array<{ kind: KeyKind; plan: string }>;
}

interface Sampled {
  id: number;
  name_key: string;
  birth_date: string;
  birth_year: number;
  personal_id: string | null;
  old_id_number: string | null;
  province_code: string;
  old_province_code: string | null;
}

const KINDS: KeyKind[] = ['birth_date', 'birth_year', 'personal_id', 'old_id_number', 'old_province'];

/** The filter the service would build for this person and key kind; undefined when the person lacks that key. */
function filterFor(person: Sampled, kind: KeyKind): BhxhCodeFilter | undefined {
  const base = { provinceCode: person.province_code, oldProvinceCode: person.province_code, nameKey: person.name_key, limit: 11 };
  switch (kind) {
    case 'birth_date':
      return { ...base, key: { kind: 'birth_date', birthDate: person.birth_date } };
    case 'birth_year':
      return { ...base, key: { kind: 'birth_year', birthYear: person.birth_year } };
    case 'personal_id':
      return person.personal_id ? { ...base, key: { kind: 'personal_id', personalId: person.personal_id } } : undefined;
    case 'old_id_number':
      return person.old_id_number ? { ...base, key: { kind: 'old_id_number', oldIdNumber: person.old_id_number } } : undefined;
    case 'old_province':
      // Someone typing the old province they were registered in (Hải Dương, Hà Tây…): its code, the new province's rows.
      return person.old_province_code && person.old_province_code !== person.province_code
        ? { ...base, oldProvinceCode: person.old_province_code, key: { kind: 'birth_date', birthDate: person.birth_date } }
        : undefined;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Random people by id (the seed numbers them 1…N); a few ids may be missing in other data sets, that is fine. */
async function samplePeople(database: Database, count: number, seed: number): Promise<Sampled[]> {
  const [range] = await queryRows<{ max: string | null }>(database, 'select max(id)::text as max from people');
  const maxId = Number(range?.max ?? 0);
  if (maxId === 0) throw new Error('The people table is empty: seed the database first (npm run seed -- --people N).');
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const ids = Array.from({ length: count }, () => 1 + Math.floor(next() * maxId));
  return queryRows<Sampled>(
    database,
    `select id, name_key, birth_date::text as birth_date, birth_year, personal_id, old_id_number, province_code, old_province_code
       from people where id = any($1::bigint[])`,
    [ids],
  );
}

/** PostgreSQL at `url`, or (the harness's `--db pglite`) PGlite in `dataDir` while no other process holds it. */
export async function runLookupPlanBench(options: ({ url: string } | { dataDir: string }) & { lookups: number }): Promise<LookupPlanReport> {
  const database = await openDatabase('url' in options ? { url: options.url, dataDir: 'memory://', poolSize: 1 } : { dataDir: options.dataDir });
  try {
    const [counted] = await queryRows<{ n: string }>(database, 'select count(*)::text as n from people');
    const sample = await samplePeople(database, Math.ceil(options.lookups / KINDS.length) + 50, 2026);
    // Warm-up: connection, plan cache, the upper index pages.
    for (const person of sample.slice(0, 50)) {
      const filter = filterFor(person, 'birth_date');
      if (filter) await bhxhCodeCandidates(database.db, filter);
    }
    const timings: LookupTiming[] = [];
    const plans: LookupPlanReport['plans'] = [];
    for (const kind of KINDS) {
      const filters = sample
        .slice(50)
        .map((person) => ({ person, filter: filterFor(person, kind) }))
        .filter((entry): entry is { person: Sampled; filter: BhxhCodeFilter } => entry.filter !== undefined);
      const durations: number[] = [];
      let found = 0;
      for (const { person, filter } of filters) {
        const started = performance.now();
        const rows = await bhxhCodeCandidates(database.db, filter);
        durations.push(performance.now() - started);
        if (rows.some((row) => row.personId === Number(person.id))) found++;
      }
      durations.sort((a, b) => a - b);
      timings.push({
        kind,
        lookups: durations.length,
        p50Ms: percentile(durations, 50),
        p95Ms: percentile(durations, 95),
        maxMs: durations.at(-1) ?? Number.NaN,
        found,
      });
      const example = filters[0];
      if (example) {
        const { sql, params } = bhxhCodeCandidates(database.db, example.filter).toSQL();
        const lines = await queryRows<{ 'QUERY PLAN': string }>(database, `explain (analyze, buffers) ${sql}`, params);
        plans.push({ kind, plan: lines.map((line) => line['QUERY PLAN']).join('\n') });
      }
    }
    return { people: Number(counted?.n ?? 0), timings, plans };
  } finally {
    await database.close();
  }
}

function printReport(report: LookupPlanReport): void {
  console.log(`BHXH-code look-up on PostgreSQL, ${report.people.toLocaleString('en')} people (query only, one connection)\n`);
  console.log(formatLookupTable(report.timings));
  for (const { kind, plan } of report.plans) console.log(`\nEXPLAIN ANALYZE — ${kind}\n${plan}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { lookups: { type: 'string', default: '1000' }, json: { type: 'boolean', default: false } } });
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('Set DATABASE_URL to a seeded PostgreSQL database (npm run seed -- --people N).');
    process.exit(2);
  }
  const lookups = Number(values.lookups);
  if (!Number.isInteger(lookups) || lookups < 1) {
    console.error('--lookups takes a positive whole number.');
    process.exit(2);
  }
  const report = await runLookupPlanBench({ url, lookups });
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else printReport(report);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
