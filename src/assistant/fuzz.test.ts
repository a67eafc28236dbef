import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../app.ts';
import { templates } from './replies/index.ts';
import { assistantPlatform } from './testing.ts';

/**
 * Whatever a client sends to the chat endpoint, the server answers 200 or a 4xx with the error envelope — never 5xx.
 * The service turns a dialogue exception into a polite 200 ("internalError"), so a 200 must not be that answer either.
 */

let p: Platform;
beforeAll(async () => {
  p = await assistantPlatform();
});
afterAll(async () => {
  await p.close();
});

const CRASHED = [templates('vi').internalError(), templates('en').internalError()];
const notCrashed = (res: { statusCode: number; body: string; json(): { reply?: { text?: string } } }) => {
  if (res.statusCode === 200) expect(CRASHED, res.body).not.toContain(res.json().reply?.text);
};

const vietnamese = fc.constantFrom(
  'đăng ký tạm trú', 'còn lệ phí?', 'cháy', 'cứu với', 'tôi bị lừa', 'hủy', 'bỏ qua', 'gửi', '1', '2', 'có', 'TG-2345-6789',
  'phường Hàng Bạc', 'con tôi 10 tuổi', 'cho gặp cán bộ', 'hồ sơ đến đâu rồi', '0912345678', 'hello', 'tt', '???',
);
const text = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.array(vietnamese, { minLength: 1, maxLength: 6 }).map((a) => a.join(' ')),
);
const body = fc.record(
  {
    text: fc.oneof(text, fc.constant(''), fc.integer(), fc.constant(null)),
    conversationId: fc.oneof(fc.uuid(), fc.string({ maxLength: 120 }), fc.constant(null)),
    channel: fc.oneof(fc.constantFrom('web', 'zalo', 'voice'), fc.string({ maxLength: 8 })),
    location: fc.oneof(fc.record({ lat: fc.double(), lon: fc.double() }), fc.constant(null)),
    conversationToken: fc.string({ maxLength: 60 }),
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);

describe('POST /api/v1/chat/messages under fuzzing', () => {
  it('never answers 5xx to arbitrary bodies', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await p.app.inject({ method: 'POST', url: '/api/v1/chat/messages', payload: b as Record<string, unknown> });
        expect(res.statusCode, res.body).toBeLessThan(500);
        if (res.statusCode !== 200) expect(res.json().error.code).toEqual(expect.any(String));
        notCrashed(res);
      }),
      { numRuns: 300 },
    );
  });

  it('never answers 5xx along random multi-turn conversations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(vietnamese, text), { minLength: 1, maxLength: 8 }), async (turns) => {
        let conversationId: string | undefined;
        for (const t of turns) {
          const res = await p.app.inject({ method: 'POST', url: '/api/v1/chat/messages', payload: { text: t, ...(conversationId ? { conversationId } : {}) } });
          expect(res.statusCode, res.body).toBeLessThan(500);
          notCrashed(res);
          if (res.statusCode === 200) conversationId = res.json().conversationId;
        }
      }),
      { numRuns: 60 },
    );
  });

  it('never answers 5xx to raw bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'), async (bytes, type) => {
        const res = await p.app.inject({ method: 'POST', url: '/api/v1/chat/messages', payload: Buffer.from(bytes), headers: { 'content-type': type } });
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });
});
