import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, Queryable } from './db.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** Advisory lock key so that several server processes on one PostgreSQL migrate one at a time. */
const LOCK_KEY = 7_261_925;

/**
 * Applies every `migrations/NNNN_name.sql` not yet recorded, in file-name order, each in its own
 * transaction. Returns the versions applied now.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = readdirSync(dir).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
  const lock = async (tx: Queryable) => {
    if (db.kind === 'pg') await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
  };
  await db.transaction(async (tx) => {
    await lock(tx);
    await tx.query(
      'create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())',
    );
  });
  const applied: string[] = [];
  for (const file of files) {
    const version = file.replace(/\.sql$/, '');
    const sql = readFileSync(path.join(dir, file), 'utf8');
    const ran = await db.transaction(async (tx) => {
      await lock(tx);
      const done = await tx.query('select 1 from schema_migrations where version = $1', [version]);
      if (done.length > 0) return false;
      for (const stmt of splitStatements(sql)) await tx.query(stmt);
      await tx.query('insert into schema_migrations (version) values ($1)', [version]);
      return true;
    });
    if (ran) applied.push(version);
  }
  return applied;
}

/** Splits a migration script on statement boundaries (semicolon at end of line, outside $$ bodies). */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current = '';
  let inDollar: string | null = null;
  for (const line of sql.split('\n')) {
    const trimmed = line.replace(/--.*$/, '');
    const dollars = trimmed.match(/\$[a-zA-Z_]*\$/g) ?? [];
    for (const d of dollars) inDollar = inDollar === d ? null : inDollar ?? d;
    current += line + '\n';
    if (!inDollar && /;\s*$/.test(trimmed)) {
      if (stripComments(current)) out.push(current.trim());
      current = '';
    }
  }
  if (stripComments(current)) out.push(current.trim());
  return out;
}

const stripComments = (sql: string) => sql.replace(/--.*$/gm, '').trim();
