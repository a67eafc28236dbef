import type { Queryable } from '../db/db.ts';
import type { HandoffStatus } from './chat.types.ts';

/** Hand-offs of conversations to ward officers (table `handoffs`, migration 0020). */

export type HandoffReason = 'request' | 'low_confidence' | 'report';

export interface HandoffRow {
  id: string;
  conversationId: string;
  wardCode: string | null;
  reason: HandoffReason;
  status: HandoffStatus;
  reportId: string | null;
  requestedAt: Date;
  takenBy: string | null;
  takenAt: Date | null;
  closedAt: Date | null;
  closedBy: string | null;
  /** Joined: how many queued hand-offs of the same queue were requested earlier, plus one (queued only). */
  queuePosition: number | null;
  channel: string;
  language: string;
  lastMessageAt: Date | null;
  messageCount: number;
  trackingCode: string | null;
  reportKind: string | null;
}

const SELECT = `select h.id, h.conversation_id as "conversationId", h.ward_code as "wardCode", h.reason, h.status, h.report_id as "reportId",
  h.requested_at as "requestedAt", h.taken_by as "takenBy", h.taken_at as "takenAt", h.closed_at as "closedAt", h.closed_by as "closedBy",
  case when h.status = 'queued' then (select count(*) + 1 from handoffs q where q.status = 'queued'
    and q.ward_code is not distinct from h.ward_code and (q.requested_at, q.id) < (h.requested_at, h.id)) end as "queuePosition",
  c.channel, c.language, c.last_activity_at as "lastMessageAt", c.last_seq as "messageCount",
  r.tracking_code as "trackingCode", r.kind as "reportKind"
  from handoffs h join conversations c on c.id = h.conversation_id left join reports r on r.id = h.report_id`;

export function createHandoffRepository(db: Queryable) {
  const get = async (id: string): Promise<HandoffRow | undefined> => (await db.query<HandoffRow>(`${SELECT} where h.id = $1`, [id]))[0];
  const openOf = async (conversationId: string): Promise<HandoffRow | undefined> =>
    (await db.query<HandoffRow>(`${SELECT} where h.conversation_id = $1 and h.status <> 'closed'`, [conversationId]))[0];
  return {
    get,
    openOf,

    /** Inserts a queued hand-off unless the conversation already has an open one; returns the open one. */
    async openOrGet(h: { id: string; conversationId: string; wardCode: string | null; reason: HandoffReason; reportId: string | null; at: Date }): Promise<{ row: HandoffRow; created: boolean }> {
      const inserted = await db.query<{ id: string }>(
        `insert into handoffs (id, conversation_id, ward_code, reason, status, report_id, requested_at)
         values ($1, $2, $3, $4, 'queued', $5, $6) on conflict (conversation_id) where status <> 'closed' do nothing returning id`,
        [h.id, h.conversationId, h.wardCode, h.reason, h.reportId, h.at],
      );
      await db.query(`update conversations set status = 'handed_off' where id = $1`, [h.conversationId]);
      const row = inserted.length ? await get(inserted[0]!.id) : await openOf(h.conversationId);
      return { row: row!, created: inserted.length > 0 };
    },

    async list(f: { statuses: HandoffStatus[]; scope: string | null; limit: number }): Promise<HandoffRow[]> {
      return db.query<HandoffRow>(
        `${SELECT} where h.status = any($1::text[]) and ($2::text is null or h.ward_code = $2)
         order by case h.status when 'queued' then 0 when 'taken' then 1 else 2 end, h.requested_at limit $3`,
        [f.statuses, f.scope, f.limit],
      );
    },

    /** queued → taken by `by`; returns false when it was not queued any more. */
    async take(id: string, by: { username: string; userId: string | null }, at: Date): Promise<boolean> {
      const rows = await db.query(
        `update handoffs set status = 'taken', taken_by = $2, taken_by_id = $3, taken_at = $4 where id = $1 and status = 'queued' returning id`,
        [id, by.username, by.userId, at],
      );
      return rows.length > 0;
    },

    /** Closes an open hand-off and gives the conversation back to the assistant. */
    async close(id: string, by: string, note: string | null, at: Date): Promise<boolean> {
      const rows = await db.query<{ conversation_id: string }>(
        `update handoffs set status = 'closed', closed_at = $3, closed_by = $2, close_note = $4 where id = $1 and status <> 'closed' returning conversation_id`,
        [id, by, at, note],
      );
      if (!rows.length) return false;
      await db.query(`update conversations set status = 'active' where id = $1 and status = 'handed_off'`, [rows[0]!.conversation_id]);
      return true;
    },
  };
}

export type HandoffRepository = ReturnType<typeof createHandoffRepository>;
