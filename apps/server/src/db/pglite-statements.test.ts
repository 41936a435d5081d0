// PGlite's statement cache: the same answers as PGlite's own query path, each statement prepared once, errors that
// leave the connection usable, transactions kept apart, the least recently used statements closed, and a statement
// prepared again when a migration changes a table under it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { StatementCachingPGlite } from './pglite-statements.ts';

let client: StatementCachingPGlite;

beforeEach(async () => {
  client = new StatementCachingPGlite('memory://');
  await client.exec(`
    create table items (id bigint primary key, name text not null, born date, at timestamptz, tags text[], data jsonb, ok boolean);
    insert into items values
      (1, 'một', '2001-02-03', '2026-12-05T01:02:03Z', '{a,b}', '{"k": [1, 2]}', true),
      (2, 'hai', null, null, null, null, false);
  `);
});

afterEach(async () => {
  await client.close();
});

/** The statements this cache keeps prepared in the session, by text. */
async function keptStatements(): Promise<string[]> {
  const result = await PGlite.prototype.query.call(client, `select statement from pg_prepared_statements where name like 'vssid\\_%' order by name`);
  return (result.rows as Array<{ statement: string }>).map((row) => row.statement);
}

describe('StatementCachingPGlite', () => {
  it('answers as PGlite does: objects or arrays, types parsed, null and array parameters, per-call parsers', async () => {
    const text = 'select id, name, born, at, tags, data, ok from items where id = any($1::bigint[]) or name = $2 order by id';
    const own = await PGlite.prototype.query.call(client, text, [[1, 2], null]);
    const cached = await client.query(text, [[1, 2], null]);
    expect(cached.rows).toEqual(own.rows);
    expect(cached.fields).toEqual(own.fields);
    expect(cached.rows[0]).toEqual({
      id: 1,
      name: 'một',
      born: new Date('2001-02-03T00:00:00Z'),
      at: new Date('2026-12-05T01:02:03Z'),
      tags: ['a', 'b'],
      data: { k: [1, 2] },
      ok: true,
    });
    const asArrays = await client.query(text, [[1], 'hai'], { rowMode: 'array', parsers: { 1082: (value: string) => value } });
    expect(asArrays.rows).toEqual([
      [1, 'một', '2001-02-03', new Date('2026-12-05T01:02:03Z'), ['a', 'b'], { k: [1, 2] }, true],
      [2, 'hai', null, null, null, null, false],
    ]);
    const write = await client.query('update items set ok = $1 where id = $2', [true, 2]);
    expect(write.affectedRows).toBe(1);
    // numeric has no serializer in PGlite: numbers, bigints and strings go as their text.
    const numeric = await client.query('select $1::numeric + $2::numeric + $3::numeric as total', [1.5, 2n, '3.25']);
    expect(numeric.rows).toEqual([{ total: '6.75' }]);
  });

  it('prepares a statement once and only binds it after that', async () => {
    const text = 'select name from items where id = $1';
    for (const id of [1, 2, 1]) await client.query(text, [id]);
    expect((await keptStatements()).filter((statement) => statement === text)).toHaveLength(1);
    expect((await client.query(text, [2])).rows).toEqual([{ name: 'hai' }]);
  });

  it('rejects a bad statement or value with PostgreSQL’s error and stays usable', async () => {
    await expect(client.query('selec 1')).rejects.toMatchObject({ code: '42601' });
    await expect(client.query('insert into items (id, name) values ($1, $2)', [1, 'again'])).rejects.toMatchObject({ code: '23505' });
    await expect(client.query('select name from items where id = $1', ['1x'])).rejects.toMatchObject({ code: '22P02' });
    expect((await client.query('select name from items where id = $1', [1])).rows).toEqual([{ name: 'một' }]);
  });

  it('runs a transaction’s statements inside it and keeps other statements out until it ends', async () => {
    const order: string[] = [];
    let outside: Promise<unknown> | undefined;
    await client.transaction(async (tx) => {
      await tx.query('insert into items (id, name) values ($1, $2)', [3, 'ba']);
      outside = client.query<{ n: number }>('select count(*)::int as n from items').then((result) => {
        order.push(`outside saw ${result.rows[0]?.n}`);
      });
      const inside = await tx.query<{ n: number }>('select count(*)::int as n from items');
      order.push(`inside saw ${inside.rows[0]?.n}`);
      await tx.rollback();
    });
    await outside;
    expect(order).toEqual(['inside saw 3', 'outside saw 2']);
    expect(await keptStatements()).toContain('insert into items (id, name) values ($1, $2)');
  });

  it('fails the rest of an aborted transaction and rolls it back', async () => {
    await expect(
      client.transaction(async (tx) => {
        await tx.query('insert into items (id, name) values ($1, $2)', [4, 'bốn']);
        await tx.query('insert into items (id, name) values ($1, $2)', [1, 'duplicate']).catch(() => undefined);
        await tx.query('select name from items where id = $1', [4]);
      }),
    ).rejects.toMatchObject({ code: '25P02' });
    expect((await client.query('select count(*)::int as n from items')).rows).toEqual([{ n: 2 }]);
  });

  it('closes the least recently used statements beyond its capacity', async () => {
    client.statementCapacity = 3;
    for (const id of [1, 2, 3, 4, 5]) await client.query(`select ${id} + $1::int as n`, [id]);
    const kept = await keptStatements();
    expect(kept).toEqual(['select 3 + $1::int as n', 'select 4 + $1::int as n', 'select 5 + $1::int as n']);
    expect(client.preparedStatementCount).toBe(3);
    expect((await client.query('select 1 + $1::int as n', [1])).rows).toEqual([{ n: 2 }]);
  });

  it('prepares a statement again when a migration changes the columns it answers', async () => {
    const text = 'select * from items where id = $1';
    expect(Object.keys((await client.query(text, [1])).rows[0] as object)).not.toContain('extra');
    await client.exec('alter table items add column extra text');
    expect((await client.query(text, [1])).rows[0]).toMatchObject({ id: 1, extra: null });
  });
});
