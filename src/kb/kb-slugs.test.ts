import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The list of knowledge-base slugs, embedded so that the completeness check also runs where
 * ../shared/kb/procedures.csv is absent (CI). entries.test.ts checks each file; this file checks the set.
 * When the shared CSV is present, the embedded list must match it exactly.
 */

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const kbDir = join(repoRoot, 'kb/procedures');
const csvPath = resolve(repoRoot, '../shared/kb/procedures.csv');

export const KB_SLUGS: readonly string[] = [
  'cu-tru.dang-ky-thuong-tru',
  'cu-tru.xoa-dang-ky-thuong-tru',
  'cu-tru.tach-ho',
  'cu-tru.dieu-chinh-thong-tin',
  'cu-tru.dang-ky-tam-tru',
  'cu-tru.gia-han-tam-tru',
  'cu-tru.xoa-dang-ky-tam-tru',
  'cu-tru.khai-bao-thong-tin-cu-tru',
  'cu-tru.thong-bao-luu-tru',
  'cu-tru.khai-bao-tam-vang',
  'cu-tru.xac-nhan-thong-tin-cu-tru',
  'can-cuoc.cap-the-tu-14-tuoi',
  'can-cuoc.cap-the-duoi-14-tuoi',
  'can-cuoc.cap-doi',
  'can-cuoc.cap-lai',
  'can-cuoc.giay-chung-nhan-can-cuoc',
  'can-cuoc.xac-nhan-so-cmnd',
  'can-cuoc.dieu-chinh-csdl-dan-cu',
  'can-cuoc.tich-hop-thong-tin',
  'dinh-danh.tai-khoan-muc-2',
  'dinh-danh.tai-khoan-muc-1',
  'dinh-danh.khoa-mo-khoa',
  'xe.dang-ky-lan-dau',
  'xe.sang-ten',
  'xe.thu-hoi-dang-ky-bien-so',
  'xe.cap-doi-dang-ky-bien-so',
  'xe.cap-lai-dang-ky-bien-so',
  'xe.dang-ky-tam-thoi',
  'giao-thong.tra-cuu-phat-nguoi',
  'gplx.cap-doi',
  'gplx.cap-lai',
  'gplx.quoc-te',
  'xnc.cap-ho-chieu',
  'xnc.trinh-bao-mat-ho-chieu',
  'xnc.khoi-phuc-ho-chieu',
  'xnc.khai-bao-tam-tru-nguoi-nuoc-ngoai',
  'lltp.cap-phieu',
  'pccc.tham-dinh-thiet-ke',
  'pccc.nghiem-thu',
  'pccc.ket-noi-truyen-tin',
  'antt.giay-chung-nhan-du-dieu-kien',
  'antt.con-dau',
  'antt.khai-bao-vu-khi-tho-so',
  'to-giac.tin-bao-toi-pham',
  'to-giac.lua-dao-truc-tuyen',
  'trinh-bao.mat-giay-to-tai-san',
  'khieu-nai.khieu-nai-to-cao',
  'ho-tro.nop-ho-so-truc-tuyen',
  'ho-tro.tim-cong-an-xa-phuong',
];

const files = existsSync(kbDir) ? readdirSync(kbDir).filter((f) => f.endsWith('.yaml')) : [];
const present = new Set(files.map((f) => basename(f, '.yaml')));
const known = new Set(KB_SLUGS);

describe('knowledge-base slug list', () => {
  it('has 49 distinct slugs', () => {
    expect(KB_SLUGS).toHaveLength(49);
    expect(known.size).toBe(KB_SLUGS.length);
  });

  it.skipIf(!existsSync(csvPath))('matches the slugs of the shared procedures.csv', () => {
    const csv = readFileSync(csvPath, 'utf8')
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(',')[0]?.trim() ?? '')
      .filter((s) => s.length > 0);
    expect([...csv].sort()).toEqual([...KB_SLUGS].sort());
  });

  it('has no file whose name is not a known slug', () => {
    expect([...present].filter((s) => !known.has(s))).toEqual([]);
  });

  it('has a file for every slug', () => {
    expect(KB_SLUGS.filter((s) => !present.has(s))).toEqual([]);
  });

  it('points related entries only at known slugs', () => {
    const bad: string[] = [];
    for (const f of files) {
      let doc: unknown;
      try {
        doc = parse(readFileSync(join(kbDir, f), 'utf8'));
      } catch {
        continue; // entries.test.ts reports YAML errors per file
      }
      const related = (doc as { related?: unknown })?.related;
      if (!Array.isArray(related)) continue;
      for (const r of related) if (typeof r !== 'string' || !known.has(r)) bad.push(`${f} → ${String(r)}`);
    }
    expect(bad).toEqual([]);
  });
});
