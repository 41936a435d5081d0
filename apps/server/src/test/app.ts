import type { FastifyInstance } from 'fastify';
import { buildApp, type AppConfig } from '../app.ts';
import type { Database } from '../db/connection.ts';

export function testAppConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    env: 'test',
    logLevel: 'silent',
    webDistDir: '/nonexistent',
    publicRateLimitPerMinute: 10_000,
    trustProxy: false,
    metricsToken: undefined,
    ...overrides,
  };
}

export function buildTestApp(database: Database, overrides: Partial<AppConfig> = {}): Promise<FastifyInstance> {
  return buildApp(testAppConfig(overrides), database);
}
