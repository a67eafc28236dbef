import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../../app.ts';
import { createStaffUser, STAFF_PASSWORD, testClock, waitFor } from '../../../dispatch/testing.ts';
import { createLogger } from '../../../shared/logger.ts';
import { login } from '../../../../test/support/platform.ts';
import { assistantPlatform } from '../../testing.ts';
import { startFakeZaloApi } from './fake-zalo-api.ts';
import { zaloSignature } from './zalo-signature.ts';

/**
 * The Zalo OA channel end to end through the platform: recorded-shape webhook payloads (fixtures/, built from
 * Zalo's public docs), the signature check, the conversation core, and a local fake of openapi.zalo.me.
 */

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const vectors = JSON.parse(readFileSync(path.join(FIXTURES, 'signatures.json'), 'utf8')) as { appId: string; oaSecret: string; signatures: Record<string, string> };
const USER = '2512523625412515';
const clock = testClock(new Date(1_795_921_200_000));
const lines: string[] = [];
let p: Platform;
let api: Awaited<ReturnType<typeof startFakeZaloApi>>;

const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));

function post(body: Buffer | string, signature: string | undefined) {
  return p.app.inject({
    method: 'POST',
    url: '/api/v1/channels/zalo/webhook',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-zevent-signature': signature } : {}) },
    payload: body,
  });
}
const postFixture = (name: string) => post(fixture(name), vectors.signatures[name]);

/** A body of our own (same shape as the fixtures), signed with the test credentials at the clock's time. */
function signed(text: string, msgId: string) {
  const timestamp = String(clock.now().getTime());
  const raw = JSON.stringify({ app_id: vectors.appId, user_id_by_app: '1', event_name: 'user_send_text', timestamp, sender: { id: USER }, recipient: { id: '579745863508352884' }, message: { msg_id: msgId, text } });
  return { raw, sig: zaloSignature(vectors.appId, raw, timestamp, vectors.oaSecret) };
}

beforeAll(async () => {
  api = await startFakeZaloApi();
  const log = createLogger('trace', { hooks: { streamWrite: (s: string) => (lines.push(s), '') } } as pino.LoggerOptions);
  p = await assistantPlatform(
    { now: clock.now, log, zalo: { client: { sleep: async () => undefined, timeoutMs: 1000 } } },
    { ZALO_APP_ID: vectors.appId, ZALO_OA_SECRET: vectors.oaSecret, ZALO_OA_ACCESS_TOKEN: 'test-oa-access-token', ZALO_API_BASE: api.url },
  );
  await createStaffUser(p.db, { username: 'zalo.hk', role: 'ward_officer', wardCode: '00070' });
});
afterAll(async () => {
  await p?.close();
  await api?.close();
});
beforeEach(() => {
  clock.set(new Date(1_795_921_200_000));
});

const conversationsCount = async () => (await p.db.query<{ n: number }>('select count(*)::int as n from conversations'))[0]!.n;

describe('Zalo OA webhook', () => {
  it('refuses a bad signature with 401 and processes nothing', async () => {
    const before = await conversationsCount();
    const raw = fixture('user_send_text.json');
    expect((await post(raw, undefined)).statusCode).toBe(401);
    expect((await post(raw, 'mac=' + '0'.repeat(64))).statusCode).toBe(401);
    const tampered = Buffer.from(raw.toString().replace('tạm trú', 'thường trú'));
    const res = await post(tampered, vectors.signatures['user_send_text.json']);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('ZALO_SIGNATURE_INVALID');
    await p.zalo.channel!.idle();
    expect(await conversationsCount()).toBe(before);
    expect(api.requests).toHaveLength(0);
  });

  it('refuses a replayed payload whose timestamp is outside the window', async () => {
    clock.advance(10 * 60_000);
    const before = await conversationsCount();
    expect((await postFixture('user_send_text.json')).statusCode).toBe(401);
    expect(await conversationsCount()).toBe(before);
  });

  it('greets a new follower with the menu as buttons', async () => {
    clock.set(new Date(1_795_921_140_000));
    expect((await postFixture('follow.json')).statusCode).toBe(200);
    await p.zalo.channel!.idle();
    const req = api.requests.at(-1)!;
    expect(req.body.recipient?.user_id).toBe(USER);
    expect(req.body.message?.text).toContain('trợ lý ảo Bình Yên');
    expect(req.body.message?.attachment?.payload?.buttons?.map((b) => b.title)).toContain('Gặp cán bộ');
  });

  it('answers a text through the conversation core, as Zalo text with buttons', async () => {
    api.requests.length = 0;
    expect((await postFixture('user_send_text.json')).statusCode).toBe(200);
    await p.zalo.channel!.idle();
    expect(api.requests.length).toBeGreaterThanOrEqual(1);
    for (const r of api.requests) {
      expect(r.path).toBe('/v3.0/oa/message/cs');
      expect(r.headers.access_token).toBe('test-oa-access-token');
      expect(r.body.recipient?.user_id).toBe(USER);
      expect(r.body.message!.text!.length).toBeLessThanOrEqual(2000);
    }
    const all = api.texts().join('\n');
    expect(all).toContain('Đăng ký tạm trú');
    expect(all).toContain('CT01');
    // One conversation per follower, channel zalo, user id stored only as HMAC (+ sealed recipient).
    const rows = await p.db.query<{ channel: string; external_user_hash: string }>(`select channel, external_user_hash from conversations where channel = 'zalo'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.external_user_hash).not.toContain(USER);
    const sealed = await p.db.query<{ recipient_enc: string }>('select recipient_enc from channel_recipients');
    expect(sealed).toHaveLength(1);
    expect(sealed[0]!.recipient_enc).not.toContain(USER);
  });

  it('handles a redelivered msg_id once', async () => {
    const before = (await p.db.query<{ n: number }>(`select count(*)::int as n from messages`))[0]!.n;
    expect((await postFixture('user_send_text.json')).statusCode).toBe(200);
    const after = (await p.db.query<{ n: number }>(`select count(*)::int as n from messages`))[0]!.n;
    expect(after).toBe(before);
  });

  it("hands off to the ward's officer, whose reply and closing reach the follower on Zalo", async () => {
    clock.set(new Date(1_795_921_260_000));
    api.requests.length = 0;
    expect((await postFixture('user_send_text_handoff.json')).statusCode).toBe(200);
    await p.zalo.channel!.idle();
    expect(api.texts().join('\n')).toMatch(/cán bộ/i);
    const officer = await login(p, 'zalo.hk', STAFF_PASSWORD);
    const list = (await officer.request({ url: '/api/v1/handoffs' })).json() as { handoffs: Array<{ id: string; channel: string; wardCode: string }> };
    const h = list.handoffs.find((x) => x.channel === 'zalo')!;
    expect(h.wardCode).toBe('00070');
    api.requests.length = 0;
    const reply = await officer.request({ method: 'POST', url: `/api/v1/handoffs/${h.id}/messages`, payload: { text: 'Dạ, cán bộ phường Hoàn Kiếm xin nghe ạ.' } });
    expect(reply.statusCode).toBe(201);
    await waitFor(() => api.texts().some((t) => t.includes('xin nghe')), 5000);
    await p.zalo.channel!.idle();
    const texts = api.texts();
    // "taken" notice (system), then the officer's reply signed with the unit.
    expect(texts.some((t) => /tiếp nhận/.test(t))).toBe(true);
    expect(texts.find((t) => t.includes('xin nghe'))).toMatch(/^Cán bộ Công an phường Hoàn Kiếm: Dạ, cán bộ phường Hoàn Kiếm xin nghe ạ\.$/);
    // The follower answers on Zalo: it reaches the same conversation (the officer sees it).
    const s = signed('Dạ, tôi cần xác nhận cư trú', 'handoff-follow-1');
    expect((await post(s.raw, s.sig)).statusCode).toBe(200);
    const transcript = (await officer.request({ url: `/api/v1/handoffs/${h.id}` })).json() as { messages: Array<{ role: string; text: string }> };
    expect(transcript.messages.at(-2)).toMatchObject({ role: 'citizen', text: 'Dạ, tôi cần xác nhận cư trú' });
    api.requests.length = 0;
    await officer.request({ method: 'POST', url: `/api/v1/handoffs/${h.id}/close`, payload: { note: 'Đã hướng dẫn' } });
    await waitFor(() => api.texts().some((t) => t.includes('kết thúc')), 5000);
  });

  it('passes a shared location to the core (find-my-ward by coordinates)', async () => {
    clock.set(new Date(1_795_921_320_000));
    api.requests.length = 0;
    const s = signed('công an phường nào quản lý chỗ tôi', 'loc-q-1');
    expect((await post(s.raw, s.sig)).statusCode).toBe(200);
    expect((await postFixture('user_send_location.json')).statusCode).toBe(200);
    await p.zalo.channel!.idle();
    const msgs = await p.db.query<{ role: string; text: string; meta: { location?: unknown } }>(
      `select m.role, m.text, m.meta from messages m join conversations c on c.id = m.conversation_id where c.channel = 'zalo' and m.role = 'citizen' order by m.seq desc limit 1`,
    );
    expect(msgs[0]!.text).toBe('Vị trí của tôi');
    expect(msgs[0]!.meta.location).toEqual({ lat: 21.0287, lon: 105.8524 });
    expect(api.requests.length).toBeGreaterThanOrEqual(2);
  });

  it('ignores other events with 200', async () => {
    clock.set(new Date(1_795_921_380_000));
    api.requests.length = 0;
    expect((await postFixture('user_send_image.json')).statusCode).toBe(200);
    clock.set(new Date(1_795_921_500_000));
    expect((await postFixture('unfollow.json')).statusCode).toBe(200);
    await p.zalo.channel!.idle();
    expect(api.requests).toHaveLength(0);
  });

  it('never logs the follower id or the message texts', async () => {
    await p.zalo.channel!.idle();
    const all = lines.join('');
    expect(all).toContain('zalo');
    expect(all).not.toContain(USER);
    expect(all).not.toContain('tạm trú cần giấy tờ');
    expect(all).not.toContain('xin nghe');
  });
});

describe('Zalo OA webhook without configuration', () => {
  it('answers 503 ZALO_NOT_CONFIGURED', async () => {
    const q = await assistantPlatform({});
    try {
      const res = await q.app.inject({ method: 'POST', url: '/api/v1/channels/zalo/webhook', headers: { 'content-type': 'application/json' }, payload: fixture('user_send_text.json') });
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toEqual({ code: 'ZALO_NOT_CONFIGURED', message: expect.stringContaining('ZALO_APP_ID') });
    } finally {
      await q.close();
    }
  });
});
