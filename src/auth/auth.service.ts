import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Queryable } from '../db/db.ts';
import { AppError } from '../shared/errors.ts';
import type { AuditLog } from './audit.repository.ts';
import type { Role, StaffUser } from './roles.ts';
import type { UserRepository, UserRow } from './user.repository.ts';

/** OWASP-recommended argon2id parameters (19 MiB, 2 iterations, 1 lane). */
const ARGON2 = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const SESSION_COOKIE = 'by_session';
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
export const SESSION_IDLE_MS = 2 * 3600_000;
/** Failed logins for one username within the window before further attempts are refused. */
export const MAX_FAILED_LOGINS = 5;
export const FAILED_LOGIN_WINDOW_MS = 15 * 60_000;
export const MIN_PASSWORD_LENGTH = 10;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const hashPassword = (password: string) => hash(password, ARGON2);

export function toStaffUser(u: Pick<UserRow, 'id' | 'username' | 'full_name' | 'role' | 'ward_code'>): StaffUser {
  return { id: u.id, username: u.username, fullName: u.full_name, role: u.role, wardCode: u.ward_code };
}

export interface AuthDeps {
  users: UserRepository;
  audit: AuditLog;
  db: Queryable;
  /** Checks that a ward code names one of the current units. */
  isWard: (code: string) => Promise<boolean>;
}

export function createAuthService(deps: AuthDeps) {
  const { users, audit } = deps;
  let dummyHash: Promise<string> | undefined;

  async function recentFailures(username: string, now: Date) {
    const [row] = await deps.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'auth.login_failed' and lower(target) = lower($1) and at > $2`,
      [username, new Date(now.getTime() - FAILED_LOGIN_WINDOW_MS)],
    );
    return row?.n ?? 0;
  }

  async function validateUserFields(role: Role, wardCode: string | null | undefined) {
    if (role === 'ward_officer') {
      if (!wardCode) throw new AppError('VALIDATION', 'Cán bộ công an xã/phường phải được gán một xã/phường.');
      if (!(await deps.isWard(wardCode))) throw new AppError('WARD_NOT_FOUND');
    } else if (wardCode) {
      throw new AppError('VALIDATION', 'Chỉ cán bộ công an xã/phường mới được gán xã/phường.');
    }
  }

  return {
    async login(input: { username: string; password: string; ip: string | null; userAgent: string | null; now: Date }) {
      const { username, password, ip, now } = input;
      if ((await recentFailures(username, now)) >= MAX_FAILED_LOGINS) {
        await audit.record({ action: 'auth.login_throttled', target: username, outcome: 'denied', ip });
        throw new AppError('RATE_LIMITED', 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.');
      }
      const user = await users.findByUsername(username);
      // Verify against a dummy hash when the user does not exist so timing does not reveal usernames.
      const ok = user
        ? await verify(user.password_hash, password).catch(() => false)
        : await verify(await (dummyHash ??= hashPassword(randomBytes(16).toString('hex'))), password).catch(() => false);
      if (!user || !ok) {
        await audit.record({ action: 'auth.login_failed', target: username, outcome: 'failed', ip });
        throw new AppError('INVALID_CREDENTIALS');
      }
      if (user.disabled) {
        await audit.record({ actorId: user.id, actorUsername: user.username, action: 'auth.login_failed', target: username, outcome: 'denied', ip, details: { reason: 'disabled' } });
        throw new AppError('ACCOUNT_DISABLED');
      }
      // Sessions past their absolute expiry are otherwise only deleted when their cookie comes back.
      await users.deleteExpiredSessions(now);
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(32).toString('base64url');
      await users.insertSession({
        idHash: sha256(token),
        userId: user.id,
        csrfToken,
        expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
        ip,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
      });
      await audit.record({ actorId: user.id, actorUsername: user.username, action: 'auth.login', target: user.username, ip });
      return { token, csrfToken, user: toStaffUser(user), mustChangePassword: user.must_change_password };
    },

    /** Resolves a session cookie to its user; null when missing, expired, idle too long or disabled. */
    async authenticate(token: string | undefined, now: Date): Promise<{ user: StaffUser; csrfToken: string; sessionHash: string; mustChangePassword: boolean } | null> {
      if (!token || token.length > 200) return null;
      const idHash = sha256(token);
      const s = await users.findSession(idHash);
      if (!s) return null;
      const expired = new Date(s.expires_at).getTime() < now.getTime() || now.getTime() - new Date(s.last_seen_at).getTime() > SESSION_IDLE_MS;
      if (expired || s.user.disabled) {
        await users.deleteSession(idHash);
        return null;
      }
      if (now.getTime() - new Date(s.last_seen_at).getTime() > 60_000) await users.touchSession(idHash, now);
      return { user: toStaffUser(s.user), csrfToken: s.csrf_token, sessionHash: idHash, mustChangePassword: s.user.must_change_password };
    },

    checkCsrf(expected: string, given: string | undefined): boolean {
      if (!given) return false;
      const a = Buffer.from(expected);
      const b = Buffer.from(given);
      return a.length === b.length && timingSafeEqual(a, b);
    },

    async logout(sessionHash: string, user: StaffUser, ip: string | null) {
      await users.deleteSession(sessionHash);
      await audit.record({ actorId: user.id, actorUsername: user.username, action: 'auth.logout', target: user.username, ip });
    },

    async createUser(actor: StaffUser | null, input: { username: string; fullName: string; password: string; role: Role; wardCode?: string | null; mustChangePassword?: boolean }, ip: string | null = null) {
      await validateUserFields(input.role, input.wardCode);
      if (input.password.length < MIN_PASSWORD_LENGTH) {
        throw new AppError('VALIDATION', `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`);
      }
      if (await users.findByUsername(input.username)) throw new AppError('CONFLICT', 'Tên đăng nhập đã tồn tại.');
      const id = await users.insert({
        username: input.username,
        fullName: input.fullName,
        passwordHash: await hashPassword(input.password),
        role: input.role,
        wardCode: input.wardCode ?? null,
        mustChangePassword: input.mustChangePassword ?? false,
      });
      await audit.record({ actorId: actor?.id, actorUsername: actor?.username ?? 'system', action: 'user.create', target: input.username, ip, details: { role: input.role, wardCode: input.wardCode ?? null } });
      return id;
    },

    async updateUser(actor: StaffUser, id: string, patch: { fullName?: string; role?: Role; wardCode?: string | null; disabled?: boolean; password?: string }, ip: string | null) {
      const current = await users.findById(id);
      if (!current) throw new AppError('NOT_FOUND');
      const role = patch.role ?? current.role;
      const wardCode = patch.wardCode !== undefined ? patch.wardCode : role === 'ward_officer' ? current.ward_code : null;
      await validateUserFields(role, wardCode);
      if (actor.id === id && (patch.disabled || (patch.role && patch.role !== 'admin'))) {
        throw new AppError('FORBIDDEN', 'Không thể tự khóa hoặc tự hạ quyền tài khoản đang đăng nhập.');
      }
      if (patch.password !== undefined && patch.password.length < MIN_PASSWORD_LENGTH) {
        throw new AppError('VALIDATION', `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`);
      }
      const updated = await users.update(id, {
        fullName: patch.fullName,
        role: patch.role,
        wardCode,
        disabled: patch.disabled,
        passwordHash: patch.password ? await hashPassword(patch.password) : undefined,
        mustChangePassword: patch.password ? actor.id !== id : undefined,
      });
      if (patch.disabled || patch.password || patch.role || patch.wardCode !== undefined) await users.deleteSessionsOfUser(id);
      const changed = Object.keys(patch).filter((k) => k !== 'password').concat(patch.password ? ['password'] : []);
      await audit.record({ actorId: actor.id, actorUsername: actor.username, action: 'user.update', target: current.username, ip, details: { changed, role, wardCode } });
      return updated!;
    },

    async changeOwnPassword(actor: StaffUser, oldPassword: string, newPassword: string, ip: string | null) {
      const current = await users.findById(actor.id);
      if (!current || !(await verify(current.password_hash, oldPassword).catch(() => false))) {
        await audit.record({ actorId: actor.id, actorUsername: actor.username, action: 'user.password_change', target: actor.username, outcome: 'failed', ip });
        throw new AppError('INVALID_CREDENTIALS', 'Mật khẩu hiện tại không đúng.');
      }
      if (newPassword.length < MIN_PASSWORD_LENGTH) throw new AppError('VALIDATION', `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`);
      await users.update(actor.id, { passwordHash: await hashPassword(newPassword), mustChangePassword: false });
      await audit.record({ actorId: actor.id, actorUsername: actor.username, action: 'user.password_change', target: actor.username, ip });
    },

    /**
     * First start: creates `admin` with ADMIN_PASSWORD, or with a random password that the caller prints
     * once. Returns the generated password (or null when an admin exists or the password was given).
     */
    async bootstrapAdmin(adminPassword: string | undefined): Promise<{ created: boolean; generatedPassword: string | null }> {
      if (await users.findByUsername('admin')) return { created: false, generatedPassword: null };
      const password = adminPassword ?? randomBytes(12).toString('base64url');
      await users.insert({ username: 'admin', fullName: 'Quản trị hệ thống', passwordHash: await hashPassword(password), role: 'admin', wardCode: null, mustChangePassword: !adminPassword });
      await audit.record({ actorUsername: 'system', action: 'user.bootstrap_admin', target: 'admin' });
      return { created: true, generatedPassword: adminPassword ? null : password };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
