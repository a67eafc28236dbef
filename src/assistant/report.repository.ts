import type { Queryable } from '../db/db.ts';
import type { ReportKind } from './dialogue-state.ts';
import type { ReportStatus } from './replies/index.ts';

/** Crime reports / tip-offs, their status history and evidence files (migration 0020). */

export interface ReportRow {
  id: string;
  trackingCode: string;
  secretHash: string;
  kind: ReportKind;
  what: string | null;
  whenText: string | null;
  happenedOn: string | null;
  whereText: string | null;
  who: string | null;
  wardCode: string | null;
  anonymous: boolean;
  contactText: string | null;
  contactPhone: string | null;
  status: ReportStatus;
  noteForCitizen: string | null;
  conversationId: string | null;
  channel: string;
  language: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface StatusHistoryRow {
  seq: number;
  status: ReportStatus;
  noteForCitizen: string | null;
  internalNote: string | null;
  byUsername: string;
  at: Date;
}

export interface AttachmentRow {
  id: string;
  reportId: string;
  storageKey: string;
  originalName: string | null;
  mime: string;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
}

const COLUMNS = `id, tracking_code as "trackingCode", secret_hash as "secretHash", kind, what, when_text as "whenText",
  to_char(happened_on, 'YYYY-MM-DD') as "happenedOn", where_text as "whereText", who, ward_code as "wardCode", anonymous,
  contact_text as "contactText", contact_phone as "contactPhone", status, note_for_citizen as "noteForCitizen",
  conversation_id as "conversationId", channel, language, created_at as "createdAt", updated_at as "updatedAt"`;

const ATTACHMENT_COLUMNS = `id, report_id as "reportId", storage_key as "storageKey", original_name as "originalName", mime,
  size_bytes as "sizeBytes", sha256, created_at as "createdAt"`;

export type NewReport = Omit<ReportRow, 'status' | 'noteForCitizen' | 'createdAt' | 'updatedAt'>;

export function createReportRepository(db: Queryable) {
  return {
    /** Inserts the report and its first history entry; false when the tracking code is taken (retry with another). */
    async insert(r: NewReport, at: Date): Promise<boolean> {
      const rows = await db.query(
        `with ins as (
           insert into reports (id, tracking_code, secret_hash, kind, what, when_text, happened_on, where_text, who, ward_code, anonymous,
             contact_text, contact_phone, status, conversation_id, channel, language, created_at, updated_at)
           values ($1, $2, $3, $4, $5, $6, $7::date, $8, $9, $10, $11, $12, $13, 'received', $14, $15, $16, $17, $17)
           on conflict (tracking_code) do nothing returning id
         )
         insert into report_status_history (report_id, seq, status, by_username, at) select id, 1, 'received', 'system:assistant', $17 from ins
         returning report_id`,
        [r.id, r.trackingCode, r.secretHash, r.kind, r.what, r.whenText, r.happenedOn, r.whereText, r.who, r.wardCode, r.anonymous,
          r.contactText, r.contactPhone, r.conversationId, r.channel, r.language, at],
      );
      return rows.length > 0;
    },

    async get(id: string): Promise<ReportRow | undefined> {
      const [row] = await db.query<ReportRow>(`select ${COLUMNS} from reports where id = $1`, [id]);
      return row;
    },

    async byTrackingCode(code: string): Promise<ReportRow | undefined> {
      const [row] = await db.query<ReportRow>(`select ${COLUMNS} from reports where tracking_code = $1`, [code]);
      return row;
    },

    async list(f: { scope: string | null; statuses: ReportStatus[] | null; kinds: ReportKind[] | null; limit: number }): Promise<ReportRow[]> {
      return db.query<ReportRow>(
        `select ${COLUMNS} from reports where ($1::text is null or ward_code = $1) and ($2::text[] is null or status = any($2))
         and ($3::text[] is null or kind = any($3)) order by created_at desc limit $4`,
        [f.scope, f.statuses, f.kinds, f.limit],
      );
    },

    async history(id: string): Promise<StatusHistoryRow[]> {
      return db.query<StatusHistoryRow>(
        `select seq, status, note_for_citizen as "noteForCitizen", internal_note as "internalNote", by_username as "byUsername", at
         from report_status_history where report_id = $1 order by seq`,
        [id],
      );
    },

    /** Applies a status change / notes with a history entry, in the caller's transaction. */
    async update(q: Queryable, id: string, p: { status: ReportStatus; noteForCitizen: string | null; internalNote: string | null; wardCode: string | null; by: string; at: Date }): Promise<void> {
      await q.query(
        `update reports set status = $2, note_for_citizen = coalesce($3, note_for_citizen), ward_code = $4, updated_at = $5 where id = $1`,
        [id, p.status, p.noteForCitizen, p.wardCode, p.at],
      );
      await q.query(
        `insert into report_status_history (report_id, seq, status, note_for_citizen, internal_note, by_username, at)
         select $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5, $6 from report_status_history where report_id = $1`,
        [id, p.status, p.noteForCitizen, p.internalNote, p.by, p.at],
      );
    },

    async attachments(reportId: string): Promise<AttachmentRow[]> {
      return db.query<AttachmentRow>(`select ${ATTACHMENT_COLUMNS} from report_attachments where report_id = $1 order by created_at, id`, [reportId]);
    },

    async attachment(reportId: string, id: string): Promise<AttachmentRow | undefined> {
      const [row] = await db.query<AttachmentRow>(`select ${ATTACHMENT_COLUMNS} from report_attachments where report_id = $1 and id = $2`, [reportId, id]);
      return row;
    },

    /** Inserts unless the report already has `max` attachments; false then. */
    async addAttachment(a: Omit<AttachmentRow, 'createdAt'>, at: Date, max: number): Promise<boolean> {
      const rows = await db.query(
        `insert into report_attachments (id, report_id, storage_key, original_name, mime, size_bytes, sha256, created_at)
         select $1, $2, $3, $4, $5, $6, $7, $8 where (select count(*) from report_attachments where report_id = $2) < $9 returning id`,
        [a.id, a.reportId, a.storageKey, a.originalName, a.mime, a.sizeBytes, a.sha256, at, max],
      );
      return rows.length > 0;
    },
  };
}

export type ReportRepository = ReturnType<typeof createReportRepository>;
