// Planner statistics for the tables the service grows. PostgreSQL keeps them fresh with autovacuum, which PGlite
// (PostgreSQL in one process) does not run at all and which a PostgreSQL server can have turned off. Without it the
// card checks' ledger, notifications and sessions keep the statistics of their first analyze, or none: the planner
// believes `card_checks` is empty and the checks' reads scan it. Measured on PostgreSQL with autovacuum off: card
// checks fell from ~2,500 to ~200/s after ~300,000 checks, and were back at ~2,500/s after one ANALYZE. Where nothing
// else does it, the server analyzes what autovacuum would have (the statistics-refresh job, every 10 minutes).
import type { Database } from './connection.ts';
import { queryRows } from './seed/query.ts';

/** Tables changed past autovacuum's default analyze threshold (50 rows + 10% of the table) since their last analyze. */
const STALE_TABLES = `
  select format('%I.%I', s.schemaname, s.relname) as name
    from pg_stat_user_tables s join pg_class c on c.oid = s.relid
   where s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
   order by s.schemaname, s.relname`;

/** Whether nothing else keeps the statistics: PGlite, or PostgreSQL with autovacuum off. */
export async function statisticsNeedTheServer(database: Database): Promise<boolean> {
  if (database.driver === 'pglite') return true;
  const [row] = await queryRows<{ autovacuum: string }>(database, 'show autovacuum');
  return row?.autovacuum !== 'on';
}

/** Analyzes the tables autovacuum would have analyzed by now; answers their names. */
export async function analyzeStaleTables(database: Database): Promise<string[]> {
  // PGlite reports a statement's row counts to the statistics only when told to (there is no idle loop to do it).
  if (database.driver === 'pglite') await queryRows(database, 'select pg_stat_force_next_flush()');
  const stale = await queryRows<{ name: string }>(database, STALE_TABLES);
  for (const { name } of stale) await queryRows(database, `analyze ${name}`);
  return stale.map((table) => table.name);
}
