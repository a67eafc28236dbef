/**
 * Derives the organisation reference data (src/org/data/*.json) from the shared, published data set in
 * ../shared/data (see its SOURCES.md). Keeps facts only, in the project's own compact structures, with every
 * code labelled by its system (`newCode` for units since 1/7/2025, `oldCode` / `oldDistrictCode` before).
 * The boundaries GeoJSON is not imported: it is read at run time from ADMIN_GEOJSON.
 *
 *   npm run import:data [-- <shared data dir>] [--check]
 *
 * `--check` writes nothing and fails when the committed files differ from what the sources give.
 * Output is deterministic: sorted rows, fixed key order, one row per line.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DATA_DIR,
  DATA_FILES,
  WORDINGS,
  type Clause,
  type NewUnit,
  type NewUnitType,
  type OldDistrict,
  type OldDistrictType,
  type OldUnit,
  type OldUnitType,
  type Transfer,
  type Wording,
} from '../src/org/reference-data.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into records keyed by the header. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    if (row.some((f) => f !== '')) rows.push(row);
  }
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((r) => {
    if (r.length !== header.length) throw new Error(`CSV row has ${r.length} fields, header has ${header.length}: ${r.join(',').slice(0, 80)}`);
    return Object.fromEntries(header.map((h, i) => [h, r[i]!]));
  });
}

const nfc = (s: string) => s.normalize('NFC').trim();

/** "Phường Hàng Bạc" → "Hàng Bạc" for the given type prefix. */
function stripType(name: string, type: string): string {
  const prefix = type.charAt(0).toUpperCase() + type.slice(1) + ' ';
  if (!name.startsWith(prefix)) throw new Error(`name "${name}" does not start with its type "${type}"`);
  return name.slice(prefix.length);
}

/** Capital first letter for every word of a proper name ("Đại áng" → "Đại Áng", as the resolution spells it). */
const titleWords = (s: string) => s.replace(/(^|\s)(\p{Ll})/gu, (_m, sp: string, ch: string) => sp + ch.toUpperCase());

function int(s: string | undefined, what: string): number {
  if (s === undefined || !/^-?\d+$/.test(s)) throw new Error(`${what}: expected an integer, got "${s}"`);
  return Number(s);
}
function num(s: string | undefined, what: string): number {
  const n = Number(s);
  if (s === undefined || s === '' || !Number.isFinite(n)) throw new Error(`${what}: expected a number, got "${s}"`);
  return n;
}
function oneOf<T extends string>(s: string | undefined, allowed: readonly T[], what: string): T {
  if (!allowed.includes(s as T)) throw new Error(`${what}: "${s}" is not one of ${allowed.join(', ')}`);
  return s as T;
}

/** One JSON object per line: small diffs, stable bytes. */
function stringify(meta: Record<string, unknown>, lists: Record<string, unknown[]>): string {
  const head = Object.entries(meta).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const body = Object.entries(lists).map(([k, rows]) => `  ${JSON.stringify(k)}: [\n${rows.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`);
  return `{\n${[...head, ...body].join(',\n')}\n}\n`;
}

export interface ImportResult {
  files: Record<string, string>;
  summary: Record<string, number | string>;
}

/** Reads the shared sources and returns the output files (name → content). Throws on any broken invariant. */
export function buildReferenceFiles(sourceDir: string, log: (line: string) => void = () => {}): ImportResult {
  const read = (f: string) => readFileSync(path.join(sourceDir, f), 'utf8');
  const check = (ok: boolean, msg: string) => {
    if (!ok) throw new Error(`invariant broken: ${msg}`);
  };

  // --- current units -------------------------------------------------------------------------------
  log('reading hanoi_units_2025.csv');
  const units: NewUnit[] = parseCsv(read('hanoi_units_2025.csv')).map((r) => {
    const type = oneOf<NewUnitType>(r.type, ['phường', 'xã'], `unit ${r.code} type`);
    const name = nfc(r.name!);
    const unit: NewUnit = {
      newCode: r.code!,
      name,
      type,
      shortName: nfc(r.short_name!),
      clause: int(r.resolution_clause, `unit ${r.code} clause`),
      cv1027Row: int(r.stt_1027, `unit ${r.code} stt_1027`),
      areaKm2: num(r.area_km2, `unit ${r.code} area`),
      population: int(r.population, `unit ${r.code} population`),
      adminCenter: nfc(r.admin_center!),
      lat: num(r.lat, `unit ${r.code} lat`),
      lon: num(r.lon, `unit ${r.code} lon`),
    };
    check(/^\d{5}$/.test(unit.newCode), `new code ${unit.newCode}`);
    check(stripType(name, type) === unit.shortName, `short name of ${name}`);
    check(unit.lat > 20 && unit.lat < 22 && unit.lon > 105 && unit.lon < 107, `point of ${name} outside Hanoi`);
    return unit;
  });
  units.sort((a, b) => a.newCode.localeCompare(b.newCode));
  const unitByCode = new Map(units.map((u) => [u.newCode, u]));
  check(units.length === 126 && unitByCode.size === 126, `126 distinct new units (got ${units.length})`);
  check(units.filter((u) => u.type === 'phường').length === 51, '51 phường');
  check(units.filter((u) => u.type === 'xã').length === 75, '75 xã');
  check(new Set(units.map((u) => u.clause)).size === 126 && units.every((u) => u.clause >= 1 && u.clause <= 126), 'clauses 1..126, one per unit');

  // --- former units and districts -----------------------------------------------------------------
  log('reading hanoi_old_units_pre2025.csv');
  const districts = new Map<string, OldDistrict>();
  let recapitalised = 0;
  const oldUnits: OldUnit[] = parseCsv(read('hanoi_old_units_pre2025.csv')).map((r) => {
    const type = oneOf<OldUnitType>(r.old_type, ['phường', 'xã', 'thị trấn'], `old unit ${r.old_code} type`);
    const gsoName = nfc(r.old_name!);
    const shortName = titleWords(stripType(gsoName, type));
    const name = `${gsoName.slice(0, gsoName.length - shortName.length)}${shortName}`;
    if (name !== gsoName) recapitalised++;
    const districtName = nfc(r.old_district_name!);
    const dType = oneOf<OldDistrictType>(
      (['thị xã', 'quận', 'huyện'] as const).find((t) => districtName.toLowerCase().startsWith(t + ' ')),
      ['quận', 'huyện', 'thị xã'],
      `district of ${r.old_code}`,
    );
    const d: OldDistrict = { oldDistrictCode: r.old_district_code!, name: districtName, type: dType, shortName: stripType(districtName, dType) };
    const prev = districts.get(d.oldDistrictCode);
    check(!prev || prev.name === d.name, `district ${d.oldDistrictCode} has one name`);
    districts.set(d.oldDistrictCode, d);
    check(/^\d{5}$/.test(r.old_code!), `old code ${r.old_code}`);
    return { oldCode: r.old_code!, name, type, shortName, oldDistrictCode: d.oldDistrictCode };
  });
  oldUnits.sort((a, b) => a.oldCode.localeCompare(b.oldCode));
  const oldByCode = new Map(oldUnits.map((u) => [u.oldCode, u]));
  check(oldUnits.length === 526 && oldByCode.size === 526, `526 distinct former units (got ${oldUnits.length})`);
  check(districts.size === 30, `30 former districts (got ${districts.size})`);
  const districtList = [...districts.values()].sort((a, b) => a.oldDistrictCode.localeCompare(b.oldDistrictCode));

  // --- old → new pairs ------------------------------------------------------------------------------
  log('reading hanoi_old_to_new_2025.csv');
  const transfers: Transfer[] = parseCsv(read('hanoi_old_to_new_2025.csv')).map((r) => {
    const t: Transfer = {
      oldCode: r.old_code!,
      newCode: r.new_code!,
      relation: oneOf(r.relation, ['full', 'partial'] as const, `pair ${r.old_code} relation`),
      wording: oneOf<Wording>(r.resolution_wording, WORDINGS, `pair ${r.old_code} wording`),
      remainderAfterClauses: (r.remainder_after_clauses ?? '').split(/\s+/).filter(Boolean).map((c) => int(c, 'remainder clause')),
      clause: int(r.resolution_clause, `pair ${r.old_code} clause`),
    };
    const old = oldByCode.get(t.oldCode);
    const unit = unitByCode.get(t.newCode);
    check(!!old, `pair old code ${t.oldCode} is a former unit`);
    check(!!unit, `pair new code ${t.newCode} is a current unit`);
    check(unit!.clause === t.clause, `pair ${t.oldCode}→${t.newCode} clause matches the unit's clause`);
    check(nfc(r.new_name!) === unit!.name, `pair new name ${r.new_name}`);
    check(nfc(r.old_name!).toLowerCase() === old!.name.toLowerCase() && r.old_district_code === old!.oldDistrictCode, `pair old unit ${t.oldCode} matches the list`);
    check((t.wording === 'phan_con_lai') === t.remainderAfterClauses.length > 0, `remainder clauses only for phan_con_lai (${t.oldCode})`);
    return t;
  });
  transfers.sort((a, b) => a.oldCode.localeCompare(b.oldCode) || a.newCode.localeCompare(b.newCode));
  check(transfers.length === 795, `795 pairs (got ${transfers.length})`);
  check(new Set(transfers.map((t) => `${t.oldCode}>${t.newCode}`)).size === 795, 'pairs are distinct');
  const targets = new Map<string, Transfer[]>();
  for (const t of transfers) targets.set(t.oldCode, [...(targets.get(t.oldCode) ?? []), t]);
  for (const u of oldUnits) {
    const ts = targets.get(u.oldCode) ?? [];
    check(ts.length >= 1, `former unit ${u.oldCode} has a destination`);
    const full = ts.some((t) => t.relation === 'full');
    check(full === (ts.length === 1), `full ⇔ exactly one destination (${u.oldCode})`);
    check(ts.every((t) => (t.relation === 'full') === (t.wording === 'toan_bo')), `full ⇔ toan_bo wording (${u.oldCode})`);
  }
  for (const u of units) check(transfers.some((t) => t.newCode === u.newCode), `new unit ${u.newCode} has a former unit`);

  // --- resolution text ------------------------------------------------------------------------------
  log('reading nq1656_clauses.json');
  const nq = JSON.parse(read('nq1656_clauses.json')) as { summary_clause_127: string; clauses: { clause: number; new_code: string; new_name: string; text: string }[] };
  const clauses: Clause[] = nq.clauses
    .map((c) => ({ clause: c.clause, newCode: c.new_code, text: nfc(c.text.replace(/\*\*/g, '')) }))
    .sort((a, b) => a.clause - b.clause);
  check(clauses.length === 126, '126 clauses');
  for (const c of clauses) {
    check(unitByCode.get(c.newCode)?.clause === c.clause, `clause ${c.clause} forms unit ${c.newCode}`);
    check(c.text.startsWith(`${c.clause}. `), `clause ${c.clause} text starts with its number`);
  }
  const summaryClause = nfc(nq.summary_clause_127);
  check(/126 đơn vị hành chính cấp xã, gồm 51 phường và 75 xã/.test(summaryClause), 'khoản 127 states 126 = 51 + 75');

  const splitCount = oldUnits.filter((u) => (targets.get(u.oldCode)?.length ?? 0) > 1).length;
  const source = 'Derived by scripts/import-shared-data.ts from ../shared/data (see its SOURCES.md and src/org/README.md).';
  const files: Record<string, string> = {
    [DATA_FILES.units]: stringify(
      { about: 'Commune-level units of Hanoi in force since 1/7/2025 (51 phường, 75 xã).', codeSystem: 'newCode = CV 1027/CTK-CSCL (25/6/2025), in force since 1/7/2025', source },
      { units },
    ),
    [DATA_FILES.former]: stringify(
      {
        about: 'Former (pre-1/7/2025) commune-level units of Hanoi and their districts (GSO list).',
        codeSystem: 'oldCode / oldDistrictCode = GSO codes before 1/7/2025; they overlap with, and differ from, the new codes',
        source,
      },
      { districts: districtList, units: oldUnits },
    ),
    [DATA_FILES.transfers]: stringify(
      {
        about: 'Old unit → new unit pairs of NQ 1656/NQ-UBTVQH15 Điều 1, with the resolution wording.',
        codeSystem: 'oldCode = GSO code before 1/7/2025; newCode = CV 1027 code since 1/7/2025',
        source,
      },
      { pairs: transfers },
    ),
    [DATA_FILES.resolution]: stringify(
      {
        number: '1656/NQ-UBTVQH15',
        adopted: '2025-06-16',
        title: 'Nghị quyết về việc sắp xếp các đơn vị hành chính cấp xã của thành phố Hà Nội năm 2025',
        summaryClause,
        codeSystem: 'newCode = CV 1027/CTK-CSCL code of the unit the clause forms',
        source,
      },
      { clauses },
    ),
  };
  return {
    files,
    summary: {
      units: units.length,
      phuong: units.filter((u) => u.type === 'phường').length,
      xa: units.filter((u) => u.type === 'xã').length,
      formerUnits: oldUnits.length,
      formerDistricts: districtList.length,
      pairs: transfers.length,
      fullFormerUnits: oldUnits.length - splitCount,
      splitFormerUnits: splitCount,
      clauses: clauses.length,
      recapitalisedNames: recapitalised,
    },
  };
}

function main(argv: string[]) {
  const checkOnly = argv.includes('--check');
  const dirArg = argv.find((a) => !a.startsWith('--'));
  const sourceDir = path.resolve(dirArg ?? path.join(ROOT, '..', 'shared', 'data'));
  if (!existsSync(sourceDir)) {
    process.stderr.write(`Source directory not found: ${sourceDir}\n`);
    process.exit(2);
  }
  const log = (line: string) => process.stdout.write(`  ${line}\n`);
  process.stdout.write(`Importing reference data from ${sourceDir}\n`);
  const { files, summary } = buildReferenceFiles(sourceDir, log);
  mkdirSync(DATA_DIR, { recursive: true });
  let changed = 0;
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(DATA_DIR, name);
    const same = existsSync(target) && readFileSync(target, 'utf8') === content;
    if (!same) changed++;
    if (checkOnly) log(`${same ? 'up to date' : 'DIFFERS   '} ${path.relative(ROOT, target)}`);
    else {
      if (!same) writeFileSync(target, content);
      log(`${same ? 'unchanged' : 'written  '} ${path.relative(ROOT, target)} (${Buffer.byteLength(content)} bytes)`);
    }
  }
  process.stdout.write('Summary:\n');
  for (const [k, v] of Object.entries(summary)) log(`${k.padEnd(20)} ${v}`);
  if (checkOnly && changed) {
    process.stderr.write(`${changed} file(s) differ from the sources; run npm run import:data\n`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
