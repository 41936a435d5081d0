// The baselines, each measured in its own child process in the same run as the paths held against them.
import { fileURLToPath } from 'node:url';
import type { Driver } from '../lib/options.ts';
import type { BaselineName, Load } from '../lib/types.ts';

export interface BaselineContext {
  driver: Driver;
  databaseUrl: string;
  pgliteDir: string;
  people: number;
  password: string;
  passwordHash: string;
}

export interface Baseline {
  name: BaselineName;
  description: string;
  /** The process's entry file. */
  entry: string;
  env(context: BaselineContext): Record<string, string>;
  load(context: BaselineContext): Load;
}

const entry = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export const BASELINES: readonly Baseline[] = [
  {
    name: 'fastify-hello',
    description: 'bare Fastify 5, GET answering a constant',
    entry: entry('./hello.ts'),
    env: () => ({}),
    load: () => ({ requests: [{ method: 'GET', path: '/hello' }] }),
  },
  {
    name: 'fastify-pk-select',
    description: 'Fastify 5 + one primary-key SELECT of a random person (pg pool | PGlite in process)',
    entry: entry('./pk-select.ts'),
    env: (context): Record<string, string> =>
      context.driver === 'postgres'
        ? { BENCH_DATABASE_URL: context.databaseUrl, BENCH_PGLITE_DIR: '' }
        : { BENCH_DATABASE_URL: '', BENCH_PGLITE_DIR: context.pgliteDir },
    load: ({ people }) => {
      let state = 1;
      return {
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => {
              state = (Math.imul(state, 48_271) + 1) % 2_147_483_647;
              return { ...request, path: `/people/${1 + (Math.abs(state) % people)}` };
            },
          },
        ],
      };
    },
  },
  {
    name: 'argon2-verify',
    description: "one argon2id verify per request (the server's parameters and function) behind bare Fastify",
    entry: entry('./argon2.ts'),
    env: (context) => ({ BENCH_PASSWORD_HASH: context.passwordHash }),
    load: ({ password }) => ({
      requests: [{ method: 'POST', path: '/verify', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password }) }],
    }),
  },
];
