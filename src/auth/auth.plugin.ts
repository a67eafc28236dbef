import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../shared/errors.ts';
import { SESSION_COOKIE, type AuthService } from './auth.service.ts';
import type { AuditLog } from './audit.repository.ts';
import type { Role, StaffUser } from './roles.ts';

declare module 'fastify' {
  interface FastifyRequest {
    staff: StaffUser | null;
    staffSession: { csrfToken: string; sessionHash: string; mustChangePassword: boolean } | null;
  }
  interface FastifyInstance {
    /** preHandler: requires a signed-in staff member (optionally with one of `roles`) and, for
     * state-changing methods, a valid `x-csrf-token` header. */
    requireStaff(roles?: readonly Role[]): preHandlerAsyncHookHandler;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Resolves the session cookie on every request and provides `app.requireStaff`. */
export const authPlugin = fp(
  async (app: FastifyInstance, opts: { auth: AuthService; audit: AuditLog; now?: () => Date }) => {
    const now = opts.now ?? (() => new Date());
    app.decorateRequest('staff', null);
    app.decorateRequest('staffSession', null);

    app.addHook('onRequest', async (req) => {
      const token = req.cookies[SESSION_COOKIE];
      if (!token) return;
      const s = await opts.auth.authenticate(token, now());
      if (s) {
        req.staff = s.user;
        req.staffSession = { csrfToken: s.csrfToken, sessionHash: s.sessionHash, mustChangePassword: s.mustChangePassword };
      }
    });

    app.decorate('requireStaff', (roles?: readonly Role[]) => {
      return async (req: FastifyRequest, _reply: FastifyReply) => {
        if (!req.staff || !req.staffSession) throw new AppError('UNAUTHENTICATED');
        if (!SAFE_METHODS.has(req.method)) {
          const given = req.headers['x-csrf-token'];
          if (!opts.auth.checkCsrf(req.staffSession.csrfToken, typeof given === 'string' ? given : undefined)) {
            await opts.audit.record({ actorId: req.staff.id, actorUsername: req.staff.username, action: 'access.csrf_rejected', target: req.routeOptions.url ?? null, outcome: 'denied', ip: req.ip });
            throw new AppError('CSRF_INVALID');
          }
        }
        if (roles && !roles.includes(req.staff.role)) {
          await opts.audit.record({ actorId: req.staff.id, actorUsername: req.staff.username, action: 'access.denied', target: `${req.method} ${req.routeOptions.url ?? ''}`, outcome: 'denied', ip: req.ip });
          throw new AppError('FORBIDDEN');
        }
      };
    });
  },
  { name: 'auth', dependencies: ['@fastify/cookie'] },
);
