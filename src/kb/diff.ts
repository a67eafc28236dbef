import { canonicalJson } from './canonical.ts';
import { ENTRY_FIELD_ORDER, pathKey, pathLabel } from './field-labels.ts';
import { formatVnd } from './format.ts';

/** One field-level difference between two versions of an entry. */
export interface EntryChange {
  kind: 'added' | 'removed' | 'changed';
  /** Machine path ("fees.1.amountVnd"); array indexes are those of the newer version (older one for removals). */
  field: string;
  /** Vietnamese path, with the item it concerns: "Lệ phí › mục 2 «Nộp hồ sơ trực tuyến» › Số tiền". */
  label: string;
  before?: unknown;
  after?: unknown;
  /** One readable line: "Lệ phí › mục 2 «Nộp hồ sơ trực tuyến» › Số tiền: 10.000 đồng → 5.000 đồng". */
  text: string;
}

type Seg = string | number;
const MAX_TEXT = 140;

/**
 * Field-level diff of two entries (or any JSON values). Arrays are aligned on their longest common
 * subsequence, so inserting one question or paper does not report every following item as changed;
 * a removed item and an added one at the same place are paired and compared field by field.
 */
export function diffEntries(before: unknown, after: unknown): EntryChange[] {
  const out: EntryChange[] = [];
  walk([], before, after, { before, after }, out);
  return out;
}

interface Roots {
  before: unknown;
  after: unknown;
}

function walk(path: Seg[], a: unknown, b: unknown, roots: Roots, out: EntryChange[]): void {
  if (a === undefined && b === undefined) return;
  if (canonicalJson(a) === canonicalJson(b)) return;
  if (a === undefined) return void out.push(change('added', path, a, b, roots));
  if (b === undefined) return void out.push(change('removed', path, a, b, roots));
  if (Array.isArray(a) && Array.isArray(b)) return diffArray(path, a, b, roots, out);
  if (isObject(a) && isObject(b)) {
    for (const key of orderedKeys(path, a, b)) walk([...path, key], a[key], b[key], roots, out);
    return;
  }
  out.push(change('changed', path, a, b, roots));
}

function diffArray(path: Seg[], a: unknown[], b: unknown[], roots: Roots, out: EntryChange[]): void {
  const ka = a.map(canonicalJson);
  const kb = b.map(canonicalJson);
  // LCS table, suffix form: lcs[i][j] = LCS length of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = ka[i] === kb[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const pairs = Math.min(removed.length, added.length);
    for (let k = 0; k < pairs; k++) walk([...path, added[k]!], a[removed[k]!], b[added[k]!], roots, out);
    for (const r of removed.slice(pairs)) out.push(change('removed', [...path, r], a[r], undefined, roots));
    for (const d of added.slice(pairs)) out.push(change('added', [...path, d], undefined, b[d], roots));
    removed = [];
    added = [];
  };
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && ka[i] === kb[j]) {
      flush();
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      removed.push(i++);
    } else {
      added.push(j++);
    }
  }
  flush();
}

function orderedKeys(path: Seg[], a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  if (path.length > 0) return [...keys];
  const known = ENTRY_FIELD_ORDER.filter((k) => keys.has(k));
  return [...known, ...[...keys].filter((k) => !ENTRY_FIELD_ORDER.includes(k))];
}

function change(kind: EntryChange['kind'], path: Seg[], before: unknown, after: unknown, roots: Roots): EntryChange {
  const label = labelWithItems(path, roots);
  const key = path[path.length - 1];
  const show = (v: unknown) => render(v, key);
  const text =
    kind === 'added' ? `${label}: thêm ${show(after)}` : kind === 'removed' ? `${label}: bỏ ${show(before)}` : `${label}: ${show(before)} → ${show(after)}`;
  return { kind, field: pathKey(path), label, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}), text };
}

/** pathLabel, plus the name of each array item gone through ("mục 2 «Nộp hồ sơ trực tuyến»"). */
function labelWithItems(path: Seg[], roots: Roots): string {
  const parts = pathLabel(path).split(' › ');
  let nodeA: unknown = roots.before;
  let nodeB: unknown = roots.after;
  path.forEach((seg, idx) => {
    nodeA = isObject(nodeA) || Array.isArray(nodeA) ? (nodeA as Record<string, unknown>)[seg as string] : undefined;
    nodeB = isObject(nodeB) || Array.isArray(nodeB) ? (nodeB as Record<string, unknown>)[seg as string] : undefined;
    if (typeof seg === 'number' && idx < path.length - 1) {
      const name = itemName(nodeB) ?? itemName(nodeA);
      if (name) parts[idx] = `${parts[idx]} «${name}»`;
    }
  });
  return parts.join(' › ');
}

function itemName(v: unknown): string | undefined {
  if (!isObject(v)) return undefined;
  const name = v.label ?? v.text ?? v.title;
  return typeof name === 'string' ? truncate(name, 60) : undefined;
}

function render(v: unknown, key: Seg | undefined): string {
  if (v === undefined || v === null) return '(trống)';
  if (typeof v === 'number') return key === 'amountVnd' ? formatVnd(v) : String(v);
  if (typeof v === 'boolean') return v ? 'có' : 'không';
  if (typeof v === 'string') return `«${truncate(v, MAX_TEXT)}»`;
  if (Array.isArray(v)) return `[${truncate(v.map((x) => render(x, undefined)).join(', '), MAX_TEXT)}]`;
  const name = itemName(v);
  return name ? `«${name}»` : truncate(canonicalJson(v), MAX_TEXT);
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
