import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db.ts';
import type { AlarmStore, CommitResult, ReceivedFrame } from './receiver/ports.ts';

/** A stored event with what the monitoring API shows next to it (the account's ward and zone names). */
export interface EventRow {
  id: string;
  account: string;
  sequence: string;
  receiver: string | null;
  line: string | null;
  token: string;
  encrypted: boolean;
  eventIndex: number;
  code: string;
  zone: string | null;
  area: string | null;
  qualifier: string;
  category: string;
  description: string | null;
  cidCode: string | null;
  eventTime: Date | null;
  receivedAt: Date;
  transport: string;
  incidentId: string | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  knownAccount: boolean;
  wardCode: string | null;
  zones: Record<string, string> | null;
}

export const EVENT_SELECT = `select e.id, e.account, e.sequence, e.receiver, e.line, e.token, e.encrypted, e.event_index as "eventIndex", e.code,
  e.zone, e.area, e.qualifier, e.category, e.description, e.cid_code as "cidCode", e.event_time as "eventTime",
  e.received_at as "receivedAt", e.transport, e.incident_id as "incidentId", e.acknowledged_at as "acknowledgedAt",
  e.acknowledged_by as "acknowledgedBy", (a.account is not null) as "knownAccount", a.ward_code as "wardCode", a.zones
  from alarm_events e left join alarm_accounts a on a.account = e.account`;

/**
 * The alarm store on the Db port (PGlite or PostgreSQL). One statement, hence one atomic and durable commit, per
 * batch (group commit), made of three data-modifying parts:
 * 1. dedupe: upsert the keys into `alarm_dedupe`; a key whose first reception is inside the window is a duplicate
 *    (the conditional upsert is atomic, so two receivers on one PostgreSQL cannot both store the same message);
 * 2. insert the events of the new frames into `alarm_events`;
 * 3. refresh `alarm_accounts.last_seen_at` for every account heard from.
 */
export class AlarmEventRepository implements AlarmStore {
  constructor(
    private readonly db: Db,
    private readonly opts: { dedupeWindowMs: number } = { dedupeWindowMs: 40_000 },
  ) {}

  async commit(batch: readonly ReceivedFrame[]): Promise<CommitResult[]> {
    if (batch.length === 0) return [];
    const results: (CommitResult | null)[] = batch.map(() => null);
    // Keys repeated inside the batch: the first one decides, the others are duplicates.
    const firstOfKey = new Map<string, number>();
    const candidates: number[] = [];
    batch.forEach((f, i) => {
      if (f.events.length === 0) {
        results[i] = { status: 'stored', eventIds: [] };
        return;
      }
      const k = keyOf(f);
      if (firstOfKey.has(k)) results[i] = { status: 'duplicate' };
      else firstOfKey.set(k, i), candidates.push(i);
    });
    const lastSeen = new Map<string, Date>();
    for (const f of batch) {
      const t = lastSeen.get(f.account);
      if (!t || t < f.receivedAt) lastSeen.set(f.account, f.receivedAt);
    }
    const seenParams = [[...lastSeen.keys()], [...lastSeen.values()].map((d) => d.toISOString())];
    if (candidates.length === 0) {
      await this.db.query(SEEN_ONLY_SQL, seenParams);
      return results.map((r) => r!);
    }

    const frames = candidates.map((i) => batch[i]!);
    const ids = frames.map((f) => f.events.map(() => randomUUID()));
    const rows: unknown[][] = [];
    frames.forEach((f, fi) =>
      f.events.forEach((e, n) =>
        rows.push([
          ids[fi]![n], f.account, f.sequence, f.receiver, f.line, f.token, f.encrypted, n, e.code, e.zone, e.area, e.user,
          e.qualifier, e.category, e.description, e.cidCode, e.text, e.eventTime?.toISOString() ?? null,
          f.receivedAt.toISOString(), f.raw, f.plaintext, f.transport, f.remoteAddr,
          f.receiver?.toUpperCase() ?? '', f.line?.toUpperCase() ?? '',
        ]),
      ),
    );
    // One statement = one atomic, durable commit: dedupe upsert, event insert and last-seen refresh together.
    const fresh = await this.db.query<{ account: string; receiver: string; line: string; sequence: string }>(COMMIT_SQL, [
      frames.map((f) => f.account),
      frames.map((f) => f.receiver?.toUpperCase() ?? ''),
      frames.map((f) => f.line?.toUpperCase() ?? ''),
      frames.map((f) => f.sequence),
      frames.map((f) => f.receivedAt.toISOString()),
      this.opts.dedupeWindowMs,
      ...Array.from({ length: 25 }, (_, j) => rows.map((r) => r[j])),
      ...seenParams,
    ]);
    const freshKeys = new Set(fresh.map((r) => `${r.account}|${r.receiver}|${r.line}|${r.sequence}`));
    candidates.forEach((i, fi) => {
      results[i] = freshKeys.has(keyOf(batch[i]!)) ? { status: 'stored', eventIds: ids[fi]! } : { status: 'duplicate' };
    });
    return results.map((r) => r!);
  }

  /** Stored events of one account, newest first. */
  async listByAccount(account: string, limit = 100): Promise<EventRow[]> {
    return this.db.query<EventRow>(
      `${EVENT_SELECT} where e.account = $1 order by e.received_at desc, e.event_index desc limit $2`,
      [account.toUpperCase(), Math.max(1, Math.min(10_000, limit))],
    );
  }

  /** Links an event to the incident created for it. */
  async setIncident(eventId: string, incidentId: string): Promise<void> {
    await this.db.query('update alarm_events set incident_id = $2 where id = $1', [eventId, incidentId]);
  }
}

const SEEN_SQL = `update alarm_accounts a set last_seen_at = v.t
  from unnest($S1::text[], $S2::timestamptz[]) as v(account, t)
  where a.account = v.account and (a.last_seen_at is null or a.last_seen_at < v.t)`;
/** A batch of NULL frames and duplicates only refreshes last-seen. */
const SEEN_ONLY_SQL = SEEN_SQL.replace('$S1', '$1').replace('$S2', '$2');

const COMMIT_SQL = `with fresh as (
    insert into alarm_dedupe as d (account, receiver, line, sequence, first_received_at)
    select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
    on conflict (account, receiver, line, sequence) do update set first_received_at = excluded.first_received_at
      where d.first_received_at < excluded.first_received_at - $6::double precision * interval '1 millisecond'
    returning account, receiver, line, sequence
  ), ev as (
    select * from unnest($7::uuid[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::boolean[],
      $14::smallint[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[],
      $22::text[], $23::text[], $24::timestamptz[], $25::timestamptz[], $26::text[], $27::text[], $28::text[],
      $29::text[], $30::text[], $31::text[])
      as e(id, account, sequence, receiver, line, token, encrypted, event_index, code, zone, area, user_number,
        qualifier, category, description, cid_code, alarm_text, event_time, received_at, raw, plaintext, transport,
        remote_addr, rk, lk)
  ), ins as (
    insert into alarm_events (id, account, sequence, receiver, line, token, encrypted, event_index, code, zone, area,
      user_number, qualifier, category, description, cid_code, alarm_text, event_time, received_at, raw, plaintext,
      transport, remote_addr)
    select e.id, e.account, e.sequence, e.receiver, e.line, e.token, e.encrypted, e.event_index, e.code, e.zone, e.area,
      e.user_number, e.qualifier, e.category, e.description, e.cid_code, e.alarm_text, e.event_time, e.received_at,
      e.raw, e.plaintext, e.transport, e.remote_addr
    from ev e join fresh f on f.account = e.account and f.receiver = e.rk and f.line = e.lk and f.sequence = e.sequence
    returning 1
  ), seen as (
    ${SEEN_SQL.replace('$S1', '$32').replace('$S2', '$33')}
    returning 1
  )
  select account, receiver, line, sequence from fresh`;

const keyOf = (f: ReceivedFrame) =>
  `${f.account}|${f.receiver?.toUpperCase() ?? ''}|${f.line?.toUpperCase() ?? ''}|${f.sequence}`;
