import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.ts';
import { createTestDb } from '../db/test-db.ts';
import { createKbFeedbackRepository, type KbFeedbackRepository } from './feedback.repository.ts';
import { normalizeQuestion, redactPersonalData } from './redact.ts';

let db: Db;
let repo: KbFeedbackRepository;
beforeAll(async () => {
  db = await createTestDb();
  repo = createKbFeedbackRepository(db);
});
afterAll(async () => {
  await db.close();
});

const at = (iso: string) => new Date(iso);

describe('redaction of citizen text', () => {
  it('masks phone, ID, passport, plate numbers and e-mails; keeps amounts and dates', () => {
    expect(
      redactPersonalData('sđt 0912 345 678 hoặc +84912345678, cccd 001099012345, hộ chiếu B1234567, xe 29A-123.45, mail a.b@gmail.com'),
    ).toBe('sđt [số điện thoại] hoặc [số điện thoại], cccd [số], hộ chiếu [số giấy tờ], xe [biển số], mail [email]');
    expect(redactPersonalData('phạt 1.000.000 đồng, lệ phí 20.000 đ từ 15/8/2026')).toBe('phạt 1.000.000 đồng, lệ phí 20.000 đ từ 15/8/2026');
  });

  it('never leaves a run of 9 or more digits in a normalized question', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^[0-9]{9,12}$/), fc.string(), (a, digits, b) => {
        expect(normalizeQuestion(`${a} ${digits} ${b}`)).not.toMatch(/\d{9}/);
      }),
    );
  });
});

describe('unanswered questions', () => {
  it('groups the same question typed differently and counts it', async () => {
    await repo.recordUnanswered({ question: 'Xin  giấy phép  bắn pháo hoa ở đâu?', guesses: [{ slug: 'pccc.nghiem-thu', score: 0.31 }], at: at('2026-11-20T10:00:00Z') });
    const row = await repo.recordUnanswered({ question: 'xin giấy phép bắn pháo hoa ở đâu?'.normalize('NFD'), guesses: [], at: at('2026-11-27T10:00:00Z') });
    expect(row).toMatchObject({
      question: 'xin giấy phép bắn pháo hoa ở đâu?',
      count: 2,
      firstSeenAt: at('2026-11-20T10:00:00Z'),
      lastSeenAt: at('2026-11-27T10:00:00Z'),
      bestGuesses: [],
      status: 'open',
    });
  });

  it('stores the question with personal data masked', async () => {
    const row = await repo.recordUnanswered({ question: 'Tôi sđt 0987654321 mất CCCD 001099012345 thì sao', at: at('2026-11-27T10:00:00Z') });
    expect(row!.question).toBe('tôi sđt [số điện thoại] mất cccd [số] thì sao');
  });

  it('ignores empty text', async () => {
    expect(await repo.recordUnanswered({ question: '   \u200b ', at: at('2026-11-27T10:00:00Z') })).toBeNull();
  });

  it('keeps ignored questions ignored and reopens covered ones that come back', async () => {
    const a = (await repo.recordUnanswered({ question: 'câu bị bỏ qua', at: at('2026-11-27T10:00:00Z') }))!;
    const b = (await repo.recordUnanswered({ question: 'câu đã bổ sung', at: at('2026-11-27T10:00:00Z') }))!;
    await repo.setUnansweredStatus(a.id, 'ignored');
    await repo.setUnansweredStatus(b.id, 'covered');
    expect((await repo.recordUnanswered({ question: 'câu bị bỏ qua', at: at('2026-11-27T11:00:00Z') }))!.status).toBe('ignored');
    expect((await repo.recordUnanswered({ question: 'câu đã bổ sung', at: at('2026-11-27T11:00:00Z') }))!.status).toBe('open');
  });

  it('lists the most frequent first, filtered by status', async () => {
    for (let i = 0; i < 3; i++) await repo.recordUnanswered({ question: 'câu hỏi hay gặp nhất', at: at('2026-11-27T12:00:00Z') });
    const open = await repo.listUnanswered({ status: 'open', limit: 10 });
    expect(open[0]!.question).toBe('câu hỏi hay gặp nhất');
    expect(open.every((r) => r.status === 'open')).toBe(true);
    expect((await repo.listUnanswered({ status: 'ignored', limit: 10 })).map((r) => r.question)).toEqual(['câu bị bỏ qua']);
  });
});

describe('answer feedback', () => {
  it('records feedback with the comment masked and lists it newest first', async () => {
    await repo.recordFeedback({ conversationId: 'c-1', slug: 'cu-tru.dang-ky-tam-tru', versionId: 7, helpful: true, at: at('2026-11-27T08:00:00Z') });
    await repo.recordFeedback({ conversationId: 'c-2', slug: 'cu-tru.dang-ky-tam-tru', helpful: false, comment: ' Thiếu giấy tờ, liên hệ 0912345678 ', at: at('2026-11-27T09:00:00Z') });
    const rows = await repo.listFeedback({ slug: 'cu-tru.dang-ky-tam-tru', limit: 10 });
    expect(rows.map((r) => [r.conversationId, r.helpful, r.comment, r.versionId])).toEqual([
      ['c-2', false, 'Thiếu giấy tờ, liên hệ [số điện thoại]', null],
      ['c-1', true, null, 7],
    ]);
    expect(await repo.listFeedback({ helpful: true, limit: 10 })).toHaveLength(1);
  });
});
