import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPlatform } from './app.ts';
import { loadConfig } from './config.ts';

describe('platform on embedded storage', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'binhyen-restart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { DATA_DIR: dir, ADMIN_PASSWORD: 'restart-test-pw', LOG_LEVEL: 'silent', PORT: '0', ALARM_PORT: '0', SIP_PORT: '0' };

  it('keeps every record across a restart on the same DATA_DIR', async () => {
    const first = await createPlatform(loadConfig(env));
    const login = await first.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'restart-test-pw' } });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const csrf = login.json().csrfToken as string;
    const created = await first.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { username: 'persist.me', fullName: 'Cán bộ bền vững', password: 'mat-khau-ben-vung', role: 'dispatcher' },
    });
    expect(created.statusCode).toBe(201);
    const incident = await first.app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { type: 'fire', wardCode: '00070', addressText: 'Điểm thử khởi động lại', description: 'thử' },
    });
    expect(incident.statusCode).toBe(201);
    await first.close();

    const second = await createPlatform(loadConfig({ ...env, ADMIN_PASSWORD: 'ignored-after-first-start' }));
    try {
      // The admin keeps the first password (bootstrap runs once) and the new user and incident are still there.
      const again = await second.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'persist.me', password: 'mat-khau-ben-vung' } });
      expect(again.statusCode).toBe(200);
      const cookie2 = String(again.headers['set-cookie']).split(';')[0]!;
      const list = await second.app.inject({ url: '/api/v1/incidents', headers: { cookie: cookie2 } });
      expect(list.json().incidents.map((i: { wardCode: string }) => i.wardCode)).toContain('00070');
      const admin = await second.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'restart-test-pw' } });
      expect(admin.statusCode).toBe(200);
      const wards = await second.app.inject({ url: '/api/v1/wards' });
      expect(wards.json()).toHaveLength(126);
    } finally {
      await second.close();
    }
  });
});
