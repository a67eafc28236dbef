import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../app.ts';
import { startTestPlatform } from '../../test/support/platform.ts';
import type { ProcedureCard, WardCard, WardChoicesCard } from './chat.types.ts';
import { citizen } from './testing.ts';
import { ageRangeOf, inRange } from './understanding.ts';

/**
 * The conversation core through POST /api/v1/chat/messages, with the production limits (each test chats from
 * its own client address). Assertions are generic — intents, slugs consistent across turns, card fields present,
 * facts taken from the knowledge base — never answer texts for known questions.
 */

let p: Platform;
let ip = 0;
const person = () => citizen(p, { ip: `10.0.0.${++ip}` });
const entry = (slug: string) => p.assistant.knowledge.current().entries.get(slug)!.entry;

beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(async () => {
  await p.close();
});

describe('procedure answers and follow-ups', () => {
  it('answers a procedure question with a short text and a full card, then keeps the procedure for "còn lệ phí?" and "làm online được không?"', async () => {
    const c = person();
    const a = await c.say('đăng ký tạm trú cần giấy tờ gì');
    expect(a.intent).toBe('procedure');
    expect(a.procedure?.slug).toBeTruthy();
    expect(a.conversationToken).toBeTruthy();
    const card = a.reply.card as ProcedureCard;
    expect(card.type).toBe('procedure');
    expect(card.slug).toBe(a.procedure!.slug);
    for (const k of ['papers', 'fees', 'processingTime', 'where', 'online', 'legalBasis', 'lastChecked'] as const) expect(card[k]).toBeDefined();
    expect(card.lastChecked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(card.focus).toBe('papers');
    expect(a.reply.text).toContain(entry(a.procedure!.slug).papers[0]!.text.slice(0, 20));

    const fee = await c.say('còn lệ phí?');
    expect(fee.intent).toBe('procedure');
    expect(fee.act).toBe('followup');
    expect(fee.procedure?.slug).toBe(a.procedure!.slug);
    const feeCard = fee.reply.card as ProcedureCard;
    expect(feeCard.focus).toBe('fee');
    const firstFee = feeCard.fees.lines[0]?.amountText ?? feeCard.fees.unknownText!;
    expect(fee.reply.text).toContain(firstFee.split(' ')[0]!);

    const online = await c.say('làm online được không?');
    expect(online.procedure?.slug).toBe(a.procedure!.slug);
    expect((online.reply.card as ProcedureCard).focus).toBe('online');
    const url = entry(a.procedure!.slug).online.url;
    if (entry(a.procedure!.slug).online.available && url) expect(online.reply.text).toContain(url);
    expect(online.conversationId).toBe(a.conversationId);
    expect(online.conversationToken).toBeUndefined();
  });

  it('switches to the related procedure for a child ("thế còn cho con tôi?", "con tôi 10 tuổi")', async () => {
    const c = person();
    const a = await c.say('làm căn cước');
    expect(a.intent).toBe('procedure');
    const adult = entry(a.procedure!.slug);
    const child = await c.say('thế còn cho con tôi?');
    expect(child.intent).toBe('procedure');
    const slug = child.procedure!.slug;
    const range = ageRangeOf(entry(slug).title);
    if (slug !== adult.slug) {
      expect(adult.related.includes(slug) || entry(slug).related.includes(adult.slug)).toBe(true);
      expect(range && range.max <= 18).toBe(true);
    }
    const aged = await c.say('con tôi 10 tuổi');
    const agedRange = ageRangeOf(entry(aged.procedure!.slug).title);
    if (agedRange) expect(inRange(agedRange, 10)).toBe(true);
  });

  /** A short phrase the current engine is unsure about between procedures (found from the KB titles, not hard-coded). */
  function unsurePhrase(): string {
    const k = p.assistant.knowledge.current();
    const phrases = new Set([...k.entries.values()].map((e) => e.entry.title.split(' ').slice(0, 2).join(' ')));
    for (const ph of phrases) {
      const c = k.engine.classify(ph);
      const options = c.clarify?.options.filter((o) => k.entries.has(o.label)) ?? [];
      if (c.band === 'unsure' && c.ambiguities.length === 0 && options.length >= 2) return ph;
    }
    throw new Error('no unsure phrase among the KB title prefixes');
  }

  it('asks a clarifying question with options when unsure, and "2" picks the second option', async () => {
    const c = person();
    const q = await c.say(unsurePhrase());
    expect(q.act).toBe('clarify');
    expect(q.band).toBe('unsure');
    expect(q.reply.quickReplies!.length).toBeGreaterThanOrEqual(2);
    const second = q.reply.quickReplies![1]!.label;
    const a = await c.say('2');
    expect(a.intent).toBe('procedure');
    expect(a.procedure?.title).toBe(second);
  });

  it('answers "cái thứ nhất" and the option title as well', async () => {
    const c = person();
    const q = await c.say(unsurePhrase());
    const first = q.reply.quickReplies![0]!;
    expect((await c.say('cái thứ nhất')).procedure?.title).toBe(first.label);
    const c2 = person();
    const q2 = await c2.say(unsurePhrase());
    const a = await c2.say(q2.reply.quickReplies![1]!.text);
    expect(a.procedure?.title).toBe(q2.reply.quickReplies![1]!.label);
  });

  it('reads an ambiguous abbreviation back ("tt" → thường trú / tạm trú / thủ tục)', async () => {
    const c = person();
    const q = await c.say('tt cho con');
    expect(q.act).toBe('clarify');
    const labels = q.reply.quickReplies!.map((x) => x.label);
    expect(labels.length).toBeGreaterThanOrEqual(2);
    const a = await c.say('2');
    expect(['answer', 'clarify', 'handoff_offer']).toContain(a.act);
  });

  it('answers English questions in English, with fees rendered in English', async () => {
    const c = person();
    const a = await c.say('How do I register temporary residence?');
    expect(a.intent).toBe('procedure');
    expect(a.reply.language).toBe('en');
    const fee = await c.say('how much is the fee?');
    expect(fee.reply.language).toBe('en');
    expect(fee.procedure?.slug).toBe(a.procedure!.slug);
    const card = fee.reply.card as ProcedureCard;
    const line = card.fees.lines.find((l) => l.amountVnd !== null);
    if (line) expect(fee.reply.text).toMatch(line.amountVnd === 0 ? /Free/ : /VND/);
    expect(fee.reply.text).not.toMatch(/\bđồng\b/);
  });

  it('handles greetings, small talk and thanks', async () => {
    const c = person();
    const hi = await c.say('xin chào');
    expect(hi.intent).toBe('smalltalk');
    expect(hi.act).toBe('greeting');
    expect(hi.reply.quickReplies?.length).toBeGreaterThan(0);
    expect((await c.say('bạn là ai')).intent).toBe('smalltalk');
    const thanks = await c.say('cảm ơn nhé');
    expect(thanks.act).toBe('thanks');
    const en = await person().say('hello, anyone there?');
    expect(en.reply.language).toBe('en');
  });

  it('says politely it has no information, offers two guesses and an officer, and records the question for editors', async () => {
    const c = person();
    const a = await c.say('thời tiết hôm nay thế nào');
    expect(a.intent).toBe('unknown');
    expect(a.act).toBe('fallback');
    expect(a.reply.quickReplies!.some((q) => q.label === 'Gặp cán bộ')).toBe(true);
    expect(a.reply.actions!.some((x) => x.type === 'handoff')).toBe(true);
    const open = await p.kb.feedback.listUnanswered({ status: 'open', limit: 100 });
    expect(open.some((q) => q.question.includes('thời tiết'))).toBe(true);
  });

  it('offers an officer after two low-confidence turns in a row; "có" then "bỏ qua" queues it at city level', async () => {
    const c = person();
    await c.say('thời tiết hôm nay thế nào');
    const second = await c.say('giá vàng bao nhiêu');
    expect(second.act).toBe('handoff_offer');
    expect(second.reply.quickReplies![0]!.label).toBe('Có, gặp cán bộ');
    const yes = await c.say('có');
    expect(yes.act).toBe('ask_ward');
    const queued = await c.say('bỏ qua');
    expect(queued.act).toBe('handoff_requested');
    expect(queued.conversationStatus).toBe('handed_off');
    expect(queued.handoff?.status).toBe('queued');
    expect(queued.handoff?.ward).toBeNull();
    expect(queued.handoff?.queuePosition).toBeGreaterThanOrEqual(1);
  });

  it('answers "hồ sơ của tôi đến đâu rồi" without inventing a status: asks for a report code, points to the portal for dossiers', async () => {
    const c = person();
    const a = await c.say('hồ sơ của tôi đến đâu rồi');
    expect(a.intent).toBe('application_status');
    expect(a.act).toBe('ask_status_code');
    expect(a.reply.actions!.some((x) => x.type === 'open_url')).toBe(true);
    for (const label of ['Đã tiếp nhận', 'Đang xác minh', 'Đã giải quyết']) expect(a.reply.text).not.toContain(label);
    const wrong = await c.say('TG-2345-6789 mã bí mật ABCD-EFGH-JK23-4567');
    expect(wrong.act).toBe('ask_status_code');
    expect(wrong.reply.card).toBeUndefined();
  });
});

describe('find my ward police', () => {
  it('names the new unit from an old address, its police, the UBND seat (as such) and what changed', async () => {
    const a = await person().say('phường Hàng Bạc quận Hoàn Kiếm cũ nay thuộc phường nào');
    expect(a.intent).toBe('find_ward');
    const card = a.reply.card as WardCard;
    expect(card.type).toBe('ward');
    expect(a.ward?.code).toBe(card.code);
    const w = await p.org.getWard(card.code);
    expect(card.adminSeat).toBe(w!.ward.adminCenter);
    expect(a.reply.text).toContain('không phải trụ sở công an');
    expect(card.formerUnits.some((f) => f.name.includes('Hàng Bạc'))).toBe(true);
    expect(card.police.name).toBeTruthy();
    if (!card.police.address && !card.police.phone) expect(a.reply.text).toContain('113');
  });

  it('lists every destination of a split former unit, asks for the street or location, and answers the pick', async () => {
    const c = person();
    const a = await c.say('phường Trung Hòa cũ giờ là phường nào');
    const card = a.reply.card as WardChoicesCard;
    expect(card.type).toBe('ward_choices');
    expect(card.reason).toBe('split');
    expect(card.candidates.length).toBeGreaterThanOrEqual(2);
    expect(a.reply.actions!.some((x) => x.type === 'share_location')).toBe(true);
    const pick = card.candidates[1]!;
    const b = await c.say(pick.name);
    expect(b.ward?.code).toBe(pick.code);
    expect((b.reply.card as WardCard).type).toBe('ward');
  });

  it('uses a location shared by the browser, or says plainly when locating is unavailable', async () => {
    const hoanKiem = p.org.listWards().find((w) => w.code === '00070')!;
    const a = await person().say('công an phường tôi ở đâu', { location: { lat: hoanKiem.lat, lon: hoanKiem.lon } });
    expect(a.intent).toBe('find_ward');
    if (await p.org.boundariesAvailable()) expect(a.ward?.code).toBe('00070');
    else expect(a.act).toBe('ask_address');
  });

  it('asks for the address when the message has none', async () => {
    const c = person();
    const a = await c.say('tìm công an phường');
    expect(a.act).toBe('ask_address');
    const b = await c.say('số 12 Nguyễn Chí Thanh, phường Láng Thượng cũ, quận Đống Đa');
    expect(b.intent).toBe('find_ward');
    expect(b.ward?.code).toBeTruthy();
  });

  it('asks for the address when the menu item "Tìm công an xã/phường" is sent, instead of guessing a ward', async () => {
    for (const text of ['Tìm công an xã/phường', 'tim cong an xa phuong', 'xã/phường của tôi là gì']) {
      const a = await person().say(text);
      expect(a.ward, text).toBeUndefined();
      expect((a.reply.card as { type?: string } | undefined)?.type, text).not.toBe('ward_choices');
    }
  });

  it('hands the conversation to the ward named in "gặp cán bộ công an phường X", even right after a ward lookup', async () => {
    const c = person();
    const a = await c.say('tìm công an phường');
    expect(a.act).toBe('ask_address');
    const b = await c.say('Tôi muốn gặp cán bộ công an phường Hoàn Kiếm');
    expect(b.handoff?.ward?.code ?? b.ward?.code).toBe('00070');
    expect(b.handoff?.status).toBe('queued');
  });
});

describe('HTTP contract and protection', () => {
  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    p.app.inject({ method: 'POST', url: '/api/v1/chat/messages', payload: payload as string, headers, remoteAddress: `10.1.0.${++ip % 250}` });

  it('answers 400 with a Vietnamese { error: { code, message } } for empty, oversized, binary or malformed input', async () => {
    const cases: Array<[unknown, string]> = [
      [{ text: '' }, 'TEXT_EMPTY'],
      [{ text: '   \n ' }, 'TEXT_EMPTY'],
      [{ text: 'a'.repeat(2001) }, 'TEXT_TOO_LONG'],
      [{ text: 'xin\u0000chào' }, 'TEXT_BINARY'],
      [{ text: 'caf\ufffd\ufffd' }, 'TEXT_BINARY'],
      [{ text: 42 }, 'VALIDATION'],
      [{}, 'VALIDATION'],
      [{ text: 'chào', admin: true }, 'UNKNOWN_FIELD'],
      [{ text: 'chào', channel: 'sms' }, 'VALIDATION'],
      [{ text: 'chào', location: { lat: 200, lon: 0 } }, 'VALIDATION'],
    ];
    for (const [payload, code] of cases) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(400);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).toMatch(/[^\x00-\x7f]/); // Vietnamese, with diacritics
    }
    const bad = await post('{"text": "chào"', { 'content-type': 'application/json' });
    expect(bad.statusCode).toBe(400);
    const invalidUtf8 = await p.app.inject({ method: 'POST', url: '/api/v1/chat/messages', payload: Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]), headers: { 'content-type': 'application/json' } });
    expect(invalidUtf8.statusCode).toBe(400);
  });

  it('starts a new conversation for an unknown id, and refuses a wrong conversation token', async () => {
    const res = await post({ text: 'xin chào', conversationId: '6d0c1a8e-1111-4222-8333-944455556666' });
    expect(res.statusCode).toBe(200);
    expect(res.json().restarted).toBe(true);
    expect(res.json().conversationId).not.toBe('6d0c1a8e-1111-4222-8333-944455556666');
    expect((await post({ text: 'xin chào', conversationId: 'not-a-uuid' })).json().restarted).toBe(true);
    const c = person();
    await c.say('xin chào');
    const wrong = await post({ text: 'xin chào', conversationId: c.conversationId, conversationToken: 'x'.repeat(43) });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('CONVERSATION_TOKEN_INVALID');
    const right = await post({ text: 'cảm ơn', conversationId: c.conversationId, conversationToken: c.token });
    expect(right.statusCode).toBe(200);
  });

  it('limits messages per client address (30/min) and per conversation (20/min)', async () => {
    const addr = '10.9.9.9';
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await p.app.inject({ method: 'POST', url: '/api/v1/chat/messages', payload: { text: 'xin chào' }, remoteAddress: addr })).statusCode);
    expect(codes.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(codes[30]).toBe(429);

    const c = citizen(p, { ip: '10.9.9.10' });
    await c.say('xin chào');
    let last = 200;
    for (let i = 0; i < 21 && last === 200; i++) {
      last = (await p.app.inject({ method: 'POST', url: '/api/v1/chat/messages', payload: { text: 'ok', conversationId: c.conversationId }, remoteAddress: `10.9.10.${i}` })).statusCode;
    }
    expect(last).toBe(429);
  });

  it('serves the history with the conversation token only', async () => {
    const c = person();
    await c.say('làm căn cước ở đâu');
    const h = await c.history();
    expect(h.messages.map((m) => m.role)).toEqual(['citizen', 'assistant']);
    expect(h.messages[1]!.card?.type).toBe('procedure');
    const none = await p.app.inject({ method: 'GET', url: `/api/v1/chat/conversations/${c.conversationId}/messages` });
    expect(none.statusCode).toBe(404);
    const after = await c.history(2);
    expect(after.messages).toEqual([]);
  });

  it('records satisfaction feedback once per answer, with the procedure answered', async () => {
    const c = person();
    const a = await c.say('đăng ký thường trú cần gì');
    const send = (helpful: boolean) =>
      p.app.inject({ method: 'POST', url: '/api/v1/chat/feedback', payload: { conversationId: c.conversationId, conversationToken: c.token, messageSeq: a.messageSeq, helpful, comment: 'gọi 0912345678' } });
    expect((await send(true)).statusCode).toBe(200);
    expect((await send(false)).statusCode).toBe(409);
    const fb = await p.kb.feedback.listFeedback({ limit: 10 });
    const mine = fb.find((f) => f.conversationId === c.conversationId)!;
    expect(mine.slug).toBe(a.procedure?.slug ?? null);
    expect(mine.comment).not.toContain('0912345678');
    const citizenSeq = await p.app.inject({ method: 'POST', url: '/api/v1/chat/feedback', payload: { conversationId: c.conversationId, conversationToken: c.token, messageSeq: a.messageSeq - 1, helpful: true } });
    expect(citizenSeq.statusCode).toBe(404);
  });
});
