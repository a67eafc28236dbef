import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../app.ts';
import { ADMIN_PASSWORD, login, startTestPlatform, type Session } from '../../test/support/platform.ts';

describe('staff authentication', () => {
  let p: Platform;
  let admin: Session;
  beforeAll(async () => {
    p = await startTestPlatform();
    admin = await login(p, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await p.close();
  });

  it('sets an HttpOnly SameSite=Strict session cookie and returns a CSRF token at login', async () => {
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/by_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(res.json().csrfToken).toMatch(/^[\w-]{40,}$/);
  });

  it('stores passwords as argon2id hashes', async () => {
    const [row] = await p.db.query<{ password_hash: string }>(`select password_hash from users where username = 'admin'`);
    expect(row!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('rejects a wrong password with a Vietnamese message and audits it', async () => {
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'wrong' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(res.json().error.message).toMatch(/mật khẩu/);
    const rows = await p.db.query(`select * from audit_log where action = 'auth.login_failed'`);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'x' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses a state-changing request without the CSRF header, and accepts it with the header', async () => {
    const body = { username: 'csrf.probe', fullName: 'Cán bộ thử', password: 'mat-khau-dai-1', role: 'dispatcher' };
    const without = await p.app.inject({ method: 'POST', url: '/api/v1/users', payload: body, headers: { cookie: admin.cookie } });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('CSRF_INVALID');
    const wrong = await p.app.inject({ method: 'POST', url: '/api/v1/users', payload: body, headers: { cookie: admin.cookie, 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrong.statusCode).toBe(403);
    const ok = await admin.request({ method: 'POST', url: '/api/v1/users', payload: body });
    expect(ok.statusCode).toBe(201);
  });

  it('requires a session for staff endpoints', async () => {
    const res = await p.app.inject({ url: '/api/v1/users' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('throttles a username after repeated failures', async () => {
    await admin.request({ method: 'POST', url: '/api/v1/users', payload: { username: 'throttle.me', fullName: 'Thử khóa', password: 'mat-khau-dai-2', role: 'leader' } });
    for (let i = 0; i < 5; i++) {
      await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'throttle.me', password: 'bad' } });
    }
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'throttle.me', password: 'mat-khau-dai-2' } });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.message).toMatch(/15 phút/);
  });

  it('logs out by deleting the session', async () => {
    await admin.request({ method: 'POST', url: '/api/v1/users', payload: { username: 'bye.user', fullName: 'Đăng xuất', password: 'mat-khau-dai-3', role: 'leader' } });
    const s = await login(p, 'bye.user', 'mat-khau-dai-3');
    expect((await s.request({ url: '/api/v1/auth/me' })).statusCode).toBe(200);
    expect((await s.request({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(200);
    expect((await s.request({ url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  it('keeps saying a new account must change its password when the session is checked again (page reload)', async () => {
    await admin.request({ method: 'POST', url: '/api/v1/users', payload: { username: 'new.pw', fullName: 'Mật khẩu mới', password: 'mat-khau-dai-7', role: 'leader' } });
    const s = await login(p, 'new.pw', 'mat-khau-dai-7');
    const before = await s.request({ url: '/api/v1/auth/me' });
    expect(before.json()).toMatchObject({ user: { username: 'new.pw' }, csrfToken: s.csrf, mustChangePassword: true });
    const changed = await s.request({ method: 'POST', url: '/api/v1/auth/password', payload: { oldPassword: 'mat-khau-dai-7', newPassword: 'mat-khau-dai-8' } });
    expect(changed.statusCode).toBe(200);
    expect((await s.request({ url: '/api/v1/auth/me' })).json().mustChangePassword).toBe(false);
  });

  it('deletes sessions past their expiry at the next login', async () => {
    const [user] = await p.db.query<{ id: string }>(`select id from users where username = 'admin'`);
    await p.db.query(`insert into sessions (id_hash, user_id, csrf_token, expires_at) values ('expired-probe', $1, 'x', now() - interval '1 hour')`, [user!.id]);
    await login(p, 'admin', ADMIN_PASSWORD);
    expect(await p.db.query(`select id_hash from sessions where id_hash = 'expired-probe'`)).toEqual([]);
  });

  it('disabling a user ends their sessions and blocks login', async () => {
    const created = await admin.request({ method: 'POST', url: '/api/v1/users', payload: { username: 'to.disable', fullName: 'Bị khóa', password: 'mat-khau-dai-4', role: 'leader' } });
    const id = created.json().user.id;
    const s = await login(p, 'to.disable', 'mat-khau-dai-4');
    expect((await admin.request({ method: 'PATCH', url: `/api/v1/users/${id}`, payload: { disabled: true } })).statusCode).toBe(200);
    expect((await s.request({ url: '/api/v1/auth/me' })).statusCode).toBe(401);
    const again = await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'to.disable', password: 'mat-khau-dai-4' } });
    expect(again.statusCode).toBe(403);
  });

  it('only admins manage users; others get 403 and the attempt is audited', async () => {
    const leader = await login(p, 'csrf.probe', 'mat-khau-dai-1');
    const res = await leader.request({ method: 'POST', url: '/api/v1/users', payload: { username: 'x.y', fullName: 'Không được', password: 'mat-khau-dai-9', role: 'admin' } });
    expect(res.statusCode).toBe(403);
    const denied = await p.db.query(`select * from audit_log where action = 'access.denied' and actor_username = 'csrf.probe'`);
    expect(denied.length).toBe(1);
  });

  it('rejects short passwords, unknown roles and unknown fields', async () => {
    const short = await admin.request({ method: 'POST', url: '/api/v1/users', payload: { username: 'short.pw', fullName: 'Ngắn', password: 'abc', role: 'leader' } });
    expect(short.statusCode).toBe(400);
    const role = await admin.request({ method: 'POST', url: '/api/v1/users', payload: { username: 'bad.role', fullName: 'Sai', password: 'mat-khau-dai-5', role: 'root' } });
    expect(role.statusCode).toBe(400);
    const extra = await admin.request({ method: 'POST', url: '/api/v1/users', payload: { username: 'extra.f', fullName: 'Thừa', password: 'mat-khau-dai-5', role: 'leader', isAdmin: true } });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.code).toBe('UNKNOWN_FIELD');
  });

  it('a ward officer must have a ward and other roles must not', async () => {
    const noWard = await admin.request({ method: 'POST', url: '/api/v1/users', payload: { username: 'ward.none', fullName: 'Thiếu phường', password: 'mat-khau-dai-6', role: 'ward_officer' } });
    expect(noWard.statusCode).toBe(400);
    const withWard = await admin.request({ method: 'POST', url: '/api/v1/users', payload: { username: 'disp.ward', fullName: 'Thừa phường', password: 'mat-khau-dai-6', role: 'dispatcher', wardCode: '00070' } });
    expect(withWard.statusCode).toBe(400);
  });

  it('keeps the audit log readable by admins', async () => {
    const res = await admin.request({ url: '/api/v1/audit?limit=50' });
    expect(res.statusCode).toBe(200);
    const actions = res.json().entries.map((e: { action: string }) => e.action);
    expect(actions).toContain('auth.login');
    expect(actions).toContain('user.create');
  });
});
