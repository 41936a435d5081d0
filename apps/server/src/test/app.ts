import type { FastifyInstance } from 'fastify';
import { buildApp, type AppConfig } from '../app.ts';
import type { Database } from '../db/connection.ts';
import { FakeClock } from '../platform/clock.ts';
import { createServices, type Services } from '../platform/services.ts';

export function testAppConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    env: 'test',
    logLevel: 'silent',
    webDistDir: '/nonexistent',
    serveWebApp: false,
    publicRateLimitPerMinute: 10_000,
    // The production defaults, with an easy proof of work so that tests solve it in milliseconds.
    lookupProtection: { freePerIp: 5, freePerNetwork: 20, maxPerIp: 30, maxPerNetwork: 200, challengeBits: 8 },
    rateLimitMultiplier: 1,
    trustProxy: false,
    metricsToken: undefined,
    ...overrides,
  };
}

/** Services for tests: a fake clock, a fixed secret, the outbox SMS adapter, files in a temporary directory. */
export function testServices(database: Database, overrides: Partial<Services> = {}): Services & { clock: FakeClock } {
  const clock = overrides.clock instanceof FakeClock ? overrides.clock : new FakeClock();
  const services = createServices(
    {
      env: 'test',
      authSecret: 'test-secret-test-secret-test-secret-0001',
      dataDir: '/nonexistent',
      filesDir: `/tmp/vssid-test-files-${process.pid}`,
      sms: { adapter: 'outbox' },
      populationRegistry: { adapter: 'local', url: undefined, token: undefined },
    },
    database,
    { overrides: { ...overrides, clock } },
  );
  return { ...services, clock };
}

export function buildTestApp(
  database: Database,
  overrides: Partial<AppConfig> = {},
  services: Services = testServices(database),
): Promise<FastifyInstance> {
  return buildApp(testAppConfig(overrides), database, services);
}
