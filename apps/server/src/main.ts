// Starts the whole system: configuration, database (migrated, seeded when empty), API and — in production — the web app.
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { applyMigrations } from './db/migrate.ts';
import { isSeeded, seedDatabase } from './db/seed/index.ts';
import { createServices } from './platform/services.ts';

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

const services = createServices(config, database);
const app = await buildApp(config, database, services);
await app.listen({ host: config.host, port: config.port });

const url = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
console.log(
  [
    '',
    `VssID is running (${config.env}, database: ${database.driver === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL'}).`,
    `  App:      ${url}/`,
    `  API docs: ${url}/docs   (OpenAPI: ${url}/openapi.json)`,
    `  Health:   ${url}/readyz`,
    config.env === 'production' ? '' : '  (development mode: the web app is served by `npm run dev -w @vssid/web` on port 5173)',
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
      .then(() => database.close())
      .then(() => process.exit(0));
  });
}
