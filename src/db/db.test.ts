import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './db.ts';
import { migrate, splitStatements } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { createTestDb } from './test-db.ts';

/** The test database, and (without TEST_DATABASE_URL) the same PGlite behind its database thread. */
const modes = process.env.TEST_DATABASE_URL ? ['test database'] : ['test database', 'PGlite in its own thread'];

describe.each(modes)('database adapter (%s)', (mode) => {
  let db: Db;
  beforeAll(async () => {
    if (mode === 'test database') db = await createTestDb();
    else {
      db = await openPglite(undefined, { thread: true });
      await migrate(db);
    }
  });
  afterAll(async () => {
    await db.close();
  });

  it('applies migrations once and records them', async () => {
    const again = await migrate(db);
    expect(again).toEqual([]);
    const rows = await db.query<{ version: string }>('select version from schema_migrations order by version');
    expect(rows[0]?.version).toBe('0001_core');
  });

  it('maps int8 to number, timestamptz to Date and jsonb to values', async () => {
    const [row] = await db.query<{ n: number; t: Date; j: { a: number[] } }>(
      `select 9007199254740::int8 as n, now() as t, '{"a":[1,2]}'::jsonb as j`,
    );
    expect(row!.n).toBe(9007199254740);
    expect(row!.t).toBeInstanceOf(Date);
    expect(row!.j).toEqual({ a: [1, 2] });
  });

  it('rolls a transaction back when its function throws', async () => {
    await db.query('create table tx_probe (v int)');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into tx_probe values (1)');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const rows = await db.query('select * from tx_probe');
    expect(rows).toEqual([]);
    await db.transaction(async (tx) => {
      await tx.query('insert into tx_probe values ($1)', [2]);
    });
    expect(await db.query('select v from tx_probe')).toEqual([{ v: 2 }]);
  });

  it('reuses a statement first run inside a rolled-back transaction, and after a failed execution', async () => {
    await db.query('create table reuse_probe (id int primary key, tags text[], doc jsonb)');
    const insert = 'insert into reuse_probe (id, tags, doc) values ($1, $2, $3) returning id, tags, doc';
    await expect(
      db.transaction(async (tx) => {
        await tx.query(insert, [1, ['a'], JSON.stringify({ x: 1 })]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.query(insert, [1, ['a', 'b'], JSON.stringify({ x: 1 })])).toEqual([{ id: 1, tags: ['a', 'b'], doc: { x: 1 } }]);
    await expect(db.query(insert, [1, [], '{}'])).rejects.toMatchObject({ code: '23505' });
    const all = await Promise.all([2, 3, 4].map((id) => db.query<{ id: number }>(insert, [id, null, '{}'])));
    expect(all.map((r) => r[0]!.id)).toEqual([2, 3, 4]);
    expect(await db.query('select count(*)::int as n from reuse_probe')).toEqual([{ n: 4 }]);
  });

  it('still answers a cached "select *" after its table gained a column', async () => {
    await db.query('create table shape_probe (a int)');
    await db.query('insert into shape_probe values (1)');
    expect(await db.query('select * from shape_probe')).toEqual([{ a: 1 }]);
    await db.query('alter table shape_probe add column b int default 7');
    expect(await db.query('select * from shape_probe')).toEqual([{ a: 1, b: 7 }]);
  });

  it('passes SQL-looking strings as plain values', async () => {
    const evil = "'; drop table users; --";
    const [row] = await db.query<{ v: string }>('select $1::text as v', [evil]);
    expect(row!.v).toBe(evil);
    expect(await db.query('select count(*)::int as n from users')).toEqual([{ n: 0 }]);
  });
});

describe('splitStatements', () => {
  it('splits on line-ending semicolons but keeps dollar-quoted bodies whole', () => {
    const sql = `create table a (x int);\n-- comment;\ncreate function f() returns int as $$\nbegin\n  return 1;\nend;\n$$ language plpgsql;\n`;
    const out = splitStatements(sql);
    expect(out).toHaveLength(2);
    expect(out[1]).toContain('return 1;');
  });
});
