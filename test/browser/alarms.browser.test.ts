// Admin alarm accounts (/admin#alarm-accounts) in Debian Chromium against the real server: declare a premise
// with an AES key, see that the key is never shown again, add a zone and a contact, disable the account.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, buildWeb, launchBrowser, screenshot, startServer, watchProblems, type RunningServer } from './harness.ts';

const KEY = '0123456789ABCDEF0123456789ABCDEF';
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  buildWeb();
  server = await startServer();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('admin: alarm accounts', () => {
  it('declares, edits and disables an account; the key never comes back', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: /Đăng nhập/ }).click();
    await page.waitForURL(/\/(admin|console)/);
    await page.goto(`${server.baseUrl}/admin#alarm-accounts`);
    const section = page.locator('#alarm-accounts');
    await section.getByRole('button', { name: 'Khai báo tài khoản mới' }).click();
    const form = section.locator('.alarm-account-form');
    await form.getByLabel('Mã tài khoản (3–16 chữ số hex)').fill('c0ffee');
    await form.getByLabel(/^Khóa/).fill(KEY);
    await form.getByLabel('Tên cơ sở').fill('Kho hàng DEMO');
    await form.getByLabel('Địa chỉ').fill('Điểm thử nghiệm, phường Hoàn Kiếm');
    await form.getByRole('button', { name: 'Thêm vùng' }).click();
    await form.getByLabel('Số vùng 1').fill('12');
    await form.getByLabel('Mô tả vùng 1').fill('tầng 3, kho hàng');
    await form.getByRole('button', { name: 'Khai báo' }).click();
    await expect.poll(() => section.getByText('Đã khai báo tài khoản C0FFEE.').count()).toBe(1);
    const row = section.locator('tr', { hasText: 'C0FFEE' });
    await expect.poll(() => row.textContent()).toContain('Phường Hoàn Kiếm');
    expect(await row.textContent()).toContain('AES (hex)');
    expect(await page.content()).not.toContain(KEY);

    await row.getByRole('button', { name: 'Sửa tài khoản C0FFEE' }).click();
    expect(await form.getByLabel('Mô tả vùng 1').inputValue()).toBe('tầng 3, kho hàng');
    await form.getByRole('button', { name: 'Thêm người liên hệ' }).click();
    await form.getByLabel('Họ tên người liên hệ 1').fill('Bảo vệ ca trực');
    await form.getByLabel('Số điện thoại 1').fill('0241234567');
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(() => row.textContent()).toContain('1 người liên hệ');
    await screenshot(page, 'admin-alarm-accounts');

    await row.getByRole('button', { name: 'Tắt' }).click();
    await expect.poll(() => row.textContent()).toContain('đã tắt');
    await row.getByRole('button', { name: 'Thống kê' }).click();
    await expect.poll(() => section.getByText('Báo cháy giả').count()).toBeGreaterThan(0);
    expect(problems.filter((p) => !p.includes('status of 40'))).toEqual([]);
    await page.close();
  }, 120_000);
});
