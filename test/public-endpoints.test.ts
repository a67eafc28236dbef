import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/app.ts';
import { startTestPlatform } from './support/platform.ts';

/**
 * Bad input on every public (no-login) endpoint gets a clear 4xx with a Vietnamese message and never a 5xx:
 * random text, SQL-looking strings, broken JSON, wrong types, unknown fields, huge bodies.
 */
describe('public endpoints under hostile input', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startTestPlatform();
  });
  afterAll(async () => {
    await p.close();
  });

  const nasty = fc.oneof(
    fc.string({ maxLength: 400 }),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.constantFrom("'; drop table users; --", '1 or 1=1', '<script>alert(1)</script>', '%00', '\u0000\u0001', '../../etc/passwd', '{{7*7}}', '𝕏'.repeat(300)),
  );
  const jsonValue = fc.jsonValue({ maxDepth: 3 });
  const get = (url: string) => p.app.inject({ method: 'GET', url, remoteAddress: `10.${Math.floor(Math.random() * 250)}.0.1` });
  const post = (url: string, payload: string, contentType = 'application/json') =>
    p.app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType }, remoteAddress: `10.${Math.floor(Math.random() * 250)}.1.1` });

  const expectClientError = (res: { statusCode: number; body: string }) => {
    expect(res.statusCode, res.body).toBeLessThan(500);
    if (res.statusCode >= 400) {
      const body = JSON.parse(res.body) as { error?: { code?: string; message?: string } };
      expect(body.error?.code).toBeTruthy();
      expect(body.error?.message).toBeTruthy();
    }
  };

  it('GET query endpoints never fail with 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(nasty, async (q) => {
        const e = encodeURIComponent(q);
        for (const url of [
          `/api/v1/wards/resolve?q=${e}`,
          `/api/v1/wards/${e}`,
          `/api/v1/wards/locate?lat=${e}&lon=${e}`,
          `/api/v1/kb/procedures/${e}`,
          `/api/v1/kb/procedures/${e}/answer?date=${e}`,
          `/api/v1/alarm-events?account=${e}&limit=${e}`,
          `/api/v1/incidents?status=${e}`,
        ]) {
          expectClientError(await get(url));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('POST bodies that are broken, mistyped or hostile get a 4xx with a Vietnamese message', async () => {
    const bodies = fc.oneof(
      nasty,
      jsonValue.map((v) => JSON.stringify(v)),
      fc.record({ username: nasty, password: nasty }).map((v) => JSON.stringify(v)),
      fc.record({ text: nasty, conversationId: nasty }).map((v) => JSON.stringify(v)),
      fc.record({ trackingCode: nasty, secret: nasty }).map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (payload) => {
        for (const url of ['/api/v1/auth/login', '/api/v1/chat/messages', '/api/v1/reports/lookup', '/api/v1/chat/feedback', '/api/v1/chat/handoff']) {
          expectClientError(await post(url, payload));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('refuses huge bodies with 413 and wrong content types with 415', async () => {
    const huge = await post('/api/v1/chat/messages', JSON.stringify({ text: 'a'.repeat(200_000) }));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.message).toMatch(/quá lớn/);
    const xml = await post('/api/v1/chat/messages', '<text>xin chào</text>', 'application/xml');
    expect(xml.statusCode).toBe(415);
  });

  it('rejects unknown fields and SQL-looking strings change nothing', async () => {
    const before = await p.db.query<{ n: number }>('select count(*)::int as n from users');
    const res = await post('/api/v1/auth/login', JSON.stringify({ username: "admin' --", password: "' or '1'='1" }));
    expect(res.statusCode).toBe(401);
    const unknown = await post('/api/v1/chat/messages', JSON.stringify({ text: 'xin chào', isAdmin: true }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('UNKNOWN_FIELD');
    const after = await p.db.query<{ n: number }>('select count(*)::int as n from users');
    expect(after).toEqual(before);
  });

  it('refuses NUL characters (which PostgreSQL cannot store) with a 400, in bodies, queries and paths', async () => {
    for (const url of ['/api/v1/auth/login', '/api/v1/chat/messages', '/api/v1/reports/lookup']) {
      const res = await post(url, JSON.stringify({ username: '\u0000\u0001', password: '\u0000', text: 'a\u0000b', trackingCode: '\u0000', secret: 'x' }));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'TEXT_BINARY', message: expect.stringMatching(/không đọc được/) });
    }
    const nested = await post('/api/v1/chat/messages', JSON.stringify({ text: 'xin chào', ['k\u0000']: 1 }));
    expect(nested.statusCode).toBe(400);
    expect((await get('/api/v1/wards/resolve?q=ho%00an')).statusCode).toBe(400);
    expect((await get('/api/v1/kb/procedures/a%00b')).statusCode).toBe(400);
    // A literal backslash-u in text is ordinary text.
    const plain = await post('/api/v1/chat/messages', JSON.stringify({ text: 'đường dẫn C:\\u0000 có sao không' }));
    expect(plain.statusCode, plain.body).toBe(200);
  });
});
