import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../shared/errors.ts';
import type { AuditLog } from './audit.repository.ts';
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE, toStaffUser, type AuthService } from './auth.service.ts';
import { ROLES, ROLE_LABELS, canSeeWard, wardScope } from './roles.ts';
import type { UserRepository, UserRow } from './user.repository.ts';

export interface AuthRoutesDeps {
  auth: AuthService;
  users: UserRepository;
  audit: AuditLog;
  cookieSecure: boolean;
  now?: () => Date;
}

const username = z.string().trim().min(3).max(64).regex(/^[a-zA-Z0-9._-]+$/, 'chỉ gồm chữ không dấu, số, dấu chấm, gạch');
const password = z.string().min(1).max(256);
const wardCode = z.string().regex(/^\d{5}$/);
const role = z.enum(ROLES);

const publicUser = (u: UserRow) => ({
  ...toStaffUser(u),
  roleLabel: ROLE_LABELS[u.role],
  disabled: u.disabled,
  mustChangePassword: u.must_change_password,
  createdAt: u.created_at,
});

export function authRoutes(deps: AuthRoutesDeps): FastifyPluginAsyncZod {
  const now = deps.now ?? (() => new Date());
  return async (app) => {
    app.post(
      '/auth/login',
      {
        schema: { tags: ['auth'], summary: 'Đăng nhập cán bộ', body: z.strictObject({ username: z.string().trim().min(1).max(64), password }) },
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        const r = await deps.auth.login({ ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null, now: now() });
        reply.setCookie(SESSION_COOKIE, r.token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: deps.cookieSecure,
          path: '/',
          maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
        });
        return { csrfToken: r.csrfToken, user: { ...r.user, roleLabel: ROLE_LABELS[r.user.role] }, mustChangePassword: r.mustChangePassword };
      },
    );

    app.post('/auth/logout', { schema: { tags: ['auth'] }, preHandler: app.requireStaff() }, async (req, reply) => {
      await deps.auth.logout(req.staffSession!.sessionHash, req.staff!, req.ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    });

    app.get('/auth/me', { schema: { tags: ['auth'] }, preHandler: app.requireStaff() }, async (req) => {
      const session = req.staffSession!;
      return { user: { ...req.staff!, roleLabel: ROLE_LABELS[req.staff!.role] }, csrfToken: session.csrfToken, mustChangePassword: session.mustChangePassword };
    });

    app.post(
      '/auth/password',
      {
        schema: { tags: ['auth'], body: z.strictObject({ oldPassword: password, newPassword: password }) },
        preHandler: app.requireStaff(),
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (req) => {
        await deps.auth.changeOwnPassword(req.staff!, req.body.oldPassword, req.body.newPassword, req.ip);
        return { ok: true };
      },
    );

    // Users: admins manage everyone; a ward officer may list the officers of their own ward.
    app.get('/users', { schema: { tags: ['users'] }, preHandler: app.requireStaff(['admin', 'ward_officer']) }, async (req) => {
      const rows = await deps.users.list({ wardCode: wardScope(req.staff!) });
      return { users: rows.map(publicUser) };
    });

    app.get(
      '/users/:id',
      { schema: { tags: ['users'], params: z.object({ id: z.uuid() }) }, preHandler: app.requireStaff(['admin', 'ward_officer']) },
      async (req) => {
        const u = await deps.users.findById(req.params.id);
        if (!u || !canSeeWard(req.staff!, u.ward_code)) throw new AppError('NOT_FOUND');
        return { user: publicUser(u) };
      },
    );

    app.post(
      '/users',
      {
        schema: {
          tags: ['users'],
          body: z.strictObject({ username, fullName: z.string().trim().min(2).max(120), password, role, wardCode: wardCode.nullish() }),
        },
        preHandler: app.requireStaff(['admin']),
      },
      async (req, reply) => {
        const id = await deps.auth.createUser(req.staff!, { ...req.body, mustChangePassword: true }, req.ip);
        const u = await deps.users.findById(id);
        return reply.status(201).send({ user: publicUser(u!) });
      },
    );

    app.patch(
      '/users/:id',
      {
        schema: {
          tags: ['users'],
          params: z.object({ id: z.uuid() }),
          body: z.strictObject({
            fullName: z.string().trim().min(2).max(120).optional(),
            role: role.optional(),
            wardCode: wardCode.nullish(),
            disabled: z.boolean().optional(),
            password: password.optional(),
          }),
        },
        preHandler: app.requireStaff(['admin']),
      },
      async (req) => {
        const u = await deps.auth.updateUser(req.staff!, req.params.id, req.body, req.ip);
        return { user: publicUser(u) };
      },
    );

    app.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          querystring: z.strictObject({
            limit: z.coerce.number().int().min(1).max(500).default(100),
            before: z.coerce.number().int().positive().optional(),
            action: z.string().max(64).regex(/^[a-z_.]+$/).optional(),
          }),
        },
        preHandler: app.requireStaff(['admin']),
      },
      async (req) => {
        const rows = await deps.audit.list(req.query);
        return {
          entries: rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor_username, action: r.action, target: r.target, outcome: r.outcome, ip: r.ip, details: r.details })),
        };
      },
    );
  };
}
