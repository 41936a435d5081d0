// Statistics for the tables a bench grows, on a PostgreSQL whose autovacuum is off. The bench writes hundreds of
// thousands of ledger, notification and session rows; never analyzed, they made the card checks fall from ~2,500 to
// ~200/s within a few benches (the fifth round). The server's statistics-refresh job would analyze them every 10
// minutes (db/maintenance.ts), but the bench runs the server without jobs: it analyzes them itself before each run,
// with the server's own function.
import { type Database, openDatabase } from '../../apps/server/src/db/connection.ts';
import { analyzeStaleTables, statisticsNeedTheServer } from '../../apps/server/src/db/maintenance.ts';

/** A one-connection pool for one piece of work (openBenchDatabase's pool of 10 is for the seed's COPY streams). */
async function withDatabase<T>(url: string, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ url, dataDir: 'memory://', poolSize: 1 });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** Whether the PostgreSQL at `url` runs without autovacuum. */
export function autovacuumIsOff(url: string): Promise<boolean> {
  return withDatabase(url, statisticsNeedTheServer);
}

/** Analyzes what autovacuum would have analyzed by now; answers the tables' names. */
export function analyzeAsAutovacuumWould(url: string): Promise<string[]> {
  return withDatabase(url, analyzeStaleTables);
}
