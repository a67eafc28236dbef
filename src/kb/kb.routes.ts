import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditLog } from '../auth/audit.repository.ts';
import type { Role } from '../auth/roles.ts';
import { AppError } from '../shared/errors.ts';
import type { KbFeedbackRepository } from './feedback.repository.ts';
import type { SyncReport } from './kb-sync.ts';
import { VERSION_STATES } from './kb.repository.ts';
import type { KbService } from './kb.service.ts';
import { presentEntry } from './present.ts';

export interface KbRoutesDeps {
  kb: KbService;
  feedback: KbFeedbackRepository;
  audit: AuditLog;
  /** The last file sync, and a way to run it again (re-reads kb/procedures without a restart). */
  files: { lastReport(): SyncReport | null; reload(): Promise<SyncReport> };
  now?: () => Date;
}

const EDITORS: readonly Role[] = ['kb_editor', 'admin'];
/** An entry is ~20 KB of JSON; leave room for long ones. */
const ENTRY_BODY_LIMIT_BYTES = 512 * 1024;

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/).max(120) });
const idParams = z.object({ id: z.coerce.number().int().positive() });
const changeNote = z.string().trim().max(1000);
const content = z.record(z.string(), z.unknown());
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

function reportView(r: SyncReport | null) {
  if (!r) return null;
  const { dir: _dir, ...rest } = r;
  return rest;
}

export function kbRoutes(deps: KbRoutesDeps): FastifyPluginAsyncZod {
  const now = deps.now ?? (() => new Date());
  return async (app) => {
    // Public reads: the published knowledge base.
    app.get('/kb/procedures', { schema: { tags: ['kb'], summary: 'Danh sách thủ tục đang áp dụng' } }, async () => ({
      procedures: await deps.kb.listPublished(),
    }));

    app.get('/kb/procedures/:slug', { schema: { tags: ['kb'], params: slugParams } }, async (req) => deps.kb.getPublished(req.params.slug));

    app.get(
      '/kb/procedures/:slug/answer',
      { schema: { tags: ['kb'], summary: 'Nội dung trợ lý trả lời (lệ phí theo ngày)', params: slugParams, querystring: z.strictObject({ date: isoDay.optional() }) } },
      async (req) => {
        const p = await deps.kb.getPublished(req.params.slug);
        const at = req.query.date ? new Date(`${req.query.date}T12:00:00+07:00`) : now();
        if (Number.isNaN(at.getTime())) throw new AppError('VALIDATION', 'Ngày không hợp lệ.');
        return { versionId: p.versionId, answer: presentEntry(p.entry, at) };
      },
    );

    // Editorial workflow (knowledge editors and admins).
    const staff = { preHandler: app.requireStaff(EDITORS) };

    app.get('/kb/procedures/:slug/versions', { schema: { tags: ['kb'], params: slugParams }, ...staff }, async (req) => ({
      versions: await deps.kb.listVersions(req.params.slug),
    }));

    app.get(
      '/kb/versions',
      {
        schema: {
          tags: ['kb'],
          summary: 'Hàng chờ biên tập (lọc theo trạng thái, thủ tục, xung đột tệp)',
          querystring: z.strictObject({
            state: z.enum(VERSION_STATES).optional(),
            slug: slugParams.shape.slug.optional(),
            conflicts: z.enum(['0', '1', 'true', 'false']).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
        ...staff,
      },
      async (req) => {
        const { state, slug, conflicts, limit } = req.query;
        return { versions: await deps.kb.listQueue({ state, slug, conflictsOnly: conflicts === '1' || conflicts === 'true', limit }) };
      },
    );

    app.get('/kb/versions/:id', { schema: { tags: ['kb'], params: idParams }, ...staff }, async (req) => ({
      version: await deps.kb.getVersion(req.params.id),
    }));

    app.post(
      '/kb/procedures/:slug/drafts',
      {
        schema: { tags: ['kb'], summary: 'Tạo bản nháp từ phiên bản đang dùng', params: slugParams, body: z.strictObject({ content: content.optional(), changeNote: changeNote.optional() }) },
        bodyLimit: ENTRY_BODY_LIMIT_BYTES,
        ...staff,
      },
      async (req, reply) => {
        const version = await deps.kb.createDraft(req.staff!, req.params.slug, req.body, req.ip);
        return reply.status(201).send({ version });
      },
    );

    app.patch(
      '/kb/versions/:id',
      {
        schema: { tags: ['kb'], summary: 'Sửa bản nháp của mình', params: idParams, body: z.strictObject({ content: content.optional(), changeNote: changeNote.optional() }) },
        bodyLimit: ENTRY_BODY_LIMIT_BYTES,
        ...staff,
      },
      async (req) => ({ version: await deps.kb.updateDraft(req.staff!, req.params.id, req.body, req.ip) }),
    );

    app.post('/kb/versions/:id/submit', { schema: { tags: ['kb'], summary: 'Gửi duyệt', params: idParams }, ...staff }, async (req) => ({
      version: await deps.kb.submit(req.staff!, req.params.id, req.ip),
    }));

    app.post(
      '/kb/versions/:id/approve',
      {
        schema: {
          tags: ['kb'],
          summary: 'Duyệt và xuất bản (người duyệt khác người soạn)',
          params: idParams,
          body: z.strictObject({ override: z.boolean().optional(), acceptStale: z.boolean().optional(), note: z.string().trim().max(1000).optional() }).nullish(),
        },
        ...staff,
      },
      async (req) => ({ version: await deps.kb.approve(req.staff!, req.params.id, req.body ?? {}, req.ip) }),
    );

    app.post(
      '/kb/versions/:id/reject',
      { schema: { tags: ['kb'], summary: 'Từ chối (kèm lý do)', params: idParams, body: z.strictObject({ reason: z.string().trim().min(5).max(1000) }) }, ...staff },
      async (req) => ({ version: await deps.kb.reject(req.staff!, req.params.id, req.body.reason, req.ip) }),
    );

    app.get(
      '/kb/diff',
      { schema: { tags: ['kb'], summary: 'So sánh hai phiên bản', querystring: z.strictObject({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() }) }, ...staff },
      async (req) => deps.kb.diff(req.query.from, req.query.to),
    );

    app.get('/kb/load-report', { schema: { tags: ['kb'], summary: 'Kết quả nạp tệp kb/procedures lần gần nhất' }, ...staff }, async () => ({
      report: reportView(deps.files.lastReport()),
    }));

    app.post('/kb/reload', { schema: { tags: ['kb'], summary: 'Nạp lại các tệp kb/procedures' }, preHandler: app.requireStaff(['admin']) }, async () => ({
      report: reportView(await deps.files.reload()),
    }));

    // What the assistant learned (recorded by src/assistant).
    app.get(
      '/kb/feedback',
      {
        schema: {
          tags: ['kb'],
          querystring: z.strictObject({
            slug: slugParams.shape.slug.optional(),
            helpful: z.enum(['true', 'false']).optional(),
            before: z.coerce.number().int().positive().optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
        ...staff,
      },
      async (req) => ({
        feedback: await deps.feedback.listFeedback({ ...req.query, helpful: req.query.helpful === undefined ? undefined : req.query.helpful === 'true' }),
      }),
    );

    const unansweredStatus = z.enum(['open', 'covered', 'ignored']);
    app.get(
      '/kb/unanswered',
      { schema: { tags: ['kb'], querystring: z.strictObject({ status: unansweredStatus.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }) }, ...staff },
      async (req) => ({ questions: await deps.feedback.listUnanswered(req.query) }),
    );

    app.patch(
      '/kb/unanswered/:id',
      { schema: { tags: ['kb'], params: idParams, body: z.strictObject({ status: unansweredStatus }) }, ...staff },
      async (req) => {
        const row = await deps.feedback.setUnansweredStatus(req.params.id, req.body.status);
        if (!row) throw new AppError('NOT_FOUND');
        await deps.audit.record({
          actorId: req.staff!.id, actorUsername: req.staff!.username, action: 'kb.unanswered_status', target: String(row.id), ip: req.ip,
          details: { status: row.status },
        });
        return { question: row };
      },
    );
  };
}
