import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoadError, loadEntries, parseEntryFile, validateEntry } from './load-entries.ts';
import { makeEntry, toYaml } from './testing/fixtures.ts';

const dirs: string[] = [];
function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kb-load-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('loadEntries', () => {
  it('loads valid files and reports broken ones without throwing', async () => {
    const bad = { ...makeEntry('thu.hong'), fees: [{ label: 'Lệ phí', amountVnd: -5, sources: ['A'] }] };
    const dir = tempDir({
      'thu.mot.yaml': toYaml(makeEntry('thu.mot')),
      'thu.hai.yaml': toYaml(makeEntry('thu.hai')),
      'thu.cu-phap.yaml': 'slug: thu.cu-phap\ntitle: [chưa đóng ngoặc\n',
      'thu.hong.yaml': toYaml(bad),
      'thu.lech.yaml': toYaml(makeEntry('thu.khac-ten')),
      'README.md': '# không phải mục tri thức',
    });
    const r = await loadEntries(dir);
    expect(r.entries.map((e) => e.slug)).toEqual(['thu.hai', 'thu.mot']);
    expect(r.errors.map((e) => e.file)).toEqual(['thu.cu-phap.yaml', 'thu.hong.yaml', 'thu.lech.yaml']);

    const syntax = r.errors[0]!;
    expect(syntax.message).toMatch(/^Lỗi cú pháp YAML/);

    const schema = r.errors[1]!;
    expect(schema.fields).toEqual([
      { field: 'fees.0.amountVnd', label: 'Lệ phí › mục 1 › Số tiền', message: expect.stringMatching(/nhỏ/i) },
    ]);

    const mismatch = r.errors[2]!;
    expect(mismatch.fields[0]).toMatchObject({ field: 'slug', message: expect.stringContaining('thu.lech') });
  });

  it('gives an empty result for a missing directory', async () => {
    const r = await loadEntries(path.join(tmpdir(), 'kb-does-not-exist-' + Date.now()));
    expect(r).toMatchObject({ entries: [], errors: [] });
  });

  it('skips sub-directories and files that are not .yaml', async () => {
    const dir = tempDir({ 'thu.mot.yaml': toYaml(makeEntry('thu.mot')), 'thu.mot.yml.bak': 'x' });
    mkdirSync(path.join(dir, 'drafts'));
    expect((await loadEntries(dir)).entries).toHaveLength(1);
  });
});

describe('parseEntryFile', () => {
  it('hashes the content, not the formatting: reordered keys and comments keep the content hash', () => {
    const e = makeEntry('thu.mot');
    const a = parseEntryFile('thu.mot.yaml', toYaml(e));
    const reordered = Object.fromEntries(Object.entries(e).reverse());
    const b = parseEntryFile('thu.mot.yaml', `# ghi chú của biên tập viên\n${toYaml(reordered)}`);
    if (isLoadError(a) || isLoadError(b)) throw new Error('expected valid entries');
    expect(b.contentHash).toBe(a.contentHash);
    expect(b.fileHash).not.toBe(a.fileHash);
  });

  it('a changed fact changes the content hash', () => {
    const a = parseEntryFile('thu.mot.yaml', toYaml(makeEntry('thu.mot')));
    const b = parseEntryFile('thu.mot.yaml', toYaml(makeEntry('thu.mot', { title: 'Tên khác hẳn' })));
    if (isLoadError(a) || isLoadError(b)) throw new Error('expected valid entries');
    expect(b.contentHash).not.toBe(a.contentHash);
  });

  it('stores text in NFC even when the file was typed in decomposed form', () => {
    const nfd = toYaml(makeEntry('thu.mot', { title: 'Đăng ký tạm trú' })).normalize('NFD');
    const r = parseEntryFile('thu.mot.yaml', nfd);
    if (isLoadError(r)) throw new Error(r.message);
    expect(r.entry.title).toBe('Đăng ký tạm trú'.normalize('NFC'));
  });

  it('rejects a file that is not a mapping', () => {
    const r = parseEntryFile('thu.mot.yaml', '- chỉ là một danh sách\n');
    expect(isLoadError(r) && r.message).toMatch(/không chứa một mục/);
  });
});

describe('validateEntry', () => {
  it('reports every problem with its field path, a Vietnamese label and a Vietnamese message', () => {
    const { title: _t, ...noTitle } = makeEntry();
    const r = validateEntry({ ...noTitle, level: 'quan', extra: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byField = Object.fromEntries(r.fields.map((f) => [f.field, f]));
    expect(byField.title!.label).toBe('Tên ngắn');
    expect(byField.level!.label).toBe('Cấp thực hiện');
    expect(byField['']!.message).toMatch(/extra/);
    expect(r.fields.map((f) => f.message).join(' ')).toMatch(/không hợp lệ|Đầu vào/);
  });

  it('passes the editorial rules of the schema through as written (unknown source, fee without amount)', () => {
    const r = validateEntry({ ...makeEntry(), fees: [{ label: 'Lệ phí', sources: ['X'] }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fields.map((f) => f.message)).toEqual(
      expect.arrayContaining(['nguồn "X" ở fees[0] không có trong sources', 'fees[0]: cần amountVnd hoặc text']),
    );
  });
});
