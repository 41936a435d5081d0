// The adapters and shared services a request may use, built once from the configuration. Tests pass overrides
// (a fake clock, a fixed secret).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/connection.ts';
import { AccessTokens } from './auth.ts';
import { type BankAccountDirectory, HttpBankAccountDirectory, LocalBankAccountDirectory } from './bank-accounts.ts';
import { CardKeyring } from './card-keys.ts';
import { type Clock, systemClock } from './clock.ts';
import { DiskFileStore, type FileStore } from './files.ts';
import type { Jobs } from './jobs.ts';
import { HttpPopulationRegistry, LocalPopulationRegistry, type PopulationRegistry } from './population-registry.ts';
import { type SmsDispatcher, SmsService } from './sms.ts';

export interface Services {
  clock: Clock;
  tokens: AccessTokens;
  /** The agency keys that sign card credentials. */
  cardKeys: CardKeyring;
  /** Keys the HMAC of OTP codes and refresh tokens. */
  secret: string;
  sms: SmsService;
  files: FileStore;
  registry: PopulationRegistry;
  bankAccounts: BankAccountDirectory;
  jobs: Jobs | undefined;
  /** Development pages (/dev/sms) exist only outside production. */
  devPages: boolean;
  secureCookies: boolean;
  /** The demo accounts made at start (synthetic demo only), listed on a development page for testers. */
  demoLogins: Array<{ role: string; login: string; password: string; scope: string }>;
  /** Card checks a facility may make per minute (desk and hospital system together). */
  facilityChecksPerMinute: number;
}

export interface ServicesConfig {
  env: 'development' | 'production' | 'test';
  authSecret: string | undefined;
  dataDir: string;
  filesDir: string;
  sms: { adapter: 'outbox' | 'http' };
  populationRegistry: { adapter: 'local' | 'http'; url: string | undefined; token: string | undefined };
  bankInquiry?: { adapter: 'local' | 'http'; url: string | undefined; token: string | undefined };
  facilityChecksPerMinute?: number;
}

/** Without AUTH_SECRET a random secret is created once and kept with the data (fine for a single node). */
function persistentSecret(dataDir: string): string {
  const dir = join(dataDir, 'secrets');
  const path = join(dir, 'auth-secret');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}

export function createServices(
  config: ServicesConfig,
  database: Database,
  options: { jobs?: Jobs; smsDispatcher?: SmsDispatcher; overrides?: Partial<Services> } = {},
): Services {
  const clock = options.overrides?.clock ?? systemClock;
  const secret = options.overrides?.secret ?? config.authSecret ?? persistentSecret(config.dataDir);
  return {
    clock,
    secret,
    tokens: new AccessTokens(secret, clock),
    cardKeys: new CardKeyring(database.db, secret, clock),
    sms: new SmsService(database.db, config.sms.adapter, options.smsDispatcher),
    files: new DiskFileStore(config.filesDir),
    registry:
      config.populationRegistry.adapter === 'http' && config.populationRegistry.url
        ? new HttpPopulationRegistry(config.populationRegistry.url, config.populationRegistry.token)
        : new LocalPopulationRegistry(database.db),
    bankAccounts:
      config.bankInquiry?.adapter === 'http' && config.bankInquiry.url
        ? new HttpBankAccountDirectory(config.bankInquiry.url, config.bankInquiry.token)
        : new LocalBankAccountDirectory(database.db),
    jobs: options.jobs,
    devPages: config.env !== 'production',
    secureCookies: config.env === 'production',
    demoLogins: [],
    facilityChecksPerMinute: config.facilityChecksPerMinute ?? 300,
    ...options.overrides,
  };
}
