// The harness's own logic (options, medians, the table, cookies). The harness end to end runs in CI's bench smoke.
import { isIPv4 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { networkOf } from '../apps/server/src/modules/lookup/abuse.ts';
import { median, type Figures } from './lib/measure.ts';
import { DEFAULT_DATABASE_URL, LOOKUP_SECTION, parseOptions, wantsLookupSection } from './lib/options.ts';
import { formatLookupTable, formatTable, ratioToBaseline, type Row } from './lib/report.ts';
import { clientAddress } from './paths/bhxh-code-lookup-http.ts';
import { cookieValue } from './paths/http.ts';
import { HOT_PATHS } from './paths/index.ts';

const figures = (requestsPerSecond: number): Figures => ({
  requestsPerSecond,
  p50Ms: 1.234,
  p99Ms: 12.6,
  errors: 0,
  non2xx: 2,
  requests: requestsPerSecond * 10,
  statuses: { '200': requestsPerSecond * 10 },
  peakRssMb: 120.4,
});

describe('options', () => {
  const parse = (argv: string[], env: Record<string, string> = {}) => parseOptions(argv, env, { repoRoot: '/repo/' });

  it('defaults to 1M people on PostgreSQL and a small PGlite data set', () => {
    expect(parse([])).toMatchObject({ driver: 'postgres', people: 1_000_000, databaseUrl: DEFAULT_DATABASE_URL, duration: 10, runs: 1 });
    expect(parse(['--db', 'pglite'])).toMatchObject({ driver: 'pglite', people: 20_000, dataDir: '/repo/data/bench' });
    expect(parse(['--only', 'sign-in, token-refresh', '--runs', '3']).only).toEqual(['sign-in', 'token-refresh']);
    expect(parse([], { BENCH_DATABASE_URL: 'postgres://x@h/other' }).databaseUrl).toBe('postgres://x@h/other');
  });

  it('times the BHXH-code look-up on full runs and when --only names it', () => {
    expect(parse([]).lookups).toBe(1000);
    expect(parse(['--lookups', '5000']).lookups).toBe(5000);
    expect(wantsLookupSection(parse([]))).toBe(true);
    expect(wantsLookupSection(parse(['--only', `sign-in,${LOOKUP_SECTION}`]))).toBe(true);
    expect(wantsLookupSection(parse(['--only', 'sign-in']))).toBe(false);
    expect(() => parse(['--lookups', '0'])).toThrow(/--lookups/);
  });

  it('refuses what it cannot run', () => {
    expect(() => parse(['--db', 'mysql'])).toThrow(/--db/);
    expect(() => parse(['--people', '12.5'])).toThrow(/--people/);
    expect(() => parse(['--people', '50'])).toThrow(/100/);
    expect(() => parse(['--duration', '0'])).toThrow(/--duration/);
    expect(() => parse(['--warmup', '-1'])).toThrow(/--warmup/);
    expect(() => parse(['--bogus'])).toThrow();
  });
});

describe('report', () => {
  const rows: Row[] = [
    { kind: 'baseline', name: 'argon2-verify', description: '', figures: figures(80), runs: [] },
    { kind: 'path', name: 'sign-in', description: '', baseline: 'argon2-verify', figures: figures(72), runs: [] },
    { kind: 'path', name: 'token-refresh', description: '', baseline: 'fastify-pk-select', figures: figures(900), runs: [] },
  ];

  it('holds each path against the baseline measured in the same run', () => {
    expect(ratioToBaseline(rows[1] as Row, rows)).toBeCloseTo(0.9);
    expect(ratioToBaseline(rows[0] as Row, rows)).toBeUndefined();
    expect(ratioToBaseline(rows[2] as Row, rows)).toBeUndefined();
  });

  it('prints one Markdown table with every target', () => {
    const lines = formatTable(rows).split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^\| target +\| requests\/s \| p50 ms \| p99 ms \| errors \| non-2xx \| RSS MB \| vs baseline/);
    expect(lines[2]).toContain('(baseline) argon2-verify');
    expect(lines[3]).toMatch(/\| sign-in .*\| +72 \| +1 \| +13 \| +0 \| +2 \| +120 \| 90% of argon2-verify/);
    expect(lines[4]).toContain('? fastify-pk-select');
    expect(formatTable([{ ...(rows[0] as Row), figures: { ...figures(80), p50Ms: 0 } }])).toMatch(/\| +<1 \|/);
  });

  it('prints the look-up section as its own table, milliseconds to 0.01', () => {
    const lines = formatLookupTable([
      { kind: 'birth_date', lookups: 1000, p50Ms: 0.4567, p95Ms: 12.3, maxMs: 40, found: 1000 },
      { kind: 'old_province', lookups: 0, p50Ms: Number.NaN, p95Ms: Number.NaN, maxMs: Number.NaN, found: 0 },
    ]).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\| key kind +\| look-ups \| p50 ms \| p95 ms \| max ms \| found \|$/);
    expect(lines[2]).toMatch(/^\| birth_date +\| +1,000 \| +0\.46 \| +12\.30 \| +40\.00 \| 1,000 \|$/);
    expect(lines[3]).toMatch(/\| +– \| +– \| +– \| +0 \|$/);
  });

  it('takes medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('paths', () => {
  it('have unique names, each held against a baseline', () => {
    const names = HOT_PATHS.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const path of HOT_PATHS) expect(path.baseline).toMatch(/^(fastify-hello|fastify-pk-select|argon2-verify)$/);
  });

  it('send each HTTP look-up from a network of its own (the look-up limits count per /24)', () => {
    const addresses = Array.from({ length: 100_000 }, (_, n) => clientAddress(n));
    expect(addresses.every((address) => isIPv4(address))).toBe(true);
    expect(new Set(addresses.map(networkOf)).size).toBe(addresses.length);
  });

  it('read the rotated refresh cookie from Set-Cookie', () => {
    expect(cookieValue(['a=1; Path=/', 'vssid_refresh=abc.def; HttpOnly; Path=/api/v1/sessions'], 'vssid_refresh')).toBe('abc.def');
    expect(cookieValue('vssid_refresh=xyz; Path=/', 'vssid_refresh')).toBe('xyz');
    expect(cookieValue('other=1', 'vssid_refresh')).toBeUndefined();
    expect(cookieValue(undefined, 'vssid_refresh')).toBeUndefined();
  });
});
