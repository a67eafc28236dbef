import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../app.ts';
import type { Db, Queryable } from '../db/db.ts';
import { createTestDb } from '../db/test-db.ts';
import { createConversationRepository, type ConversationRepository } from './conversation.repository.ts';
import { initialState } from './dialogue-state.ts';
import { assistantPlatform, citizen } from './testing.ts';

/**
 * The in-memory conversation rows (conversation.repository.ts `cache`): a message does not read its conversation
 * back, yet nothing stale is ever used — writes outside the repository are forgotten, a turn stored against a
 * row another writer changed is refused and answered again from the stored state.
 */

const now = new Date('2026-03-02T09:00:00+07:00');
const later = new Date(now.getTime() + 86_400_000);

describe('conversation repository with the cache', () => {
  let db: Db;
  let reads = 0;
  let repo: ConversationRepository;
  const counting: Queryable = {
    query: (text, params) => {
      if (/^\s*select\b[\s\S]*\bfrom conversations where id = \$1/i.test(text)) reads++;
      return db.query(text, params);
    },
  };
  beforeAll(async () => {
    db = await createTestDb();
    repo = createConversationRepository(counting, { cache: true });
  });
  afterAll(async () => {
    await db.close();
  });

  const create = () => repo.create({ id: randomUUID(), channel: 'web', tokenHash: 'a'.repeat(64), language: 'vi', state: initialState(), at: now, expiresAt: later });
  const turn = (id: string, state: unknown, expectVersion?: number) =>
    repo.saveTurn({ id, state, language: 'vi', wardCode: null, status: null, at: now, expiresAt: later, messages: [{ role: 'citizen', text: 'a' }, { role: 'assistant', text: 'b' }], ...(expectVersion !== undefined ? { expectVersion } : {}) });

  it('serves a stored turn from memory, each reader getting its own copy of the state', async () => {
    const c = await create();
    const state = { ...initialState(), topic: { slug: 'x' } };
    expect(await turn(c.id, state, c.version)).toEqual([1, 2]);
    reads = 0;
    const a = await repo.get(c.id);
    expect(a).toMatchObject({ id: c.id, lastSeq: 2, version: c.version + 1, state });
    (a!.state as { topic: { slug: string } }).topic.slug = 'mutated';
    expect(((await repo.get(c.id))!.state as { topic: { slug: string } }).topic.slug).toBe('x');
    expect(reads).toBe(0);
  });

  it('refuses a turn when another turn was stored since the version it ran on, and writes nothing', async () => {
    const c = await create();
    expect(await turn(c.id, { ...initialState(), topic: { slug: 'first' } }, c.version)).toEqual([1, 2]);
    expect(await turn(c.id, { ...initialState(), topic: { slug: 'stale' } }, c.version)).toBeNull();
    const [row] = await db.query<{ last_seq: number; state: { topic: { slug: string } } }>('select last_seq, state from conversations where id = $1', [c.id]);
    expect(row).toMatchObject({ last_seq: 2, state: { topic: { slug: 'first' } } });
    expect(await db.query('select seq from messages where conversation_id = $1', [c.id])).toHaveLength(2);
  });

  it('reads the database again after forget (a write made elsewhere)', async () => {
    const c = await create();
    await db.query(`update conversations set status = 'handed_off' where id = $1`, [c.id]);
    expect((await repo.get(c.id))!.status).toBe('active'); // not told yet
    repo.forget(c.id);
    reads = 0;
    expect((await repo.get(c.id))!.status).toBe('handed_off');
    expect(reads).toBe(1);
  });

  it('does not put back a row from a save that raced with a forget', async () => {
    const c = await create();
    const saving = turn(c.id, initialState(), c.version);
    repo.forget(c.id); // e.g. an officer took the chat while the turn was being stored
    await db.query(`update conversations set status = 'handed_off' where id = $1`, [c.id]);
    await saving;
    expect((await repo.get(c.id))!.status).toBe('handed_off');
  });
});

describe('conversation service with the cache', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await assistantPlatform({ assistant: { conversationCache: true } });
  });
  afterAll(async () => {
    await p.close();
  });

  it('answers again from the stored state when another process stored a turn meanwhile', async () => {
    const c = citizen(p);
    const first = await c.say('đăng ký tạm trú cần giấy tờ gì');
    const other = await citizen(p).say('làm căn cước');
    expect(other.procedure?.slug).toBeTruthy();
    expect(other.procedure!.slug).not.toBe(first.procedure!.slug);
    // another process answered a message of this conversation about the other procedure
    await p.db.query(
      `update conversations set state = jsonb_set(state, '{topic}', $2::jsonb), version = version + 1, last_seq = last_seq + 2 where id = $1`,
      [c.conversationId, JSON.stringify({ slug: other.procedure!.slug })],
    );
    const fee = await c.say('còn lệ phí?');
    expect(fee.procedure?.slug).toBe(other.procedure!.slug);
    expect(fee.messageSeq).toBe(6);
  });

  it('sees a hand-off requested through the API on the next message', async () => {
    const c = citizen(p);
    await c.say('đăng ký tạm trú cần giấy tờ gì');
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/chat/handoff', payload: { conversationId: c.conversationId, conversationToken: c.token } });
    expect(res.statusCode).toBe(200);
    const next = await c.say('còn lệ phí?');
    expect(next.conversationStatus).toBe('handed_off');
    expect(next.handoff?.status).toBe('queued');
  });
});
