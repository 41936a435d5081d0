// Child process for the durability test: opens PGlite like the server does, commits rows, reports each commit,
// then waits to be killed.
import { openDatabase } from '../db/connection.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: pglite-writer.ts <dataDir>');
const database = await openDatabase({ dataDir });
if (database.driver !== 'pglite') throw new Error('expected PGlite');
await database.client.exec('create table if not exists durability_probe (n integer primary key)');
for (let n = 1; n <= 3; n++) {
  await database.client.query('insert into durability_probe (n) values ($1)', [n]);
  process.stdout.write(`committed ${n}\n`);
}
process.stdout.write('fsync ' + String((await database.client.query<{ fsync: string }>('show fsync')).rows[0]?.fsync) + '\n');
setInterval(() => undefined, 60_000);
