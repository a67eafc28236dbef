import type { LightMyRequestResponse } from 'fastify';
import { createPlatform, type Platform, type PlatformOverrides } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createTestDb } from '../../src/db/test-db.ts';

export const ADMIN_PASSWORD = 'admin-test-password';

/** A whole platform on a fresh in-memory (or TEST_DATABASE_URL) database, for HTTP tests with inject(). */
export async function startTestPlatform(env: Record<string, string> = {}, overrides: PlatformOverrides = {}): Promise<Platform> {
  const config = loadConfig({ ADMIN_PASSWORD, LOG_LEVEL: 'silent', ALARM_PORT: '0', SIP_PORT: '0', PORT: '0', ...env });
  return createPlatform(config, { db: await createTestDb(), ...overrides });
}

export interface Session {
  cookie: string;
  csrf: string;
  /** inject() with the session cookie and CSRF header attached. */
  request(opts: { method?: string; url: string; payload?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
}

export async function login(p: Platform, username: string, password: string): Promise<Session> {
  const res = await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie[0]! : String(setCookie);
  const cookie = raw.split(';')[0]!;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return {
    cookie,
    csrf,
    request: (o) =>
      p.app.inject({
        method: (o.method ?? 'GET') as 'GET',
        url: o.url,
        payload: o.payload as string,
        headers: { cookie, 'x-csrf-token': csrf, ...o.headers },
      }),
  };
}
