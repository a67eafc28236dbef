import { request, type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { ADMIN_PASSWORD, buildWeb, launchBrowser, screenshot, SCREENSHOTS, startServer, watchProblems, type RunningServer } from './harness.ts';

// Knowledge-base admin (/admin#kb): two knowledge editors, one edits a fee and submits, the other approves
// (four eyes), and the entry view shows the new fee. Test data lives in a throw-away database.

const LAPTOP = { width: 1366, height: 768 };
const TABLET = { viewport: { width: 820, height: 1180 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const EDITOR_A = { username: 'bt.thu.nghiem.a', fullName: 'Biên tập viên Thử nghiệm A', first: 'Mat-khau-ban-dau-A1', password: 'Mat-khau-bien-tap-A1' };
const EDITOR_B = { username: 'bt.thu.nghiem.b', fullName: 'Biên tập viên Thử nghiệm B', first: 'Mat-khau-ban-dau-B2', password: 'Mat-khau-bien-tap-B2' };
const SLUG = 'cu-tru.dang-ky-tam-tru';
/** A test amount in a throw-away database (the real fee is 15.000 đồng). */
const NEW_FEE = 16000;

let server: RunningServer;
let browser: Browser;

async function apiAs(username: string, password: string): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await request.newContext({ baseURL: server.baseUrl });
  const r = await api.post('/api/v1/auth/login', { data: { username, password } });
  expect(r.status()).toBe(200);
  return { api, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
}

/** Admin creates a knowledge editor; the editor replaces the initial password (as the UI would ask). */
async function createEditor(u: typeof EDITOR_A) {
  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const created = await admin.api.post('/api/v1/users', {
    data: { username: u.username, fullName: u.fullName, password: u.first, role: 'kb_editor' },
    headers: { 'x-csrf-token': admin.csrf },
  });
  expect(created.status()).toBe(201);
  await admin.api.dispose();
  const me = await apiAs(u.username, u.first);
  const changed = await me.api.post('/api/v1/auth/password', { data: { oldPassword: u.first, newPassword: u.password }, headers: { 'x-csrf-token': me.csrf } });
  expect(changed.status()).toBe(200);
  await me.api.dispose();
}

beforeAll(async () => {
  buildWeb();
  server = await startServer();
  browser = await launchBrowser();
  await createEditor(EDITOR_A);
  await createEditor(EDITOR_B);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(options: Parameters<Browser['newContext']>[0] = {}): Promise<{ ctx: BrowserContext; page: Page; problems: string[] }> {
  const ctx = await browser.newContext({ viewport: LAPTOP, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', baseURL: server.baseUrl, ...options });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  return { ctx, page, problems: watchProblems(page) };
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL('**/admin');
}

const kb = (page: Page) => page.locator('#kb');

/** Only the knowledge-base section (the admin page holds other sections above it). */
async function shotKb(page: Page, name: string) {
  await page.locator('#kb').screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

async function noHorizontalOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('knowledge-base admin', () => {
  let versionId = 0;

  it('lets editor A find an entry without diacritics, preview it by date, edit a fee (with field errors shown) and submit it', async () => {
    const { ctx, page, problems } = await open();
    await signIn(page, EDITOR_A.username, EDITOR_A.password);
    await page.getByRole('heading', { name: 'Biên tập cơ sở tri thức', level: 1 }).waitFor();

    // Screen 1: list, diacritics-insensitive search, badges.
    const section = kb(page);
    await section.getByText(/Hiển thị 49\/49 thủ tục/).waitFor();
    await section.getByLabel('Tìm thủ tục').fill('dang ky tam tru');
    const row = section.getByRole('row', { name: /Đăng ký tạm trú/ }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('Đang áp dụng');
    await section.getByLabel('Tìm thủ tục').fill('');
    await screenshot(page, 'kb-list-1366');

    // Screen 2: the entry as citizens see it; fees depend on the chosen day.
    await section.getByLabel('Tìm thủ tục').fill('tạm trú');
    await section.getByRole('link', { name: 'Đăng ký tạm trú', exact: true }).click();
    await page.waitForURL(`**/admin?kb=entry&slug=${SLUG}`);
    const preview = section.locator('.kb-answer');
    await preview.waitFor();
    await preview.getByText(/Đăng ký tạm trú cá nhân, hộ gia đình – nộp trực tiếp: 15\.000 đồng/).waitFor();
    await section.getByLabel('Ngày xem').fill('2026-09-01');
    await preview.getByText(/Miễn lệ phí cho công dân có tài khoản định danh điện tử mức 2/).waitFor();
    await section.getByLabel('Ngày xem').fill('2026-03-01');
    await preview.getByText('(áp dụng ngày 1/3/2026)', { exact: false }).waitFor();
    expect(await preview.textContent()).not.toContain('Miễn lệ phí cho công dân có tài khoản định danh điện tử mức 2');
    await section.getByRole('heading', { name: 'Dữ liệu gốc và nguồn' }).waitFor();
    await screenshot(page, 'kb-entry-view');

    // Screen 3: the editor. An invalid value comes back from the API next to its field.
    await section.getByRole('button', { name: 'Sửa nội dung' }).click();
    await page.waitForURL('**/admin?kb=edit&v=*');
    versionId = Number(new URL(page.url()).searchParams.get('v'));
    await section.getByRole('heading', { name: /Soạn thảo: Đăng ký tạm trú — phiên bản \d+/ }).waitFor();
    const fee1 = section.getByRole('group', { name: /^Lệ phí 1:/ });
    const label = fee1.getByLabel('Tên dòng lệ phí');
    const original = await label.inputValue();
    await label.fill('x');
    await section.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await section.getByText('Nội dung mục tri thức chưa hợp lệ. Vui lòng sửa các trường được đánh dấu.').waitFor();
    const fieldError = section.locator('#kbf-fees-0-label-err');
    await fieldError.waitFor();
    expect(await label.getAttribute('aria-invalid')).toBe('true');
    expect(await label.getAttribute('aria-describedby')).toContain('kbf-fees-0-label-err');
    await section.getByRole('link', { name: 'Lệ phí › mục 1 › Tên dòng' }).waitFor();
    await screenshot(page, 'kb-editor-field-error');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'kb-editor-error-1366x768.png') });
    await section.getByRole('link', { name: 'Lệ phí › mục 1 › Tên dòng' }).click();
    expect(await label.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'kb-editor-error-field-1366x768.png') });

    await label.fill(original);
    await fee1.getByLabel('Số tiền (đồng)').fill(String(NEW_FEE));
    await fee1.getByText('= 16.000 đồng').waitFor();
    await section.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await section.getByText('Đã lưu bản nháp.', { exact: false }).waitFor();
    await section.getByLabel('Ghi chú thay đổi (người duyệt sẽ đọc)').fill('Kiểm thử tự động: đổi lệ phí nộp trực tiếp');
    await screenshot(page, 'kb-editor');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'kb-editor-1366x768.png') });
    await section.getByRole('button', { name: 'Gửi duyệt' }).click();

    // Screen 4 as the author: four eyes, the approve button is disabled and the API refuses too.
    await page.waitForURL(`**/admin?kb=review&v=${versionId}`);
    await section.getByText('Anh/chị là người soạn phiên bản này').waitFor();
    const approve = section.getByRole('button', { name: 'Duyệt và xuất bản' });
    expect(await approve.isDisabled()).toBe(true);
    await screenshot(page, 'kb-review-author');

    const me = await page.request.get('/api/v1/auth/me');
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const refused = await page.request.post(`/api/v1/kb/versions/${versionId}/approve`, { data: {}, headers: { 'x-csrf-token': csrfToken } });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('KB_FOUR_EYES');
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('lets editor B review the diff and approve; the entry view then shows the new fee', async () => {
    expect(versionId).toBeGreaterThan(0);
    const { ctx, page, problems } = await open();
    await signIn(page, EDITOR_B.username, EDITOR_B.password);
    const section = kb(page);
    await section.getByRole('link', { name: /Hàng chờ duyệt/ }).click();
    await page.waitForURL('**/admin?kb=review');
    const row = section.getByRole('row', { name: /Đăng ký tạm trú/ });
    await row.getByText(EDITOR_A.username).waitFor();
    await shotKb(page, 'kb-review-queue');
    await row.getByRole('link', { name: /Xem khác biệt và duyệt/ }).click();
    await page.waitForURL(`**/admin?kb=review&v=${versionId}`);

    const diff = section.locator('table.kb-diff');
    await diff.waitFor();
    const change = diff.getByRole('row', { name: /Số tiền/ });
    expect(await change.locator('.kb-diff-before').textContent()).toBe('15.000 đồng');
    expect(await change.locator('.kb-diff-after').textContent()).toBe('16.000 đồng');
    expect(await diff.locator('tbody tr:not(.kb-diff-section)').count()).toBe(1);
    await section.getByText('Kiểm thử tự động: đổi lệ phí nộp trực tiếp').waitFor();
    await screenshot(page, 'kb-review-diff');

    await section.getByRole('button', { name: 'Duyệt và xuất bản' }).click();
    await section.getByText('Đã duyệt và xuất bản').waitFor();
    await section.getByRole('link', { name: 'Xem thủ tục như người dân thấy' }).click();
    await page.waitForURL(`**/admin?kb=entry&slug=${SLUG}`);
    await section.locator('.kb-answer').getByText(/Đăng ký tạm trú cá nhân, hộ gia đình – nộp trực tiếp: 16\.000 đồng/).waitFor();
    await screenshot(page, 'kb-entry-after-approval');

    // The public API agrees (what the assistant serves).
    const pub = await page.request.get(`/api/v1/kb/procedures/${SLUG}`);
    const body = (await pub.json()) as { versionId: number; entry: { fees: Array<{ amountVnd?: number }> } };
    expect(body.versionId).toBe(versionId);
    expect(body.entry.fees[0]!.amountVnd).toBe(NEW_FEE);

    // Screen 5: history with who and when, and the diff to the previous version.
    await section.getByRole('link', { name: 'Lịch sử phiên bản' }).click();
    await page.waitForURL(`**/admin?kb=history&slug=${SLUG}`);
    const current = section.locator('.kb-history-current');
    await current.getByText(EDITOR_A.username).waitFor();
    await current.getByText(EDITOR_B.username).waitFor();
    await current.getByRole('button', { name: /Khác biệt với phiên bản/ }).click();
    await current.locator('.kb-diff-after').getByText('16.000 đồng').waitFor();
    await screenshot(page, 'kb-history');
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('shows the review queue, feedback, load report and the editor usable on a tablet', async () => {
    const { ctx, page, problems } = await open(TABLET);
    await signIn(page, 'admin', ADMIN_PASSWORD);
    const section = kb(page);
    await page.goto('/admin?kb=feedback');
    await section.getByRole('heading', { name: 'Phản hồi và câu hỏi chưa trả lời' }).waitFor();
    await section.getByRole('heading', { name: 'Câu hỏi trợ lý chưa trả lời được' }).waitFor();
    await section.locator('.kb-panel .muted, .kb-panel table').first().waitFor();
    await shotKb(page, 'kb-feedback-tablet');

    await section.getByRole('link', { name: /Nạp tệp/ }).click();
    await section.getByText('Tệp hợp lệ').waitFor();
    await section.getByRole('button', { name: 'Nạp lại các tệp' }).waitFor();
    await shotKb(page, 'kb-load-report-tablet');

    // An entry with unverified facts shows the cautions the assistant adds.
    await page.goto('/admin?kb=entry&slug=antt.giay-chung-nhan-du-dieu-kien');
    await section.locator('.kb-cautions').getByText(/chưa được xác minh từ nguồn chính thức/).first().waitFor();
    expect(await noHorizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shotKb(page, 'kb-entry-unverified-tablet');

    await page.goto(`/admin?kb=entry&slug=${SLUG}`);
    await section.getByRole('button', { name: 'Sửa nội dung' }).click();
    await page.waitForURL('**/admin?kb=edit&v=*');
    await section.getByRole('group', { name: /^Lệ phí 1:/ }).waitFor();
    expect(await noHorizontalOverflow(page)).toBeLessThanOrEqual(0);
    await section.locator('#kbs-fees').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'kb-editor-tablet.png') });

    // Reorder: move the second fee line up; the first line is now the online one.
    const second = section.getByRole('group', { name: /^Lệ phí 2:/ });
    const secondLabel = await second.getByLabel('Tên dòng lệ phí').inputValue();
    await second.getByRole('button', { name: /^Chuyển lên/ }).click();
    expect(await section.getByRole('group', { name: /^Lệ phí 1:/ }).getByLabel('Tên dòng lệ phí').inputValue()).toBe(secondLabel);

    // Unsaved changes: leaving through an in-app link asks first (dismissed here, so the editor stays).
    const asked = new Promise<string>((resolve) => page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.message()))));
    await section.getByRole('link', { name: 'Thủ tục', exact: true }).click();
    expect(await asked).toContain('thay đổi chưa lưu');
    expect(page.url()).toContain('kb=edit');
    await section.getByText('Có thay đổi chưa lưu').waitFor();
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('asks an admin approving their own version for an explicit four-eyes override, and records it', async () => {
    const admin = await apiAs('admin', ADMIN_PASSWORD);
    const slug = 'cu-tru.gia-han-tam-tru';
    const live = (await (await admin.api.get(`/api/v1/kb/procedures/${slug}`)).json()) as { entry: { notes: Array<{ text: string }> } };
    const content = structuredClone(live.entry);
    content.notes[0]!.text = `${content.notes[0]!.text} (kiểm thử tự động)`;
    const headers = { 'x-csrf-token': admin.csrf };
    const draft = (await (await admin.api.post(`/api/v1/kb/procedures/${slug}/drafts`, { data: { content, changeNote: 'Kiểm thử: quản trị viên tự duyệt' }, headers })).json()) as {
      version: { id: number };
    };
    expect((await admin.api.post(`/api/v1/kb/versions/${draft.version.id}/submit`, { headers })).status()).toBe(200);
    await admin.api.dispose();

    const { ctx, page, problems } = await open();
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.goto(`/admin?kb=review&v=${draft.version.id}`);
    const section = kb(page);
    await section.getByText('Anh/chị là người soạn phiên bản này').waitFor();
    const approve = section.getByRole('button', { name: 'Duyệt và xuất bản' });
    expect(await approve.isDisabled()).toBe(true);
    await section.getByLabel(/xác nhận tự duyệt/).check();
    expect(await approve.isEnabled()).toBe(true);
    await section.locator('.kb-diff ins').first().waitFor();
    await shotKb(page, 'kb-review-admin-override');
    await approve.click();
    await section.getByText('Đã duyệt và xuất bản').waitFor();
    await page.goto(`/admin?kb=history&slug=${slug}`);
    await section.locator('.kb-history-current').getByText('Tự duyệt (ghi đè bốn mắt)').waitFor();
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('shows a broken-file load report, unanswered questions with best guesses and feedback counts (API answers mocked)', async () => {
    // A fresh server has no broken file and no assistant traffic, so these three answers are mocked here to see
    // the screens with data; the real routes are covered by src/kb/kb.routes.test.ts.
    const at = '2026-11-20T03:15:00.000Z';
    const questions = [
      { id: 1, question: 'làm lại bằng lái xe bị mất ở đâu', count: 12, firstSeenAt: at, lastSeenAt: at, status: 'open', bestGuesses: [{ slug: 'gplx.cap-lai', score: 0.41 }, { slug: 'gplx.cap-doi', score: 0.22 }] },
      { id: 2, question: 'đăng ký kết hôn ở đâu', count: 5, firstSeenAt: at, lastSeenAt: at, status: 'open', bestGuesses: [] },
    ];
    const feedback = [
      { id: 3, conversationId: null, slug: SLUG, versionId: 1, helpful: false, comment: 'Chưa nói rõ nộp trực tuyến thì bao lâu có kết quả', at },
      { id: 2, conversationId: null, slug: SLUG, versionId: 1, helpful: true, comment: null, at },
      { id: 1, conversationId: null, slug: 'xnc.cap-ho-chieu', versionId: 1, helpful: true, comment: 'Rõ ràng, cảm ơn', at },
    ];
    const report = {
      at, files: 48, created: [], updated: [], unchanged: 48, missingFiles: [],
      conflicts: [{ slug: 'xe.sang-ten', fileVersionId: 9999, liveVersionId: 9998 }],
      errors: [{
        file: 'gplx.cap-lai.yaml', message: 'Tệp có 2 lỗi',
        fields: [
          { field: 'fees.0.amountVnd', label: 'Lệ phí › mục 1 › Số tiền', message: 'Quá nhỏ: mong đợi number >=0' },
          { field: 'questions', label: 'Câu hỏi mẫu', message: 'Quá nhỏ: mong đợi array có >=25 phần tử' },
        ],
      }],
    };
    const { ctx, page, problems } = await open();
    const json = (body: unknown) => ({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
    await page.route(/\/api\/v1\/kb\/load-report$/, (r) => r.fulfill(json({ report })));
    await page.route(/\/api\/v1\/kb\/feedback(\?|$)/, (r) => r.fulfill(json({ feedback })));
    await page.route(/\/api\/v1\/kb\/unanswered/, (r) => {
      const req = r.request();
      if (req.method() === 'PATCH') {
        const id = Number(req.url().split('/').pop());
        const q = questions.find((x) => x.id === id)!;
        return r.fulfill(json({ question: { ...q, status: (req.postDataJSON() as { status: string }).status } }));
      }
      return r.fulfill(json({ questions }));
    });
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/admin?kb=list');
    const section = kb(page);
    await section.getByText(/1 tệp không hợp lệ/).waitFor();
    await section.getByRole('link', { name: 'Xem chi tiết nạp tệp' }).click();
    const broken = section.locator('.kb-file-error');
    await broken.getByText('gplx.cap-lai.yaml').waitFor();
    await broken.getByText('Phải từ 0 trở lên.').waitFor();
    await broken.getByText('Cần ít nhất 25 mục.').waitFor();
    await section.getByRole('link', { name: 'xem khác biệt và quyết định' }).waitFor();
    await shotKb(page, 'kb-load-report-errors');

    await section.getByRole('link', { name: 'Phản hồi và câu hỏi' }).click();
    const row = section.getByRole('row', { name: /làm lại bằng lái xe bị mất ở đâu/ });
    await row.getByRole('link', { name: 'Cấp lại giấy phép lái xe (bằng lái bị mất hoặc quá hạn)' }).waitFor();
    expect(await row.textContent()).toContain('41%');
    await section.getByText('2 câu hỏi khác nhau, tổng 17 lượt hỏi').waitFor();
    const counts = section.getByRole('row', { name: /Đăng ký tạm trú/ });
    await counts.waitFor();
    expect(await counts.locator('td').allTextContents()).toEqual(['1', '1']);
    await section.getByText('Chưa nói rõ nộp trực tuyến thì bao lâu có kết quả').waitFor();
    await shotKb(page, 'kb-feedback-data');
    await row.getByRole('button', { name: /^Đã xử lý/ }).click();
    await section.getByText(/sang “Đã xử lý”/).waitFor();
    expect(await section.getByRole('row', { name: /làm lại bằng lái xe bị mất ở đâu/ }).count()).toBe(0);
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
