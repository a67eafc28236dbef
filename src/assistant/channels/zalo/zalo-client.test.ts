import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../shared/logger.ts';
import { createZaloClient } from './zalo-client.ts';
import { startFakeZaloApi, ZALO_OK } from './fake-zalo-api.ts';

const USER = '2512523625412515';
const TEXT = 'Dạ, hồ sơ đăng ký tạm trú gồm tờ khai CT01.';
const lines: string[] = [];
const log = createLogger('trace', { hooks: { streamWrite: (s: string) => (lines.push(s), '') } } as pino.LoggerOptions);
let api: Awaited<ReturnType<typeof startFakeZaloApi>>;

beforeAll(async () => {
  api = await startFakeZaloApi();
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  api.requests.length = 0;
  lines.length = 0;
  api.setResponder((_r, n) => ZALO_OK(n));
});

const client = (over: Partial<Parameters<typeof createZaloClient>[0]> = {}) =>
  createZaloClient({ apiBase: api.url, accessToken: 'test-access-token', log, sleep: async () => undefined, timeoutMs: 500, ...over });

describe('Zalo OA client', () => {
  it('posts a consultation message to /v3.0/oa/message/cs with the access_token header', async () => {
    const r = await client().sendText(USER, TEXT, [{ title: 'Lệ phí bao nhiêu?', payload: 'Lệ phí bao nhiêu?' }]);
    expect(r).toEqual({ ok: true, messageId: 'msg-1' });
    const [req] = api.requests;
    expect(req!.method).toBe('POST');
    expect(req!.path).toBe('/v3.0/oa/message/cs');
    expect(req!.headers.access_token).toBe('test-access-token');
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.body).toEqual({
      recipient: { user_id: USER },
      message: { text: TEXT, attachment: { type: 'template', payload: { buttons: [{ title: 'Lệ phí bao nhiêu?', type: 'oa.query.show', payload: 'Lệ phí bao nhiêu?' }] } } },
    });
  });

  it('sends plain text without an attachment when there are no buttons', async () => {
    await client().sendText(USER, TEXT);
    expect(api.requests[0]!.body).toEqual({ recipient: { user_id: USER }, message: { text: TEXT } });
  });

  it('retries 5xx answers with backoff and succeeds', async () => {
    const waits: number[] = [];
    api.setResponder((_r, n) => (n < 3 ? { status: 502, body: { error: -1 } } : ZALO_OK(n)));
    const r = await client({ sleep: async (ms) => void waits.push(ms), backoffMs: 100 }).sendText(USER, TEXT);
    expect(r.ok).toBe(true);
    expect(api.requests).toHaveLength(3);
    expect(waits).toHaveLength(2);
    expect(waits[1]!).toBeGreaterThan(waits[0]!);
  });

  it('gives up after the last attempt on persistent 5xx', async () => {
    api.setResponder(() => ({ status: 503 }));
    const r = await client({ attempts: 3 }).sendText(USER, TEXT);
    expect(r).toEqual({ ok: false, reason: 'unavailable', status: 503 });
    expect(api.requests).toHaveLength(3);
  });

  it('retries a timeout', async () => {
    api.setResponder((_r, n) => (n === 1 ? { ...ZALO_OK(n), delayMs: 300 } : ZALO_OK(n)));
    const r = await client({ timeoutMs: 100 }).sendText(USER, TEXT);
    expect(r.ok).toBe(true);
    expect(api.requests.length).toBe(2);
  });

  it('does not retry a 4xx answer or a Zalo error code', async () => {
    api.setResponder(() => ({ status: 400, body: { error: -201, message: 'Invalid parameter' } }));
    expect(await client().sendText(USER, TEXT)).toEqual({ ok: false, reason: 'rejected', status: 400, zaloError: -201 });
    expect(api.requests).toHaveLength(1);
    api.requests.length = 0;
    api.setResponder(() => ({ status: 200, body: { error: -213, message: 'User has not followed OA' } }));
    expect(await client().sendText(USER, TEXT)).toMatchObject({ ok: false, reason: 'rejected', zaloError: -213 });
    expect(api.requests).toHaveLength(1);
  });

  it('says clearly, once a minute at most, that the access token has expired', async () => {
    api.setResponder(() => ({ status: 200, body: { error: -216, message: 'Access token is invalid' } }));
    let now = 0;
    const c = client({ nowMs: () => now });
    expect(await c.sendText(USER, TEXT)).toMatchObject({ ok: false, reason: 'token', zaloError: -216 });
    await c.sendText(USER, TEXT);
    now = 61_000;
    await c.sendText(USER, TEXT);
    const warnings = lines.filter((l) => l.includes('ZALO_OA_ACCESS_TOKEN'));
    expect(warnings).toHaveLength(2);
    expect(api.requests).toHaveLength(3);
  });

  it('never logs the message text or the user id', async () => {
    api.setResponder((_r, n) => (n === 1 ? { status: 500 } : { status: 200, body: { error: -216 } }));
    await client().sendText(USER, TEXT);
    await client({ apiBase: 'http://127.0.0.1:1' }).sendText(USER, TEXT);
    const all = lines.join('');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(USER);
    expect(all).not.toContain('tạm trú');
  });

  it('does nothing without an access token', async () => {
    expect(await client({ accessToken: undefined }).sendText(USER, TEXT)).toEqual({ ok: false, reason: 'not_configured' });
    expect(api.requests).toHaveLength(0);
  });
});
