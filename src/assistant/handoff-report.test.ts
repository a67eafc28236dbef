import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../app.ts';
import { createStaffUser, STAFF_PASSWORD, waitFor, WARD_A, WARD_B } from '../dispatch/testing.ts';
import type { BusEvent } from '../shared/bus.ts';
import { login, type Session } from '../../test/support/platform.ts';
import type { ReportCreatedCard, ReportStatusCard } from './chat.types.ts';
import { assistantPlatform, citizen } from './testing.ts';

/** Reports with tracking codes and secrets, evidence uploads, and hand-offs to the competent ward's officers. */

let p: Platform;
const s: Record<string, Session> = {};
const events: BusEvent[] = [];

beforeAll(async () => {
  p = await assistantPlatform();
  await p.bus.subscribe('>', (e) => {
    events.push(e);
  });
  await createStaffUser(p.db, { username: 'ho.wa', role: 'ward_officer', wardCode: WARD_A });
  await createStaffUser(p.db, { username: 'ho.wa2', role: 'ward_officer', wardCode: WARD_A });
  await createStaffUser(p.db, { username: 'ho.wb', role: 'ward_officer', wardCode: WARD_B });
  await createStaffUser(p.db, { username: 'ho.dp', role: 'dispatcher' });
  await createStaffUser(p.db, { username: 'ho.kb', role: 'kb_editor' });
  s.wardA = await login(p, 'ho.wa', STAFF_PASSWORD);
  s.wardA2 = await login(p, 'ho.wa2', STAFF_PASSWORD);
  s.wardB = await login(p, 'ho.wb', STAFF_PASSWORD);
  s.dispatcher = await login(p, 'ho.dp', STAFF_PASSWORD);
  s.kb = await login(p, 'ho.kb', STAFF_PASSWORD);
});
afterAll(async () => {
  await p.close();
});

interface Conn {
  messages: Array<{ type: string; event?: { type: string; wardCode: string | null; payload: { handoff?: { id: string } } } }>;
  ws: { close(): void };
}
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string, opts?: { headers?: Record<string, string> }) => {
  on(ev: string, fn: (...args: never[]) => void): void;
  close(): void;
};
function connect(url: string, headers: Record<string, string>): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const conn: Conn = { ws, messages: [] };
    ws.on('message', (d: Buffer) => conn.messages.push(JSON.parse(String(d))));
    ws.on('open', () => resolve(conn));
    ws.on('error', reject);
  });
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);

function multipart(file: Buffer, filename: string, type = 'application/octet-stream') {
  const boundary = '----binhyen' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, file, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Runs the report form to the end; returns the conversation and the creation response. */
async function fileReport(first = 'nhà tôi bị trộm mất xe máy đêm qua', where = 'số 12 phố Hàng Bạc, phường Hoàn Kiếm') {
  const c = citizen(p);
  let r = await c.say(first);
  expect(r.intent).toBe('report_crime');
  expect(r.act).toBe('report_form');
  for (let i = 0; i < 8 && r.act === 'report_form'; i++) {
    const step = (r.reply.card as { step: string }).step;
    const answer = step === 'what' ? 'xe máy bị lấy trong sân' : step === 'when' ? 'khoảng 2 giờ sáng hôm qua' : step === 'where' ? where : step === 'who' ? 'bỏ qua' : step === 'contact' ? 'Nguyễn Văn A 0912345678' : 'gửi';
    r = await c.say(answer);
  }
  expect(r.act).toBe('report_created');
  return { c, created: r };
}

describe('reports and tip-offs', () => {
  it('guides the form, routes it to the ward, and gives the tracking code and the secret once', async () => {
    const { c, created } = await fileReport();
    expect(created.report?.trackingCode).toMatch(/^TG-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(created.report?.secret).toMatch(/^([A-Z2-9]{4}-){3}[A-Z2-9]{4}$/);
    expect(created.reply.text).toContain(created.report!.secret);
    expect(created.ward?.code).toBe(WARD_A);
    expect(created.handoff).toMatchObject({ status: 'queued', ward: { code: WARD_A } });
    expect((created.reply.card as ReportCreatedCard).trackingCode).toBe(created.report!.trackingCode);
    expect(created.reply.actions!.some((a) => a.type === 'upload')).toBe(true);
    const h = await c.history();
    expect(JSON.stringify(h)).not.toContain(created.report!.secret);
    expect(h.messages.at(-1)!.text).toContain(created.report!.trackingCode);
    expect(events.some((e) => e.type === 'report.created' && e.wardCode === WARD_A)).toBe(true);
  });

  it('looks a report up in the chat only with the right secret', async () => {
    const { created } = await fileReport();
    const { trackingCode, secret } = created.report!;
    const c = citizen(p);
    const ask = await c.say('tra cứu tin báo');
    expect(ask.act).toBe('ask_status_code');
    const wrong = await c.say(`${trackingCode} ABCD-EFGH-JK23-4567`);
    expect(wrong.act).toBe('ask_status_code');
    expect(wrong.reply.card).toBeUndefined();
    const right = await c.say(`${trackingCode} ${secret.toLowerCase()}`);
    expect(right.act).toBe('status');
    const card = right.reply.card as ReportStatusCard;
    expect(card.status).toBe('received');
    expect(card.trackingCode).toBe(trackingCode);
    const h = await c.history();
    expect(JSON.stringify(h)).not.toContain(secret.toLowerCase());
  });

  it('looks a report up over HTTP (right and wrong secret answer differently only in success)', async () => {
    const { created } = await fileReport();
    const { trackingCode, secret } = created.report!;
    const lookup = (sec: string, code = trackingCode) => p.app.inject({ method: 'POST', url: '/api/v1/reports/lookup', payload: { trackingCode: code, secret: sec } });
    const ok = await lookup(secret);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().report).toMatchObject({ trackingCode, status: 'received', statusLabel: 'Đã tiếp nhận', ward: { code: WARD_A } });
    expect(JSON.stringify(ok.json())).not.toContain('0912345678');
    const bad = await lookup('ABCD-EFGH-JK23-4567');
    const unknown = await lookup(secret, 'TG-2222-2222');
    expect(bad.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(bad.json()).toEqual(unknown.json());
  });

  it('lets the ward officer see and update it (note for the citizen), hides it from other wards', async () => {
    const { created } = await fileReport();
    const list = (await s.wardA!.request({ url: '/api/v1/reports' })).json().reports as Array<{ id: string; trackingCode: string }>;
    const mine = list.find((r) => r.trackingCode === created.report!.trackingCode)!;
    expect(mine).toBeTruthy();
    expect(((await s.wardB!.request({ url: '/api/v1/reports' })).json().reports as Array<{ id: string }>).some((r) => r.id === mine.id)).toBe(false);
    expect((await s.wardB!.request({ url: `/api/v1/reports/${mine.id}` })).statusCode).toBe(404);
    expect((await s.kb!.request({ url: '/api/v1/reports' })).statusCode).toBe(403);

    const detail = (await s.wardA!.request({ url: `/api/v1/reports/${mine.id}` })).json().report;
    expect(detail).toMatchObject({ status: 'received', contact: { phone: '0912345678' }, history: [expect.objectContaining({ status: 'received' })] });

    const upd = await s.wardA!.request({ method: 'PATCH', url: `/api/v1/reports/${mine.id}`, payload: { status: 'verifying', noteForCitizen: 'Cán bộ đang xác minh, sẽ liên hệ lại.', internalNote: 'đã gọi điện' } });
    expect(upd.statusCode).toBe(200);
    expect(upd.json().report.status).toBe('verifying');
    const back = await s.wardA!.request({ method: 'PATCH', url: `/api/v1/reports/${mine.id}`, payload: { status: 'received' } });
    expect(back.statusCode).toBe(409);
    expect((await s.wardB!.request({ method: 'PATCH', url: `/api/v1/reports/${mine.id}`, payload: { status: 'resolved' } })).statusCode).toBe(404);
    expect((await s.wardA!.request({ method: 'PATCH', url: `/api/v1/reports/${mine.id}`, payload: { wardCode: WARD_B } })).statusCode).toBe(403);

    const lookup = await p.app.inject({ method: 'POST', url: '/api/v1/reports/lookup', payload: { trackingCode: created.report!.trackingCode, secret: created.report!.secret } });
    const view = lookup.json().report;
    expect(view.status).toBe('verifying');
    expect(view.noteForCitizen).toBe('Cán bộ đang xác minh, sẽ liên hệ lại.');
    expect(JSON.stringify(view)).not.toContain('đã gọi điện');
    expect(events.some((e) => e.type === 'report.updated' && e.wardCode === WARD_A)).toBe(true);
  });

  it('accepts evidence files with the secret, checks their bytes and size, and serves them to the ward only', async () => {
    const { created } = await fileReport();
    const { trackingCode, secret } = created.report!;
    const up = (file: Buffer, name: string, sec = secret) => {
      const m = multipart(file, name, 'image/png');
      return p.app.inject({ method: 'POST', url: `/api/v1/reports/${trackingCode}/attachments`, payload: m.payload, headers: { ...m.headers, 'x-report-secret': sec } });
    };
    const ok = await up(PNG, 'ảnh chụp.png');
    expect(ok.statusCode).toBe(201);
    expect(ok.json().attachment).toMatchObject({ mime: 'image/png', sizeBytes: PNG.length });
    expect((await up(PNG, 'x.png', 'ABCD-EFGH-JK23-4567')).statusCode).toBe(404);
    const exe = await up(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]), 'photo.png');
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.code).toBe('ATTACHMENT_TYPE');
    const big = await up(Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]), 'big.png');
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('ATTACHMENT_TOO_LARGE');
    const json = await p.app.inject({ method: 'POST', url: `/api/v1/reports/${trackingCode}/attachments`, payload: { a: 1 }, headers: { 'x-report-secret': secret } });
    expect(json.statusCode).toBe(415);

    const report = (await s.wardA!.request({ url: '/api/v1/reports' })).json().reports.find((r: { trackingCode: string }) => r.trackingCode === trackingCode);
    const detail = (await s.wardA!.request({ url: `/api/v1/reports/${report.id}` })).json().report;
    expect(detail.attachments).toHaveLength(1);
    const dl = await s.wardA!.request({ url: detail.attachments[0].url });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
    expect(dl.rawPayload.equals(PNG)).toBe(true);
    expect((await s.wardB!.request({ url: detail.attachments[0].url })).statusCode).toBe(404);
    expect((await p.app.inject({ method: 'GET', url: detail.attachments[0].url })).statusCode).toBe(401);
  });

  it('gives anti-scam advice for online fraud and accepts anonymous reports', async () => {
    const c = citizen(p);
    const first = await c.say('tôi bị lừa chuyển khoản 20 triệu qua zalo');
    expect(first.act).toBe('report_form');
    expect(first.reply.text).toMatch(/OTP/);
    expect(first.reply.text).toMatch(/ngân hàng/);
    let r = first;
    for (let i = 0; i < 8 && r.act === 'report_form'; i++) {
      const step = (r.reply.card as { step: string }).step;
      r = await c.say(step === 'where' ? 'tôi ở phường Ba Đình' : step === 'contact' ? 'Gửi ẩn danh' : step === 'confirm' ? 'Gửi' : 'bỏ qua');
    }
    expect(r.act).toBe('report_created');
    expect(r.ward?.code).toBe(WARD_B);
    const list = (await s.wardB!.request({ url: '/api/v1/reports?kind=lua_dao' })).json().reports as Array<{ trackingCode: string; anonymous: boolean; contact: unknown; kind: string }>;
    const mine = list.find((x) => x.trackingCode === r.report!.trackingCode)!;
    expect(mine).toMatchObject({ kind: 'lua_dao', anonymous: true, contact: null });
  });

  it('stops the form on "hủy" without sending anything', async () => {
    const c = citizen(p);
    await c.say('tôi muốn tố giác tội phạm');
    const r = await c.say('hủy');
    expect(r.act).toBe('report_cancelled');
    expect(r.report).toBeUndefined();
    expect((await c.say('xin chào')).act).toBe('greeting');
  });
});

describe('hand-off to officers', () => {
  it('queues for the ward, the ward officer takes it and replies, the citizen sees it by polling; other wards get 404', async () => {
    const c = citizen(p);
    const ask = await c.say('cho tôi gặp cán bộ');
    expect(ask.act).toBe('ask_ward');
    const queued = await c.say('tôi ở phường Hàng Bạc cũ');
    expect(queued.act).toBe('handoff_requested');
    expect(queued.handoff).toMatchObject({ status: 'queued', ward: { code: WARD_A }, queuePosition: expect.any(Number), waitingSinceMs: expect.any(Number) });
    const hid = queued.handoff!.id;
    const requested = events.find((e) => e.type === 'handoff.requested' && (e.payload as { handoff: { id: string } }).handoff.id === hid)!;
    expect(requested.wardCode).toBe(WARD_A);

    const listA = (await s.wardA!.request({ url: '/api/v1/handoffs' })).json().handoffs as Array<{ id: string; waitingMs: number; status: string }>;
    expect(listA.find((h) => h.id === hid)).toMatchObject({ status: 'queued', waitingMs: expect.any(Number) });
    expect(((await s.wardB!.request({ url: '/api/v1/handoffs' })).json().handoffs as Array<{ id: string }>).some((h) => h.id === hid)).toBe(false);
    expect((await s.wardB!.request({ url: `/api/v1/handoffs/${hid}` })).statusCode).toBe(404);
    expect((await s.wardB!.request({ method: 'POST', url: `/api/v1/handoffs/${hid}/take` })).statusCode).toBe(404);
    expect((await s.dispatcher!.request({ url: `/api/v1/handoffs/${hid}` })).statusCode).toBe(200);

    const take = await s.wardA!.request({ method: 'POST', url: `/api/v1/handoffs/${hid}/take` });
    expect(take.statusCode).toBe(200);
    expect(take.json().handoff).toMatchObject({ status: 'taken', takenBy: 'ho.wa' });
    expect((await s.wardA2!.request({ method: 'POST', url: `/api/v1/handoffs/${hid}/take` })).statusCode).toBe(409);
    expect((await s.wardA!.request({ method: 'POST', url: `/api/v1/handoffs/${hid}/take` })).statusCode).toBe(200);

    const before = (await c.history()).messages.at(-1)!.seq;
    const reply = await s.wardA!.request({ method: 'POST', url: `/api/v1/handoffs/${hid}/messages`, payload: { text: 'Chào anh/chị, tôi là cán bộ trực, tôi có thể giúp gì?' } });
    expect(reply.statusCode).toBe(201);
    const seen = await c.history(before);
    expect(seen.handoff?.status).toBe('taken');
    const officerMsg = seen.messages.find((m) => m.role === 'officer')!;
    expect(officerMsg.text).toContain('cán bộ trực');
    expect(officerMsg.author).toContain('Hoàn Kiếm');
    expect(JSON.stringify(seen)).not.toContain('ho.wa');
    expect((await c.history()).messages.some((m) => m.role === 'system')).toBe(true);

    const ack = await c.say('tôi cần xác nhận cư trú gấp');
    expect(ack.act).toBe('handoff_ack');
    expect(ack.reply.ack).toBe(true);
    expect(ack.conversationStatus).toBe('handed_off');
    const transcript = (await s.wardA!.request({ url: `/api/v1/handoffs/${hid}` })).json();
    expect(transcript.messages.some((m: { role: string; text: string }) => m.role === 'citizen' && m.text.includes('xác nhận cư trú'))).toBe(true);
    const chatEvents = events.filter((e) => e.type === 'chat.message' && (e.payload as { handoffId: string }).handoffId === hid);
    expect(chatEvents.map((e) => (e.payload as { role: string }).role)).toEqual(expect.arrayContaining(['officer', 'citizen', 'system']));
    for (const e of chatEvents) {
      expect(e.wardCode).toBe(WARD_A);
      expect(JSON.stringify(e.payload)).not.toContain('xác nhận');
    }
    expect((await s.wardA2!.request({ method: 'POST', url: `/api/v1/handoffs/${hid}/messages`, payload: { text: 'xin chào' } })).statusCode).toBe(409);

    const close = await s.wardA!.request({ method: 'POST', url: `/api/v1/handoffs/${hid}/close`, payload: { note: 'đã hướng dẫn' } });
    expect(close.json().handoff.status).toBe('closed');
    const after = await c.say('xin chào');
    expect(after.act).toBe('greeting');
    expect(after.conversationStatus).toBe('active');
    expect((await s.wardA!.request({ method: 'POST', url: `/api/v1/handoffs/${hid}/messages`, payload: { text: 'còn đó không?' } })).statusCode).toBe(409);
  });

  it('waits for the officer with long polling', async () => {
    const c = citizen(p);
    const q = await c.say('cho gặp cán bộ', { conversationToken: undefined });
    const r = q.act === 'ask_ward' ? await c.say('phường Ba Đình') : q;
    const hid = r.handoff!.id;
    const after = (await c.history()).messages.at(-1)!.seq;
    const poll = p.app.inject({ method: 'GET', url: `/api/v1/chat/conversations/${c.conversationId}/messages?after=${after}&waitMs=5000`, headers: { 'x-conversation-token': c.token! } });
    await new Promise((res) => setTimeout(res, 50));
    await s.wardB!.request({ method: 'POST', url: `/api/v1/handoffs/${hid}/messages`, payload: { text: 'Tôi đã nhận được, anh/chị chờ chút.' } });
    const res = await poll;
    expect(res.statusCode).toBe(200);
    expect(res.json().messages.length).toBeGreaterThan(0);
  });

  it('forwards hand-off events to the ward officers\u2019 live WebSocket, filtered by ward', async () => {
    await p.listen();
    const url = `ws://127.0.0.1:${(p.app.server.address() as AddressInfo).port}/api/v1/live`;
    const [a, b] = await Promise.all([connect(url, { cookie: s.wardA!.cookie }), connect(url, { cookie: s.wardB!.cookie })]);
    try {
      const c = citizen(p);
      await c.say('cho tôi nói chuyện với cán bộ');
      const r = await c.say('phường Hoàn Kiếm');
      expect(r.act).toBe('handoff_requested');
      const got = (m: Conn) => m.messages.some((x) => x.type === 'event' && x.event?.type === 'handoff.requested' && x.event.payload.handoff?.id === r.handoff!.id);
      await waitFor(() => got(a));
      expect(got(b)).toBe(false);
      await s.wardA!.request({ method: 'POST', url: `/api/v1/handoffs/${r.handoff!.id}/take` });
      await waitFor(() => a.messages.some((x) => x.event?.type === 'handoff.updated') && a.messages.some((x) => x.event?.type === 'chat.message'));
      expect(b.messages.some((x) => x.event?.type === 'handoff.updated' || x.event?.type === 'chat.message')).toBe(false);
    } finally {
      a.ws.close();
      b.ws.close();
    }
  });

  it('lets a citizen ask for an officer over HTTP with the conversation token', async () => {
    const c = citizen(p);
    await c.say('xin chào');
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/chat/handoff', payload: { conversationId: c.conversationId, conversationToken: c.token, wardCode: WARD_B } });
    expect(res.statusCode).toBe(200);
    expect(res.json().handoff).toMatchObject({ status: 'queued', ward: { code: WARD_B } });
    const unknownWard = await p.app.inject({ method: 'POST', url: '/api/v1/chat/handoff', payload: { conversationId: c.conversationId, conversationToken: c.token, wardCode: '99999' } });
    expect(unknownWard.statusCode).toBe(404);
    expect(unknownWard.json().error.code).toBe('WARD_NOT_FOUND');
    const wrong = await p.app.inject({ method: 'POST', url: '/api/v1/chat/handoff', payload: { conversationId: c.conversationId, conversationToken: 'x'.repeat(43) } });
    expect(wrong.statusCode).toBe(404);
    const h = await c.history();
    expect(h.conversationStatus).toBe('handed_off');
    expect(h.handoff?.queuePosition).toBeGreaterThanOrEqual(1);
  });

  it('counts the hand-off notice as activity: the conversation is kept for the whole retention period from then', async () => {
    const c = citizen(p);
    await c.say('xin chào');
    await p.db.query(`update conversations set expires_at = now() + interval '1 hour' where id = $1`, [c.conversationId]);
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/chat/handoff', payload: { conversationId: c.conversationId, conversationToken: c.token } });
    expect(res.statusCode).toBe(200);
    const [row] = await p.db.query<{ expiresAt: Date }>(`select expires_at as "expiresAt" from conversations where id = $1`, [c.conversationId]);
    expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 30 * 86_400_000);
    const h = await c.history();
    expect(h.messages.at(-1)).toMatchObject({ role: 'system' });
  });
});
