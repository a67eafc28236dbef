import { createHash, randomUUID } from 'node:crypto';
import type { AuditLog } from '../auth/audit.repository.ts';
import type { Db } from '../db/db.ts';
import { assertInScope, type Actor } from '../dispatch/access.ts';
import type { EventBus } from '../shared/bus.ts';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { EXTENSIONS, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_REPORT, safeFileName, sniffType, type AttachmentStore } from './attachments.ts';
import type { Channel, Lang, ReportDraft, ReportKind } from './dialogue-state.ts';
import { templates, type ReportStatus } from './replies/index.ts';
import { createReportRepository, type AttachmentRow, type ReportRow, type StatusHistoryRow } from './report.repository.ts';
import { hashSecret, makeSecret, makeTrackingCode, secretMatches } from './tracking-code.ts';

export const REPORT_STATUSES = ['received', 'verifying', 'transferred', 'resolved', 'insufficient'] as const satisfies readonly ReportStatus[];
export const REPORT_KINDS = ['to_giac', 'tin_bao', 'lua_dao', 'mat_giay_to', 'khac'] as const satisfies readonly ReportKind[];

/** Allowed status changes; a note without a status change is always allowed (except on a closed report it reopens). */
export const REPORT_TRANSITIONS: Record<ReportStatus, readonly ReportStatus[]> = {
  received: ['verifying', 'transferred', 'resolved', 'insufficient'],
  verifying: ['transferred', 'resolved', 'insufficient'],
  transferred: ['verifying', 'resolved', 'insufficient'],
  resolved: ['verifying'],
  insufficient: ['verifying'],
};

export interface ReportServiceDeps {
  db: Db;
  bus: EventBus;
  log: Logger;
  now: () => Date;
  random: (n: number) => Uint8Array;
  store: AttachmentStore;
  audit?: AuditLog;
  wardName: (code: string) => string | null;
}

/** What a citizen holding the tracking code and the secret may see: status and the officers' notes, nothing else. */
export interface CitizenReportView {
  trackingCode: string;
  kind: ReportKind;
  kindLabel: string;
  status: ReportStatus;
  statusLabel: string;
  ward: { code: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  noteForCitizen: string | null;
  history: Array<{ status: ReportStatus; statusLabel: string; at: string; note: string | null }>;
}

const clean = (s: string | null | undefined, max: number) => {
  if (s === undefined || s === null) return null;
  const t = s.replace(/\u0000/g, '').normalize('NFC').trim().slice(0, max);
  return t.length ? t : null;
};

/** A hash computed when the tracking code is unknown, so that a miss takes as long as a wrong secret. */
const DUMMY_HASH = createHash('sha256').update('binh-yen-dummy').digest('hex');

export function createReportService(deps: ReportServiceDeps) {
  const repo = createReportRepository(deps.db);
  const vi = templates('vi');
  const ward = (code: string | null) => (code ? { code, name: deps.wardName(code) ?? code } : null);

  const summary = (r: ReportRow) => ({
    id: r.id, trackingCode: r.trackingCode, kind: r.kind, status: r.status, wardCode: r.wardCode,
    createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  });

  async function publish(type: 'report.created' | 'report.updated', r: ReportRow, change: string) {
    try {
      await deps.bus.publish(type, { report: summary(r), change }, { wardCode: r.wardCode });
    } catch (err) {
      deps.log.error({ err, reportId: r.id }, 'report event publish failed');
    }
  }

  function citizenView(r: ReportRow, history: StatusHistoryRow[], lang: Lang): CitizenReportView {
    const t = templates(lang);
    return {
      trackingCode: r.trackingCode,
      kind: r.kind,
      kindLabel: t.reportKindLabel(r.kind),
      status: r.status,
      statusLabel: t.reportStatusLabel(r.status),
      ward: ward(r.wardCode),
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      noteForCitizen: r.noteForCitizen,
      history: history.map((h) => ({ status: h.status, statusLabel: t.reportStatusLabel(h.status), at: h.at.toISOString(), note: h.noteForCitizen })),
    };
  }

  const attachmentView = (a: AttachmentRow) => ({
    id: a.id, name: a.originalName, mime: a.mime, sizeBytes: a.sizeBytes, sha256: a.sha256, createdAt: a.createdAt.toISOString(),
    url: `/api/v1/reports/${a.reportId}/attachments/${a.id}`,
  });

  function staffView(r: ReportRow, history?: StatusHistoryRow[], attachments?: AttachmentRow[]) {
    return {
      id: r.id,
      trackingCode: r.trackingCode,
      kind: r.kind,
      kindLabel: vi.reportKindLabel(r.kind),
      status: r.status,
      statusLabel: vi.reportStatusLabel(r.status),
      allowedTransitions: REPORT_TRANSITIONS[r.status],
      wardCode: r.wardCode,
      ward: ward(r.wardCode),
      what: r.what,
      when: r.whenText,
      happenedOn: r.happenedOn,
      where: r.whereText,
      who: r.who,
      anonymous: r.anonymous,
      contact: r.anonymous ? null : { text: r.contactText, phone: r.contactPhone },
      noteForCitizen: r.noteForCitizen,
      channel: r.channel,
      language: r.language,
      conversationId: r.conversationId,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      ...(history
        ? { history: history.map((h) => ({ seq: h.seq, status: h.status, statusLabel: vi.reportStatusLabel(h.status), noteForCitizen: h.noteForCitizen, internalNote: h.internalNote, by: h.byUsername, at: h.at.toISOString() })) }
        : {}),
      ...(attachments ? { attachments: attachments.map(attachmentView) } : {}),
    };
  }

  async function loadScoped(actor: Actor, id: string, action: string): Promise<ReportRow> {
    const r = /^[0-9a-f-]{36}$/i.test(id) ? await repo.get(id) : undefined;
    if (!r) throw new AppError('NOT_FOUND', 'Không tìm thấy tin báo này.');
    await assertInScope(deps.audit, actor, { wardCode: r.wardCode, target: `report:${id}` }, action);
    return r;
  }

  /** Finds the report only when the secret matches (constant-time; same work when the code is unknown). */
  async function verified(trackingCode: string, secret: string): Promise<ReportRow | null> {
    const r = await repo.byTrackingCode(trackingCode);
    const ok = secretMatches(secret, r?.secretHash ?? DUMMY_HASH);
    return r && ok ? r : null;
  }

  return {
    /** Creates a report from the dialogue's draft; the secret is returned here only, never stored. */
    async create(input: { draft: ReportDraft; wardCode: string | null; conversationId: string | null; channel: Channel; language: Lang }) {
      const at = deps.now();
      const secret = makeSecret(deps.random);
      const d = input.draft;
      for (let attempt = 0; attempt < 5; attempt++) {
        const row = {
          id: randomUUID(),
          trackingCode: makeTrackingCode(deps.random),
          secretHash: hashSecret(secret),
          kind: d.kind,
          what: clean(d.what, 4000),
          whenText: clean(d.whenText, 500),
          happenedOn: d.happenedOn && /^\d{4}-\d{2}-\d{2}$/.test(d.happenedOn) ? d.happenedOn : null,
          whereText: clean(d.whereText, 500),
          who: clean(d.who, 2000),
          wardCode: input.wardCode,
          anonymous: d.anonymous === true,
          contactText: d.anonymous ? null : clean(d.contactText, 500),
          contactPhone: d.anonymous ? null : clean(d.contactPhone, 40),
          conversationId: input.conversationId,
          channel: input.channel,
          language: input.language,
        };
        if (await repo.insert(row, at)) {
          const stored = (await repo.get(row.id))!;
          deps.log.info({ reportId: row.id, kind: row.kind, wardCode: row.wardCode, anonymous: row.anonymous }, 'report created');
          await publish('report.created', stored, 'created');
          return { report: stored, secret };
        }
      }
      throw new AppError('INTERNAL');
    },

    /** Citizen status lookup: null for an unknown code or a wrong secret (the caller cannot tell which). */
    async lookup(trackingCode: string, secret: string, lang: Lang): Promise<CitizenReportView | null> {
      const r = await verified(trackingCode, secret);
      return r ? citizenView(r, await repo.history(r.id), lang) : null;
    },

    async list(actor: Actor, f: { statuses?: ReportStatus[]; kinds?: ReportKind[]; ward?: string; limit?: number }) {
      const scope = actor.scope ?? f.ward ?? null;
      const rows = await repo.list({ scope, statuses: f.statuses?.length ? f.statuses : null, kinds: f.kinds?.length ? f.kinds : null, limit: f.limit ?? 200 });
      return rows.map((r) => staffView(r));
    },

    async get(actor: Actor, id: string) {
      const r = await loadScoped(actor, id, 'read');
      return staffView(r, await repo.history(id), await repo.attachments(id));
    },

    /** Officer update: status change (checked against REPORT_TRANSITIONS), note for the citizen, internal note; city roles may re-route. */
    async update(actor: Actor, id: string, p: { status?: ReportStatus; noteForCitizen?: string | null; internalNote?: string | null; wardCode?: string | null }) {
      const at = deps.now();
      const cur = await loadScoped(actor, id, 'update');
      const status = p.status ?? cur.status;
      if (status !== cur.status && !REPORT_TRANSITIONS[cur.status].includes(status)) {
        throw new AppError('REPORT_INVALID_STATUS', undefined, { from: cur.status, to: status, allowed: REPORT_TRANSITIONS[cur.status] });
      }
      if (p.wardCode !== undefined && actor.scope && p.wardCode !== actor.scope) {
        throw new AppError('FORBIDDEN', 'Cán bộ xã/phường không thể chuyển tin báo sang xã/phường khác.');
      }
      const noteForCitizen = clean(p.noteForCitizen, 2000);
      const internalNote = clean(p.internalNote, 2000);
      if (status === cur.status && !noteForCitizen && !internalNote && p.wardCode === undefined) {
        throw new AppError('VALIDATION', 'Vui lòng chọn trạng thái mới hoặc nhập ghi chú.');
      }
      const wardCode = p.wardCode !== undefined ? p.wardCode : cur.wardCode;
      await deps.db.transaction((tx) => repo.update(tx, id, { status, noteForCitizen, internalNote, wardCode, by: actor.username, at }));
      await deps.audit?.record({ actorId: actor.userId ?? null, actorUsername: actor.username, action: 'report.update', target: `report:${id}`, ip: actor.ip ?? null, details: { from: cur.status, to: status, wardChanged: wardCode !== cur.wardCode } });
      const next = (await repo.get(id))!;
      await publish('report.updated', next, status !== cur.status ? 'status' : 'note');
      return staffView(next, await repo.history(id), await repo.attachments(id));
    },

    /** Citizen upload of one evidence file: checks the secret, the size and the bytes' type. */
    async addAttachment(trackingCode: string, secret: string, file: { bytes: Uint8Array; filename?: string | null }) {
      const r = await verified(trackingCode, secret);
      if (!r) throw new AppError('REPORT_LOOKUP_FAILED');
      if (file.bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError('ATTACHMENT_TOO_LARGE');
      const mime = sniffType(file.bytes);
      if (!mime) throw new AppError('ATTACHMENT_TYPE');
      const key = `${Buffer.from(deps.random(16)).toString('hex')}.${EXTENSIONS[mime]}`;
      await deps.store.put(key, file.bytes);
      const row = {
        id: randomUUID(), reportId: r.id, storageKey: key, originalName: safeFileName(file.filename), mime,
        sizeBytes: file.bytes.length, sha256: createHash('sha256').update(file.bytes).digest('hex'),
      };
      if (!(await repo.addAttachment(row, deps.now(), MAX_ATTACHMENTS_PER_REPORT))) {
        await deps.store.delete(key);
        throw new AppError('ATTACHMENT_LIMIT');
      }
      deps.log.info({ reportId: r.id, mime, sizeBytes: row.sizeBytes }, 'report attachment stored');
      await publish('report.updated', r, 'attachment');
      return { id: row.id, mime, sizeBytes: row.sizeBytes, sha256: row.sha256 };
    },

    /** Staff download of an evidence file. */
    async readAttachment(actor: Actor, reportId: string, attachmentId: string) {
      await loadScoped(actor, reportId, 'read_attachment');
      const a = /^[0-9a-f-]{36}$/i.test(attachmentId) ? await repo.attachment(reportId, attachmentId) : undefined;
      if (!a) throw new AppError('NOT_FOUND');
      const bytes = await deps.store.get(a.storageKey);
      if (!bytes) throw new AppError('NOT_FOUND');
      return { bytes, mime: a.mime, name: a.originalName ?? `chung-cu.${EXTENSIONS[a.mime as keyof typeof EXTENSIONS] ?? 'bin'}` };
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
