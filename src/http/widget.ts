import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, onSendHookHandler } from 'fastify';

/**
 * The embeddable chat widget: `GET /widget.js` (the loader any site includes with one script tag, built from
 * web/public/widget.js) and the CSP of `/chat-embed` (the chat-only page the loader frames). `/chat-embed` is
 * the only page other sites may frame (`frame-ancestors` from WIDGET_ALLOWED_ORIGINS); every other page keeps
 * helmet's `frame-ancestors 'self'` and `X-Frame-Options: SAMEORIGIN`.
 */

export const CHAT_EMBED_ROUTE = '/chat-embed';
export const WIDGET_SCRIPT_ROUTE = '/widget.js';
/** The loader's URL never changes (sites hard-code it): cache briefly, revalidate with the ETag. */
const WIDGET_CACHE = 'public, max-age=3600, stale-while-revalidate=86400';

/** onSend hook for /chat-embed: replaces the CSP's frame-ancestors and drops X-Frame-Options. */
export function embeddableBy(origins: readonly string[]): onSendHookHandler {
  const ancestors = `frame-ancestors ${origins.join(' ')}`;
  return (_req, reply, payload, done) => {
    const csp = reply.getHeader('content-security-policy');
    if (typeof csp === 'string') {
      reply.header('content-security-policy', /frame-ancestors [^;]*/.test(csp) ? csp.replace(/frame-ancestors [^;]*/, ancestors) : `${csp};${ancestors}`);
    }
    reply.removeHeader('x-frame-options');
    done(null, payload);
  };
}

/** Serves web/dist/widget.js with a JavaScript type, short public caching, an ETag and cross-origin CORP. */
export function registerWidgetScript(app: FastifyInstance, webDist: string) {
  const file = path.join(webDist, 'widget.js');
  if (!existsSync(file)) return;
  const body = readFileSync(file);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  app.get(WIDGET_SCRIPT_ROUTE, { schema: { hide: true } }, (req, reply) => {
    reply
      .header('cache-control', WIDGET_CACHE)
      .header('etag', etag)
      // Loaded by <script> from other sites: a same-site CORP would block it.
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('access-control-allow-origin', '*');
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.header('content-type', 'text/javascript; charset=utf-8').send(body);
  });
}
