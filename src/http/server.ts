import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync, type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import helmet, { type HelmetOptions } from 'helmet';
import { authPlugin } from '../auth/auth.plugin.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { AuditLog } from '../auth/audit.repository.ts';
import type { Logger } from '../shared/logger.ts';
import { AppError } from '../shared/errors.ts';
import { installErrorHandler } from './error-handler.ts';
import { CHAT_EMBED_ROUTE, embeddableBy, registerWidgetScript } from './widget.ts';

/** Default request body limit; routes that accept uploads raise their own. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** Client-side routes of the single-page web app; each serves index.html. */
export const SPA_ROUTES = ['/', '/login', '/console', '/ward', '/admin', '/wards', '/bao-tin', '/tra-cuu', CHAT_EMBED_ROUTE];

export interface RouteModule {
  prefix: string;
  plugin: FastifyPluginAsync<never> | FastifyPluginAsync;
}

export interface ServerDeps {
  log: Logger;
  auth: AuthService;
  audit: AuditLog;
  routes: RouteModule[];
  /** Directory of the built web app (web/dist); served when present. */
  webDist?: string;
  /** Readiness for /healthz: true once every endpoint can serve. */
  isReady: () => boolean;
  /** Origins allowed to frame the chat widget page /chat-embed (config.widgetAllowedOrigins); default any. */
  widgetAllowedOrigins?: string[];
  /**
   * Served over HTTPS (config.cookieSecure, COOKIE_SECURE=1): only then does the CSP say upgrade-insecure-requests.
   * On plain HTTP (an internal network without TLS) it would make browsers fetch the page's own scripts over https://
   * and fail. (HSTS is always sent: browsers ignore it on plain HTTP.)
   */
  https?: boolean;
  /** Hook for capabilities that need the raw instance (WebSocket upgrade etc.). */
  extend?: (app: FastifyInstance) => Promise<void>;
}

/** The headers helmet sets for these options (they do not depend on the request: no nonces, no functions). */
export function securityHeaders(options: Readonly<HelmetOptions>): { set: Array<[string, string | number | readonly string[]]>; removed: string[] } {
  const set = new Map<string, string | number | readonly string[]>();
  const removed: string[] = [];
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => void set.set(name, value),
    removeHeader: (name: string) => void (set.delete(name), removed.push(name)),
  };
  helmet(options)({} as never, res as never, (err?: unknown) => {
    if (err) throw err;
  });
  return { set: [...set], removed };
}

/**
 * One access-log line per request ("request completed" with method, route, status and time) at info; the
 * "incoming request" line only at debug — on the chat path the two lines cost as much as a database statement.
 */
class RequestLog extends LogController {
  override incomingRequest(request: FastifyRequest) {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

export async function buildServer(deps: ServerDeps) {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    logController: new RequestLog(),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: false,
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // PostgreSQL cannot store U+0000 in text or jsonb: a body, query or path carrying it is refused here with a 400
  // instead of failing later as a database error (500). Bodies are parsed by our JSON parser, which checks only
  // when the raw text holds the escape, so ordinary requests pay nothing.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, raw, done) => {
    parseJson(req, raw as string, (err: Error | null, parsed?: unknown) => {
      if (err) return done(err, undefined);
      if ((raw as string).includes('\\u0000') && hasNul(parsed)) return done(new AppError('TEXT_BINARY', NUL_MESSAGE), undefined);
      done(null, parsed);
    });
  });
  app.addHook('preValidation', (req, _reply, done) => {
    if (hasNul(req.query) || hasNul(req.params)) return done(new AppError('TEXT_BINARY', NUL_MESSAGE));
    done();
  });
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  // Security headers (helmet), computed once: @fastify/helmet rebuilt the middleware, CSP included, on every request.
  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        mediaSrc: ["'self'", 'data:', 'blob:'],
        frameAncestors: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: deps.https ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  app.addHook('onRequest', (_req, reply, done) => {
    for (const [name, value] of headers.set) reply.raw.setHeader(name, value);
    for (const name of headers.removed) reply.raw.removeHeader(name);
    done();
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (req) => req.ip,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: { code: 'RATE_LIMITED', message: `Bạn thao tác quá nhanh. Vui lòng thử lại sau ${Math.ceil(ctx.ttl / 1000)} giây.` },
    }),
  });
  await app.register(authPlugin, { auth: deps.auth, audit: deps.audit });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Bình Yên API', version: '1.0.0', description: 'API của nền tảng Bình Yên (trợ lý ảo, tra cứu xã/phường, trung tâm chỉ huy, thu tín hiệu báo cháy).' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'by_session' }, csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, transformStaticCSP: (h) => h });

  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    if (!deps.isReady()) return reply.status(503).send({ status: 'starting' });
    return { status: 'ok' };
  });

  for (const r of deps.routes) await app.register(r.plugin as FastifyPluginAsync, { prefix: r.prefix });
  if (deps.extend) await deps.extend(app);

  if (deps.webDist && existsSync(path.join(deps.webDist, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: deps.webDist,
      prefix: '/',
      index: false,
      setHeaders: (res, file) => {
        res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // Embeddable chat widget (src/http/widget.ts): /widget.js, and /chat-embed framable by WIDGET_ALLOWED_ORIGINS only.
    registerWidgetScript(app, deps.webDist);
    const embed = embeddableBy(deps.widgetAllowedOrigins ?? ['*']);
    for (const route of SPA_ROUTES) {
      app.get(route, { schema: { hide: true }, ...(route === CHAT_EMBED_ROUTE ? { onSend: embed } : {}) }, (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
    }
  }
  return app;
}

const NUL_MESSAGE = 'Nội dung gửi lên chứa ký tự không đọc được (NUL). Vui lòng nhập lại bằng chữ.';

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\0') || hasNul(v));
  return false;
}
