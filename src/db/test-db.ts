import { randomUUID } from 'node:crypto';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { openPg } from './pg.ts';
import { openPglite } from './pglite.ts';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default; when TEST_DATABASE_URL is set,
 * a new schema on that PostgreSQL (dropped again by `close()`), so the same tests run on both.
 */
export async function createTestDb(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const db = await openPglite();
    await migrate(db);
    return db;
  }
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = await openPg(url, { max: 1 });
  await admin.query(`create schema ${schema}`);
  const db = await openPg(url, { schema, max: 5 });
  await migrate(db);
  return {
    ...db,
    async close() {
      await db.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.close();
    },
  };
}
