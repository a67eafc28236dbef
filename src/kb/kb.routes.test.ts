import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, login, startTestPlatform, type Session } from '../../test/support/platform.ts';
import type { Platform } from '../app.ts';
import { hashPassword } from '../auth/auth.service.ts';
import { createUserRepository } from '../auth/user.repository.ts';
import type { KbEntry } from './entry.schema.ts';
import type { KbPublishedEvent } from './kb.events.ts';
import { FEES_2026, makeEntry, toYaml } from './testing/fixtures.ts';

const API = '/api/v1';
const PASSWORD = 'mat-khau-bien-tap-1';

let p: Platform;
let dir: string;
let admin: Session;
let editorA: Session;
let editorB: Session;
let ward: Session;
const published: KbPublishedEvent[] = [];

const writeEntry = (e: KbEntry) => writeFileSync(path.join(dir, `${e.slug}.yaml`), toYaml(e));
const json = (res: { json(): unknown }) => res.json() as any;

async function createDraft(s: Session, slug: string, content: unknown, changeNote = 'Sửa theo văn bản mới') {
  return s.request({ method: 'POST', url: `${API}/kb/procedures/${slug}/drafts`, payload: { content, changeNote } });
}

/** Draft by A, submitted; returns the version id. */
async function inReview(slug: string, content: KbEntry, author = editorA): Promise<number> {
  const d = await createDraft(author, slug, content);
  expect(d.statusCode, d.body).toBe(201);
  const id = json(d).version.id as number;
  expect((await author.request({ method: 'POST', url: `${API}/kb/versions/${id}/submit` })).statusCode).toBe(200);
  return id;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kb-routes-'));
  for (const slug of ['thu.mot', 'thu.hai', 'thu.ba', 'thu.bon', 'thu.nam']) writeEntry(makeEntry(slug, { fees: FEES_2026 }));
  writeFileSync(path.join(dir, 'thu.hong.yaml'), 'slug: thu.hong\ntitle: [chưa đóng\n');
  p = await startTestPlatform({}, { kbDir: dir });
  await p.kb.onPublished((e) => void published.push(e));
  admin = await login(p, 'admin', ADMIN_PASSWORD);
  for (const username of ['bientap.a', 'bientap.b']) {
    const res = await admin.request({ method: 'POST', url: `${API}/users`, payload: { username, fullName: 'Biên tập viên', password: PASSWORD, role: 'kb_editor' } });
    expect(res.statusCode, res.body).toBe(201);
  }
  editorA = await login(p, 'bientap.a', PASSWORD);
  editorB = await login(p, 'bientap.b', PASSWORD);
  await createUserRepository(p.db).insert({ username: 'canbo.phuong', fullName: 'Cán bộ phường', passwordHash: await hashPassword(PASSWORD), role: 'ward_officer', wardCode: '00070' });
  ward = await login(p, 'canbo.phuong', PASSWORD);
});
afterAll(async () => {
  await p?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('public reads of the published knowledge base', () => {
  it('lists published procedures with title, group, last check and unverified-fact count, without a session', async () => {
    const res = await p.app.inject({ url: `${API}/kb/procedures` });
    expect(res.statusCode).toBe(200);
    const list = json(res).procedures as Array<Record<string, unknown>>;
    expect(list.map((e) => e.slug)).toEqual(['thu.ba', 'thu.bon', 'thu.hai', 'thu.mot', 'thu.nam']);
    expect(list[0]).toMatchObject({ title: 'Thủ tục thử nghiệm', group: 'thu', lastChecked: '2026-11-27', unverifiedCount: 1, version: 1 });
  });

  it('returns one published entry; unknown slugs get a Vietnamese 404, malformed ones a 400', async () => {
    const ok = await p.app.inject({ url: `${API}/kb/procedures/thu.mot` });
    expect(ok.statusCode).toBe(200);
    expect(json(ok)).toMatchObject({ slug: 'thu.mot', version: 1, entry: { slug: 'thu.mot', title: 'Thủ tục thử nghiệm' } });
    const missing = await p.app.inject({ url: `${API}/kb/procedures/thu.khong-co` });
    expect(missing.statusCode).toBe(404);
    expect(json(missing).error.message).toBe('Không tìm thấy thủ tục này.');
    expect((await p.app.inject({ url: `${API}/kb/procedures/DROP%20TABLE` })).statusCode).toBe(400);
  });

  it('serves the answer view for a given day (the TT 117/2026 exemption is gone on 1/3/2027)', async () => {
    const before = json(await p.app.inject({ url: `${API}/kb/procedures/thu.mot/answer?date=2027-02-28` })).answer;
    const after = json(await p.app.inject({ url: `${API}/kb/procedures/thu.mot/answer?date=2027-03-01` })).answer;
    const labels = (a: { fees: { lines: Array<{ label: string }> } }) => a.fees.lines.map((l) => l.label);
    expect(labels(before)).toContain('Miễn lệ phí (TT 117/2026/TT-BTC)');
    expect(labels(after)).toEqual(['Nộp hồ sơ trực tiếp', 'Nộp trực tuyến']);
    expect(after.cautions[0].text).toContain('vui lòng kiểm tra lại tại công an xã/phường hoặc trên Cổng Dịch vụ công');
  });

  it('does not publish drafts, history or the load report to citizens', async () => {
    for (const url of [`${API}/kb/procedures/thu.mot/versions`, `${API}/kb/versions/1`, `${API}/kb/versions?state=review`, `${API}/kb/diff?from=1&to=2`, `${API}/kb/load-report`, `${API}/kb/unanswered`, `${API}/kb/feedback`]) {
      const res = await p.app.inject({ url });
      expect(res.statusCode, url).toBe(401);
    }
  });
});

describe('permissions', () => {
  it('ward officers may neither read history nor write; the refusal is audited', async () => {
    expect((await ward.request({ url: `${API}/kb/procedures/thu.mot/versions` })).statusCode).toBe(403);
    const draft = await createDraft(ward, 'thu.mot', makeEntry('thu.mot'));
    expect(draft.statusCode).toBe(403);
    expect(json(draft).error.code).toBe('FORBIDDEN');
    const denied = await p.db.query(`select 1 from audit_log where action = 'access.denied' and actor_username = 'canbo.phuong'`);
    expect(denied.length).toBe(2);
  });

  it('a citizen without a session cannot create drafts', async () => {
    const res = await p.app.inject({ method: 'POST', url: `${API}/kb/procedures/thu.mot/drafts`, payload: { changeNote: 'x' } });
    expect(res.statusCode).toBe(401);
  });

  it('knowledge editors and admins read the version history', async () => {
    for (const s of [editorA, admin]) {
      const res = await s.request({ url: `${API}/kb/procedures/thu.mot/versions` });
      expect(res.statusCode).toBe(200);
      expect(json(res).versions[0]).toMatchObject({ version: 1, state: 'published', source: 'file', isCurrent: true });
    }
  });

  it('only an admin may reload the files', async () => {
    expect((await editorA.request({ method: 'POST', url: `${API}/kb/reload` })).statusCode).toBe(403);
  });
});

describe('editing and validation', () => {
  it('rejects invalid content with Vietnamese messages per field', async () => {
    const bad = { ...makeEntry('thu.mot'), fees: [{ label: 'Lệ phí', amountVnd: -1, sources: ['A'] }], title: 'x' };
    const res = await createDraft(editorA, 'thu.mot', bad);
    expect(res.statusCode).toBe(400);
    const body = json(res).error;
    expect(body.code).toBe('KB_ENTRY_INVALID');
    expect(body.message).toMatch(/chưa hợp lệ/);
    const fields = Object.fromEntries(body.details.fields.map((f: { field: string }) => [f.field, f]));
    expect(fields['fees.0.amountVnd']).toMatchObject({ label: 'Lệ phí › mục 1 › Số tiền', message: expect.stringMatching(/nhỏ/i) });
    expect(fields.title).toMatchObject({ label: 'Tên ngắn' });
  });

  it('refuses a draft that changes the slug', async () => {
    const res = await createDraft(editorA, 'thu.mot', makeEntry('thu.hai'));
    expect(res.statusCode).toBe(400);
    expect(json(res).error.details.fields[0]).toMatchObject({ field: 'slug', message: 'slug phải giữ nguyên là "thu.mot"' });
  });

  it('refuses unknown body fields', async () => {
    const res = await editorA.request({ method: 'POST', url: `${API}/kb/procedures/thu.mot/drafts`, payload: { changeNote: 'x', publish: true } });
    expect(res.statusCode).toBe(400);
    expect(json(res).error.code).toBe('UNKNOWN_FIELD');
  });

  it('a draft without content starts from the live version; submitting it unchanged is refused', async () => {
    const d = await editorA.request({ method: 'POST', url: `${API}/kb/procedures/thu.hai/drafts`, payload: { changeNote: 'Chưa sửa gì' } });
    expect(d.statusCode).toBe(201);
    const v = json(d).version;
    expect(v).toMatchObject({ state: 'draft', source: 'editor', authorUsername: 'bientap.a', content: { slug: 'thu.hai' } });
    const submit = await editorA.request({ method: 'POST', url: `${API}/kb/versions/${v.id}/submit` });
    expect(submit.statusCode).toBe(409);
    expect(json(submit).error.code).toBe('KB_NO_CHANGES');
  });

  it('only the author edits a draft; a change note is needed to submit; a submitted version is no longer editable', async () => {
    const d = await createDraft(editorA, 'thu.hai', makeEntry('thu.hai', { title: 'Tên sửa lần một' }), '');
    const id = json(d).version.id;
    const byOther = await editorB.request({ method: 'PATCH', url: `${API}/kb/versions/${id}`, payload: { changeNote: 'x' } });
    expect(byOther.statusCode).toBe(403);
    expect(json(byOther).error.code).toBe('KB_NOT_AUTHOR');
    const noNote = await editorA.request({ method: 'POST', url: `${API}/kb/versions/${id}/submit` });
    expect(noNote.statusCode).toBe(400);
    expect(json(noNote).error.message).toMatch(/ghi chú/);
    const edit = await editorA.request({ method: 'PATCH', url: `${API}/kb/versions/${id}`, payload: { content: makeEntry('thu.hai', { title: 'Tên sửa lần hai' }), changeNote: 'Đổi tên ngắn' } });
    expect(edit.statusCode).toBe(200);
    expect(json(edit).version).toMatchObject({ changeNote: 'Đổi tên ngắn', content: { title: 'Tên sửa lần hai' } });
    expect((await editorA.request({ method: 'POST', url: `${API}/kb/versions/${id}/submit` })).statusCode).toBe(200);
    const late = await editorA.request({ method: 'PATCH', url: `${API}/kb/versions/${id}`, payload: { changeNote: 'sửa muộn' } });
    expect(late.statusCode).toBe(409);
    expect(json(late).error.code).toBe('KB_INVALID_STATE');
  });
});

describe('review and publication', () => {
  it('four eyes: the author cannot approve; another editor publishes; citizens see it; history and audit record it', async () => {
    const id = await inReview('thu.mot', makeEntry('thu.mot', { fees: FEES_2026.map((f, i) => (i === 0 ? { ...f, amountVnd: 25000 } : f)) }));

    const own = await editorA.request({ method: 'POST', url: `${API}/kb/versions/${id}/approve` });
    expect(own.statusCode).toBe(403);
    expect(json(own).error.code).toBe('KB_FOUR_EYES');

    const ok = await editorB.request({ method: 'POST', url: `${API}/kb/versions/${id}/approve`, payload: { note: 'Đã đối chiếu văn bản' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok).version).toMatchObject({ state: 'published', reviewerUsername: 'bientap.b', isCurrent: true, fourEyesOverride: false });

    const pub = json(await p.app.inject({ url: `${API}/kb/procedures/thu.mot` }));
    expect(pub).toMatchObject({ version: 2, entry: { fees: expect.arrayContaining([expect.objectContaining({ amountVnd: 25000 })]) } });

    const history = json(await editorA.request({ url: `${API}/kb/procedures/thu.mot/versions` })).versions;
    expect(history.map((v: { version: number; state: string }) => [v.version, v.state])).toEqual([[2, 'published'], [1, 'archived']]);

    const audit = await p.db.query<{ action: string; actor_username: string }>(`select action, actor_username from audit_log where target = 'thu.mot#2' order by id`);
    expect(audit.map((a) => [a.action, a.actor_username])).toEqual([
      ['kb.draft_created', 'bientap.a'],
      ['kb.submitted', 'bientap.a'],
      ['kb.published', 'bientap.b'],
    ]);
    await new Promise((r) => setTimeout(r, 10));
    expect(published.find((e) => e.slug === 'thu.mot' && e.version === 2)).toMatchObject({ source: 'editor', by: 'bientap.b' });
  });

  it('shows a readable field-level diff between two versions', async () => {
    const versions = json(await editorA.request({ url: `${API}/kb/procedures/thu.mot/versions` })).versions;
    const res = await editorA.request({ url: `${API}/kb/diff?from=${versions[1].id}&to=${versions[0].id}` });
    expect(res.statusCode).toBe(200);
    const body = json(res);
    expect(body.from.version).toBe(1);
    expect(body.to.version).toBe(2);
    expect(body.from.content).toBeUndefined();
    expect(body.changes).toEqual([
      expect.objectContaining({ kind: 'changed', field: 'fees.0.amountVnd', text: 'Lệ phí › mục 1 «Nộp hồ sơ trực tiếp» › Số tiền: 20.000 đồng → 25.000 đồng' }),
    ]);
  });

  it('an admin may approve their own version only with an explicit, audited override', async () => {
    const id = await inReview('thu.ba', makeEntry('thu.ba', { title: 'Tên do quản trị sửa' }), admin);
    const plain = await admin.request({ method: 'POST', url: `${API}/kb/versions/${id}/approve` });
    expect(plain.statusCode).toBe(403);
    expect(json(plain).error.message).toMatch(/ghi đè/);
    const forced = await admin.request({ method: 'POST', url: `${API}/kb/versions/${id}/approve`, payload: { override: true } });
    expect(forced.statusCode).toBe(200);
    expect(json(forced).version).toMatchObject({ state: 'published', fourEyesOverride: true });
    const audit = await p.db.query(`select 1 from audit_log where action = 'kb.four_eyes_override' and actor_username = 'admin' and target = 'thu.ba#2'`);
    expect(audit.length).toBe(1);
  });

  it('an editor cannot use the admin override', async () => {
    const id = await inReview('thu.bon', makeEntry('thu.bon', { title: 'Tên tự duyệt' }));
    const res = await editorA.request({ method: 'POST', url: `${API}/kb/versions/${id}/approve`, payload: { override: true } });
    expect(res.statusCode).toBe(403);
    expect(json(res).error.code).toBe('KB_FOUR_EYES');
    // Leave it rejected so that it does not disturb the other cases.
    expect((await editorB.request({ method: 'POST', url: `${API}/kb/versions/${id}/reject`, payload: { reason: 'Tên chưa đúng văn bản' } })).statusCode).toBe(200);
  });

  it('rejection needs a reason, records it, and a rejected version can no longer be approved', async () => {
    const id = await inReview('thu.nam', makeEntry('thu.nam', { title: 'Tên chưa chuẩn' }));
    const noReason = await editorB.request({ method: 'POST', url: `${API}/kb/versions/${id}/reject`, payload: { reason: '' } });
    expect(noReason.statusCode).toBe(400);
    const res = await editorB.request({ method: 'POST', url: `${API}/kb/versions/${id}/reject`, payload: { reason: 'Chưa có nguồn chính thức' } });
    expect(json(res).version).toMatchObject({ state: 'rejected', rejectReason: 'Chưa có nguồn chính thức', reviewerUsername: 'bientap.b' });
    const approve = await editorB.request({ method: 'POST', url: `${API}/kb/versions/${id}/approve` });
    expect(approve.statusCode).toBe(409);
    expect(json(approve).error.code).toBe('KB_INVALID_STATE');
    expect((await p.app.inject({ url: `${API}/kb/procedures/thu.nam` })).json().version).toBe(1);
  });

  it('a version started before another one went live needs acceptStale to be approved', async () => {
    const first = await inReview('thu.nam', makeEntry('thu.nam', { title: 'Tên phiên bản một' }));
    const second = await inReview('thu.nam', makeEntry('thu.nam', { summary: 'Dạ, tóm tắt đã được sửa trong bản nháp thứ hai.' }));
    expect((await editorB.request({ method: 'POST', url: `${API}/kb/versions/${first}/approve` })).statusCode).toBe(200);
    const queue = json(await editorB.request({ url: `${API}/kb/versions?state=review&slug=thu.nam` })).versions;
    expect(queue).toEqual([expect.objectContaining({ id: second, stale: true })]);
    const stale = await editorB.request({ method: 'POST', url: `${API}/kb/versions/${second}/approve` });
    expect(stale.statusCode).toBe(409);
    expect(json(stale).error.code).toBe('KB_STALE_BASE');
    const ok = await editorB.request({ method: 'POST', url: `${API}/kb/versions/${second}/approve`, payload: { acceptStale: true } });
    expect(ok.statusCode).toBe(200);
  });

  it('returns 404 for unknown versions', async () => {
    expect((await editorA.request({ url: `${API}/kb/versions/999999` })).statusCode).toBe(404);
    expect((await editorB.request({ method: 'POST', url: `${API}/kb/versions/999999/approve` })).statusCode).toBe(404);
  });
});

describe('files: load report and reload', () => {
  it('reports the broken file in the load report, without taking the server down', async () => {
    const res = await editorA.request({ url: `${API}/kb/load-report` });
    expect(res.statusCode).toBe(200);
    const report = json(res).report;
    expect(report.errors).toEqual([expect.objectContaining({ file: 'thu.hong.yaml', message: expect.stringMatching(/^Lỗi cú pháp YAML/) })]);
    expect(report.dir).toBeUndefined();
  });

  it('an admin reload imports new files; a file changed after an editor published waits for review', async () => {
    writeEntry(makeEntry('thu.sau', { title: 'Thủ tục thêm sau' }));
    writeEntry(makeEntry('thu.mot', { title: 'Tệp sửa sau khi biên tập viên xuất bản' }));
    const res = await admin.request({ method: 'POST', url: `${API}/kb/reload` });
    expect(res.statusCode).toBe(200);
    const report = json(res).report;
    expect(report.created).toEqual(['thu.sau']);
    expect(report.conflicts).toEqual([expect.objectContaining({ slug: 'thu.mot' })]);
    expect((await p.app.inject({ url: `${API}/kb/procedures/thu.sau` })).statusCode).toBe(200);
    const conflicts = json(await editorA.request({ url: `${API}/kb/versions?conflicts=1` })).versions;
    expect(conflicts).toEqual([expect.objectContaining({ slug: 'thu.mot', state: 'review', source: 'file' })]);
  });
});

describe('feedback and unanswered questions', () => {
  it('lists what the assistant recorded, personal data masked', async () => {
    const at = new Date('2026-11-27T09:00:00+07:00');
    await p.kb.feedback.recordFeedback({ conversationId: 'c1', slug: 'thu.mot', helpful: false, comment: 'Sai rồi, gọi tôi 0912345678', at });
    await p.kb.feedback.recordUnanswered({ question: 'Làm  lại sổ đỏ ở đâu?', guesses: [{ slug: 'thu.mot', score: 0.2 }], at });
    await p.kb.feedback.recordUnanswered({ question: 'làm lại SỔ ĐỎ ở đâu?', at });
    const fb = json(await editorA.request({ url: `${API}/kb/feedback?slug=thu.mot&helpful=false` })).feedback;
    expect(fb).toEqual([expect.objectContaining({ slug: 'thu.mot', helpful: false, comment: 'Sai rồi, gọi tôi [số điện thoại]' })]);
    const un = json(await editorA.request({ url: `${API}/kb/unanswered` })).questions;
    expect(un).toEqual([expect.objectContaining({ question: 'làm lại sổ đỏ ở đâu?', count: 2, status: 'open' })]);
    const marked = await editorA.request({ method: 'PATCH', url: `${API}/kb/unanswered/${un[0].id}`, payload: { status: 'ignored' } });
    expect(json(marked).question.status).toBe('ignored');
    expect(await p.db.query(`select 1 from audit_log where action = 'kb.unanswered_status' and actor_username = 'bientap.a'`)).toHaveLength(1);
    expect(json(await editorA.request({ url: `${API}/kb/unanswered?status=open` })).questions).toEqual([]);
  });
});
