import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../../shared/errors.ts';
import type { Logger } from '../../../shared/logger.ts';
import type { ZaloChannel } from './zalo.channel.ts';
import { readZaloEvent } from './zalo-events.ts';
import { SIGNATURE_HEADER, verifyZaloWebhook } from './zalo-signature.ts';

/**
 * `POST /api/v1/channels/zalo/webhook` — Zalo OA events. The body is kept as raw bytes (a content-type parser
 * registered in this route's scope only) because the signature covers the exact JSON text. Nothing is
 * processed before the signature and the replay window are checked: a bad or stale request gets 401.
 * Unknown events get 200 (Zalo expects 200 for every delivery it should not retry).
 */

export const ZALO_WEBHOOK_PATH = '/channels/zalo/webhook';
const WEBHOOK_BODY_LIMIT = 64 * 1024;

export interface ZaloRoutesDeps {
  /** null when ZALO_APP_ID / ZALO_OA_SECRET are not set: the webhook answers 503 ZALO_NOT_CONFIGURED. */
  channel: ZaloChannel | null;
  appId: string | undefined;
  oaSecret: string | undefined;
  now: () => Date;
  log: Logger;
  maxSkewMs?: number;
}

export function zaloRoutes(deps: ZaloRoutesDeps): FastifyPluginAsync {
  const log = deps.log.child({ channel: 'zalo' });
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));

    app.post(
      ZALO_WEBHOOK_PATH,
      { schema: { tags: ['channels'], summary: 'Webhook Zalo Official Account (chữ ký X-ZEvent-Signature; sự kiện user_send_text, user_send_location, follow, unfollow)' } },
      async (req, reply) => {
        if (!deps.channel || !deps.appId || !deps.oaSecret) throw new AppError('ZALO_NOT_CONFIGURED');
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const header = req.headers[SIGNATURE_HEADER];
        const v = verifyZaloWebhook({
          rawBody: raw,
          signature: typeof header === 'string' ? header : undefined,
          appId: deps.appId,
          oaSecret: deps.oaSecret,
          nowMs: deps.now().getTime(),
          ...(deps.maxSkewMs !== undefined ? { maxSkewMs: deps.maxSkewMs } : {}),
        });
        if (!v.ok) {
          log.warn({ reason: v.reason }, 'zalo webhook refused');
          throw new AppError('ZALO_SIGNATURE_INVALID');
        }
        await deps.channel.handle(readZaloEvent(v.body));
        return reply.status(200).send({ ok: true });
      },
    );
  };
}
