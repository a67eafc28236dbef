import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../app.ts';
import { createStaffUser, STAFF_PASSWORD, WARD_A, WARD_B } from '../dispatch/testing.ts';
import { login, type Session } from '../../test/support/platform.ts';
import type { EmergencyCard } from './chat.types.ts';
import { assistantPlatform, citizen } from './testing.ts';

/** Emergencies through the chat: hotline first, then an incident for the command center with the ward resolved. */

let p: Platform;
const s: Record<string, Session> = {};

beforeAll(async () => {
  p = await assistantPlatform();
  await createStaffUser(p.db, { username: 'em.wa', role: 'ward_officer', wardCode: WARD_A });
  await createStaffUser(p.db, { username: 'em.wb', role: 'ward_officer', wardCode: WARD_B });
  await createStaffUser(p.db, { username: 'em.dp', role: 'dispatcher' });
  s.wardA = await login(p, 'em.wa', STAFF_PASSWORD);
  s.wardB = await login(p, 'em.wb', STAFF_PASSWORD);
  s.dispatcher = await login(p, 'em.dp', STAFF_PASSWORD);
});
afterAll(async () => {
  await p.close();
});

const incidentsOf = async (session: Session) => (await session.request({ url: '/api/v1/incidents' })).json().incidents as Array<{ id: string; wardCode: string | null; source: string; type: string }>;

describe('emergencies in the chat', () => {
  it('gives the hotline and what to do at once, then creates the incident with the ward after the address turn', async () => {
    const c = citizen(p);
    const first = await c.say('cháy nhà rồi, cứu với!!!');
    expect(first.intent).toBe('emergency');
    expect(first.emergency).toEqual({ kind: 'fire', hotline: '114' });
    expect(first.reply.text).toContain('114');
    const card = first.reply.card as EmergencyCard;
    expect(card.steps.length).toBeGreaterThanOrEqual(2);
    expect(card.steps.length).toBeLessThanOrEqual(4);
    expect(card.missing).toEqual(['location', 'phone']);
    expect(first.reply.actions).toContainEqual({ type: 'call', label: expect.any(String), tel: '114' });
    expect(first.reply.actions!.some((a) => a.type === 'share_location')).toBe(true);

    const second = await c.say('số 12 phố Hàng Bạc, phường Hoàn Kiếm, gọi lại 0912345678');
    expect(second.intent).toBe('emergency');
    expect(second.incident?.id).toBeTruthy();
    expect(second.ward?.code).toBe(WARD_A);

    const mine = await incidentsOf(s.wardA!);
    const inc = mine.find((i) => i.id === second.incident!.id);
    expect(inc).toMatchObject({ source: 'chat', type: 'fire', wardCode: WARD_A });
    expect((await incidentsOf(s.wardB!)).some((i) => i.id === second.incident!.id)).toBe(false);
    expect((await s.wardB!.request({ url: `/api/v1/incidents/${second.incident!.id}` })).statusCode).toBe(404);

    const detail = await p.dispatch.incidents.detail(second.incident!.id, { username: 'test' });
    expect(detail.links).toContainEqual(expect.objectContaining({ kind: 'conversation', refId: c.conversationId }));
    expect(detail.incident.callbackPhone).toBe('0912345678');
  });

  it('creates the incident on the first message when it already says where', async () => {
    const c = citizen(p);
    const r = await c.say('có cháy lớn ở số 5 phố Hàng Bạc phường Hoàn Kiếm');
    expect(r.emergency?.hotline).toBe('114');
    expect(r.incident?.id).toBeTruthy();
    expect(r.ward?.code).toBe(WARD_A);
    const later = await c.say('0987654321');
    expect(later.incident?.id).toBe(r.incident!.id);
    const detail = await p.dispatch.incidents.detail(r.incident!.id, { username: 'test' });
    expect(detail.incident.description).toContain('0987654321');
    expect(detail.incident.callbackPhone).toBe('0987654321');
  });

  it('still creates a city-level incident when the ward cannot be resolved', async () => {
    const c = citizen(p);
    const first = await c.say('có người đuối nước, cứu với');
    expect(first.emergency?.hotline).toBe('114');
    const second = await c.say('ở bờ sông gần cây cầu sắt cũ');
    expect(second.incident?.id).toBeTruthy();
    expect(second.ward).toBeUndefined();
    const all = await incidentsOf(s.dispatcher!);
    expect(all.find((i) => i.id === second.incident!.id)?.wardCode).toBeNull();
    expect((await incidentsOf(s.wardA!)).some((i) => i.id === second.incident!.id)).toBe(false);
  });

  it('uses a location shared by the browser', async () => {
    const w = p.org.listWards().find((x) => x.code === WARD_B)!;
    const r = await citizen(p).say('có người bị ngất, cứu với', { location: { lat: w.lat, lon: w.lon } });
    expect(r.emergency).toEqual({ kind: 'medical', hotline: '115' });
    expect(r.incident?.id).toBeTruthy();
    if (await p.org.boundariesAvailable()) expect(r.ward?.code).toBe(WARD_B);
  });

  it('checks for emergencies first, even in the middle of a report form', async () => {
    const c = citizen(p);
    const form = await c.say('tôi muốn tố giác tội phạm');
    expect(form.act).toBe('report_form');
    const em = await c.say('nhà bên cạnh đang cháy to lắm');
    expect(em.intent).toBe('emergency');
    expect(em.emergency?.hotline).toBe('114');
  });

  it('answers an English emergency in English', async () => {
    const r = await citizen(p).say('Help! There is a fire in my building!');
    expect(r.intent).toBe('emergency');
    expect(r.reply.language).toBe('en');
    expect(r.reply.text).toContain('114');
  });

  it('does not treat procedures or past events as emergencies', async () => {
    expect((await citizen(p).say('thủ tục thẩm định thiết kế phòng cháy chữa cháy')).intent).not.toBe('emergency');
    expect((await citizen(p).say('hôm qua nhà tôi bị trộm')).intent).not.toBe('emergency');
  });
});
