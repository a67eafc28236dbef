import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../auth/roles.ts';
import { actorOf } from '../dispatch/access.ts';
import type { HandoffService } from './handoff.service.ts';
import { REPORT_KINDS, REPORT_STATUSES, type ReportService } from './report.service.ts';

/**
 * Officers' API: the hand-off queue of their ward (ward officers see only theirs, others get 404; city roles
 * see all and may filter by ward) and the reports routed to it. Session cookie; CSRF header on writes.
 */

export const ASSISTANT_STAFF_ROLES = {
  read: ['admin', 'dispatcher', 'leader', 'ward_officer'],
  write: ['admin', 'dispatcher', 'ward_officer'],
} as const satisfies Record<string, readonly Role[]>;

export interface StaffRoutesDeps {
  handoffs: HandoffService;
  reports: ReportService;
}

const uuid = z.object({ id: z.uuid() });
const wardCode = z.string().regex(/^\d{5}$/);
const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []))
    .pipe(z.array(z.enum(values)));

export function staffRoutes(deps: StaffRoutesDeps): FastifyPluginAsyncZod {
  const { handoffs, reports } = deps;
  return async (app) => {
    const read = app.requireStaff(ASSISTANT_STAFF_ROLES.read);
    const write = app.requireStaff(ASSISTANT_STAFF_ROLES.write);
    const tags = ['handoffs'];

    app.get(
      '/handoffs',
      {
        preHandler: read,
        schema: {
          tags,
          summary: 'Hàng chờ hỗ trợ trực tuyến (cán bộ xã/phường chỉ thấy của xã/phường mình)',
          querystring: z.strictObject({
            status: z.enum(['queued', 'taken', 'closed', 'open', 'all']).optional(),
            ward: wardCode.optional(),
            limit: z.coerce.number().int().min(1).max(500).optional(),
          }),
        },
      },
      async (req) => ({ handoffs: await handoffs.list(actorOf(req.staff!, req.ip), req.query) }),
    );

    app.get(
      '/handoffs/:id',
      { preHandler: read, schema: { tags, summary: 'Một yêu cầu hỗ trợ và toàn bộ tin nhắn của cuộc trò chuyện', params: uuid } },
      async (req) => {
        const actor = actorOf(req.staff!, req.ip);
        const handoff = await handoffs.get(actor, req.params.id);
        const messages = await handoffs.messages(actor, req.params.id);
        return { handoff, messages: messages.map((m) => ({ seq: m.seq, role: m.role, text: m.text, at: m.at.toISOString(), meta: m.meta })) };
      },
    );

    app.get(
      '/handoffs/:id/messages',
      {
        preHandler: read,
        schema: { tags, summary: 'Tin nhắn mới sau số thứ tự `after`', params: uuid, querystring: z.strictObject({ after: z.coerce.number().int().min(0).optional() }) },
      },
      async (req) => {
        const messages = await handoffs.messages(actorOf(req.staff!, req.ip), req.params.id, req.query.after ?? 0);
        return { messages: messages.map((m) => ({ seq: m.seq, role: m.role, text: m.text, at: m.at.toISOString(), meta: m.meta })) };
      },
    );

    app.post(
      '/handoffs/:id/take',
      { preHandler: write, schema: { tags, summary: 'Nhận xử lý cuộc trò chuyện', params: uuid } },
      async (req) => ({ handoff: await handoffs.take(actorOf(req.staff!, req.ip), req.params.id) }),
    );

    app.post(
      '/handoffs/:id/messages',
      {
        preHandler: write,
        schema: { tags, summary: 'Cán bộ trả lời người dân (hiện trong khung chat của người dân)', params: uuid, body: z.strictObject({ text: z.string() }) },
      },
      async (req, reply) => reply.status(201).send({ message: await handoffs.reply(actorOf(req.staff!, req.ip), req.params.id, req.body.text) }),
    );

    app.post(
      '/handoffs/:id/close',
      {
        preHandler: write,
        schema: { tags, summary: 'Kết thúc hỗ trợ; trợ lý ảo tiếp tục', params: uuid, body: z.strictObject({ note: z.string().max(1000).nullish() }).optional() },
      },
      async (req) => ({ handoff: await handoffs.close(actorOf(req.staff!, req.ip), req.params.id, req.body?.note ?? null) }),
    );

    const rtags = ['reports'];
    app.get(
      '/reports',
      {
        preHandler: read,
        schema: {
          tags: rtags,
          summary: 'Tin báo, tố giác (cán bộ xã/phường chỉ thấy của xã/phường mình)',
          querystring: z.strictObject({
            status: csv(REPORT_STATUSES),
            kind: csv(REPORT_KINDS),
            ward: wardCode.optional(),
            limit: z.coerce.number().int().min(1).max(500).optional(),
          }),
        },
      },
      async (req) => ({
        reports: await reports.list(actorOf(req.staff!, req.ip), {
          statuses: req.query.status,
          kinds: req.query.kind,
          ...(req.query.ward ? { ward: req.query.ward } : {}),
          ...(req.query.limit ? { limit: req.query.limit } : {}),
        }),
      }),
    );

    app.get('/reports/:id', { preHandler: read, schema: { tags: rtags, summary: 'Chi tiết tin báo, lịch sử trạng thái, chứng cứ', params: uuid } }, async (req) => ({
      report: await reports.get(actorOf(req.staff!, req.ip), req.params.id),
    }));

    app.patch(
      '/reports/:id',
      {
        preHandler: write,
        schema: {
          tags: rtags,
          summary: 'Cập nhật trạng thái tin báo (kèm ghi chú cho người dân và ghi chú nội bộ)',
          params: uuid,
          body: z.strictObject({
            status: z.enum(REPORT_STATUSES).optional(),
            noteForCitizen: z.string().max(2000).nullish(),
            internalNote: z.string().max(2000).nullish(),
            wardCode: wardCode.nullish(),
          }),
        },
      },
      async (req) => {
        const b = req.body;
        return {
          report: await reports.update(actorOf(req.staff!, req.ip), req.params.id, {
            ...(b.status ? { status: b.status } : {}),
            noteForCitizen: b.noteForCitizen ?? null,
            internalNote: b.internalNote ?? null,
            ...(b.wardCode !== undefined ? { wardCode: b.wardCode } : {}),
          }),
        };
      },
    );

    app.get(
      '/reports/:id/attachments/:attachmentId',
      { preHandler: read, schema: { tags: rtags, summary: 'Tải chứng cứ (chỉ cán bộ)', params: z.object({ id: z.uuid(), attachmentId: z.uuid() }) } },
      async (req, reply) => {
        const f = await reports.readAttachment(actorOf(req.staff!, req.ip), req.params.id, req.params.attachmentId);
        return reply
          .header('content-type', f.mime)
          .header('content-disposition', `attachment; filename="${encodeURIComponent(f.name)}"; filename*=UTF-8''${encodeURIComponent(f.name)}`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'no-store')
          .send(Buffer.from(f.bytes));
      },
    );
  };
}
