import { mkdirSync } from 'node:fs';
import { PGlite, parse, protocol, types } from '@electric-sql/pglite';
import type { Db, Queryable } from './db.ts';
import { openPgliteThread } from './pglite-thread.ts';

const parsers = {
  [types.INT8]: (v: string) => Number(v),
  [types.NUMERIC]: (v: string) => Number(v),
};

/** Named prepared statements kept per SQL text (least recently used ones are closed beyond this). */
const STATEMENT_CACHE_SIZE = 256;
/** Command tags after which every prepared statement is dropped (their plans may no longer fit the schema). */
const SCHEMA_COMMANDS = new Set(['ALTER', 'CREATE', 'DROP', 'COMMENT']);

/**
 * Embedded PostgreSQL (WASM). `dataDir` undefined = in memory (tests). By default a database on disk runs in its
 * own thread (src/db/pglite-thread.ts) so that the engine's work does not stall the HTTP server's event loop;
 * `thread` chooses explicitly.
 */
export function openPglite(dataDir?: string, opts: { thread?: boolean } = {}): Promise<Db> {
  return (opts.thread ?? dataDir !== undefined) ? openPgliteThread(dataDir) : openPgliteHere(dataDir);
}

/**
 * PGlite in the calling thread.
 *
 * Durability: PGlite runs PostgreSQL with fsync off (`-F`) and its Node file system has nothing to flush, so a
 * statement that returned has written its WAL into the data directory's files (the OS page cache): committed
 * work survives the process being killed (SIGKILL, crash), not a power cut or kernel crash before the OS writes
 * the pages out. `relaxedDurability` changes nothing on Node (it only defers IndexedDB syncs in browsers).
 *
 * Speed: PGlite's own `query()` parses and plans the SQL on every call and crosses into the WASM engine six
 * times (parse, describe, bind, describe, execute, sync). Here each distinct SQL text is parsed once as a named
 * prepared statement; each call is then one crossing (bind + describe + execute + sync), with PGlite's own
 * value serializers and result parsers, under PGlite's own locks.
 */
export async function openPgliteHere(dataDir?: string): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir ? { dataDir, parsers } : { parsers });
  const statements = new Map<string, { name: string; paramTypes: number[] }>();
  let counter = 0;

  const { serialize } = protocol;
  const concat = (parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  const exchange = (message: Uint8Array, inTransaction: boolean) => pg.execProtocolStream(message, { syncToFs: !inTransaction });

  async function forgetAll() {
    if (!statements.size) return;
    statements.clear();
    await exchange(serialize.query('deallocate all'), true);
  }

  async function prepared(text: string) {
    const hit = statements.get(text);
    if (hit) {
      statements.delete(text); // keep the map in least-recently-used order
      statements.set(text, hit);
      return hit;
    }
    if (statements.size >= STATEMENT_CACHE_SIZE) {
      const [oldText, old] = statements.entries().next().value!;
      statements.delete(oldText);
      await exchange(concat([serialize.close({ type: 'S', name: old.name }), serialize.sync()]), true);
    }
    const name = `by_${(++counter).toString(36)}`;
    const described = await exchange(concat([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]), true);
    const entry = { name, paramTypes: parse.parseDescribeStatementResults(described) };
    statements.set(text, entry);
    return entry;
  }

  /** One statement: bind the prepared statement, execute, sync — one call into the engine. Caller holds the query lock. */
  async function run<T>(text: string, params: readonly unknown[] | undefined, inTransaction: boolean): Promise<T[]> {
    const st = await prepared(text);
    const values = (params ?? []).map((v, i) => {
      if (v === null || v === undefined) return null;
      const ser = pg.serializers[st.paramTypes[i]!];
      return ser ? ser(v) : String(v);
    });
    try {
      const messages = await exchange(
        concat([serialize.bind({ statement: st.name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]),
        inTransaction,
      );
      const result = parse.parseResults(messages, pg.parsers)[0]!;
      // a schema change: plans made before it may no longer fit (e.g. "select *" of an altered table)
      if (result.command && SCHEMA_COMMANDS.has(result.command)) await forgetAll();
      return result.rows as T[];
    } catch (err) {
      // A table changed under a prepared statement ("cached plan must not change result type"): prepare it again.
      if ((err as { code?: string }).code === '0A000') {
        statements.delete(text);
        await exchange(concat([serialize.close({ type: 'S', name: st.name }), serialize.sync()]), true).catch(() => undefined);
        if (!inTransaction) return run(text, params, inTransaction);
      }
      throw err;
    }
  }

  return {
    kind: 'pglite',
    query: <T>(text: string, params?: readonly unknown[]) => pg._runExclusiveTransaction(() => pg._runExclusiveQuery(() => run<T>(text, params, false))),
    transaction: (fn) =>
      pg.transaction(async () => {
        let open = true;
        const tx: Queryable = {
          query: <T>(text: string, params?: readonly unknown[]) => {
            if (!open) return Promise.reject(new Error('Transaction is closed'));
            return pg._runExclusiveQuery(() => run<T>(text, params, true));
          },
        };
        try {
          return await fn(tx);
        } finally {
          open = false;
        }
      }),
    exec: async (sql) => {
      await pg.exec(sql);
      // scripts are migrations: forget plans made before the schema changed
      await pg._runExclusiveTransaction(() => pg._runExclusiveQuery(forgetAll));
    },
    close: () => pg.close(),
  };
}
