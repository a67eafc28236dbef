import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../app.ts';
import { createStaffUser, STAFF_PASSWORD, WARD_A } from '../dispatch/testing.ts';
import { createLogger } from '../shared/logger.ts';
import { login } from '../../test/support/platform.ts';
import { assistantPlatform, citizen } from './testing.ts';

/** Personal data in chats (phones, ID numbers, addresses, names, message texts) never reaches the logs. */

const lines: string[] = [];
let p: Platform;

beforeAll(async () => {
  // the production logger configuration, at the most verbose level, with every line captured
  const log = createLogger('trace', {
    hooks: {
      streamWrite: (s: string) => {
        lines.push(s);
        return '';
      },
    },
  } as pino.LoggerOptions);
  p = await assistantPlatform({ log });
  await createStaffUser(p.db, { username: 'log.wa', role: 'ward_officer', wardCode: WARD_A });
});
afterAll(async () => {
  await p.close();
});

const SECRETS = ['0912345678', '0987 654 321', '001203004567', 'Nguyễn Thị Bình', 'Hàng Bạc', 'Phố Huế', 'ngõ 10', 'trộm mất xe', 'xác nhận cư trú'];

describe('logs', () => {
  it('carry conversation ids and dialogue acts but no phone, ID number, name, address or message text', async () => {
    const c = citizen(p);
    await c.say('cháy nhà ở số 5 ngõ 10 Phố Huế, gọi 0912345678');
    await c.say('tôi là Nguyễn Thị Bình, căn cước 001203004567');
    const r = citizen(p);
    await r.say('nhà tôi bị trộm mất xe máy ở số 12 phố Hàng Bạc');
    for (const t of ['tối qua', 'số 12 phố Hàng Bạc, phường Hoàn Kiếm', 'bỏ qua', 'Nguyễn Thị Bình 0987 654 321', 'gửi']) await r.say(t);
    const officer = await login(p, 'log.wa', STAFF_PASSWORD);
    const h = (await officer.request({ url: '/api/v1/handoffs' })).json().handoffs[0];
    await officer.request({ method: 'POST', url: `/api/v1/handoffs/${h.id}/messages`, payload: { text: 'Chị Nguyễn Thị Bình cho xin số 0912345678 để xác nhận cư trú' } });
    await r.say('xác nhận cư trú của tôi, số 0912345678');
    await p.app.inject({ method: 'POST', url: '/api/v1/chat/messages', payload: { text: 'Nguyễn Thị Bình 0912345678', extra: 1 } });
    await p.app.inject({ method: 'GET', url: `/api/v1/chat/conversations/${c.conversationId}/messages?after=0&token=0912345678` });

    const all = lines.join('');
    expect(all).toContain(c.conversationId!);
    expect(all).toMatch(/"act"/);
    expect(all).toContain('report created');
    for (const secret of SECRETS) expect(all, secret).not.toContain(secret);
    // no phone-shaped number (response times are decimals; random ids such as …-0a0874744158 are not phones)
    const withoutIds = all.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>');
    expect(withoutIds).not.toMatch(/(?<![\d.])0\d{9}(?!\d)/);
  });
});
