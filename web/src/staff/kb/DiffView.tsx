import type { ReactNode } from 'react';
import { Alert, Loading } from '../../components/Status.tsx';
import { kbApi, type EntryChange } from './kb-api.ts';
import { useLoad } from './kb-data.tsx';
import { formatVnd, pathLabel } from './kb-text.ts';

const KIND_LABELS: Record<EntryChange['kind'], string> = { added: 'Thêm', removed: 'Bỏ', changed: 'Sửa' };
/** Word-level highlighting only for texts of reasonable size (the LCS table is quadratic). */
const MAX_WORDS = 400;

type Seg = { text: string; mark: boolean };

/** Word diff of two texts: the words only in `a` and only in `b` are marked. */
export function wordDiff(a: string, b: string): { before: Seg[]; after: Seg[] } | null {
  const ta = a.split(/(\s+)/).filter(Boolean);
  const tb = b.split(/(\s+)/).filter(Boolean);
  if (ta.length > MAX_WORDS || tb.length > MAX_WORDS) return null;
  const lcs: number[][] = Array.from({ length: ta.length + 1 }, () => new Array<number>(tb.length + 1).fill(0));
  for (let i = ta.length - 1; i >= 0; i--) {
    for (let j = tb.length - 1; j >= 0; j--) lcs[i]![j] = ta[i] === tb[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const before: Seg[] = [];
  const after: Seg[] = [];
  const push = (list: Seg[], text: string, mark: boolean) => {
    const last = list[list.length - 1];
    if (last && last.mark === mark) last.text += text;
    else list.push({ text, mark });
  };
  let i = 0;
  let j = 0;
  while (i < ta.length || j < tb.length) {
    if (i < ta.length && j < tb.length && ta[i] === tb[j]) {
      push(before, ta[i]!, false);
      push(after, tb[j]!, false);
      i++;
      j++;
    } else if (j >= tb.length || (i < ta.length && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      push(before, ta[i]!, !/^\s+$/.test(ta[i]!));
      i++;
    } else {
      push(after, tb[j]!, !/^\s+$/.test(tb[j]!));
      j++;
    }
  }
  return { before: joinMarks(before), after: joinMarks(after) };
}

/** Spaces between two changed words belong to the change, so "(kiểm thử tự động)" is marked as one run. */
function joinMarks(segs: Seg[]): Seg[] {
  const out: Seg[] = [];
  segs.forEach((s, i) => {
    const between = !s.mark && /^\s+$/.test(s.text) && segs[i - 1]?.mark && segs[i + 1]?.mark;
    const seg = between ? { text: s.text, mark: true } : s;
    const last = out[out.length - 1];
    if (last && last.mark === seg.mark) last.text += seg.text;
    else out.push({ ...seg });
  });
  return out;
}

const innerLabel = (key: string) => pathLabel(['_', key]).split(' › ').pop() ?? key;

/** A value of an entry field, readable: amounts in đồng, yes/no, lists, objects as labelled lines. */
function Value({ value, field }: { value: unknown; field: string }): ReactNode {
  if (value === undefined || value === null || value === '') return <span className="muted">(trống)</span>;
  if (typeof value === 'number') return field.endsWith('amountVnd') ? formatVnd(value) : String(value);
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    return (
      <ul className="kb-diff-list">
        {value.map((v, i) => (
          <li key={i}>
            <Value value={v} field={field} />
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === 'object') {
    return (
      <dl className="kb-diff-obj">
        {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
          <div key={k}>
            <dt>{innerLabel(k)}</dt>
            <dd>
              <Value value={v} field={`${field}.${k}`} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return String(value);
}

function Change({ c }: { c: EntryChange }) {
  const parts = c.label.split(' › ');
  const where = parts.slice(1).join(' › ') || parts[0];
  const words = c.kind === 'changed' && typeof c.before === 'string' && typeof c.after === 'string' ? wordDiff(c.before, c.after) : null;
  return (
    <tr className={`kb-diff-${c.kind}`}>
      <th scope="row">
        <span className={`kb-kind kb-kind-${c.kind}`}>{KIND_LABELS[c.kind]}</span> {where}
      </th>
      <td className="kb-diff-before">
        {words ? words.before.map((s, i) => (s.mark ? <del key={i}>{s.text}</del> : <span key={i}>{s.text}</span>)) : <Value value={c.before} field={c.field} />}
      </td>
      <td className="kb-diff-after">
        {words ? words.after.map((s, i) => (s.mark ? <ins key={i}>{s.text}</ins> : <span key={i}>{s.text}</span>)) : <Value value={c.after} field={c.field} />}
      </td>
    </tr>
  );
}

/** The field-by-field differences (GET /kb/diff), grouped by section of the entry. */
export function DiffTable({ changes, caption }: { changes: EntryChange[]; caption: string }) {
  if (changes.length === 0) return <p className="muted">Không có khác biệt về nội dung.</p>;
  const groups = new Map<string, EntryChange[]>();
  for (const c of changes) {
    const section = c.label.split(' › ')[0] ?? c.field;
    groups.set(section, [...(groups.get(section) ?? []), c]);
  }
  return (
    <div className="table-wrap">
      <table className="data kb-diff">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Trường</th>
            <th scope="col">Trước</th>
            <th scope="col">Sau</th>
          </tr>
        </thead>
        {[...groups].map(([section, list]) => (
          <tbody key={section}>
            <tr className="kb-diff-section">
              <th scope="rowgroup" colSpan={3}>
                {section} <span className="kb-sub-inline">({list.length} thay đổi)</span>
              </th>
            </tr>
            {list.map((c, i) => (
              <Change key={`${c.field}-${i}`} c={c} />
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

/** Loads and shows the diff between two versions. */
export function DiffPanel({ from, to, caption }: { from: number; to: number; caption: string }) {
  const diff = useLoad((s) => kbApi.diff(from, to, s), [from, to]);
  if (diff.error) return <Alert kind="error">{diff.error}</Alert>;
  if (!diff.data) return <Loading label="Đang so sánh hai phiên bản…" />;
  return (
    <>
      <p className="kb-sub">
        So sánh phiên bản {diff.data.from.version} (trước) với phiên bản {diff.data.to.version} (sau): {diff.data.changes.length} thay đổi.
      </p>
      <DiffTable changes={diff.data.changes} caption={caption} />
    </>
  );
}
