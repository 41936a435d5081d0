// The only reader of process.env. Everything the server can be told from outside is declared, typed and validated
// here; a bad value stops the boot with a readable list instead of failing later in a strange place.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, so relative defaults work whichever workspace directory npm starts us in. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const environment = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** The URL people open, printed at start; defaults to http://HOST:PORT. */
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** PostgreSQL connection string. Unset: the embedded PGlite database under DATA_DIR. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default(`${repoRoot}data`),
  /** Seed a small synthetic national data set when the database is empty. */
  SEED_ON_EMPTY: flag.default(true),
  SEED_PEOPLE: z.coerce.number().int().min(10).max(100_000).default(2000),
  SEED: z.string().min(1).default('vssid'),
  /** Serve the built web app from this process (default: in production only). */
  SERVE_WEB_APP: flag.optional(),
  /** The built web app (apps/web/dist). */
  WEB_DIST_DIR: z.string().min(1).default(`${repoRoot}apps/web/dist`),
  /** Requests per minute per client IP on public (unauthenticated) routes. */
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** The BHXH-code look-up, per 10 minutes: free look-ups per address and per network, then a proof of work each. */
  LOOKUP_FREE_PER_IP: z.coerce.number().int().min(0).default(5),
  LOOKUP_FREE_PER_NETWORK: z.coerce.number().int().min(0).default(20),
  /** Hard limits per 10 minutes (429), proof of work or not. */
  LOOKUP_MAX_PER_IP: z.coerce.number().int().min(1).default(30),
  LOOKUP_MAX_PER_NETWORK: z.coerce.number().int().min(1).default(200),
  /** Leading zero bits of the proof of work (about 2^bits hashes: 16 takes a phone a second or two). */
  LOOKUP_CHALLENGE_BITS: z.coerce.number().int().min(1).max(24).default(16),
  /**
   * Multiplies every per-IP rate limit (the one above and each route's own, e.g. sign-in's 20 a minute). For load tests
   * that come from one address (`npm run bench`); leave it at 1 in service.
   */
  RATE_LIMIT_MULTIPLIER: z.coerce.number().int().min(1).max(1_000_000).default(1),
  /** Set when running behind a load balancer that sets X-Forwarded-For. */
  TRUST_PROXY: flag.default(false),
  /** When set, /metrics requires `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Signs access tokens and keys OTP hashes. Unset: a random secret kept in DATA_DIR/secrets (one node only). */
  AUTH_SECRET: z.string().min(32).optional(),
  /** Uploaded photos. */
  FILES_DIR: z.string().min(1).optional(),
  /** outbox: store messages and show them on /dev/sms; http: post to SMS_GATEWAY_URL. */
  SMS_ADAPTER: z.enum(['outbox', 'http']).default('outbox'),
  SMS_GATEWAY_URL: z.url().optional(),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  /** local: the synthetic registry in our database; http: the national population database service. */
  POPULATION_REGISTRY: z.enum(['local', 'http']).default('local'),
  POPULATION_REGISTRY_URL: z.url().optional(),
  POPULATION_REGISTRY_TOKEN: z.string().optional(),
  /** local: the synthetic account directory in our database; http: the banks' account-holder inquiry. */
  BANK_INQUIRY: z.enum(['local', 'http']).default('local'),
  BANK_INQUIRY_URL: z.url().optional(),
  BANK_INQUIRY_TOKEN: z.string().optional(),
  /** Background jobs (expiry of forms, SMS delivery). Off for one-off tools. */
  JOBS: flag.default(true),
  /** Card checks per minute per facility (desk and hospital system together); more answer 429. */
  FACILITY_CHECKS_PER_MINUTE: z.coerce.number().int().min(1).default(300),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string | undefined;
  logLevel: z.infer<typeof environment>['LOG_LEVEL'];
  database: { url: string | undefined; poolSize: number; dataDir: string };
  seed: { onEmpty: boolean; people: number; seed: string };
  webDistDir: string;
  serveWebApp: boolean;
  publicRateLimitPerMinute: number;
  lookupProtection: LookupProtection;
  rateLimitMultiplier: number;
  trustProxy: boolean;
  metricsToken: string | undefined;
  authSecret: string | undefined;
  filesDir: string;
  sms: { adapter: 'outbox' | 'http'; gatewayUrl: string | undefined; gatewayToken: string | undefined };
  populationRegistry: { adapter: 'local' | 'http'; url: string | undefined; token: string | undefined };
  bankInquiry: { adapter: 'local' | 'http'; url: string | undefined; token: string | undefined };
  jobs: boolean;
  dataDir: string;
  facilityChecksPerMinute: number;
};

/** Abuse protection of the public BHXH-code look-up (see modules/lookup/abuse.ts). */
export interface LookupProtection {
  freePerIp: number;
  freePerNetwork: number;
  maxPerIp: number;
  maxPerNetwork: number;
  challengeBits: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environment.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  const problems: string[] = [];
  if (env.SMS_ADAPTER === 'http' && !env.SMS_GATEWAY_URL) problems.push('SMS_GATEWAY_URL: required when SMS_ADAPTER=http');
  if (env.POPULATION_REGISTRY === 'http' && !env.POPULATION_REGISTRY_URL)
    problems.push('POPULATION_REGISTRY_URL: required when POPULATION_REGISTRY=http');
  if (env.BANK_INQUIRY === 'http' && !env.BANK_INQUIRY_URL) problems.push('BANK_INQUIRY_URL: required when BANK_INQUIRY=http');
  if (problems.length > 0) throw new ConfigError(problems);
  const dataDir = env.DATA_DIR.replace(/\/$/, '');
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    publicUrl: env.PUBLIC_URL,
    logLevel: env.LOG_LEVEL,
    database: { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, dataDir: `${dataDir}/pglite` },
    seed: { onEmpty: env.SEED_ON_EMPTY, people: env.SEED_PEOPLE, seed: env.SEED },
    webDistDir: env.WEB_DIST_DIR,
    serveWebApp: env.SERVE_WEB_APP ?? env.NODE_ENV === 'production',
    publicRateLimitPerMinute: env.PUBLIC_RATE_LIMIT_PER_MINUTE,
    lookupProtection: {
      freePerIp: env.LOOKUP_FREE_PER_IP,
      freePerNetwork: env.LOOKUP_FREE_PER_NETWORK,
      maxPerIp: env.LOOKUP_MAX_PER_IP,
      maxPerNetwork: env.LOOKUP_MAX_PER_NETWORK,
      challengeBits: env.LOOKUP_CHALLENGE_BITS,
    },
    rateLimitMultiplier: env.RATE_LIMIT_MULTIPLIER,
    trustProxy: env.TRUST_PROXY,
    metricsToken: env.METRICS_TOKEN,
    authSecret: env.AUTH_SECRET,
    filesDir: env.FILES_DIR ?? `${dataDir}/files`,
    sms: { adapter: env.SMS_ADAPTER, gatewayUrl: env.SMS_GATEWAY_URL, gatewayToken: env.SMS_GATEWAY_TOKEN },
    populationRegistry: {
      adapter: env.POPULATION_REGISTRY,
      url: env.POPULATION_REGISTRY_URL,
      token: env.POPULATION_REGISTRY_TOKEN,
    },
    bankInquiry: { adapter: env.BANK_INQUIRY, url: env.BANK_INQUIRY_URL, token: env.BANK_INQUIRY_TOKEN },
    jobs: env.JOBS,
    facilityChecksPerMinute: env.FACILITY_CHECKS_PER_MINUTE,
    dataDir,
  };
}
