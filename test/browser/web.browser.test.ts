import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, buildWeb, launchBrowser, screenshot, serverHasBoundaries, startServer, watchProblems, type RunningServer } from './harness.ts';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const OFFICER = { username: 'cb.hoankiem.01', fullName: 'Cán bộ Thử nghiệm', password: 'Mat-khau-ban-dau-01' };
const TEST_POLICE = { address: 'Địa chỉ thử nghiệm (kiểm thử tự động)', phone: '024 0000 0000' };

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  buildWeb();
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(options: Parameters<Browser['newContext']>[0] = {}): Promise<{ ctx: BrowserContext; page: Page; problems: string[] }> {
  const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', baseURL: server.baseUrl, ...options });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  return { ctx, page, problems: watchProblems(page) };
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

describe('staff pages', () => {
  it('sends an anonymous visitor of /admin to the sign-in page and shows the API error for a wrong password', async () => {
    const { ctx, page, problems } = await open();
    await page.goto('/admin');
    await page.waitForURL('**/login?next=%2Fadmin');
    await signIn(page, 'admin', 'sai-mat-khau');
    await page.getByRole('alert').filter({ hasText: 'Tên đăng nhập hoặc mật khẩu không đúng' }).waitFor();
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('lets the admin create a ward officer, then sign out; the officer lands on the ward page', async () => {
    const { ctx, page, problems } = await open();
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL('**/admin');
    await page.getByRole('heading', { name: 'Quản trị hệ thống', level: 1 }).waitFor();
    await page.getByRole('banner').getByText('Quản trị hệ thống').first().waitFor();

    const form = page.locator('form.create-user');
    await form.getByLabel('Tên đăng nhập').fill(OFFICER.username);
    await form.getByLabel('Họ và tên').fill(OFFICER.fullName);
    await form.getByLabel('Vai trò').selectOption('ward_officer');
    const ward = form.getByLabel('Xã/phường', { exact: true });
    await expect.poll(() => ward.locator('option').count(), { timeout: 15_000 }).toBe(127);
    await ward.selectOption({ label: 'Phường Hoàn Kiếm' });
    await form.getByLabel('Mật khẩu ban đầu').fill(OFFICER.password);
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();

    const row = page.getByRole('row', { name: new RegExp(OFFICER.username.replace(/\./g, '\\.')) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Phường Hoàn Kiếm');
    await page.getByText(`Đã tạo tài khoản ${OFFICER.username}`).waitFor();

    // Record the contact of one ward's police (test data in a throw-away database; shown to citizens below).
    const police = page.locator('#police-units');
    await police.getByLabel('Lọc theo tên').fill('ba dinh');
    await police.getByRole('button', { name: 'Sửa liên hệ của Công an phường Ba Đình' }).click();
    await police.getByLabel('Địa chỉ trụ sở công an').fill(TEST_POLICE.address);
    await police.getByLabel('Số điện thoại trực ban').fill(TEST_POLICE.phone);
    await police.getByRole('button', { name: 'Lưu' }).click();
    await police.getByText('Đã cập nhật liên hệ của Công an phường Ba Đình.').waitFor();
    await police.getByRole('row', { name: /Công an phường Ba Đình/ }).getByText(TEST_POLICE.phone).waitFor();

    // The audit log shows both changes.
    await page.getByRole('button', { name: 'Làm mới' }).click();
    await page.locator('#audit').getByText('Tạo tài khoản').first().waitFor();
    await page.locator('#audit').getByText('Cập nhật liên hệ đơn vị công an').first().waitFor();
    await screenshot(page, 'admin-desktop');

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL('**/login');
    await page.goto('/admin');
    await page.waitForURL('**/login?next=%2Fadmin');

    await signIn(page, OFFICER.username, OFFICER.password);
    await page.waitForURL('**/ward');
    await page.getByRole('heading', { name: 'Công an phường Hoàn Kiếm', level: 1 }).waitFor();
    await page.getByText('Vui lòng đổi mật khẩu trước khi làm việc').waitFor();
    await page.getByText('Trụ sở UBND (không phải trụ sở công an)').waitFor();
    await page.getByText(/Hình thành từ \d+ đơn vị cũ/).waitFor();
    await page.locator('.map-note, .map-overlay').first().waitFor();
    await screenshot(page, 'ward-officer-desktop');
    // The reminder survives a reload: the server says so in /auth/me (it used to live only in the tab's memory).
    await page.reload();
    await page.getByText('Vui lòng đổi mật khẩu trước khi làm việc').waitFor();

    // A ward officer may not open the admin page.
    await page.goto('/admin');
    await page.getByRole('heading', { name: /không có quyền/ }).waitFor();
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('shows the ward boundaries (or a friendly notice) on the console map', async () => {
    const { ctx, page, problems } = await open();
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL('**/admin');
    await page.getByRole('link', { name: 'Trung tâm chỉ huy' }).click();
    await page.waitForURL('**/console');
    await page.locator('.cmap .map-note').waitFor();
    // Without a boundary file the map still opens, with markers only, and says why it has no boundaries.
    const withBoundaries = await serverHasBoundaries(server.baseUrl);
    expect(await page.locator('.leaflet-overlay-pane path').count()).toBe(withBoundaries ? 126 : 0);
    if (!withBoundaries) expect(await page.locator('.cmap .map-note').textContent()).toContain('ADMIN_GEOJSON');
    await screenshot(page, 'console-desktop');
    expect(problems).toEqual([]);
    await ctx.close();
  });
});

describe('ward directory', () => {
  async function search(page: Page, text: string) {
    const input = page.getByLabel(/Nhập địa chỉ cũ hoặc mới/);
    await input.fill(text);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    const result = page.locator('.search-result');
    await result.locator('.ward-card, .alert').first().waitFor();
    return result;
  }

  it('finds the new unit for an old address, with and without diacritics', async () => {
    const { ctx, page, problems } = await open();
    await page.goto('/wards');
    await page.getByRole('heading', { name: 'Tra cứu xã/phường và công an xã/phường' }).waitFor();

    for (const q of ['phường Hàng Bạc quận Hoàn Kiếm', 'phuong hang bac']) {
      const result = await search(page, q);
      const first = result.locator('.ward-card').first();
      await first.waitFor();
      expect(await first.locator('h3').textContent()).toBe('Phường Hoàn Kiếm');
      expect(await first.textContent()).toContain('Trụ sở UBND (không phải trụ sở công an)');
      expect(await first.textContent()).toMatch(/Hàng Bạc/);
      expect(await first.textContent()).toMatch(/Công an phường Hoàn Kiếm/);
      expect(await first.locator('.badge').textContent()).toBe('Khớp chính xác');
      if (q === 'phuong hang bac') await screenshot(page, 'wards-search-unaccented');
    }

    // A split former unit lists every candidate with the resolution's wording; a police contact shows only when recorded.
    const split = await search(page, 'phường Cửa Đông, quận Hoàn Kiếm');
    await split.locator('.result-note, .split-note').filter({ hasText: 'Phường Cửa Đông' }).first().waitFor();
    const cards = split.locator('.ward-card');
    expect(await cards.locator('h3').allTextContents()).toEqual(['Phường Hoàn Kiếm', 'Phường Ba Đình']);
    expect(await split.locator('.badge-exact').count()).toBe(0);
    expect(await cards.nth(0).textContent()).toContain('một phần diện tích');
    expect(await cards.nth(0).textContent()).toContain('chưa cập nhật — vui lòng liên hệ 113 khi khẩn cấp');
    expect(await cards.nth(1).textContent()).toContain('phần còn lại');
    expect(await cards.nth(1).textContent()).toContain(TEST_POLICE.phone);
    await screenshot(page, 'wards-search-split');

    // The list of all units, filterable without diacritics.
    await page.getByText('126 đơn vị hành chính cấp xã', { exact: true }).waitFor();
    await page.getByLabel('Lọc theo tên xã/phường').fill('hoan kiem');
    await page.getByText(/Tìm thấy \d+\/126 đơn vị/).waitFor();
    await page.locator('.ward-items summary', { hasText: 'Phường Hoàn Kiếm' }).click();
    await page.locator('.ward-items details[open]').getByText('Trụ sở UBND (không phải trụ sở công an)').waitFor();
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('locates the unit from the browser position', async () => {
    const { ctx, page, problems } = await open({ geolocation: { latitude: 21.0288, longitude: 105.8525 } });
    await ctx.grantPermissions(['geolocation'], { origin: server.baseUrl });
    await page.goto('/wards');
    await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
    if (!(await serverHasBoundaries(server.baseUrl))) {
      // No boundary file here: the page says so and points to the address search.
      await page.getByText('Chức năng tìm theo vị trí tạm thời chưa sẵn sàng').waitFor();
    } else {
      const card = page.locator('.search-result .ward-card').first();
      await card.waitFor();
      expect(await card.locator('h3').textContent()).toBe('Phường Hoàn Kiếm');
    }
    expect(problems).toEqual([]);
    await ctx.close();
  });
});

describe('citizen portal on a phone', () => {
  it('fits a 390 px screen with the header, the hotlines, the chat and the ward search', async () => {
    const { ctx, page, problems } = await open(PHONE);
    await page.goto('/');
    await page.getByText('Bình Yên — Cổng hỗ trợ người dân Công an TP Hà Nội').waitFor();
    const hotlines = await page.locator('a.hotline').evaluateAll((as) => as.map((a) => `${a.getAttribute('href')} ${a.textContent}`));
    expect(hotlines).toEqual(['tel:113 113Công an', 'tel:114 114Cứu hỏa – cứu nạn', 'tel:115 115Cấp cứu']);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByLabel(/Nhập địa chỉ cũ hoặc mới/).waitFor();
    await page.getByRole('link', { name: /danh sách đầy đủ 126 xã\/phường/ }).waitFor();

    // The chat shows the assistant's real answer, or says plainly that it is being updated.
    await page.getByLabel('Câu hỏi của anh/chị').fill('Đăng ký tạm trú cần giấy tờ gì?');
    await page.getByRole('button', { name: 'Gửi', exact: true }).click();
    await page.locator('.cw-bubble-citizen, .alert-info:has-text("Trợ lý ảo đang được cập nhật"), .cw-error').first().waitFor();
    await screenshot(page, 'home-phone');
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
