import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../app.ts';
import type { StaffUser } from '../auth/roles.ts';
import { createStaffUser, testClock, waitFor } from '../dispatch/testing.ts';
import type { ProcedureCard } from './chat.types.ts';
import { assistantPlatform, citizen } from './testing.ts';

/** Engine life cycle (retraining on publication), retention of conversations, and the channel-agnostic core. */

const clock = testClock(new Date('2026-09-01T03:00:00.000Z'));
let p: Platform;

beforeAll(async () => {
  p = await assistantPlatform({ now: clock.now }, { CHAT_RETENTION_DAYS: '30' });
});
afterAll(async () => {
  await p.close();
});

const editor = async (username: string): Promise<StaffUser> => ({
  id: await createStaffUser(p.db, { username, role: 'kb_editor' }),
  username,
  fullName: username,
  role: 'kb_editor',
  wardCode: null,
});

describe('assistant life cycle', () => {
  it('retrains on a publication and answers from the new version at once', async () => {
    const c = citizen(p);
    const before = await c.say('đăng ký tạm trú');
    const slug = before.procedure!.slug;
    const snapshot = p.assistant.knowledge.current();
    const live = snapshot.entries.get(slug)!;
    const author = await editor('kb.author');
    const reviewer = await editor('kb.reviewer');
    const summary = `${live.entry.summary} (bản cập nhật thử nghiệm)`;
    const draft = await p.kb.service.createDraft(author, slug, { content: { ...live.entry, summary }, changeNote: 'thử nghiệm cập nhật' });
    await p.kb.service.submit(author, draft.id);
    await p.kb.service.approve(reviewer, draft.id);
    await waitFor(() => p.assistant.knowledge.current() !== snapshot, 10_000);
    const k = p.assistant.knowledge.current();
    expect(k.entries.get(slug)!.versionId).toBe(draft.id);
    const after = await citizen(p).say('đăng ký tạm trú');
    expect((after.reply.card as ProcedureCard).summary).toBe(summary);
    expect(after.reply.text).toContain('bản cập nhật thử nghiệm');
  });

  it('deletes conversations after the retention period, keeps reports', async () => {
    const c = citizen(p);
    let r = await c.say('tôi muốn tố giác tội phạm');
    for (let i = 0; i < 8 && r.act === 'report_form'; i++) r = await c.say((r.reply.card as { step: string }).step === 'confirm' ? 'gửi' : 'bỏ qua');
    expect(r.act).toBe('report_created');
    const kept = citizen(p);
    clock.advance(20 * 86_400_000);
    await kept.say('xin chào');
    clock.advance(11 * 86_400_000);
    expect(await p.assistant.sweep()).toBeGreaterThanOrEqual(1);
    const gone = await p.app.inject({ method: 'GET', url: `/api/v1/chat/conversations/${c.conversationId}/messages`, headers: { 'x-conversation-token': c.token! } });
    expect(gone.statusCode).toBe(404);
    expect((await kept.history()).messages.length).toBe(2);
    const lookup = await p.app.inject({ method: 'POST', url: '/api/v1/reports/lookup', payload: r.report! });
    expect(lookup.statusCode).toBe(200);
    const old = c.conversationId;
    const again = await c.say('xin chào');
    expect(again.conversationId).not.toBe(old);
    expect(again.restarted).toBe(true);
  });

  it('serves every channel through one core: a Zalo user keeps one conversation, stored by HMAC only', async () => {
    const a = await p.assistant.conversations.handleMessage({ channel: 'zalo', externalUserId: '8431234567890123', text: 'đăng ký tạm trú', now: clock.now() });
    const b = await p.assistant.conversations.handleMessage({ channel: 'zalo', externalUserId: '8431234567890123', text: 'còn lệ phí?', now: clock.now() });
    expect(b.conversationId).toBe(a.conversationId);
    expect(b.procedure?.slug).toBe(a.procedure?.slug);
    expect(b.channel).toBe('zalo');
    const rows = await p.db.query<{ external_user_hash: string }>('select external_user_hash from conversations where id = $1', [a.conversationId]);
    expect(rows[0]!.external_user_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain('8431234567890123');
    const voice = await p.assistant.conversations.handleMessage({ channel: 'voice', text: 'cháy nhà', now: clock.now() });
    expect(voice.emergency?.hotline).toBe('114');
  });

  it('handles concurrent messages of one conversation one at a time', async () => {
    const c = citizen(p);
    await c.say('xin chào');
    const sends = Array.from({ length: 8 }, (_, i) => p.assistant.conversations.handleMessage({ conversationId: c.conversationId, channel: 'web', text: `tin nhắn ${i}`, now: clock.now() }));
    const res = await Promise.all(sends);
    const seqs = res.map((r) => r.messageSeq).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(8);
    expect((await c.history()).messages.length).toBe(18);
  });
});
