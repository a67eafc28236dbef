import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthService } from '../auth/auth.service.ts';
import { SESSION_COOKIE } from '../auth/auth.service.ts';
import { AppError } from '../shared/errors.ts';
import { DISPATCH_ROLES } from './dispatch.routes.ts';
import type { LiveHub, LiveSocket } from './live.ts';

export interface LiveRoutesDeps {
  hub: LiveHub;
  /** Re-checks the session at each heartbeat so that a logged-out or disabled user stops receiving. */
  auth?: Pick<AuthService, 'authenticate'>;
  now?: () => Date;
  prefix?: string;
}

/** Largest client frame accepted (clients only send small pings). */
export const LIVE_MAX_PAYLOAD_BYTES = 4096;

/**
 * Cross-site WebSocket hijacking guard: browsers always send Origin on a WebSocket handshake; when it is
 * present it must name this host. (The session cookie is SameSite=Strict as well.)
 */
function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * Registers `GET {prefix}/live` (WebSocket). Authenticated by the session cookie: the auth plugin's
 * onRequest hook resolves it for the upgrade request like for any request, and `requireStaff` runs as a
 * preHandler before the upgrade, so an unauthenticated handshake gets a plain HTTP 401 and no socket.
 * Registers @fastify/websocket on the root instance unless someone already did.
 */
export async function registerLiveRoutes(app: FastifyInstance, deps: LiveRoutesDeps) {
  if (!app.hasDecorator('websocketServer')) await app.register(websocket, { options: { maxPayload: LIVE_MAX_PAYLOAD_BYTES } });
  const now = deps.now ?? (() => new Date());
  const guard = app.requireStaff(DISPATCH_ROLES.read);
  await app.register(
    async (scope) => {
      scope.get(
        '/live',
        {
          websocket: true,
          schema: { hide: true },
          preHandler: async (req, reply) => {
            if (!sameOrigin(req)) throw new AppError('FORBIDDEN', 'Nguồn kết nối không hợp lệ.');
            await guard.call(scope, req, reply);
          },
        },
        (socket: LiveSocket, req: FastifyRequest) => {
          const token = req.cookies[SESSION_COOKIE];
          const auth = deps.auth;
          const revalidate = auth ? async () => Boolean(await auth.authenticate(token, now())) : undefined;
          deps.hub.add(socket, req.staff!, revalidate);
        },
      );
    },
    { prefix: deps.prefix ?? '/api/v1' },
  );
}
