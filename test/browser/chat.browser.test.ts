// The assistant's web channels in Debian Chromium against the real server: the embeddable widget on another
// site (one script tag, cross-origin frame), asking → procedure card, hand-off → the ward officer sees it live
// in /ward, takes it and replies → the citizen reads the reply in the widget; the chat on a phone (cards,
// reload restores the conversation), the widget as a full-screen sheet, a report with its codes and the lookup.
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, buildWeb, freePort, launchBrowser, screenshot, SCREENSHOTS, startServer, watchProblems, type RunningServer } from './harness.ts';

const DESKTOP = { viewport: { width: 1280, height: 860 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const OFFICER = { username: 'cb.hoankiem.chat', fullName: 'Cán bộ Thử nghiệm Chat', role: 'ward_officer', wardCode: '00070', password: 'Mat-khau-thu-nghiem-02' };
const DISPATCHER = { username: 'dp.chat.tn', fullName: 'Điều phối viên Thử nghiệm Chat', role: 'dispatcher', wardCode: null, password: 'Mat-khau-thu-nghiem-03' };

let server: RunningServer;
let browser: Browser;
let site: Server;
let siteUrl: string;

/**
 * Another website embedding the widget with one tag. It is served from `localhost` while the platform runs on
 * `127.0.0.1`: a different site for the browser (cross-origin frame, cross-site script).
 */
function hostPage(base: string, attrs = '') {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cổng thông tin phường (trang thử nghiệm)</title>
<style>body{font-family:Georgia,serif;margin:0;padding:2rem;background:#eef3f8;color:#123} h1{color:#0b3d91} button{font-size:30px;background:lime}</style></head>
<body><h1>Cổng thông tin điện tử (trang thử nghiệm nhúng widget)</h1><p>Nội dung của trang nhúng. <button>Nút của trang</button></p>
<script src="${base}/widget.js" async ${attrs}></script></body></html>`;
}

async function call<T>(base: string, cookie: string, csrf: string, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/api/v1${url}`, { method, headers: { cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  buildWeb();
  server = await startServer();
  browser = await launchBrowser();
  const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  await call(server.baseUrl, cookie, csrfToken, 'POST', '/users', OFFICER);
  await call(server.baseUrl, cookie, csrfToken, 'POST', '/users', DISPATCHER);
  const port = await freePort();
  site = createServer((req, res) => {
    const attrs = req.url?.includes('left') ? 'data-position="left" data-title="Hỏi Công an phường" data-color="#0b3d91"' : '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(hostPage(server.baseUrl, attrs));
  });
  await new Promise<void>((r) => site.listen(port, '127.0.0.1', r));
  siteUrl = `http://localhost:${port}`;
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (site ? site.close(() => r()) : r()));
  await server?.stop();
});

async function context(options: Record<string, unknown> = DESKTOP): Promise<{ ctx: BrowserContext; page: Page; problems: string[] }> {
  const ctx = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', ...options });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  return { ctx, page, problems: watchProblems(page) };
}

const ask = async (chat: Page | FrameLocator, text: string) => {
  await chat.getByLabel('Câu hỏi của anh/chị').fill(text);
  await chat.getByLabel('Câu hỏi của anh/chị').press('Enter');
};

describe('chat widget on another site', () => {
  let citizen: { ctx: BrowserContext; page: Page; problems: string[] };
  let officer: { ctx: BrowserContext; page: Page; problems: string[] };
  let dispatcher: { ctx: BrowserContext; page: Page; problems: string[] };
  let frame: FrameLocator;

  async function signedIn(user: { username: string; password: string }, pagePath: string) {
    const o = await context({ viewport: { width: 1366, height: 900 } });
    const res = await o.ctx.request.post(`${server.baseUrl}/api/v1/auth/login`, { data: { username: user.username, password: user.password } });
    expect(res.status()).toBe(200);
    await o.page.goto(`${server.baseUrl}${pagePath}`);
    await o.page.locator('.live-dot.live-open').waitFor();
    return o;
  }

  it('adds a button with one script tag, opens the chat in a cross-origin frame, and answers with a procedure card', async () => {
    citizen = await context();
    const { page } = citizen;
    await page.goto(siteUrl);
    const button = page.getByRole('button', { name: 'Hỏi trợ lý ảo' });
    await button.waitFor();
    // The host page's styles do not reach the widget (shadow DOM): its button keeps its own font and colour.
    const look = await button.evaluate((b) => ({ font: getComputedStyle(b).fontFamily, bg: getComputedStyle(b).backgroundColor }));
    expect(look.font).not.toContain('Georgia');
    expect(look.bg).toBe('rgb(142, 17, 17)');
    expect(await page.locator('p > button').evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(0, 255, 0)');
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    frame = page.frameLocator('iframe[title^="Trợ lý ảo Bình Yên"]');
    await frame.getByText('Xin chào anh/chị!').waitFor();
    expect(await page.locator('[data-binh-yen-widget]').evaluate((h) => (h.shadowRoot?.querySelector('iframe') as HTMLIFrameElement).src)).toBe(`${server.baseUrl}/chat-embed`);

    await ask(frame, 'đăng ký tạm trú cần giấy tờ gì');
    const card = frame.locator('article[aria-label="Thủ tục: Đăng ký tạm trú"]');
    await card.waitFor();
    // The bubble answers the question; the card holds every fact, folded by section.
    await frame.locator('.cw-bubble-assistant').getByText(/Tờ khai thay đổi thông tin cư trú \(mẫu CT01\)/).waitFor();
    await card.getByText('Giấy tờ cần chuẩn bị').click();
    await card.getByText('(mẫu CT01)').waitFor();
    await card.getByText('Lệ phí (áp dụng hôm nay)').waitFor();
    await card.getByText(/Thông tin cập nhật ngày/).waitFor();
    // Feedback on the answer.
    await frame.getByRole('button', { name: 'Hữu ích', exact: true }).last().click();
    await frame.getByText('Cảm ơn anh/chị đã đánh giá.').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'widget-procedure.png') });
  });

  it('hands off to the ward officer, who sees it live in /ward, takes it and replies; the citizen reads it in the widget', async () => {
    officer = await signedIn(OFFICER, '/ward');
    dispatcher = await signedIn(DISPATCHER, '/console');
    const section = officer.page.locator('#handoffs');
    await section.getByText('Không có cuộc trò chuyện nào đang chờ cán bộ.').waitFor();

    await ask(frame, 'Tôi muốn gặp cán bộ công an phường Hoàn Kiếm');
    const handoff = frame.locator('.cw-handoff');
    await handoff.getByText(/Đang chờ cán bộ/).waitFor();
    await handoff.getByText('Gặp cán bộ · Công an phường Hoàn Kiếm').waitFor();
    await citizen.page.screenshot({ path: path.join(SCREENSHOTS, 'widget-handoff-queued.png') });

    // Live in the officer's workspace, without reload.
    const row = section.locator('tr[data-handoff]').first();
    await row.waitFor();
    // The command center sees it too, city-wide, with the ward named.
    const cityRow = dispatcher.page.locator('#handoffs tr[data-handoff]').first();
    await cityRow.getByText('Phường Hoàn Kiếm').waitFor();
    await row.getByRole('button', { name: /Mở cuộc trò chuyện/ }).click();
    await section.locator('.ho-citizen').getByText('Tôi muốn gặp cán bộ công an phường Hoàn Kiếm').waitFor();
    await section.locator('.ho-citizen').getByText('đăng ký tạm trú cần giấy tờ gì').waitFor();
    await section.getByRole('button', { name: 'Nhận xử lý' }).click();
    await frame.getByText(/đã tiếp nhận/).first().waitFor();
    await section.getByLabel('Trả lời người dân').fill('Dạ, cán bộ phường Hoàn Kiếm xin nghe. Anh/chị cần hỗ trợ thủ tục tạm trú phải không ạ?');
    await section.getByRole('button', { name: 'Gửi' }).click();
    await section.scrollIntoViewIfNeeded();
    await officer.page.screenshot({ path: path.join(SCREENSHOTS, 'ward-handoff-reply.png') });

    // The citizen sees the officer's reply in the same chat (long polling), signed with the unit.
    const reply = frame.locator('.cw-row-officer').filter({ hasText: 'cán bộ phường Hoàn Kiếm xin nghe' });
    await reply.waitFor({ timeout: 30_000 });
    expect(await reply.locator('.cw-author').textContent()).toContain('Công an phường Hoàn Kiếm');
    await frame.locator('.cw-handoff').getByText(/đã tiếp nhận và đang trả lời/).waitFor();
    await citizen.page.screenshot({ path: path.join(SCREENSHOTS, 'widget-officer-reply.png') });

    // The citizen answers; the officer sees it live.
    await ask(frame, 'Dạ đúng rồi, tôi thuê trọ ở phố Hàng Bạc');
    await section.locator('.ho-citizen').getByText('Dạ đúng rồi, tôi thuê trọ ở phố Hàng Bạc').waitFor();
  });

  it('keeps the conversation and the open panel when the citizen comes back to the site', async () => {
    const { page } = citizen;
    await page.reload();
    frame = page.frameLocator('iframe[title^="Trợ lý ảo Bình Yên"]');
    // Open state remembered: the frame is there without a click; the history is restored.
    await frame.locator('.cw-row-officer').getByText('cán bộ phường Hoàn Kiếm xin nghe').waitFor();
    await frame.locator('article[aria-label="Thủ tục: Đăng ký tạm trú"]').waitFor();
    // Still handed off: a new officer message arrives without reload.
    await officer.page.locator('#handoffs').getByLabel('Trả lời người dân').fill('Anh/chị mang theo hợp đồng thuê nhà nhé.');
    await officer.page.locator('#handoffs').getByRole('button', { name: 'Gửi' }).click();
    await frame.locator('.cw-row-officer').getByText('Anh/chị mang theo hợp đồng thuê nhà nhé.').waitFor({ timeout: 30_000 });
    // The officer closes with a note; the citizen is told and the assistant takes over again.
    const section = officer.page.locator('#handoffs');
    await section.getByLabel(/Ghi chú khi kết thúc/).fill('Đã hướng dẫn đăng ký tạm trú (thử nghiệm).');
    await section.getByRole('button', { name: 'Kết thúc hỗ trợ' }).click();
    await frame.locator('.cw-system').getByText(/kết thúc/).waitFor({ timeout: 30_000 });
    await frame.locator('.cw-handoff').getByText('Cán bộ đã kết thúc trao đổi. Trợ lý ảo tiếp tục hỗ trợ anh/chị.').waitFor();
    // City view: closed hand-offs on request, with the ward; a ward filter narrows the list.
    const city = dispatcher.page.locator('#handoffs');
    await city.getByLabel('Cả các cuộc đã kết thúc').check();
    await city.locator('tr[data-handoff]').filter({ hasText: 'Đã kết thúc' }).first().waitFor();
    await city.getByLabel('Xã/phường').selectOption({ label: 'Phường Ba Đình' });
    await city.getByText('Không có cuộc trò chuyện nào đang chờ cán bộ.').waitFor();
    await city.getByLabel('Xã/phường').selectOption({ label: 'Phường Hoàn Kiếm' });
    await city.locator('tr[data-handoff]').first().waitFor();
    await city.scrollIntoViewIfNeeded();
    await dispatcher.page.screenshot({ path: path.join(SCREENSHOTS, 'console-handoffs-city.png') });
    // Closing from the widget's header, the button comes back and focus returns to it.
    await page.getByRole('button', { name: 'Đóng khung trò chuyện' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Hỏi trợ lý ảo' }).getAttribute('aria-expanded')).toBe('false');
    expect(citizen.problems).toEqual([]);
    expect(officer.problems).toEqual([]);
    expect(dispatcher.problems).toEqual([]);
    await citizen.ctx.close();
    await officer.ctx.close();
    await dispatcher.ctx.close();
  });
});

describe('chat on a phone', () => {
  it('fits a 390 px screen: cards, quick replies, emergency buttons; a reload restores the conversation', async () => {
    const { ctx, page, problems } = await context(PHONE);
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('log', { name: 'Hội thoại với trợ lý ảo' }).waitFor();
    await page.getByRole('button', { name: 'Đăng ký tạm trú cần giấy tờ gì?' }).click();
    const card = page.locator('article[aria-label="Thủ tục: Đăng ký tạm trú"]');
    await card.waitFor();
    await page.getByRole('button', { name: 'Lệ phí bao nhiêu?' }).click();
    await page.locator('.cw-bubble-assistant').getByText(/nộp trực tiếp: 15\.000 đồng/).waitFor();
    const second = page.locator('article[aria-label="Thủ tục: Đăng ký tạm trú"]').nth(1);
    await second.getByText('Lệ phí (áp dụng hôm nay)').click();
    await second.locator('.cw-fee-amount').getByText('15.000 đồng').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.locator('#tro-ly').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-phone-procedure.png') });

    await page.reload();
    await page.locator('.cw-bubble-citizen').getByText('Lệ phí bao nhiêu?').waitFor();
    expect(await page.locator('article[aria-label="Thủ tục: Đăng ký tạm trú"]').count()).toBe(2);

    // Facts not yet verified are marked, with the entry's cautions.
    await ask(page, 'Mất căn cước thì làm lại thế nào?');
    const lost = page.locator('article[aria-label="Thủ tục: Cấp lại thẻ căn cước"]');
    await lost.locator('.cw-caution').waitFor();
    await lost.locator('.cw-caution').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-phone-procedure-card.png') });

    await ask(page, 'cháy nhà ở số 5 phố Hàng Bông, khói nhiều lắm');
    const emergency = page.locator('.cw-emergency');
    await emergency.waitFor();
    expect(await emergency.locator('a.cw-call-main').getAttribute('href')).toBe('tel:114');
    expect(await emergency.locator('a.cw-call').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['tel:114', 'tel:113', 'tel:115']);
    await emergency.getByText('Việc cần làm ngay').waitFor();
    const box = await emergency.locator('a.cw-call-main').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(56);
    await emergency.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-phone-emergency.png') });
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('opens the widget as a full-screen sheet with the script tag options', async () => {
    const { ctx, page, problems } = await context(PHONE);
    await page.goto(`${siteUrl}/left`);
    const button = page.getByRole('button', { name: 'Hỏi Công an phường' });
    await button.waitFor();
    const b = await button.boundingBox();
    expect(b!.x).toBeLessThan(100);
    await button.click();
    const frame = page.frameLocator('iframe[title^="Trợ lý ảo Bình Yên"]');
    await frame.getByText('Xin chào anh/chị!').waitFor();
    const panel = await page.locator('[data-binh-yen-widget]').evaluate((h) => {
      const r = h.shadowRoot!.querySelector('.by-panel')!.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    });
    expect(panel).toEqual({ x: 0, y: 0, w: 390, h: 844 });
    await ask(frame, 'Công an phường nào quản lý chỗ tôi?');
    await frame.getByRole('button', { name: 'Chia sẻ vị trí' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'widget-phone-sheet.png') });
    expect(problems).toEqual([]);
    await ctx.close();
  });
});

describe('reports', () => {
  it('starts a report on /bao-tin, shows the tracking code and secret once, and /tra-cuu finds it', async () => {
    const { ctx, page, problems } = await context(PHONE);
    await page.goto(`${server.baseUrl}/bao-tin`);
    await page.getByRole('heading', { name: 'Gửi tin báo, tố giác tội phạm', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Tôi muốn tố giác tội phạm' }).click();
    await page.locator('.cw-report-form').getByText(/bước 2\/6/).waitFor();
    await page.locator('.cw-report-form').last().screenshot({ path: path.join(SCREENSHOTS, 'report-progress.png') });
    for (let i = 0; i < 8; i++) {
      if (await page.locator('.cw-report-created').count()) break;
      const chips = page.locator('.cw-chips').last();
      const label = (await chips.getByRole('button', { name: 'Gửi', exact: true }).count())
        ? 'Gửi'
        : (await chips.getByRole('button', { name: 'Gửi ẩn danh' }).count())
          ? 'Gửi ẩn danh'
          : 'Bỏ qua';
      const answers = page.locator('.cw-row-assistant:not(.cw-welcome) .cw-bubble-assistant');
      const before = await answers.count();
      await chips.getByRole('button', { name: label, exact: true }).click();
      await expect.poll(() => answers.count()).toBe(before + 1);
    }
    const created = page.locator('.cw-report-created');
    await created.waitFor();
    const code = (await created.locator('.cw-code-value').first().textContent())!;
    const secret = (await created.locator('.cw-code-value').nth(1).textContent())!;
    expect(code).toMatch(/^TG-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(secret).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    await created.getByRole('alert').getByText('Hãy lưu lại hai mã này ngay').waitFor();
    await created.getByRole('button', { name: 'Sao chép mã bí mật' }).waitFor();
    await created.getByText('Gửi chứng cứ (ảnh, PDF, ghi âm)').waitFor();
    await created.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-created-phone.png') });

    // After a reload the secret is gone (never stored), the code stays.
    await page.reload();
    await page.locator('.cw-report-created .cw-code-value').getByText(code).waitFor();
    expect(await page.locator('.cw-report-created').getByText(secret).count()).toBe(0);

    await page.goto(`${server.baseUrl}/tra-cuu`);
    await page.getByLabel('Mã theo dõi').fill(code.toLowerCase());
    await page.getByLabel('Mã bí mật').fill('AAAA-BBBB-CCCC-DDDD');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByText('Mã theo dõi hoặc mã bí mật không đúng').waitFor();
    await page.getByLabel('Mã bí mật').fill(secret);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    const status = page.locator('.cw-report-status');
    await status.getByText('Đã tiếp nhận').first().waitFor();
    await status.getByText(code).waitFor();
    await page.getByText('Gửi chứng cứ (ảnh, PDF, ghi âm)').waitFor();
    await screenshot(page, 'lookup-phone');
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
