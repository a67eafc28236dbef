/**
 * The database port. Repositories depend on this interface only; two adapters implement it
 * (embedded PGlite and node-postgres) and both run the same SQL migrations and the same tests.
 *
 * Value conventions shared by both adapters: int8 -> number, timestamptz -> Date, json/jsonb -> parsed value.
 * Avoid `numeric` columns (PGlite returns strings); use double precision or integers.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'pg';
  /** Runs fn inside BEGIN/COMMIT; rolls back when fn throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a multi-statement script without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** First row or undefined. */
export async function one<T>(q: Queryable, text: string, params?: readonly unknown[]): Promise<T | undefined> {
  const rows = await q.query<T>(text, params);
  return rows[0];
}
