import { randomUUID } from 'node:crypto';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { openPg } from './pg.ts';
import { openPglite } from './pglite.ts';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default (in its own thread with
 * TEST_PGLITE_THREAD=1); when TEST_DATABASE_URL is set,
 * a new schema on that PostgreSQL (dropped again by `close()`), so the same tests run on both.
 */
export async function createTestDb(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    // TEST_PGLITE_THREAD=1: the same in-memory PGlite behind its database thread (as on disk in production)
    const db = await openPglite(undefined, { thread: process.env.TEST_PGLITE_THREAD === '1' });
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
