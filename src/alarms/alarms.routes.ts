import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../auth/roles.ts';
import type { AccountService } from './alarm-account.service.ts';
import type { OperatorService } from './alarm-operator.service.ts';
import { FALSE_ALARM_REASONS } from './alarm-views.ts';
import { ALARM_CATEGORIES } from './dc09/data/categories.ts';

/**
 * HTTP API of alarm monitoring, under /api/v1. `POST /alarm-accounts` and `GET /alarm-events` are external
 * contracts (shared/CONTRACT.md); the rest is ours.
 */
export const ALARM_ROLES = {
  /** Create and edit accounts. */
  manage: ['admin'],
  /** Read premises (ward officers: their ward). */
  premises: ['admin', 'dispatcher', 'ward_officer'],
  /** Read events and the active list. */
  read: ['admin', 'dispatcher', 'ward_officer', 'leader'],
  /** Acknowledge and verify. */
  operate: ['admin', 'dispatcher', 'ward_officer'],
} as const satisfies Record<string, readonly Role[]>;

export const MAX_EVENTS_LIMIT = 10_000;

const hex = (min: number, max: number) => z.string().trim().regex(new RegExp(`^[0-9A-Fa-f]{${min},${max}}$`));
const accountId = hex(3, 16);
const wardCode = z.string().regex(/^\d{5}$/);
const text = (max: number) => z.string().trim().max(max).transform((s) => s.normalize('NFC'));
const contact = z.strictObject({
  name: text(120).pipe(z.string().min(1)),
  phone: z.string().trim().regex(/^\+?[0-9 ().-]{3,20}$/),
  role: text(120).nullish().transform((v) => v || null),
});
const zones = z
  .record(z.string().regex(/^\d{1,4}$/), text(200))
  .refine((o) => Object.keys(o).length <= 999, { message: 'too many zones' });
const premiseFields = {
  wardCode: wardCode.nullish(),
  lat: z.number().min(-90).max(90).nullish(),
  lon: z.number().min(-180).max(180).nullish(),
  contacts: z.array(contact).max(10).optional(),
  zones: zones.optional(),
};
const heartbeat = z.number().int().min(10).max(7 * 86_400).nullish();

const accountFields = {
  receiver: hex(1, 6).nullish(),
  line: hex(1, 6).nullish(),
  key: z.string().max(64).nullish(),
  keyFormat: z.enum(['hex', 'ascii']).optional(),
  enabled: z.boolean().optional(),
  isDemo: z.boolean().optional(),
  heartbeatIntervalS: heartbeat,
};
const premiseName = text(200).pipe(z.string().min(1));
const premiseAddress = text(500).pipe(z.string().min(1));

export const createAccountBody = z.strictObject({
  account: accountId,
  ...accountFields,
  premise: z.strictObject({ name: premiseName, address: premiseAddress, ...premiseFields }),
});

export const updateAccountBody = z.strictObject({
  ...accountFields,
  premise: z.strictObject({ name: premiseName.optional(), address: premiseAddress.optional(), ...premiseFields }).optional(),
});

const accountParam = z.object({ account: accountId });
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export function alarmRoutes(deps: { accounts: AccountService; operator: OperatorService }): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['alarms'];
    const manage = app.requireStaff(ALARM_ROLES.manage);
    const premises = app.requireStaff(ALARM_ROLES.premises);
    const read = app.requireStaff(ALARM_ROLES.read);
    const operate = app.requireStaff(ALARM_ROLES.operate);

    app.post(
      '/alarm-accounts',
      { schema: { tags, summary: 'Khai báo tài khoản thiết bị báo cháy và cơ sở được giám sát', body: createAccountBody }, preHandler: manage },
      async (req, reply) => {
        // An empty key counts as no key.
        const account = await deps.accounts.create(req.staff!, { ...req.body, key: req.body.key || null }, req.ip);
        return reply.status(201).send({ account });
      },
    );

    app.get(
      '/alarm-accounts',
      {
        schema: {
          tags,
          summary: 'Danh sách cơ sở được giám sát (cán bộ xã/phường: của xã/phường mình)',
          querystring: z.strictObject({ q: z.string().trim().max(100).optional(), ward: wardCode.optional(), enabled: bool.optional(), unresolved: bool.optional(), limit: z.coerce.number().int().min(1).max(5000).optional() }),
        },
        preHandler: premises,
      },
      async (req) => ({ accounts: await deps.accounts.list(req.staff!, req.query) }),
    );

    app.get('/alarm-accounts/:account', { schema: { tags, params: accountParam }, preHandler: premises }, async (req) => ({
      account: await deps.accounts.get(req.staff!, req.params.account, req.ip),
    }));

    app.patch(
      '/alarm-accounts/:account',
      { schema: { tags, summary: 'Sửa cơ sở, người liên hệ, vùng, chu kỳ tín hiệu định kỳ; bật/tắt; đổi khóa', params: accountParam, body: updateAccountBody }, preHandler: manage },
      async (req) => ({ account: await deps.accounts.update(req.staff!, req.params.account, req.body, req.ip) }),
    );

    app.get('/alarm-accounts/:account/stats', { schema: { tags, params: accountParam }, preHandler: premises }, async (req) => ({
      stats: await deps.accounts.stats(req.staff!, req.params.account, req.ip),
    }));

    app.get(
      '/alarm-events',
      {
        schema: {
          tags,
          summary: 'Tín hiệu đã nhận, mới nhất trước',
          querystring: z.strictObject({
            account: accountId.optional(),
            limit: z.coerce.number().int().min(1).max(MAX_EVENTS_LIMIT).default(100),
            since: z.iso.datetime({ offset: true }).optional(),
            before: z.iso.datetime({ offset: true }).optional(),
            category: z.enum(ALARM_CATEGORIES).optional(),
          }),
        },
        preHandler: read,
      },
      async (req) => {
        const q = req.query;
        const events = await deps.operator.listEvents(
          req.staff!,
          { account: q.account, limit: q.limit, since: q.since ? new Date(q.since) : undefined, before: q.before ? new Date(q.before) : undefined, category: q.category },
          req.ip,
        );
        return { events };
      },
    );

    app.post('/alarm-events/:id/acknowledge', { schema: { tags, params: z.object({ id: z.uuid() }) }, preHandler: operate }, async (req) =>
      deps.operator.acknowledgeEvent(req.staff!, req.params.id, req.ip),
    );

    app.post('/alarm-troubles/:id/acknowledge', { schema: { tags, params: z.object({ id: z.uuid() }) }, preHandler: operate }, async (req) =>
      deps.operator.acknowledgeTrouble(req.staff!, req.params.id, req.ip),
    );

    app.get('/alarms/active', { schema: { tags, summary: 'Báo cháy chưa xử lý xong và sự cố kỹ thuật đang mở' }, preHandler: read }, async (req) =>
      deps.operator.active(req.staff!),
    );

    app.post(
      '/alarms/:account/verify',
      {
        schema: {
          tags,
          summary: 'Kết quả xác minh báo cháy (gọi điện cho cơ sở): cháy thật hoặc báo cháy giả',
          params: accountParam,
          body: z.strictObject({ outcome: z.enum(['confirmed', 'false_alarm']), reason: z.enum(FALSE_ALARM_REASONS).optional(), note: z.string().trim().max(1000).optional() }),
        },
        preHandler: operate,
      },
      async (req) => deps.operator.verify(req.staff!, req.params.account, req.body, req.ip),
    );
  };
}
