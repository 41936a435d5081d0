// The data set the bench runs on: reused when the database already holds the requested one (seed and size, as
// recorded in app_meta by the seed), otherwise built with the server's own seed (COPY, generator threads).
import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { type Database, openDatabase } from '../../apps/server/src/db/connection.ts';
import { applyMigrations } from '../../apps/server/src/db/migrate.ts';
import { SEED_VERSION, holdsData, resetDatabase, seedDatabase, seedInfo } from '../../apps/server/src/db/seed/index.ts';
import {
  type BenchAccounts,
  type CardCheckFixtures,
  type DossierFiler,
  ensureBenchAccounts,
  ensureCardCheckFixtures,
  ensureDossierFilers,
  ensureLongHistoryAccounts,
  LONG_HISTORY_MONTHS,
  type LongHistories,
  type LookupSubject,
  lookupSubjects,
} from '../fixtures.ts';
import type { BenchOptions } from './options.ts';

/**
 * Accounts with the bench password: the sign-in path rotates over them (no account is hit often enough to matter), and
 * each holds an app credential for the signed-QR check — as many as a run of that path checks, so that a bench checks
 * each holder a few times, as a day does, not hundreds (the check reads the holder's checks of the last 4 hours).
 */
const BENCH_ACCOUNTS = 20_000;
/** Facility desks and card holders for the typed card checks (each person always at the same desk): each bench takes
 *  the next ones, more than a run checks. */
const BENCH_DESKS = 20;
const BENCH_CARD_HOLDERS = 40_000;
/** Signed-in accounts of the long-history read (as many as the other record reads use). */
const LONG_HISTORY_ACCOUNTS = 40;
/** Dossier filers: each files a book reissue and, with a card in force, a card reissue per run — the run's cap. Each
 *  signs in once per bench (an argon2 verify), so more cost preparation time. 3,000 since the fifteenth round, when
 *  batched filings spent 1,000 filers' ~1,900 dossiers in ~2 s; ~5,700 now last a 5 s run. */
const DOSSIER_FILERS = 3000;
/** People looked up by the HTTP look-up path, in turn. */
const LOOKUP_SUBJECTS = 2000;

export interface Dataset {
  people: number;
  seed: string;
  /** Seconds spent seeding in this run; undefined when an existing data set was reused. */
  seedSeconds: number | undefined;
  accounts: BenchAccounts;
  cardChecks: CardCheckFixtures;
  longHistories: LongHistories;
  dossierFilers: DossierFiler[];
  lookupSubjects: LookupSubject[];
}

/** Creates the PostgreSQL database named in the URL when it does not exist yet. */
async function ensurePostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`BENCH_DATABASE_URL: unusual database name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

export function pgliteDir(options: BenchOptions): string {
  return `${options.dataDir.replace(/\/$/, '')}/pglite`;
}

export async function openBenchDatabase(options: BenchOptions): Promise<Database> {
  if (options.driver === 'postgres') {
    await ensurePostgresDatabase(options.databaseUrl);
    // The seed's default pool: its COPY streams run side by side.
    return openDatabase({ url: options.databaseUrl, dataDir: 'memory://' });
  }
  mkdirSync(options.dataDir, { recursive: true });
  return openDatabase({ dataDir: pgliteDir(options) });
}

export async function prepareDataset(options: BenchOptions, log: (message: string) => void): Promise<Dataset> {
  const database = await openBenchDatabase(options);
  try {
    await applyMigrations(database);
    const existing = await seedInfo(database);
    const wanted = { seed: options.seed, people: options.people };
    let seedSeconds: number | undefined;
    if (existing?.seed === wanted.seed && existing.people === wanted.people && existing.version === SEED_VERSION) {
      log(`Reusing the data set: ${wanted.people.toLocaleString('en')} people (seed "${wanted.seed}").`);
    } else {
      if (await holdsData(database)) {
        const holds = existing ? `${existing.people.toLocaleString('en')} people (seed "${existing.seed}")` : 'an unfinished data set';
        // The PostgreSQL bench database is shared: never throw someone's data set away without being told to.
        if (options.driver === 'postgres' && !options.reseed) {
          throw new Error(
            `The bench database holds ${holds}. Re-run with --reseed to replace it with ${wanted.people.toLocaleString('en')} people, ` +
              'or point BENCH_DATABASE_URL at another database.',
          );
        }
        log(`Replacing ${holds}.`);
        await resetDatabase(database);
      }
      log(`Seeding ${wanted.people.toLocaleString('en')} people (seed "${wanted.seed}") on ${options.driver}…`);
      const started = performance.now();
      await seedDatabase(database, { ...wanted, log: (message) => log(`  ${message}`) });
      seedSeconds = (performance.now() - started) / 1000;
      log(`Seeded in ${seedSeconds.toFixed(1)} s.`);
    }
    const accounts = await ensureBenchAccounts(database, BENCH_ACCOUNTS);
    if (accounts.logins.length === 0) throw new Error('The data set has no adult with a phone to sign in as.');
    const cardChecks = await ensureCardCheckFixtures(database, {
      passwordHash: accounts.passwordHash,
      citizens: accounts.logins,
      deskCount: BENCH_DESKS,
      holderCount: BENCH_CARD_HOLDERS,
      credentialCount: BENCH_ACCOUNTS,
    });
    if (cardChecks.holders.length === 0 || cardChecks.credentials.length === 0) throw new Error('The data set has no card holder to check.');
    const longHistories = await ensureLongHistoryAccounts(database, { passwordHash: accounts.passwordHash, count: LONG_HISTORY_ACCOUNTS });
    if (longHistories.logins.length === 0) throw new Error('The data set has nobody with BHXH records who could sign in.');
    log(
      `Long BHXH histories: ${longHistories.logins.length} accounts, ${longHistories.minMonths}–${longHistories.maxMonths} months` +
        (longHistories.minMonths < LONG_HISTORY_MONTHS ? ` (fewer than ${LONG_HISTORY_MONTHS} in this data set: the longest there are)` : '') +
        '.',
    );
    const { filers: dossierFilers, withdrawn } = await ensureDossierFilers(database, { passwordHash: accounts.passwordHash, count: DOSSIER_FILERS });
    if (dossierFilers.length === 0) throw new Error('The data set has no account to file dossiers with.');
    if (withdrawn > 0) log(`Withdrew ${withdrawn} dossier(s) an earlier bench left open.`);
    const subjects = await lookupSubjects(database, { people: wanted.people, count: LOOKUP_SUBJECTS });
    if (subjects.length === 0) throw new Error('The data set has nobody with a full birth date to look up.');
    return { ...wanted, seedSeconds, accounts, cardChecks, longHistories, dossierFilers, lookupSubjects: subjects };
  } finally {
    await database.close();
  }
}
