import type { AuditLog } from '../auth/audit.repository.ts';
import { wardScope, type StaffUser } from '../auth/roles.ts';
import type { Db } from '../db/db.ts';
import { assertInScope, actorOf } from '../dispatch/access.ts';
import { wardResolverFrom } from '../dispatch/dispatch.module.ts';
import type { EventBus } from '../shared/bus.ts';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { parseKey, type KeyFormat } from './dc09/crypto.ts';
import { createPremiseRepository, type Contact, type PremiseRow, type PremiseWrite, type WardSource } from './alarm-premise.repository.ts';

/**
 * Alarm accounts as monitored premises: create (the contract's `POST /alarm-accounts`), list, read, edit,
 * enable/disable, rotate the key, statistics. The key is write-only (views say `hasKey` and `keyFormat`);
 * audit entries name the fields changed, never keys or contacts. Every change invalidates the receiver's
 * account cache here and, through `alarm-account.changed` on the bus, in the other processes.
 */
export interface WardLookup {
  isWard(code: string): boolean | Promise<boolean>;
  locate(lat: number, lon: number): Promise<{ ward: { code: string } | null; nearest?: { code: string } | null }>;
  resolve(q: string): Promise<{ matches: Array<{ code: string; confidence: number }> }>;
  listWards?(): Array<{ code: string; name: string }>;
}

export const WARD_UNRESOLVED_NOTE = 'chưa xác định xã/phường';

export interface PremiseInput {
  name?: string;
  address?: string;
  wardCode?: string | null;
  lat?: number | null;
  lon?: number | null;
  contacts?: Contact[];
  zones?: Record<string, string>;
}

export interface CreateAccountInput {
  account: string;
  receiver?: string | null;
  line?: string | null;
  key?: string | null;
  keyFormat?: KeyFormat;
  enabled?: boolean;
  isDemo?: boolean;
  heartbeatIntervalS?: number | null;
  premise: PremiseInput & { name: string; address: string };
}

export type UpdateAccountInput = Omit<CreateAccountInput, 'account' | 'premise'> & { premise?: PremiseInput };

export interface AccountServiceDeps {
  db: Db;
  bus: EventBus;
  log: Logger;
  audit: AuditLog;
  org: WardLookup;
  /** The receiver's cached directory: invalidated after every change. */
  directory: { invalidate(account?: string): void };
  now?: () => Date;
}

export function createAccountService(deps: AccountServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const repo = createPremiseRepository();
  const wardNames = new Map((deps.org.listWards?.() ?? []).map((w) => [w.code, w.name]));

  const view = (r: PremiseRow) => accountView(r, wardNames);

  function checkKey(key: string | null | undefined, format: KeyFormat) {
    if (key == null) return;
    const k = parseKey(key, format);
    if (!k.ok) {
      throw new AppError('ALARM_KEY_INVALID', undefined, { fields: [{ field: 'key', problem: format === 'hex' ? 'hex_32_48_64' : 'ascii_16_24_32' }] });
    }
  }

  async function checkWard(code: string | null | undefined) {
    if (code && !(await deps.org.isWard(code))) throw new AppError('WARD_NOT_FOUND');
  }

  /** Ward from the code, else the point, else the address when the match is confident (dispatch's rules for incidents). */
  const placeWard = wardResolverFrom(deps.org);
  async function resolveWard(p: { wardCode?: string | null; lat?: number | null; lon?: number | null; address?: string | null }): Promise<{ code: string | null; source: WardSource | null }> {
    if (p.wardCode) return { code: p.wardCode, source: 'code' };
    if (p.lat != null && p.lon != null) {
      const code = await placeWard({ lat: p.lat, lon: p.lon });
      if (code) return { code, source: 'point' };
    }
    if (p.address) {
      const code = await placeWard({ address: p.address }).catch(() => null);
      if (code) return { code, source: 'address' };
    }
    return { code: null, source: null };
  }

  async function changed(account: string, wardCode: string | null) {
    deps.directory.invalidate(account);
    try {
      await deps.bus.publish('alarm-account.changed', { account }, { wardCode });
    } catch (err) {
      deps.log.warn({ err, account }, 'alarm account change not published');
    }
  }

  /** Loads an account the user may see (ward officers: their ward only; others answer 404, audited). */
  async function load(user: StaffUser, account: string, action: string, ip: string | null): Promise<PremiseRow> {
    const row = await repo.get(deps.db, account.toUpperCase());
    if (!row) throw new AppError('NOT_FOUND');
    await assertInScope(deps.audit, actorOf(user, ip), { wardCode: row.wardCode, target: `alarm_account:${row.account}` }, action);
    return row;
  }

  return {
    async create(user: StaffUser, input: CreateAccountInput, ip: string | null = null) {
      const account = input.account.toUpperCase();
      if (!/^[0-9A-F]{3,16}$/.test(account)) throw new AppError('VALIDATION', 'Mã tài khoản gồm 3–16 chữ số hex.', { fields: [{ field: 'account', problem: 'pattern' }] });
      const keyFormat = input.keyFormat ?? 'hex';
      checkKey(input.key, keyFormat);
      const p = input.premise;
      if ((p.lat == null) !== (p.lon == null)) throw new AppError('VALIDATION', 'Cần cả vĩ độ và kinh độ.');
      await checkWard(p.wardCode);
      const ward = await resolveWard(p);
      const at = now();
      const w: PremiseWrite = {
        receiver: input.receiver?.toUpperCase() ?? null,
        line: input.line?.toUpperCase() ?? null,
        key: input.key ?? null,
        key_format: keyFormat,
        enabled: input.enabled ?? true,
        is_demo: input.isDemo ?? false,
        name: p.name,
        address: p.address,
        ward_code: ward.code,
        ward_source: ward.source,
        lat: p.lat ?? null,
        lon: p.lon ?? null,
        contacts: p.contacts ?? [],
        zones: p.zones ?? {},
        heartbeat_interval_s: input.heartbeatIntervalS ?? null,
        supervision_since: at,
      };
      if (!(await repo.insert(deps.db, account, w, at, user.username))) throw new AppError('ALARM_ACCOUNT_EXISTS');
      await deps.audit.record({
        actorId: user.id, actorUsername: user.username, action: 'alarm_account.create', target: account, ip,
        details: { encrypted: Boolean(input.key), keyFormat, wardCode: ward.code, wardSource: ward.source, heartbeatIntervalS: w.heartbeat_interval_s, contacts: w.contacts!.length, zones: Object.keys(w.zones!).length, isDemo: w.is_demo },
      });
      await changed(account, ward.code);
      deps.log.info({ account, wardCode: ward.code }, 'alarm account created');
      return view((await repo.get(deps.db, account))!);
    },

    async list(user: StaffUser, filter: { ward?: string; enabled?: boolean; unresolved?: boolean; q?: string; limit?: number }) {
      const rows = await repo.list(deps.db, { ...filter, scope: wardScope(user), limit: filter.limit ?? 500 });
      return rows.map(view);
    },

    async get(user: StaffUser, account: string, ip: string | null = null) {
      return view(await load(user, account, 'read', ip));
    },

    async update(user: StaffUser, accountIn: string, patch: UpdateAccountInput, ip: string | null = null) {
      const cur = await load(user, accountIn, 'update', ip);
      const account = cur.account;
      const w: PremiseWrite = {};
      const fields: string[] = [];
      const set = <K extends keyof PremiseWrite>(k: K, v: PremiseWrite[K], field: string) => {
        w[k] = v;
        fields.push(field);
      };
      if (patch.receiver !== undefined) set('receiver', patch.receiver?.toUpperCase() ?? null, 'receiver');
      if (patch.line !== undefined) set('line', patch.line?.toUpperCase() ?? null, 'line');
      const keyFormat = patch.keyFormat ?? cur.keyFormat;
      if (patch.key !== undefined) {
        checkKey(patch.key, keyFormat);
        set('key', patch.key, 'key');
        set('key_format', keyFormat, 'keyFormat');
      } else if (patch.keyFormat !== undefined && patch.keyFormat !== cur.keyFormat) {
        checkKey(cur.key, keyFormat);
        set('key_format', keyFormat, 'keyFormat');
      }
      if (patch.enabled !== undefined) set('enabled', patch.enabled, 'enabled');
      if (patch.isDemo !== undefined) set('is_demo', patch.isDemo, 'isDemo');
      if (patch.heartbeatIntervalS !== undefined) {
        set('heartbeat_interval_s', patch.heartbeatIntervalS, 'heartbeatIntervalS');
        // Supervision starts afresh, so that setting an interval does not raise "mất kết nối" at once.
        w.supervision_since = now();
      }
      if (patch.enabled === true && !cur.enabled) w.supervision_since = now();
      const p = patch.premise;
      if (p) {
        if (p.name !== undefined) set('name', p.name, 'premise.name');
        if (p.address !== undefined) set('address', p.address, 'premise.address');
        if (p.lat !== undefined || p.lon !== undefined) {
          const lat = p.lat !== undefined ? p.lat : cur.lat;
          const lon = p.lon !== undefined ? p.lon : cur.lon;
          if ((lat == null) !== (lon == null)) throw new AppError('VALIDATION', 'Cần cả vĩ độ và kinh độ.');
          set('lat', lat ?? null, 'premise.lat');
          set('lon', lon ?? null, 'premise.lon');
        }
        if (p.contacts !== undefined) set('contacts', p.contacts, 'premise.contacts');
        if (p.zones !== undefined) set('zones', p.zones, 'premise.zones');
        if (p.wardCode !== undefined) {
          await checkWard(p.wardCode);
          if (p.wardCode) {
            set('ward_code', p.wardCode, 'premise.wardCode');
            w.ward_source = 'code';
          }
        }
        // A moved premise (or a cleared ward) is placed again unless the ward was given.
        const moved = p.address !== undefined || p.lat !== undefined || p.lon !== undefined;
        if (!p.wardCode && (p.wardCode === null || (moved && cur.wardSource !== 'code'))) {
          const ward = await resolveWard({
            lat: w.lat !== undefined ? w.lat : cur.lat,
            lon: w.lon !== undefined ? w.lon : cur.lon,
            address: w.address ?? cur.address,
          });
          set('ward_code', ward.code, 'premise.wardCode');
          w.ward_source = ward.source;
        }
      }
      if (fields.length === 0) return view(cur);
      await repo.update(deps.db, account, w, now(), user.username);
      const wardCode = w.ward_code !== undefined ? w.ward_code : cur.wardCode;
      await deps.audit.record({
        actorId: user.id, actorUsername: user.username, action: 'alarm_account.update', target: account, ip,
        details: {
          fields,
          ...(patch.key !== undefined ? { keyRotated: patch.key !== null, keyRemoved: patch.key === null } : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
          ...(w.ward_code !== undefined ? { wardCode: w.ward_code, wardSource: w.ward_source ?? null } : {}),
        },
      });
      await changed(account, wardCode);
      return view((await repo.get(deps.db, account))!);
    },

    /** Per-premise counters for the console and the admin page. */
    async stats(user: StaffUser, account: string, ip: string | null = null) {
      const row = await load(user, account, 'stats', ip);
      const since30 = new Date(now().getTime() - 30 * 86_400_000);
      const [counts] = await deps.db.query<{ alarms: number; alarms30: number; troublesOpen: number; troubles: number; lastAlarmAt: Date | null }>(
        `select (select count(*) from alarm_activations where account = $1)::int as alarms,
                (select count(*) from alarm_activations where account = $1 and opened_at >= $2)::int as "alarms30",
                (select count(*) from alarm_troubles where account = $1 and cleared_at is null)::int as "troublesOpen",
                (select count(*) from alarm_troubles where account = $1)::int as troubles,
                (select max(opened_at) from alarm_activations where account = $1) as "lastAlarmAt"`,
        [row.account, since30],
      );
      const reasons = await deps.db.query<{ reason: string; n: number; n30: number }>(
        `select coalesce(reason, 'other') as reason, count(*)::int as n, count(*) filter (where at >= $2)::int as n30
         from alarm_verifications where account = $1 and outcome = 'false_alarm' group by 1`,
        [row.account, since30],
      );
      return {
        account: row.account,
        falseAlarms: {
          total: row.falseAlarms,
          last30Days: reasons.reduce((s, r) => s + r.n30, 0),
          byReason: Object.fromEntries(reasons.map((r) => [r.reason, r.n])),
        },
        confirmedFires: row.confirmedFires,
        fireAlarms: { total: counts!.alarms, last30Days: counts!.alarms30, lastAt: counts!.lastAlarmAt ? new Date(counts!.lastAlarmAt).toISOString() : null },
        troubles: { open: counts!.troublesOpen, total: counts!.troubles },
        lastSeenAt: row.lastSeenAt ? new Date(row.lastSeenAt).toISOString() : null,
      };
    },

    /** Internal (alarm handling): the premise row, or undefined for an unregistered account. */
    premise: (account: string) => repo.get(deps.db, account.toUpperCase()),
  };
}

export type AccountService = ReturnType<typeof createAccountService>;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** What the API returns for an account: everything but the key. */
export function accountView(r: PremiseRow, wardNames?: Map<string, string>) {
  return {
    account: r.account,
    receiver: r.receiver,
    line: r.line,
    hasKey: r.key !== null,
    keyFormat: r.key !== null ? r.keyFormat : null,
    enabled: r.enabled,
    isDemo: r.isDemo,
    premise: {
      name: r.name,
      address: r.address,
      wardCode: r.wardCode,
      wardName: r.wardCode ? (wardNames?.get(r.wardCode) ?? null) : null,
      wardSource: r.wardSource,
      wardUnresolved: r.wardCode === null,
      ...(r.wardCode === null ? { wardNote: WARD_UNRESOLVED_NOTE } : {}),
      lat: r.lat,
      lon: r.lon,
      contacts: r.contacts,
      zones: r.zones,
    },
    heartbeatIntervalS: r.heartbeatIntervalS,
    lastSeenAt: iso(r.lastSeenAt),
    falseAlarms: r.falseAlarms,
    confirmedFires: r.confirmedFires,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    createdBy: r.createdBy,
    updatedBy: r.updatedBy,
  };
}

export type AccountView = ReturnType<typeof accountView>;
