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

const COLUMNS = `id, channel, status, language, state, ward_code as "wardCode", token_hash as "tokenHash", last_seq as "lastSeq",
  created_at as "createdAt", last_activity_at as "lastActivityAt", expires_at as "expiresAt"`;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID_RE.test(s);

export function createConversationRepository(db: Queryable) {
  return {
    async create(c: { id: string; channel: Channel; tokenHash: string; externalUserHash?: string | null; language: Lang; state: unknown; at: Date; expiresAt: Date }): Promise<ConversationRow> {
      const [row] = await db.query<ConversationRow>(
        `insert into conversations (id, channel, external_user_hash, token_hash, language, state, created_at, last_activity_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $7, $8) returning ${COLUMNS}`,
        [c.id, c.channel, c.externalUserHash ?? null, c.tokenHash, c.language, JSON.stringify(c.state), c.at, c.expiresAt],
      );
      return row!;
    },

    async get(id: string): Promise<ConversationRow | undefined> {
      if (!isUuid(id)) return undefined;
      const [row] = await db.query<ConversationRow>(`select ${COLUMNS} from conversations where id = $1`, [id]);
      return row;
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
     * `status`/`wardCode` null = unchanged. Returns the sequence numbers, in order.
     */
    async saveTurn(t: { id: string; state: unknown; language: Lang; wardCode: string | null; status: ConversationStatus | null; at: Date; expiresAt: Date; messages: NewMessage[] }): Promise<number[]> {
      const n = t.messages.length;
      const msgs = t.messages.map((m, i) => ({ ord: i + 1, role: m.role, text: m.text, meta: m.meta ?? {} }));
      const rows = await db.query<{ seq: number }>(
        `with c as (
           update conversations set last_seq = last_seq + $2, state = $3, language = $4, ward_code = coalesce($5, ward_code),
             status = coalesce($6, status), last_activity_at = $7, expires_at = $8, version = version + 1
           where id = $1 returning last_seq
         )
         insert into messages (conversation_id, seq, role, text, meta, at)
         select $1, c.last_seq - $2 + m.ord, m.role, m.text, m.meta, $7
         from c, jsonb_to_recordset($9::jsonb) as m(ord integer, role text, text text, meta jsonb)
         returning seq`,
        [t.id, n, JSON.stringify(t.state), t.language, t.wardCode, t.status, t.at, t.expiresAt, JSON.stringify(msgs)],
      );
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
      return row?.seq ?? null;
    },

    async setStatus(id: string, status: ConversationStatus): Promise<void> {
      await db.query(`update conversations set status = $2 where id = $1`, [id, status]);
    },

    async setWard(id: string, wardCode: string): Promise<void> {
      await db.query(`update conversations set ward_code = $2 where id = $1`, [id, wardCode]);
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
      return rows.length;
    },
  };
}

export type ConversationRepository = ReturnType<typeof createConversationRepository>;
