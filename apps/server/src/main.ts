// Starts the whole system: configuration, database (migrated, seeded when empty), API and — in production — the web app.
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { analyzeStaleTables, statisticsNeedTheServer } from './db/maintenance.ts';
import { applyMigrations } from './db/migrate.ts';
import { isSeeded, seedDatabase } from './db/seed/index.ts';
import { purgeLookupLog } from './modules/lookup/abuse.ts';
import { ensureDemoStaff } from './modules/registrations/staff.ts';
import { expireOverdueRegistrations } from './modules/registrations/expiry.ts';
import { purgeUnattachedUploads } from './modules/registrations/uploads.ts';
import { createJobs, smsJobDispatcher, startJobs } from './platform/jobs.ts';
import { createServices } from './platform/services.ts';
import { deliverByHttp } from './platform/sms.ts';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();
const database = await openDatabase({ url: config.database.url, dataDir: config.database.dataDir, poolSize: config.database.poolSize });
await applyMigrations(database);

if (config.seed.onEmpty && !(await isSeeded(database))) {
  const started = Date.now();
  console.log(`Empty database: seeding ${config.seed.people} synthetic people (seed "${config.seed.seed}")…`);
  await seedDatabase(database, { people: config.seed.people, seed: config.seed.seed });
  console.log(`Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

// PGlite runs no autovacuum, and a PostgreSQL server may have it off: then the server keeps the statistics itself.
const statisticsNeedUs = await statisticsNeedTheServer(database);
if (statisticsNeedUs && database.driver === 'postgres') {
  console.warn(
    'PostgreSQL runs without autovacuum: the tables the service grows are analyzed by its statistics-refresh job' +
      (config.jobs ? '' : ', which is off (JOBS=false), so their queries will slow down as they grow') +
      '; dead rows are not vacuumed. Turn autovacuum on.',
  );
}
const jobs = config.jobs ? createJobs(database, config.database.url) : undefined;
const services = createServices(config, database, {
  jobs,
  smsDispatcher: jobs && config.sms.adapter === 'http' ? smsJobDispatcher(jobs) : undefined,
});
// Demo logins exist only in the synthetic demo (seeded databases); a real deployment creates staff through /admin.
const demoLogins = config.seed.onEmpty ? await ensureDemoStaff(database.db) : [];
services.demoLogins = demoLogins;
const app = await buildApp(config, database, services);
if (jobs) {
  const gateway = config.sms.gatewayUrl;
  await startJobs(
    jobs,
    {
      expireRegistrations: () => expireOverdueRegistrations(database.db, services),
      purgeUploads: () => purgeUnattachedUploads(database.db, services),
      purgeLookupLog: () => purgeLookupLog(database.db, services.clock.now()),
      refreshStatistics: statisticsNeedUs ? () => analyzeStaleTables(database) : undefined,
      deliverSms: gateway ? (id) => deliverByHttp(database.db, id, { url: gateway, token: config.sms.gatewayToken }) : undefined,
    },
    app.log,
  );
}
await app.listen({ host: config.host, port: config.port });

const url = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
console.log(
  [
    '',
    `VssID is running (${config.env}, database: ${database.driver === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL'}).`,
    `  App:      ${url}/`,
    `  API docs: ${url}/docs   (OpenAPI: ${url}/openapi.json)`,
    `  Health:   ${url}/readyz`,
    ...(config.serveWebApp ? [] : ['  (the web app: `npm run dev -w @vssid/web` on http://127.0.0.1:5173)']),
    ...(services.devPages ? [`  SMS outbox (OTPs, passwords): ${url}/dev/sms`] : []),
    ...(demoLogins.length > 0
      ? [
          '',
          'Demo logins (synthetic data):',
          ...demoLogins.map((d) => `  ${d.role.padEnd(9)} ${d.login.padEnd(18)} ${d.password.padEnd(12)} ${d.scope}`),
          '  Citizens sign in in the app (Quản lý cá nhân); staff at /officer, /facility, /employer, /admin.',
        ]
      : []),
    '',
  ].join('\n'),
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    void app
      .close()
      .then(() => jobs?.stop({ graceful: true, wait: true }))
      .then(() => database.close())
      .then(() => process.exit(0));
  });
}
