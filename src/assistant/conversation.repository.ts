import type { Queryable } from '../db/db.ts';
import type { Channel, Lang } from './dialogue-state.ts';

/** Conversations and their messages (tables `conversations`, `messages`, migration 0020). */

export type ConversationStatus = 'active' | 'handed_off' | 'closed';
export type MessageRole = 'citizen' | 'assistant' | 'officer' | 'system';

export interface ConversationRow {
  id: string;
  channel: Channel;
  status: ConversationStatus;
  language: Lang;
  state: unknown;
  wardCode: string | null;
  tokenHash: string;
  lastSeq: number;
  /** Incremented by every stored turn (see saveTurn's `expectVersion`). */
  version: number;
  createdAt: Date;
  lastActivityAt: Date;
  expiresAt: Date;
}

export interface MessageRow {
  seq: number;
  role: MessageRole;
  text: string;
  meta: Record<string, unknown>;
  at: Date;
}

export interface NewMessage {
  role: MessageRole;
  text: string;
  meta?: Record<string, unknown>;
}

/** Every column but the state. */
const ROW_COLUMNS = `id, channel, status, language, ward_code as "wardCode", token_hash as "tokenHash", last_seq as "lastSeq",
  version, created_at as "createdAt", last_activity_at as "lastActivityAt", expires_at as "expiresAt"`;
const COLUMNS = `${ROW_COLUMNS}, state`;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID_RE.test(s);

export interface ConversationRepositoryOptions {
  /**
   * Keep the rows of recent conversations in memory (write-through) so that a message does not read its
   * conversation back from the database. Only for a process that owns the database's conversations (embedded
   * PGlite is single-process by construction): every write to `conversations` must go through this repository
   * or call `forget(id)`. A turn saved against a row changed elsewhere is refused (version check) — see saveTurn.
   */
  cache?: boolean;
  /** Most conversations kept (least recently used ones are dropped). */
  cacheSize?: number;
}

/** A cached row: the state as the JSON that was stored (each reader gets its own copy to mutate). */
interface CachedRow {
  row: Omit<ConversationRow, 'state'>;
  stateJson: string;
}

/**
 * LRU of conversation rows. `forget` leaves a numbered tombstone so that a turn whose save raced with another
 * writer (an officer taking the chat) does not put back a row older than that write.
 */
function rowCache(size: number) {
  const entries = new Map<string, CachedRow | { forgotten: number }>();
  let epoch = 0;
  const touch = (id: string, e: CachedRow | { forgotten: number }) => {
    entries.delete(id);
    entries.set(id, e);
    if (entries.size > size) entries.delete(entries.keys().next().value!);
  };
  return {
    /** A marker to pass to `put` (taken before the write whose result is put). */
    mark: () => epoch,
    get(id: string): ConversationRow | undefined {
      const e = entries.get(id);
      if (!e || 'forgotten' in e) return undefined;
      touch(id, e);
      return { ...e.row, state: JSON.parse(e.stateJson) as unknown };
    },
    put(id: string, row: Omit<ConversationRow, 'state'>, stateJson: string, since?: number) {
      const e = entries.get(id);
      if (e && 'forgotten' in e && since !== undefined && e.forgotten > since) return;
      touch(id, { row: { ...row }, stateJson });
    },
    forget(id: string) {
      touch(id, { forgotten: ++epoch });
    },
  };
}

export function createConversationRepository(db: Queryable, opts: ConversationRepositoryOptions = {}) {
  const cache = opts.cache ? rowCache(opts.cacheSize ?? 20_000) : null;
  const remember = (r: ConversationRow, since?: number) => {
    if (!cache) return;
    const { state, ...row } = r;
    cache.put(r.id, row, JSON.stringify(state ?? {}), since);
  };

  return {
    /** True when rows are served from memory (see ConversationRepositoryOptions.cache). */
    cached: !!cache,

    async create(c: { id: string; channel: Channel; tokenHash: string; externalUserHash?: string | null; language: Lang; state: unknown; at: Date; expiresAt: Date }): Promise<ConversationRow> {
      const [row] = await db.query<ConversationRow>(
        `insert into conversations (id, channel, external_user_hash, token_hash, language, state, created_at, last_activity_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $7, $8) returning ${COLUMNS}`,
        [c.id, c.channel, c.externalUserHash ?? null, c.tokenHash, c.language, JSON.stringify(c.state), c.at, c.expiresAt],
      );
      remember(row!);
      return row!;
    },

    /** The conversation (from memory when cached). */
    async get(id: string): Promise<ConversationRow | undefined> {
      if (!isUuid(id)) return undefined;
      const hit = cache?.get(id);
      if (hit) return hit;
      const since = cache?.mark();
      const [row] = await db.query<ConversationRow>(`select ${COLUMNS} from conversations where id = $1`, [id]);
      if (row) remember(row, since);
      return row;
    },

    /** Drops the cached row after a write made outside this repository (hand-off status changes). */
    forget(id: string) {
      cache?.forget(id);
    },

    async findByExternalUser(channel: Channel, externalUserHash: string): Promise<ConversationRow | undefined> {
      const [row] = await db.query<ConversationRow>(
        `select ${COLUMNS} from conversations where channel = $1 and external_user_hash = $2 and status <> 'closed' order by created_at desc limit 1`,
        [channel, externalUserHash],
      );
      return row;
    },

    /**
     * Stores one turn in one statement: the conversation's new state and activity, and its messages with
     * sequence numbers taken from `last_seq` (atomic, so officer messages written meanwhile never collide).
     * `status`/`wardCode` null = unchanged. `expectVersion` (given when the turn ran on a cached row): the turn
     * is stored only if no other turn was stored since that version — otherwise nothing is written and null is
     * returned (the caller reloads and answers again). Without it: the sequence numbers, in order (empty when
     * the conversation no longer exists).
     */
    async saveTurn(t: { id: string; state: unknown; language: Lang; wardCode: string | null; status: ConversationStatus | null; at: Date; expiresAt: Date; messages: NewMessage[]; expectVersion?: number }): Promise<number[] | null> {
      const n = t.messages.length;
      const msgs = t.messages.map((m, i) => ({ ord: i + 1, role: m.role, text: m.text, meta: m.meta ?? {} }));
      const stateJson = JSON.stringify(t.state);
      const since = cache?.mark();
      const rows = await db.query<Omit<ConversationRow, 'state'> & { seq: number }>(
        `with c as (
           update conversations set last_seq = last_seq + $2, state = $3, language = $4, ward_code = coalesce($5, ward_code),
             status = coalesce($6, status), last_activity_at = $7, expires_at = $8, version = version + 1
           where id = $1 and ($10::integer is null or version = $10)
           returning ${ROW_COLUMNS}
         ), m as (
           insert into messages (conversation_id, seq, role, text, meta, at)
           select $1, c."lastSeq" - $2 + m.ord, m.role, m.text, m.meta, $7
           from c, jsonb_to_recordset($9::jsonb) as m(ord integer, role text, text text, meta jsonb)
           returning seq
         )
         select c.*, m.seq from c, m`,
        [t.id, n, stateJson, t.language, t.wardCode, t.status, t.at, t.expiresAt, JSON.stringify(msgs), t.expectVersion ?? null],
      );
      if (!rows.length) {
        // deleted meanwhile, or (expectVersion) another turn was stored first
        cache?.forget(t.id);
        return t.expectVersion === undefined ? [] : null;
      }
      if (cache) {
        const { seq: _seq, ...row } = rows[0]!;
        cache.put(t.id, row, stateJson, since);
      }
      return rows.map((r) => r.seq).sort((a, b) => a - b);
    },

    /** One message outside a citizen turn (officer reply, system notice). */
    async appendMessage(conversationId: string, m: NewMessage, at: Date, expiresAt: Date): Promise<number | null> {
      const [row] = await db.query<{ seq: number }>(
        `with c as (
           update conversations set last_seq = last_seq + 1, last_activity_at = $5, expires_at = greatest(expires_at, $6)
           where id = $1 returning last_seq
         )
         insert into messages (conversation_id, seq, role, text, meta, at)
         select $1, c.last_seq, $2, $3, $4, $5 from c returning seq`,
        [conversationId, m.role, m.text, JSON.stringify(m.meta ?? {}), at, expiresAt],
      );
      cache?.forget(conversationId); // last_seq, activity and expiry changed
      return row?.seq ?? null;
    },

    async setStatus(id: string, status: ConversationStatus): Promise<void> {
      await db.query(`update conversations set status = $2 where id = $1`, [id, status]);
      cache?.forget(id);
    },

    async setWard(id: string, wardCode: string): Promise<void> {
      await db.query(`update conversations set ward_code = $2 where id = $1`, [id, wardCode]);
      cache?.forget(id);
    },

    async messages(id: string, afterSeq: number, limit: number): Promise<MessageRow[]> {
      return db.query<MessageRow>(
        `select seq, role, text, meta, at from messages where conversation_id = $1 and seq > $2 order by seq limit $3`,
        [id, afterSeq, limit],
      );
    },

    async message(id: string, seq: number): Promise<MessageRow | undefined> {
      const [row] = await db.query<MessageRow>(`select seq, role, text, meta, at from messages where conversation_id = $1 and seq = $2`, [id, seq]);
      return row;
    },

    /** Records the citizen's feedback on one assistant message, once. False when already given. */
    async setFeedback(id: string, seq: number, feedback: { helpful: boolean; at: string }): Promise<boolean> {
      const rows = await db.query(
        `update messages set meta = meta || jsonb_build_object('feedback', $3::jsonb)
         where conversation_id = $1 and seq = $2 and role = 'assistant' and not (meta ? 'feedback') returning seq`,
        [id, seq, JSON.stringify(feedback)],
      );
      return rows.length > 0;
    },

    /** Deletes conversations past their retention (messages and hand-offs cascade). Returns how many. */
    async deleteExpired(now: Date, limit = 1000): Promise<number> {
      const rows = await db.query(
        `delete from conversations where id in (select id from conversations where expires_at < $1 limit $2) returning id`,
        [now, limit],
      );
      for (const r of rows as Array<{ id: string }>) cache?.forget(r.id);
      return rows.length;
    },
  };
}

export type ConversationRepository = ReturnType<typeof createConversationRepository>;
