/**
 * Derives the project's own DC-09 code tables from ../shared/test-vectors/dc09/*.csv and writes them as committed
 * TypeScript under src/alarms/dc09/data/, so that the repository works without ../shared.
 *
 *   npx tsx scripts/import-dc09-codes.ts [path/to/test-vectors/dc09]
 *
 * Adds to the shared tables: a category per SIA code (rules below) and Vietnamese descriptions for the fire-relevant
 * and common codes (translated from the English type/description; codes without one fall back to English).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from './import-shared-data.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.resolve(process.argv[2] ?? path.join(root, '../shared/test-vectors/dc09'));
const outDir = path.join(root, 'src/alarms/dc09/data');

export const CATEGORIES = [
  'fire-alarm', 'fire-trouble', 'trouble', 'restore', 'test', 'supervisory', 'burglary', 'panic', 'medical',
  'open-close', 'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

const CATEGORY_VI: Record<Category, string> = {
  'fire-alarm': 'Báo cháy',
  'fire-trouble': 'Sự cố hệ thống báo cháy',
  trouble: 'Sự cố kỹ thuật',
  restore: 'Khôi phục bình thường',
  test: 'Kiểm tra / tín hiệu định kỳ',
  supervisory: 'Cảnh báo giám sát',
  burglary: 'Đột nhập',
  panic: 'Báo động khẩn cấp',
  medical: 'Cấp cứu y tế',
  'open-close': 'Bật/tắt chế độ bảo vệ',
  other: 'Khác',
};

/** Explicit categories; checked before the family rules below. */
const EXPLICIT: Record<string, Category> = {
  // fire: alarms, and anything that impairs fire detection
  FA: 'fire-alarm', FM: 'fire-alarm', FG: 'fire-alarm', KA: 'fire-alarm', SA: 'fire-alarm',
  FT: 'fire-trouble', FW: 'fire-trouble', FY: 'fire-trouble', FZ: 'fire-trouble', FB: 'fire-trouble',
  KT: 'fire-trouble', KB: 'fire-trouble', ST: 'fire-trouble', SB: 'fire-trouble', AS: 'fire-trouble',
  FS: 'supervisory', FV: 'restore', FQ: 'restore', FU: 'restore', KU: 'restore', SU: 'restore', AN: 'restore',
  FX: 'test', FI: 'test', FK: 'test', FL: 'other', FC: 'other',
  // life safety
  PA: 'panic', HA: 'panic', QA: 'panic', MA: 'medical',
  // intrusion
  BA: 'burglary', BM: 'burglary', BG: 'burglary', BV: 'burglary', EA: 'burglary', TA: 'burglary', DF: 'burglary',
  DL: 'burglary', BC: 'other',
  // power, communication and equipment trouble
  AT: 'trouble', YT: 'trouble', YM: 'trouble', YP: 'trouble', YC: 'trouble', YS: 'trouble', YA: 'trouble',
  YI: 'trouble', YF: 'trouble', YX: 'trouble', YD: 'trouble', YN: 'trouble', LT: 'trouble', NT: 'trouble',
  ET: 'trouble', EM: 'trouble', ES: 'trouble', XT: 'trouble', XQ: 'trouble', XS: 'trouble', XL: 'trouble',
  DT: 'trouble', IA: 'trouble', RT: 'trouble', OU: 'trouble', VT: 'trouble', VO: 'trouble', PF: 'trouble',
  SM: 'trouble', TT: 'trouble', BD: 'trouble', DJ: 'trouble', DM: 'trouble', CM: 'trouble', RY: 'trouble',
  XX: 'trouble', UY: 'trouble', UZ: 'trouble', EZ: 'trouble', YW: 'trouble', BZ: 'supervisory', AA: 'burglary',
  // restorals
  AR: 'restore', YR: 'restore', YQ: 'restore', YK: 'restore', YH: 'restore', YJ: 'restore', YE: 'restore',
  LR: 'restore', NR: 'restore', ER: 'restore', EN: 'restore', EJ: 'restore', XR: 'restore', XH: 'restore',
  XJ: 'restore', IR: 'restore', OV: 'restore', VR: 'restore', DR: 'restore', DH: 'restore', BE: 'restore',
  TR: 'restore', TH: 'restore', TJ: 'restore', PO: 'restore', XC: 'restore', JC: 'restore', RR: 'restore',
  YZ: 'restore',
  // tests and heartbeats
  RP: 'test', RX: 'test', TX: 'test', TS: 'test', TE: 'test', TC: 'test', TP: 'test', BX: 'test', GX: 'test',
  VX: 'test',
  // arming / disarming
  NL: 'open-close', NM: 'open-close', NF: 'open-close', NB: 'open-close', ND: 'open-close', NE: 'open-close',
  NO: 'open-close', NP: 'open-close', AF: 'open-close', CR: 'open-close',
};

/** Code families with the usual second-letter pattern (A alarm, H/J/R restore, S supervisory, T trouble). */
const FAMILIES = new Set(['B', 'F', 'G', 'H', 'K', 'M', 'P', 'Q', 'S', 'U', 'W', 'Z']);
const OPEN_CLOSE = new Set([
  'OA', 'OB', 'OG', 'OH', 'OI', 'OJ', 'OK', 'OL', 'OP', 'OQ', 'OR', 'OS', 'OT', 'OZ', 'CA', 'CB', 'CC', 'CD', 'CE',
  'CF', 'CG', 'CI', 'CJ', 'CK', 'CL', 'CP', 'CQ', 'CS', 'CT', 'CW', 'CZ',
]);

export function categorize(code: string): Category {
  const explicit = EXPLICIT[code];
  if (explicit) return explicit;
  if (OPEN_CLOSE.has(code)) return 'open-close';
  const [family, kind] = [code[0]!, code[1]!];
  if (FAMILIES.has(family)) {
    if (kind === 'H' || kind === 'J' || kind === 'R') return 'restore';
    if (kind === 'S') return 'supervisory';
    if (kind === 'T') return 'trouble';
    if (kind === 'X') return 'test';
  }
  return 'other';
}

/** Vietnamese descriptions, translated from the English type and description of the SIA table. */
const VI: Record<string, string> = {
  FA: 'Báo cháy: phát hiện tình trạng cháy',
  FH: 'Báo cháy đã khôi phục: tình trạng báo động đã hết',
  FT: 'Sự cố báo cháy: vùng bị vô hiệu do lỗi',
  FJ: 'Sự cố báo cháy đã khôi phục: tình trạng sự cố đã hết',
  FR: 'Báo cháy khôi phục: tình trạng báo động/sự cố đã hết',
  FS: 'Giám sát báo cháy: hệ thống phát hiện cháy ở tình trạng không an toàn',
  FB: 'Bỏ qua vùng báo cháy: vùng đã bị bỏ qua (bypass)',
  FU: 'Hủy bỏ qua vùng báo cháy: đã gỡ bỏ qua (bypass)',
  FX: 'Thử báo cháy: vùng báo cháy được kích hoạt trong khi thử',
  FC: 'Hủy báo cháy: báo cháy đã được người có thẩm quyền hủy',
  FM: 'Báo cháy có xác nhận chéo: điểm chéo cũng đang báo động, xác nhận báo cháy',
  FG: 'Báo cháy chưa xác minh: một điểm trong nhóm xác nhận chéo báo động nhưng điểm chéo vẫn bình thường',
  FL: 'Đã tắt còi báo cháy: còi của tủ báo cháy được tắt theo lệnh',
  FI: 'Bắt đầu thử báo cháy của khu vực',
  FK: 'Kết thúc thử báo cháy của khu vực',
  FW: 'Sự cố vùng giám sát báo cháy',
  FV: 'Vùng giám sát báo cháy đang báo động đã trở lại bình thường',
  FQ: 'Vùng giám sát báo cháy đang sự cố đã trở lại bình thường',
  FY: 'Mất điểm báo cháy: một điểm báo cháy bị mất (về mặt logic)',
  FZ: 'Mất điểm giám sát báo cháy',
  KA: 'Báo động nhiệt: phát hiện nhiệt độ cao tại cơ sở',
  KH: 'Báo động nhiệt đã khôi phục: tình trạng báo động đã hết',
  KT: 'Sự cố đầu báo nhiệt: vùng bị vô hiệu do lỗi',
  KR: 'Báo động nhiệt khôi phục: tình trạng báo động/sự cố đã hết',
  SA: 'Báo động sprinkler: có dòng chảy trong hệ thống chữa cháy tự động',
  SH: 'Báo động sprinkler đã khôi phục: tình trạng báo động đã hết',
  ST: 'Sự cố sprinkler: vùng bị vô hiệu do lỗi',
  SS: 'Giám sát sprinkler: hệ thống chữa cháy tự động ở tình trạng không an toàn',
  GA: 'Báo động khí gas: phát hiện tình trạng rò rỉ khí gas',
  GH: 'Báo động khí gas đã khôi phục: tình trạng báo động đã hết',
  GT: 'Sự cố đầu báo khí gas: vùng bị vô hiệu do lỗi',
  BA: 'Báo động đột nhập: vùng chống trộm bị xâm phạm khi đang bật bảo vệ',
  BH: 'Báo động đột nhập đã khôi phục: tình trạng báo động đã hết',
  BR: 'Đột nhập khôi phục: tình trạng báo động/sự cố đã hết',
  BT: 'Sự cố vùng chống trộm: vùng bị vô hiệu do lỗi',
  BB: 'Bỏ qua vùng chống trộm: vùng đã bị bỏ qua (bypass)',
  BC: 'Hủy báo động đột nhập: người dùng có thẩm quyền đã hủy báo động',
  BV: 'Đột nhập đã được xác minh theo điều kiện đã lập trình',
  PA: 'Báo động khẩn cấp: yêu cầu trợ giúp khẩn cấp, kích hoạt bằng tay',
  PH: 'Báo động khẩn cấp đã khôi phục: tình trạng báo động đã hết',
  PR: 'Báo động khẩn cấp khôi phục: tình trạng báo động/sự cố đã hết',
  HA: 'Báo động cướp (im lặng): người dùng đang bị uy hiếp',
  HH: 'Báo động cướp đã khôi phục: tình trạng báo động đã hết',
  QA: 'Báo động khẩn cấp: yêu cầu trợ giúp khẩn cấp',
  QH: 'Báo động khẩn cấp đã khôi phục: tình trạng báo động đã hết',
  MA: 'Báo động y tế: yêu cầu trợ giúp khẩn cấp',
  MH: 'Báo động y tế đã khôi phục: tình trạng báo động đã hết',
  AT: 'Mất điện lưới: nguồn điện xoay chiều (AC) bị mất',
  AR: 'Có điện lưới trở lại: nguồn điện xoay chiều (AC) đã khôi phục',
  YT: 'Ắc quy hệ thống yếu (tủ trung tâm/bộ truyền tin)',
  YR: 'Ắc quy hệ thống đã hết tình trạng yếu',
  YM: 'Mất ắc quy hệ thống',
  YP: 'Sự cố bộ nguồn của thiết bị truyền/thu',
  YQ: 'Bộ nguồn của thiết bị truyền/thu đã khôi phục',
  YC: 'Mất liên lạc giữa thiết bị truyền và trung tâm thu',
  YK: 'Thiết bị truyền đã liên lạc lại với trung tâm thu',
  YS: 'Sự cố liên lạc giữa thiết bị truyền và trung tâm thu',
  YX: 'Thiết bị truyền/thu cần bảo trì',
  RP: 'Kiểm tra tự động: báo cáo thử liên lạc tự động',
  RX: 'Kiểm tra thủ công: báo cáo thử liên lạc thủ công',
  RR: 'Có nguồn trở lại: hệ thống đã bị mất nguồn, nay đã có lại',
  TX: 'Báo cáo kiểm tra: thử liên lạc (thủ công hoặc tự động)',
  TS: 'Bắt đầu thử: bộ truyền tin tạm ngừng hoạt động',
  TE: 'Kết thúc thử: bộ truyền tin hoạt động trở lại',
  OP: 'Tắt bảo vệ (mở): hệ thống đã được tắt chế độ bảo vệ',
  CL: 'Bật bảo vệ (đóng): hệ thống đã bật chế độ bảo vệ, bình thường',
  OA: 'Tự động tắt bảo vệ',
  CA: 'Tự động bật bảo vệ',
  OR: 'Tắt bảo vệ khi đang báo động: hệ thống đang báo động đã được đặt lại/tắt',
  CF: 'Bật bảo vệ cưỡng bức: một số vùng chưa sẵn sàng',
  TA: 'Báo động phá hoại: vỏ thiết bị báo động bị mở',
  TR: 'Vỏ thiết bị báo động đã được đóng lại',
  TT: 'Vỏ thiết bị bị mở khi đang tắt bảo vệ',
  LT: 'Sự cố đường dây điện thoại',
  LR: 'Đường dây điện thoại đã khôi phục',
  NT: 'Mất mạng truyền tin: mạng liên lạc bị lỗi',
  NR: 'Mạng truyền tin đã hoạt động bình thường trở lại',
  XT: 'Pin thiết bị không dây yếu',
  XR: 'Pin thiết bị không dây đã hết tình trạng yếu',
  UA: 'Báo động từ vùng không xác định loại',
  UX: 'Báo động không xác định',
  WA: 'Báo động nước: phát hiện nước tại cơ sở được bảo vệ',
  JA: 'Nhập sai mã người dùng quá nhiều lần',
  DF: 'Cửa bị mở cưỡng bức: cửa mở mà không có yêu cầu ra vào',
};

const read = (name: string) => parseCsv(readFileSync(path.join(srcDir, name), 'utf8').normalize('NFC'));
const banner = (from: string) =>
  `// Generated by scripts/import-dc09-codes.ts from ${from} (pysiaalarm tables, MIT). Do not edit by hand.\n`;

function main() {
  const sia = read('sia-dc03-codes.csv');
  const siaEntries = sia.map((r) => ({
    code: r.code!,
    type: r.type!,
    description: r.description!,
    concerns: r.concerns!,
    category: categorize(r.code!),
    vi: VI[r.code!] ?? null,
  }));
  const missingVi = Object.keys(VI).filter((c) => !siaEntries.some((e) => e.code === c));
  if (missingVi.length > 0) throw new Error(`Vietnamese text for unknown codes: ${missingVi.join(', ')}`);

  const cid = read('adm-cid-to-sia-mapping.csv');
  const cidMap: Record<string, { new?: string; restore?: string }> = {};
  for (const r of cid) {
    const entry = (cidMap[r.cid_event_code!] ??= {});
    if (r.qualifier === '1') entry.new = r.sia_code!;
    else if (r.qualifier === '3') entry.restore = r.sia_code!;
    else throw new Error(`unexpected qualifier ${r.qualifier} for ${r.cid_event_code}`);
  }

  const xdata = read('dc09-xdata-identifiers.csv').map((r) => ({
    id: r.identifier!,
    name: r.name!,
    maxLength: Number(r.length),
    charset: r.characters!,
    description: r.description!,
  }));

  writeFileSync(
    path.join(outDir, 'sia-codes.ts'),
    banner('sia-dc03-codes.csv') +
      `import type { AlarmCategory } from './categories.ts';\n\n` +
      `export interface SiaCodeInfo {\n  code: string;\n  type: string;\n  description: string;\n  concerns: string;\n` +
      `  category: AlarmCategory;\n  /** Vietnamese description; null = not translated yet (show the English one). */\n  vi: string | null;\n}\n\n` +
      `export const SIA_CODES: Readonly<Record<string, SiaCodeInfo>> = {\n` +
      siaEntries.map((e) => `  ${e.code}: ${JSON.stringify(e)},`).join('\n') +
      `\n};\n`,
  );
  writeFileSync(
    path.join(outDir, 'cid-to-sia.ts'),
    banner('adm-cid-to-sia-mapping.csv') +
      `/** Contact ID event code -> SIA code for qualifier 1 (new event) and 3 (restore). */\n` +
      `export const CID_TO_SIA: Readonly<Record<string, { new?: string; restore?: string }>> = {\n` +
      Object.entries(cidMap)
        .map(([k, v]) => `  '${k}': ${JSON.stringify(v)},`)
        .join('\n') +
      `\n};\n`,
  );
  writeFileSync(
    path.join(outDir, 'xdata.ts'),
    banner('dc09-xdata-identifiers.csv') +
      `export interface XdataIdentifier {\n  id: string;\n  name: string;\n  maxLength: number;\n  charset: string;\n  description: string;\n}\n\n` +
      `export const XDATA_IDENTIFIERS: Readonly<Record<string, XdataIdentifier>> = {\n` +
      xdata.map((x) => `  ${x.id}: ${JSON.stringify(x)},`).join('\n') +
      `\n};\n`,
  );
  writeFileSync(
    path.join(outDir, 'categories.ts'),
    `// Generated by scripts/import-dc09-codes.ts. Do not edit by hand.\n\n` +
      `export const ALARM_CATEGORIES = ${JSON.stringify(CATEGORIES)} as const;\n` +
      `export type AlarmCategory = (typeof ALARM_CATEGORIES)[number];\n\n` +
      `/** Vietnamese label of each category, for officers. */\n` +
      `export const CATEGORY_VI: Readonly<Record<AlarmCategory, string>> = ${JSON.stringify(CATEGORY_VI, null, 2)};\n`,
  );
  const counts = Object.fromEntries(CATEGORIES.map((c) => [c, siaEntries.filter((e) => e.category === c).length]));
  process.stdout.write(
    `wrote ${siaEntries.length} SIA codes (${Object.keys(VI).length} with Vietnamese), ` +
      `${Object.keys(cidMap).length} Contact ID codes, ${xdata.length} xdata identifiers\ncategories: ${JSON.stringify(counts)}\n`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
