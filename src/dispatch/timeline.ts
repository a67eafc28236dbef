import { createHash } from 'node:crypto';
import type { Queryable } from '../db/db.ts';

/**
 * The tamper-evident incident timeline. Every action on an incident appends one entry; entry n stores
 * the hash of entry n−1 (`prev_hash`, GENESIS for the first) and its own hash:
 *
 *   hash = sha256_hex( canonicalJson({ incident_id, seq, at, actor, action, data, prev_hash }) )
 *
 * canonicalJson = JSON with object keys sorted (recursively), no whitespace, `at` as an ISO-8601 UTC string
 * with milliseconds. Editing any field of any entry, deleting or reordering entries breaks the chain;
 * deleting the newest entries is caught by the head (last seq + hash) kept on the incident row.
 * The database refuses UPDATE/DELETE/TRUNCATE on the table (trigger in migration 0040).
 */
export const GENESIS = '0'.repeat(64);

export interface TimelineEntry {
  incidentId: string;
  seq: number;
  at: Date;
  actor: string;
  action: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface TimelineRow {
  incident_id: string;
  seq: number;
  at: Date;
  actor: string;
  action: string;
  data: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('non-finite number in timeline data');
    if (value === undefined) return 'null';
    return JSON.stringify(value);
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function entryHash(e: Omit<TimelineEntry, 'hash'>): string {
  const body = canonicalJson({
    incident_id: e.incidentId,
    seq: e.seq,
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    data: e.data,
    prev_hash: e.prevHash,
  });
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Makes timeline data JSON-clean (Dates → ISO strings, undefined dropped; NUL and lone surrogates, which jsonb refuses, replaced) so that what is hashed is
 * exactly what jsonb stores and gives back. */
export function cleanData(data: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(data, (_k, v: unknown) => (typeof v === 'string' ? v.replace(/\u0000/g, '').replace(LONE_SURROGATE, '\ufffd') : v))) as Record<string, unknown>;
}

export const fromRow = (r: TimelineRow): TimelineEntry => ({
  incidentId: r.incident_id,
  seq: r.seq,
  at: new Date(r.at),
  actor: r.actor,
  action: r.action,
  data: r.data,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export interface VerifyResult {
  ok: boolean;
  entries: number;
  headHash: string | null;
  /** The first entry where the chain breaks (seq), with the reason. */
  broken?: { seq: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'head_mismatch' | 'incident_mismatch'; expected?: string; found?: string };
}

/** Checks a chain (entries ordered by seq) against the head recorded on the incident (pure). */
export function verifyChain(incidentId: string, entries: TimelineEntry[], head: { seq: number; hash: string | null }): VerifyResult {
  let prev = GENESIS;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const headHash = i > 0 ? entries[i - 1]!.hash : null;
    if (e.incidentId !== incidentId) return { ok: false, entries: entries.length, headHash, broken: { seq: e.seq, reason: 'incident_mismatch' } };
    if (e.seq !== i + 1) return { ok: false, entries: entries.length, headHash, broken: { seq: i + 1, reason: 'seq_gap', expected: String(i + 1), found: String(e.seq) } };
    if (e.prevHash !== prev) return { ok: false, entries: entries.length, headHash, broken: { seq: e.seq, reason: 'prev_hash_mismatch', expected: prev, found: e.prevHash } };
    const h = entryHash(e);
    if (h !== e.hash) return { ok: false, entries: entries.length, headHash, broken: { seq: e.seq, reason: 'hash_mismatch', expected: h, found: e.hash } };
    prev = e.hash;
  }
  const last = entries[entries.length - 1];
  if (head.seq !== entries.length || (head.hash ?? null) !== (last?.hash ?? null)) {
    return { ok: false, entries: entries.length, headHash: last?.hash ?? null, broken: { seq: Math.min(head.seq, entries.length + 1), reason: 'head_mismatch', expected: `${head.seq}:${head.hash}`, found: `${entries.length}:${last?.hash ?? null}` } };
  }
  return { ok: true, entries: entries.length, headHash: last?.hash ?? null };
}

/**
 * Appends one entry inside the caller's transaction. Locks the incident row so that concurrent appends to
 * one incident serialize, then moves the head kept on the incident.
 */
export async function appendTimeline(
  tx: Queryable,
  e: { incidentId: string; at: Date; actor: string; action: string; data?: Record<string, unknown> },
): Promise<TimelineEntry> {
  const [head] = await tx.query<{ timeline_seq: number; timeline_head: string | null }>(
    'select timeline_seq, timeline_head from incidents where id = $1 for update',
    [e.incidentId],
  );
  if (!head) throw new Error(`incident ${e.incidentId} not found for timeline append`);
  const entry: Omit<TimelineEntry, 'hash'> = {
    incidentId: e.incidentId,
    seq: head.timeline_seq + 1,
    at: new Date(e.at.getTime()),
    actor: e.actor,
    action: e.action,
    data: cleanData(e.data ?? {}),
    prevHash: head.timeline_head ?? GENESIS,
  };
  const hash = entryHash(entry);
  await tx.query(
    `insert into incident_timeline (incident_id, seq, at, actor, action, data, prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [entry.incidentId, entry.seq, entry.at, entry.actor, entry.action, JSON.stringify(entry.data), entry.prevHash, hash],
  );
  await tx.query('update incidents set timeline_seq = $2, timeline_head = $3 where id = $1', [entry.incidentId, entry.seq, hash]);
  return { ...entry, hash };
}

export async function loadTimeline(q: Queryable, incidentId: string): Promise<TimelineEntry[]> {
  const rows = await q.query<TimelineRow>('select * from incident_timeline where incident_id = $1 order by seq', [incidentId]);
  return rows.map(fromRow);
}

export async function verifyIncidentTimeline(q: Queryable, incidentId: string): Promise<VerifyResult> {
  const [head] = await q.query<{ timeline_seq: number; timeline_head: string | null }>('select timeline_seq, timeline_head from incidents where id = $1', [incidentId]);
  const entries = await loadTimeline(q, incidentId);
  return verifyChain(incidentId, entries, { seq: head?.timeline_seq ?? 0, hash: head?.timeline_head ?? null });
}
