import { defineConfig } from 'vitest/config';

// Browser tests: the real server in production mode (built web app, fresh PGlite database, demo data) driven by
// Debian's Chromium through playwright-core.
export default defineConfig({
  test: {
    include: ['specs/**/*.spec.ts'],
    globalSetup: ['./support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One browser at a time: the machine has two cores and the server needs one.
    fileParallelism: false,
  },
});
