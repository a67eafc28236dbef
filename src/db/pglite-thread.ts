import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db, Queryable } from './db.ts';

/**
 * Embedded PGlite in its own thread (src/db/pglite.worker.ts): the WASM engine's work — about half of a chat
 * message's CPU on the server's main thread — runs beside the HTTP server and the dialogue instead of between
 * them. Same semantics as in-thread PGlite: the worker answers each statement after PGlite has run it (so a
 * turn is written before its HTTP answer), one transaction at a time, errors keep their PostgreSQL fields
 * (`code`, `constraint`, …). Values cross the thread boundary by structured clone (Date, Uint8Array, arrays
 * and plain objects survive; functions and class instances do not — repositories pass plain values anyway).
 */

export type ThreadRequest =
  | { id: number; op: 'query'; sql: string; params?: readonly unknown[]; tx?: string }
  | { id: number; op: 'begin'; tx: string }
  | { id: number; op: 'end'; tx: string; commit: boolean }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'close' };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export type ThreadReply = { id: number; tx?: string; rows?: unknown[]; error?: Record<string, unknown> };

const WORKER_ENTRY = new URL('./pglite.worker.ts', import.meta.url).href;
/** tsx's ESM register API, as a file URL (the worker loads TypeScript like the main process, whatever the cwd). */
function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('tsx/package.json');
  const pkg = require(pkgFile) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(path.join(path.dirname(pkgFile), pkg.exports['./esm/api']!.import.default)).href;
}
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx)
  .then(({ register }) => { register(); return import(workerData.entry); })
  .catch((err) => { setImmediate(() => { throw err; }); });
`;

function toError(data: Record<string, unknown>): Error {
  return Object.assign(new Error(String(data.message)), data);
}

export async function openPgliteThread(dataDir?: string): Promise<Db> {
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { dataDir, entry: WORKER_ENTRY, tsx: tsxApiUrl() } });
  const pending = new Map<number, { resolve: (m: ThreadReply) => void; reject: (e: Error) => void }>();
  const txEnds = new Map<string, { resolve: (m: ThreadReply) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let nextTx = 1;
  let failure: Error | null = null;

  const fail = (err: Error) => {
    failure ??= err;
    for (const p of [...pending.values(), ...txEnds.values()]) p.reject(failure);
    pending.clear();
    txEnds.clear();
  };

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => done(err);
    const onExit = (code: number) => done(new Error(`database thread exited (${code}) while starting`));
    const done = (err?: Error) => {
      worker.off('error', onError).off('exit', onExit);
      if (err) reject(err);
      else resolve();
    };
    worker.once('message', () => done());
    worker.on('error', onError).on('exit', onExit);
  });
  worker.on('message', (m: ThreadReply) => {
    const waiter = m.tx !== undefined && m.id === -1 ? txEnds.get(m.tx) : pending.get(m.id);
    if (!waiter) return;
    if (m.tx !== undefined && m.id === -1) txEnds.delete(m.tx);
    else pending.delete(m.id);
    waiter.resolve(m);
  });
  worker.on('error', (err) => fail(err));
  worker.on('exit', (code) => fail(new Error(`database thread exited (${code})`)));

  const call = (req: WithoutId<ThreadRequest>): Promise<ThreadReply> =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...req, id });
    });
  const rowsOf = async <T>(req: WithoutId<ThreadRequest>): Promise<T[]> => {
    const m = await call(req);
    if (m.error) throw toError(m.error);
    return m.rows as T[];
  };
  const plain = (params?: readonly unknown[]) => (params ? [...params] : undefined);

  return {
    kind: 'pglite',
    query: <T>(sql: string, params?: readonly unknown[]) => rowsOf<T>({ op: 'query', sql, params: plain(params) }),
    async transaction(fn) {
      const tx = `tx${nextTx++}`;
      const ended = new Promise<ThreadReply>((resolve, reject) => txEnds.set(tx, { resolve, reject }));
      ended.catch(() => undefined);
      const begun = await call({ op: 'begin', tx });
      if (begun.error) {
        txEnds.delete(tx);
        throw toError(begun.error);
      }
      let open = true;
      const q: Queryable = {
        query: <T>(sql: string, params?: readonly unknown[]) =>
          open ? rowsOf<T>({ op: 'query', sql, params: plain(params), tx }) : Promise.reject(new Error('Transaction is closed')),
      };
      let out;
      try {
        out = await fn(q);
      } catch (err) {
        open = false;
        worker.postMessage({ id: 0, op: 'end', tx, commit: false });
        await ended.catch(() => undefined);
        throw err;
      }
      open = false;
      worker.postMessage({ id: 0, op: 'end', tx, commit: true });
      const end = await ended;
      if (end.error) throw toError(end.error);
      return out;
    },
    async exec(sql) {
      const m = await call({ op: 'exec', sql });
      if (m.error) throw toError(m.error);
    },
    async close() {
      if (!failure) await call({ op: 'close' }).catch(() => undefined);
      failure ??= new Error('database closed');
      await worker.terminate();
    },
  };
}
