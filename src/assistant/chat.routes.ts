import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { KbFeedbackRepository } from '../kb/feedback.repository.ts';
import { AppError } from '../shared/errors.ts';
import { MAX_ATTACHMENT_BYTES } from './attachments.ts';
import type { ConversationService } from './conversation.service.ts';
import type { HandoffService } from './handoff.service.ts';
import type { MessageWaiters } from './message-waiters.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { templates } from './replies/index.ts';
import type { ReportService } from './report.service.ts';
import { normalizeTrackingCode } from './tracking-code.ts';

/**
 * Citizen-facing HTTP API of the assistant (no session; a conversation is authorised by its token, a report
 * by its tracking code and secret). `POST /chat/messages` is the CONTRACT endpoint; the rest extends it.
 */

export interface ChatRoutesDeps {
  conversations: ConversationService;
  handoffs: HandoffService;
  reports: ReportService;
  feedback: Pick<KbFeedbackRepository, 'recordFeedback'>;
  waiters: MessageWaiters;
  now: () => Date;
  limits: {
    /** Per client IP (0 = off). */
    messagesPerMinutePerIp: number;
    messagesPerConversation: RateLimiter | null;
    lookupsPerMinutePerIp: number;
    secretAttempts: RateLimiter;
  };
  longPollMaxMs: number;
}

const token = z.string().min(16).max(200);
const conversationId = z.string().min(1).max(100);
const channel = z.enum(['web', 'zalo', 'voice']);
const location = z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });
const TOKEN_HEADER = 'x-conversation-token';
const SECRET_HEADER = 'x-report-secret';
const tags = ['chat'];

const perIp = (max: number) => (max > 0 ? { config: { rateLimit: { max, timeWindow: 60_000 } } } : {});

export function chatRoutes(deps: ChatRoutesDeps): FastifyPluginAsyncZod {
  const { conversations, handoffs, reports, limits } = deps;

  const headerToken = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

  return async (app) => {
    app.post(
      '/chat/messages',
      {
        schema: {
          tags,
          summary: 'Gửi tin nhắn cho trợ lý ảo (mọi kênh: web, Zalo, thoại)',
          body: z.strictObject({
            conversationId: conversationId.nullish(),
            text: z.string(),
            channel: channel.nullish(),
            location: location.nullish(),
            conversationToken: token.nullish(),
          }),
        },
        ...perIp(limits.messagesPerMinutePerIp),
      },
      async (req) => {
        const b = req.body;
        const now = deps.now();
        if (b.conversationId && limits.messagesPerConversation && !limits.messagesPerConversation.hit(b.conversationId, now.getTime())) {
          throw new AppError('RATE_LIMITED');
        }
        return conversations.handleMessage({
          ...(b.conversationId ? { conversationId: b.conversationId } : {}),
          ...(b.conversationToken ? { conversationToken: b.conversationToken } : {}),
          text: b.text,
          channel: b.channel ?? 'web',
          ...(b.location ? { location: b.location } : {}),
          now,
        });
      },
    );

    app.get(
      '/chat/conversations/:id/messages',
      {
        schema: {
          tags,
          summary: 'Tin nhắn của cuộc trò chuyện sau số thứ tự `after` (cần mã phiên ở header x-conversation-token); `waitMs` để chờ tin mới (long polling)',
          params: z.object({ id: conversationId }),
          querystring: z.strictObject({
            after: z.coerce.number().int().min(0).max(1_000_000).optional(),
            waitMs: z.coerce.number().int().min(0).max(60_000).optional(),
          }),
        },
        ...perIp(limits.lookupsPerMinutePerIp * 10),
      },
      async (req) => {
        const after = req.query.after ?? 0;
        const tok = headerToken(req.headers[TOKEN_HEADER]);
        let res = await conversations.history(req.params.id, tok, after, deps.now());
        const waitMs = Math.min(req.query.waitMs ?? 0, deps.longPollMaxMs);
        if (res.messages.length === 0 && waitMs > 0) {
          await deps.waiters.wait(res.conversationId, waitMs);
          res = await conversations.history(req.params.id, tok, after, deps.now());
        }
        return res;
      },
    );

    app.post(
      '/chat/feedback',
      {
        schema: {
          tags,
          summary: 'Đánh giá một câu trả lời của trợ lý (hữu ích hay không)',
          body: z.strictObject({
            conversationId,
            conversationToken: token,
            messageSeq: z.number().int().min(1),
            helpful: z.boolean(),
            comment: z.string().max(1000).nullish(),
          }),
        },
        ...perIp(30),
      },
      async (req) => {
        const b = req.body;
        const conv = await conversations.authorised(b.conversationId, b.conversationToken);
        const msg = await conversations.repository.message(conv.id, b.messageSeq);
        if (!msg || msg.role !== 'assistant') throw new AppError('NOT_FOUND', 'Không tìm thấy câu trả lời này.');
        const at = deps.now();
        if (!(await conversations.repository.setFeedback(conv.id, b.messageSeq, { helpful: b.helpful, at: at.toISOString() }))) {
          throw new AppError('CONFLICT', 'Anh/chị đã đánh giá câu trả lời này rồi.');
        }
        const slug = typeof msg.meta.slug === 'string' ? msg.meta.slug : null;
        const versionId = typeof msg.meta.versionId === 'number' ? msg.meta.versionId : null;
        await deps.feedback.recordFeedback({ conversationId: conv.id, slug, versionId, helpful: b.helpful, comment: b.comment ?? null, at });
        return { ok: true };
      },
    );

    app.post(
      '/chat/handoff',
      {
        schema: {
          tags,
          summary: 'Đề nghị chuyển cuộc trò chuyện cho cán bộ công an xã/phường',
          body: z.strictObject({ conversationId, conversationToken: token, wardCode: z.string().regex(/^\d{5}$/).nullish() }),
        },
        ...perIp(20),
      },
      async (req) => {
        const b = req.body;
        const conv = await conversations.authorised(b.conversationId, b.conversationToken);
        const wardCode = b.wardCode ?? conv.wardCode;
        const r = await handoffs.request({ conversationId: conv.id, wardCode: wardCode ?? null, reason: 'request' });
        if (r.created) {
          const queuePosition = r.view.queuePosition ?? null;
          await handoffs.systemMessage(r.row, (lang) => templates(lang).handoffRequested(handoffs.unitLabel(r.row.wardCode, lang), queuePosition), deps.now());
        }
        return { handoff: r.view, conversationStatus: 'handed_off' as const };
      },
    );

    app.post(
      '/reports/lookup',
      {
        schema: {
          tags: ['reports'],
          summary: 'Người dân tra cứu tình trạng tin báo bằng mã theo dõi và mã bí mật',
          body: z.strictObject({ trackingCode: z.string().min(8).max(30), secret: z.string().min(8).max(60), language: z.enum(['vi', 'en']).optional() }),
        },
        ...perIp(limits.lookupsPerMinutePerIp),
      },
      async (req) => {
        const code = normalizeTrackingCode(req.body.trackingCode);
        const nowMs = deps.now().getTime();
        if (!limits.secretAttempts.hit(`ip:${req.ip}`, nowMs) || (code && !limits.secretAttempts.hit(`code:${code}`, nowMs))) throw new AppError('RATE_LIMITED');
        const report = code ? await reports.lookup(code, req.body.secret, req.body.language ?? 'vi') : null;
        if (!report) throw new AppError('REPORT_LOOKUP_FAILED');
        return { report };
      },
    );

    // Evidence uploads: multipart in this scope only, one file per request, 10 MB, type checked on the bytes.
    await app.register(async (scope) => {
      await scope.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 0, parts: 1, headerPairs: 100 } });
      scope.withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>().post(
        '/reports/:trackingCode/attachments',
        {
          schema: {
            tags: ['reports'],
            summary: 'Gửi chứng cứ (ảnh, PDF, ghi âm; tối đa 10 MB) cho tin báo; mã bí mật ở header x-report-secret',
            params: z.object({ trackingCode: z.string().max(30) }),
          },
          bodyLimit: MAX_ATTACHMENT_BYTES + 64 * 1024,
          ...perIp(limits.lookupsPerMinutePerIp),
        },
        async (req, reply) => {
          const code = normalizeTrackingCode(req.params.trackingCode);
          const secret = headerToken(req.headers[SECRET_HEADER]);
          const nowMs = deps.now().getTime();
          if (!limits.secretAttempts.hit(`ip:${req.ip}`, nowMs) || (code && !limits.secretAttempts.hit(`code:${code}`, nowMs))) throw new AppError('RATE_LIMITED');
          if (!code || !secret) throw new AppError('REPORT_LOOKUP_FAILED');
          if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
          let file;
          try {
            file = await req.file();
          } catch (err) {
            throw mapMultipartError(err);
          }
          if (!file) throw new AppError('VALIDATION', 'Vui lòng chọn tệp cần gửi.');
          let bytes: Buffer;
          try {
            bytes = await file.toBuffer();
          } catch (err) {
            throw mapMultipartError(err);
          }
          const attachment = await reports.addAttachment(code, secret, { bytes, filename: file.filename });
          return reply.status(201).send({ attachment });
        },
      );
    });
  };
}

function mapMultipartError(err: unknown): AppError {
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('ATTACHMENT_TOO_LARGE');
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return new AppError('VALIDATION', 'Mỗi lần chỉ gửi một tệp.');
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError('UNSUPPORTED_MEDIA_TYPE');
  return new AppError('BAD_REQUEST');
}
