import { useState } from 'react';
import type { KbEntry } from './kb-api.ts';
import { DateField, fieldId, FieldErrors, SelectField, TextField, useEditor } from './editor-fields.tsx';
import { SOURCE_KIND_LABELS, todayHanoi } from './kb-text.ts';

const KEY_RE = /^[A-Za-z0-9_-]+$/;

/** Replaces source key `from` by `to` in every `sources` list of the entry (facts, papers, fees, online...). */
function renameRefs(value: unknown, from: string, to: string): unknown {
  if (Array.isArray(value)) return value.map((v) => renameRefs(v, from, to));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = k === 'sources' && Array.isArray(v) ? v.map((r) => (r === from ? to : r)) : renameRefs(v, from, to);
    }
    return out;
  }
  return value;
}

/** How many facts cite each source key. */
function refCounts(entry: KbEntry): Map<string, number> {
  const counts = new Map<string, number>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'sources' && Array.isArray(x)) for (const r of x) counts.set(String(r), (counts.get(String(r)) ?? 0) + 1);
        else walk(x);
      }
    }
  };
  const { sources: _map, ...rest } = entry;
  walk(rest);
  return counts;
}

function KeyInput({ current, taken, onRename, disabled }: { current: string; taken: Set<string>; onRename: (to: string) => void; disabled: boolean }) {
  const [value, setValue] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const id = `${fieldId(['sources', current])}-key`;
  const commit = () => {
    const v = value.trim();
    if (v === current) return setError(null);
    if (!KEY_RE.test(v)) return setError('Mã nguồn chỉ gồm chữ không dấu, số, gạch ngang hoặc gạch dưới.');
    if (taken.has(v)) return setError(`Mã “${v}” đã có.`);
    setError(null);
    onRename(v);
  };
  return (
    <div className="field">
      <label htmlFor={id}>Mã nguồn</label>
      <input
        id={id}
        value={value}
        disabled={disabled}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={!!error || undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-err` : ''}`}
        onChange={(e) => setValue(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
      <p id={`${id}-hint`} className="hint">
        Đổi mã sẽ cập nhật mọi chỗ trích dẫn.
      </p>
      {error && (
        <p id={`${id}-err`} className="hint hint-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The entry's `sources` map: key → title, URL, date, kind, note. */
export function SourcesEditor() {
  const ed = useEditor();
  const entries = Object.entries(ed.entry.sources);
  const counts = refCounts(ed.entry);
  const keys = new Set(entries.map(([k]) => k));

  const rename = (from: string, to: string) => {
    const sources = Object.fromEntries(entries.map(([k, s]) => [k === from ? to : k, s]));
    ed.set([], { ...(renameRefs(ed.entry, from, to) as KbEntry), sources });
  };
  const remove = (key: string) => {
    ed.set(['sources'], Object.fromEntries(entries.filter(([k]) => k !== key)));
    requestAnimationFrame(() => document.getElementById(`${fieldId(['sources'])}-add`)?.focus());
  };
  const add = () => {
    let n = entries.length + 1;
    while (keys.has(`NGUON${n}`)) n++;
    const key = `NGUON${n}`;
    ed.set(['sources'], { ...ed.entry.sources, [key]: { title: '', date: todayHanoi(), kind: 'van-ban-phap-luat' } });
    requestAnimationFrame(() => document.getElementById(fieldId(['sources', key, 'title']))?.focus());
  };

  return (
    <div className="kb-array" id={fieldId(['sources'])}>
      <FieldErrors path={['sources']} />
      {entries.map(([key]) => {
        const used = counts.get(key) ?? 0;
        return (
          <fieldset key={key} className="kb-item">
            <legend>
              Nguồn «{key}» <span className="kb-sub-inline">— được trích dẫn {used} lần</span>
            </legend>
            {!ed.readOnly && (
              <div className="kb-item-tools">
                <button
                  type="button"
                  className="btn btn-light btn-sm kb-remove"
                  onClick={() => remove(key)}
                  disabled={used > 0}
                  aria-label={`Xóa nguồn ${key}`}
                  title={used > 0 ? 'Bỏ các chỗ trích dẫn nguồn này trước khi xóa' : undefined}
                >
                  Xóa
                </button>
              </div>
            )}
            <FieldErrors path={['sources', key]} />
            <div className="form-row">
              <KeyInput key={key} current={key} taken={keys} onRename={(to) => rename(key, to)} disabled={ed.readOnly} />
              <DateField path={['sources', key, 'date']} label="Ngày của nguồn" hint="Ngày văn bản hoặc ngày đọc trang." />
              <SelectField path={['sources', key, 'kind']} label="Loại nguồn" options={SOURCE_KIND_LABELS} />
            </div>
            <TextField path={['sources', key, 'title']} label="Tiêu đề" />
            <div className="form-row">
              <TextField path={['sources', key, 'url']} label="Đường dẫn (URL)" optional placeholder="https://…" />
              <TextField path={['sources', key, 'note']} label="Ghi chú" optional />
            </div>
          </fieldset>
        );
      })}
      {!ed.readOnly && (
        <button type="button" id={`${fieldId(['sources'])}-add`} className="btn btn-secondary btn-sm" onClick={add}>
          + Thêm nguồn
        </button>
      )}
    </div>
  );
}
