import { defineConfig } from 'vitest/config';

// `npm test` runs the unit and integration tests of every workspace except the browser tests (npm run test:e2e).
// Server integration tests run on PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set.
export default defineConfig({
  test: {
    // PGlite runs on the main thread and each file opens its own instance: two files at a time on this 2-core machine.
    maxWorkers: 2,
    projects: [
      { test: { name: 'shared', include: ['packages/shared/src/**/*.test.ts'] } },
      // The bench harness's own logic; the harness end to end is CI's bench smoke (bench/smoke.ts).
      { test: { name: 'bench', include: ['bench/**/*.test.ts'] } },
      {
        test: {
          name: 'server',
          include: ['apps/server/src/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
