// The registry's contracts: a hot path (bench/paths/*.ts) and a baseline (bench/baselines.ts).
import type autocannon from 'autocannon';
import type { BenchAccounts, CardCheckFixtures, DossierFiler, LongHistories, LookupSubject } from '../fixtures.ts';
import type { Driver } from './options.ts';

export type BaselineName = 'fastify-hello' | 'fastify-pk-select' | 'argon2-verify';

/** What autocannon sends: its options minus target, connections and duration, which the harness sets. */
export type Load = Omit<autocannon.Options, 'url' | 'connections' | 'duration' | 'amount' | 'workers'>;

export interface PathContext {
  /** The server under test, e.g. http://127.0.0.1:40123 */
  baseUrl: string;
  driver: Driver;
  people: number;
  accounts: BenchAccounts;
  password: string;
  /** Desk accounts, card holders and app credentials for the card-check paths. */
  cardChecks: CardCheckFixtures;
  /** Accounts of the people with the longest BHXH histories (≥ 30 years where the data set has them). */
  longHistories: LongHistories;
  /** Accounts that file dossiers; none has an open one when the bench starts. */
  dossierFilers: DossierFiler[];
  /** Real people of the data set, as someone looking themselves up types them. */
  lookupSubjects: LookupSubject[];
  /** The longest a run lasts (measured or warm-up), seconds: what pools of single-use material are sized for. */
  runSeconds: number;
}

export interface HotPath {
  /** Short, kebab-case: what --only takes and the table shows. */
  name: string;
  /** One line: the request and what it does underneath. */
  description: string;
  /** The baseline whose rate this path is held against. */
  baseline: BaselineName;
  /**
   * Called before every run (warm-up included): fetches what the requests need (sessions, codes…), checks that one
   * request succeeds, and returns the load. Never measured.
   */
  prepare(context: PathContext): Promise<Load>;
}
