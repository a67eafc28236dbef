import { parentPort, workerData } from 'node:worker_threads';
import type { Queryable } from './db.ts';
import { openPgliteHere } from './pglite.ts';
import type { ThreadReply, ThreadRequest } from './pglite-thread.ts';

/**
 * The database thread of `openPglite(dataDir)` (src/db/pglite-thread.ts): owns the PGlite instance and runs
 * what the main thread sends, one message at a time per PGlite's own locks. A transaction stays open here
 * while the main thread's function runs; its statements arrive tagged with the transaction's id.
 */

const port = parentPort!;
const db = await openPgliteHere((workerData as { dataDir?: string }).dataDir);

interface OpenTx {
  queue: ThreadRequest[];
  wake: (() => void) | null;
}
const txs = new Map<string, OpenTx>();

const send = (m: ThreadReply) => port.postMessage(m);

/** The fields of a PostgreSQL error that callers read (code, constraint, …), as plain data. */
function errorData(err: unknown) {
  const e = err as Record<string, unknown>;
  const data: Record<string, unknown> = { message: err instanceof Error ? err.message : String(err) };
  for (const k of ['code', 'detail', 'hint', 'constraint', 'table', 'column', 'schema', 'dataType', 'severity', 'position', 'where', 'routine']) {
    if (e?.[k] !== undefined) data[k] = e[k];
  }
  return data;
}

async function answer(q: Queryable, m: Extract<ThreadRequest, { op: 'query' }>) {
  try {
    send({ id: m.id, rows: await q.query(m.sql, m.params) });
  } catch (err) {
    send({ id: m.id, error: errorData(err) });
  }
}

function runTransaction(id: number, txId: string) {
  const t: OpenTx = { queue: [], wake: null };
  txs.set(txId, t);
  db.transaction(async (tx) => {
    send({ id });
    for (;;) {
      while (!t.queue.length) await new Promise<void>((r) => (t.wake = r));
      const m = t.queue.shift()!;
      if (m.op === 'end') {
        if (!m.commit) throw ROLLBACK;
        return;
      }
      if (m.op === 'query') await answer(tx, m);
    }
  }).then(
    () => {
      txs.delete(txId);
      send({ id: -1, tx: txId });
    },
    (err: unknown) => {
      txs.delete(txId);
      send({ id: -1, tx: txId, ...(err === ROLLBACK ? {} : { error: errorData(err) }) });
    },
  );
}
const ROLLBACK = new Error('rollback requested');

port.on('message', (m: ThreadRequest) => {
  if ('tx' in m && m.tx !== undefined && m.op !== 'begin') {
    const t = txs.get(m.tx);
    if (!t) {
      if (m.op === 'query') send({ id: m.id, error: { message: 'Transaction is closed' } });
      return;
    }
    t.queue.push(m);
    t.wake?.();
    t.wake = null;
    return;
  }
  switch (m.op) {
    case 'query':
      void answer(db, m);
      break;
    case 'begin':
      runTransaction(m.id, m.tx);
      break;
    case 'exec':
      db.exec(m.sql).then(
        () => send({ id: m.id }),
        (err: unknown) => send({ id: m.id, error: errorData(err) }),
      );
      break;
    case 'close':
      db.close().then(
        () => send({ id: m.id }),
        (err: unknown) => send({ id: m.id, error: errorData(err) }),
      );
      break;
  }
});

send({ id: 0 });
