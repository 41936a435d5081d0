// Baseline: Fastify 5 + one primary-key SELECT of a person — a node-postgres pool (the server's default size) on
// PostgreSQL, PGlite in this process on --db pglite (opened by the server's openDatabase, so with its statement cache).
// The floor under every route that reads the database.
import pg from 'pg';
import { openDatabase } from '../../apps/server/src/db/connection.ts';
import { bareFastify, serve } from './serve.ts';

const SELECT = 'select id, bhxh_code, full_name, birth_date from people where id = $1';

type Query = (id: number) => Promise<unknown>;

async function connect(): Promise<{ query: Query; close: () => Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    return { query: async (id): Promise<unknown> => (await pool.query(SELECT, [id])).rows[0], close: () => pool.end() };
  }
  const dataDir = process.env.BENCH_PGLITE_DIR;
  if (!dataDir) throw new Error('BENCH_DATABASE_URL or BENCH_PGLITE_DIR is required');
  const database = await openDatabase({ dataDir });
  if (database.driver !== 'pglite') throw new Error('expected PGlite');
  return { query: async (id) => (await database.client.query(SELECT, [id])).rows[0], close: () => database.close() };
}

const database = await connect();
const app = bareFastify();
app.get<{ Params: { id: string } }>('/people/:id', async (request, reply) => {
  const row = await database.query(Number(request.params.id));
  return row ?? reply.code(404).send({ error: 'not found' });
});
await serve(app, database.close);
