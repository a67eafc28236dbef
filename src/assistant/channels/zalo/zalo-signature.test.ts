import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readZaloEvent } from './zalo-events.ts';
import { verifyZaloWebhook, zaloSignature } from './zalo-signature.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const vectors = JSON.parse(readFileSync(path.join(FIXTURES, 'signatures.json'), 'utf8')) as { appId: string; oaSecret: string; signatures: Record<string, string> };
const { appId, oaSecret } = vectors;
const tsOf = (raw: Buffer) => Number((JSON.parse(raw.toString('utf8')) as { timestamp: string }).timestamp);

describe('Zalo webhook signature', () => {
  it.each(Object.entries(vectors.signatures))('matches the independently computed MAC of %s', (file, expected) => {
    const raw = fixture(file);
    const ts = String(tsOf(raw));
    expect(zaloSignature(appId, raw.toString('utf8'), ts, oaSecret)).toBe(expected);
    expect(verifyZaloWebhook({ rawBody: raw, signature: expected, appId, oaSecret, nowMs: tsOf(raw) + 1000 })).toMatchObject({ ok: true });
  });

  it('accepts the header in upper case and with surrounding spaces', () => {
    const raw = fixture('user_send_text.json');
    const sig = vectors.signatures['user_send_text.json']!;
    expect(verifyZaloWebhook({ rawBody: raw, signature: ` ${sig.toUpperCase().replace('MAC=', 'mac=')} `, appId, oaSecret, nowMs: tsOf(raw) }).ok).toBe(true);
  });

  it('refuses a missing, wrong or other-secret signature', () => {
    const raw = fixture('user_send_text.json');
    const nowMs = tsOf(raw);
    expect(verifyZaloWebhook({ rawBody: raw, signature: undefined, appId, oaSecret, nowMs })).toEqual({ ok: false, reason: 'missing_signature' });
    expect(verifyZaloWebhook({ rawBody: raw, signature: 'mac=00', appId, oaSecret, nowMs })).toEqual({ ok: false, reason: 'bad_signature' });
    const other = zaloSignature(appId, raw.toString(), String(nowMs), 'another-secret');
    expect(verifyZaloWebhook({ rawBody: raw, signature: other, appId, oaSecret, nowMs })).toEqual({ ok: false, reason: 'bad_signature' });
    // The app secret is not the OA secret, and the app id is part of the MAC.
    expect(verifyZaloWebhook({ rawBody: raw, signature: vectors.signatures['user_send_text.json'], appId: '1', oaSecret, nowMs })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a body changed after signing (re-serialised JSON, changed text)', () => {
    const raw = fixture('user_send_text.json');
    const sig = vectors.signatures['user_send_text.json']!;
    const nowMs = tsOf(raw);
    const pretty = Buffer.from(JSON.stringify(JSON.parse(raw.toString()), null, 2));
    expect(verifyZaloWebhook({ rawBody: pretty, signature: sig, appId, oaSecret, nowMs }).ok).toBe(false);
    const changed = Buffer.from(raw.toString().replace('tạm trú', 'thường trú'));
    expect(verifyZaloWebhook({ rawBody: changed, signature: sig, appId, oaSecret, nowMs }).ok).toBe(false);
  });

  it('refuses a replayed (stale) or future timestamp outside the window, even with a valid MAC', () => {
    const raw = fixture('user_send_text.json');
    const sig = vectors.signatures['user_send_text.json']!;
    const ts = tsOf(raw);
    expect(verifyZaloWebhook({ rawBody: raw, signature: sig, appId, oaSecret, nowMs: ts + 5 * 60_000 }).ok).toBe(true);
    expect(verifyZaloWebhook({ rawBody: raw, signature: sig, appId, oaSecret, nowMs: ts + 5 * 60_000 + 1 })).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifyZaloWebhook({ rawBody: raw, signature: sig, appId, oaSecret, nowMs: ts - 6 * 60_000 })).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifyZaloWebhook({ rawBody: raw, signature: sig, appId, oaSecret, nowMs: ts + 3_600_000, maxSkewMs: 2 * 3_600_000 }).ok).toBe(true);
  });

  it('refuses bodies that are not a JSON object or carry no timestamp', () => {
    const nowMs = 1_795_921_200_000;
    for (const raw of ['', 'null', '[]', '{"event_name":"follow"}', '{"timestamp":"abc"}', '{']) {
      const sig = zaloSignature(appId, raw, '', oaSecret);
      expect(verifyZaloWebhook({ rawBody: raw, signature: sig, appId, oaSecret, nowMs }).ok).toBe(false);
    }
  });

  it('never throws and never accepts random bodies or signatures', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.option(fc.string({ maxLength: 80 }), { nil: undefined }), (body, sig) => {
        const r = verifyZaloWebhook({ rawBody: body, signature: sig, appId, oaSecret, nowMs: 1_795_921_200_000 });
        expect(r.ok).toBe(false);
      }),
    );
  });

  it('accepts any body it signed itself, and none with one byte changed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.nat(), (text, pos) => {
        const raw = JSON.stringify({ app_id: appId, event_name: 'user_send_text', timestamp: '1795921200000', sender: { id: '1' }, message: { msg_id: 'x', text } });
        const sig = zaloSignature(appId, raw, '1795921200000', oaSecret);
        expect(verifyZaloWebhook({ rawBody: raw, signature: sig, appId, oaSecret, nowMs: 1_795_921_200_000 }).ok).toBe(true);
        const bytes = Buffer.from(raw);
        const i = pos % bytes.length;
        bytes[i] = bytes[i]! ^ 0x01;
        expect(verifyZaloWebhook({ rawBody: bytes, signature: sig, appId, oaSecret, nowMs: 1_795_921_200_000 }).ok).toBe(false);
      }),
    );
  });
});

describe('Zalo events', () => {
  const read = (file: string) => readZaloEvent(JSON.parse(fixture(file).toString('utf8')) as Record<string, unknown>);

  it('reads the documented payloads', () => {
    expect(read('user_send_text.json')).toEqual({ kind: 'text', userId: '2512523625412515', msgId: '96d3cdf3af150460909', text: 'đăng ký tạm trú cần giấy tờ gì' });
    expect(read('user_send_location.json')).toEqual({ kind: 'location', userId: '2512523625412515', msgId: 'b7de7d84fa1b3043690c', lat: 21.0287, lon: 105.8524, text: null });
    expect(read('follow.json')).toEqual({ kind: 'follow', userId: '2512523625412515' });
    expect(read('unfollow.json')).toEqual({ kind: 'unfollow', userId: '2512523625412515' });
    expect(read('user_send_image.json')).toEqual({ kind: 'ignored', eventName: 'user_send_image' });
  });

  it('ignores events without a usable sender, text or coordinates', () => {
    expect(readZaloEvent({ event_name: 'user_send_text', sender: { id: 'abc' }, message: { text: 'x' } }).kind).toBe('ignored');
    expect(readZaloEvent({ event_name: 'user_send_text', sender: { id: '1' }, message: {} }).kind).toBe('ignored');
    expect(readZaloEvent({ event_name: 'user_send_location', sender: { id: '1' }, message: { attachments: [{ type: 'location', payload: { coordinates: { latitude: '91', longitude: '1' } } }] } }).kind).toBe('ignored');
    expect(readZaloEvent({}).kind).toBe('ignored');
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const body = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { event_name: 'user_send_text', sender: v, message: v };
        expect(() => readZaloEvent(body)).not.toThrow();
      }),
    );
  });
});
