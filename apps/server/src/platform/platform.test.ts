import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { FastifyInstance } from 'fastify';
import type { OpenAPIV3_1 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelope } from '@vssid/shared';
import { ConfigError, loadConfig } from '../config.ts';
import { buildTestApp } from '../test/app.ts';
import { fieldWithNul } from './security.ts';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';

// The platform does not depend on the driver: PGlite only (look-up tests cover both drivers).
describe('the HTTP platform', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    testDb = await createTestDatabase('pglite');
    app = await buildTestApp(testDb.database);
    // A route that fails unexpectedly, to see what the caller is (not) told.
    app.get('/api/v1/test-failure', { config: { public: true } }, () => {
      throw new Error('connection string postgres://secret@db');
    });
    // A route that forgot to declare who may call it.
    app.get('/api/v1/test-undeclared', () => ({ secret: 'data' }));
  });

  afterAll(async () => {
    await app.close();
    await testDb.dispose();
  });

  it('publishes a valid OpenAPI 3.1 document with the look-ups and their error envelope', async () => {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<OpenAPIV3_1.Document>();
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
    expect(Object.keys(document.paths ?? {})).toEqual(
      expect.arrayContaining(['/api/v1/facilities', '/api/v1/agencies', '/api/v1/provinces']),
    );
    expect(JSON.stringify(document.paths?.['/api/v1/facilities']?.get?.responses?.['400'])).toContain('VALIDATION_FAILED');
    expect(Object.keys(document.paths ?? {})).not.toContain('/metrics');
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });

  it('answers liveness, and readiness after checking the database', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready', database: 'pglite' });
  });

  it('exposes Prometheus metrics labelled by route pattern', async () => {
    await app.inject({ method: 'GET', url: '/api/v1/provinces/01/communes' });
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('http_request_duration_seconds_bucket');
    expect(response.body).toContain('route="/api/v1/provinces/:provinceCode/communes"');
    expect(response.body).not.toContain('/api/v1/provinces/01/communes');
  });

  it('answers unknown API routes with a localized 404 envelope in each of the five languages', async () => {
    const messages = new Set<string>();
    for (const language of ['vi', 'en', 'zh', 'ja', 'ko']) {
      const response = await app.inject({ method: 'GET', url: '/api/v1/nope', headers: { 'accept-language': language } });
      expect(response.statusCode).toBe(404);
      const body = errorEnvelope.parse(response.json());
      expect(body.error.code).toBe('ROUTE_NOT_FOUND');
      messages.add(body.error.message);
    }
    expect(messages.size).toBe(5);
  });

  it('hides internals of unexpected errors behind a generic 500 that quotes the request id', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/test-failure',
      headers: { 'accept-language': 'en', 'x-request-id': 'req-test-0001' },
    });
    expect(response.statusCode).toBe(500);
    const body = errorEnvelope.parse(response.json());
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.message).toContain('req-test-0001');
    expect(response.body).not.toContain('secret');
  });

  it('denies by default: an /api route not declared public refuses anonymous and forged callers', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/test-undeclared', headers: { 'accept-language': 'en' } });
    expect(anonymous.statusCode).toBe(401);
    expect(errorEnvelope.parse(anonymous.json()).error.code).toBe('UNAUTHORIZED');
    const forged = await app.inject({
      method: 'GET',
      url: '/api/v1/test-undeclared',
      headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIiwicm9sZSI6ImFkbWluIn0.' },
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.body).not.toContain('data');
  });

  it('echoes a well-formed request id and replaces a malformed one', async () => {
    const kept = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abcdef12-3456' } });
    expect(kept.headers['x-request-id']).toBe('abcdef12-3456');
    const replaced = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id\n' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses input holding a NUL character with a 400 naming the field, which PostgreSQL would refuse with the whole statement', async () => {
    const search = await app.inject({ method: 'GET', url: '/api/v1/facilities?q=a%00b', headers: { 'accept-language': 'en' } });
    expect(search.statusCode).toBe(400);
    expect(errorEnvelope.parse(search.json()).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { q: 'This field contains a character that is not allowed.' },
    });
    const lookup = await app.inject({
      method: 'POST',
      url: '/api/v1/bhxh-code-lookups',
      headers: { 'accept-language': 'vi' },
      payload: { provinceCode: '01', fullName: 'Nguyễn\u0000Văn A', birthDate: '1990-01-01' },
    });
    expect(lookup.statusCode).toBe(400);
    expect(errorEnvelope.parse(lookup.json()).error.fields).toEqual({ fullName: 'Trường này có ký tự không được phép.' });
  });

  it('finds a NUL anywhere in a request’s input by the path validation errors use', () => {
    expect(fieldWithNul({ form: { reason: 'lost', note: 'a\u0000b' } })).toBe('form.note');
    expect(fieldWithNul({ attachments: [{ purpose: 'portrait' }, { purpose: '\u0000' }] })).toBe('attachments.1.purpose');
    expect(fieldWithNul({ form: { ['no\u0000te']: 'x' } })).toBe('form.no\u0000te');
    expect(fieldWithNul('\u0000')).toBe('body');
    expect(fieldWithNul({ form: { reason: 'lost', note: 'Tầng 2, số 1\tngõ 3\n' }, count: 3, ok: true, none: null })).toBeUndefined();
    expect(fieldWithNul({ file: Buffer.from([0, 1, 2]) })).toBeUndefined();
  });

  it('sends security headers', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/provinces' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
  });
});

describe('rate limiting of public routes', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    testDb = await createTestDatabase('pglite');
    app = await buildTestApp(testDb.database, { publicRateLimitPerMinute: 3 });
  });

  afterAll(async () => {
    await app.close();
    await testDb.dispose();
  });

  it('answers 429 with Retry-After past the limit, but never limits health checks', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await app.inject({ method: 'GET', url: '/api/v1/provinces' })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await app.inject({ method: 'GET', url: '/api/v1/provinces', headers: { 'accept-language': 'en' } });
    expect(errorEnvelope.parse(limited.json()).error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('rate-limit multiplier (load tests)', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    testDb = await createTestDatabase('pglite');
    app = await buildTestApp(testDb.database, { publicRateLimitPerMinute: 3, rateLimitMultiplier: 2 });
  });

  afterAll(async () => {
    await app.close();
    await testDb.dispose();
  });

  it('scales the public limit and each route’s own limit, and still limits past them', async () => {
    const lookups: number[] = [];
    for (let i = 0; i < 7; i++) lookups.push((await app.inject({ method: 'GET', url: '/api/v1/provinces' })).statusCode);
    expect(lookups).toEqual([200, 200, 200, 200, 200, 200, 429]);
    // Sign-in allows 20 a minute per address: 40 here (each answered 400 for the empty body), then 429.
    const signIns: number[] = [];
    for (let i = 0; i < 41; i++) signIns.push((await app.inject({ method: 'POST', url: '/api/v1/sessions', payload: {} })).statusCode);
    expect(signIns.slice(0, 40).every((status) => status === 400)).toBe(true);
    expect(signIns[40]).toBe(429);
  });
});

describe('production mode', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    testDb = await createTestDatabase('pglite');
    const webDistDir = mkdtempSync(join(tmpdir(), 'vssid-web-'));
    writeFileSync(join(webDistDir, 'index.html'), '<!doctype html><title>VssID</title>');
    app = await buildTestApp(testDb.database, { env: 'production', serveWebApp: true, webDistDir, metricsToken: 'a-long-metrics-token' });
  });

  afterAll(async () => {
    await app.close();
    await testDb.dispose();
  });

  it('serves the web app for client-side routes but never for unknown API paths', async () => {
    const page = await app.inject({ method: 'GET', url: '/lookup?tab=facilities' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>VssID</title>');
    const api = await app.inject({ method: 'GET', url: '/api/v1/does-not-exist' });
    expect(api.statusCode).toBe(404);
    expect(errorEnvelope.parse(api.json()).error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('protects /metrics with the configured token', async () => {
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const allowed = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer a-long-metrics-token' },
    });
    expect(allowed.statusCode).toBe(200);
  });
});

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', port: 3000, database: { url: undefined } });
    expect(config.database.dataDir).toMatch(/data\/pglite$/);
  });

  it('lists every invalid variable in one readable error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('PORT');
    expect(problems).toContain('DATABASE_URL');
    expect(problems).toContain('LOG_LEVEL');
  });
});
