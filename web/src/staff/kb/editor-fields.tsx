import { createContext, useContext, useState, type ReactNode } from 'react';
import type { FieldError, KbEntry } from './kb-api.ts';
import { formatVnd, friendlyMessage } from './kb-text.ts';

// Form primitives of the entry editor. Each field is addressed by its path in the entry (["fees", 0, "amountVnd"]),
// the same path the API uses in `details.fields[].field` ("fees.0.amountVnd"), so a validation error lands
// next to the input it concerns.

export type Path = ReadonlyArray<string | number>;

/** The API's key of a path ("fees.0.amountVnd"): the server's own function, so errors always match their field. */
export { pathKey } from '../../../../src/kb/field-labels.ts';
/** DOM id of the input at `path` (stable, used by the error summary's links). */
export const fieldId = (p: Path) => `kbf-${p.map((s) => String(s).replace(/[^A-Za-z0-9_-]/g, '_')).join('-')}`;

export function getIn(root: unknown, path: Path): unknown {
  let node: unknown = root;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

/** A copy of `root` with `value` at `path`; `undefined` removes an object key (optional field left empty). */
export function setIn<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[head as number] = setIn(copy[head as number], rest, value);
    return copy as T;
  }
  const obj = { ...((root ?? {}) as Record<string, unknown>) };
  const next = setIn(obj[head as string], rest, value);
  if (next === undefined) delete obj[head as string];
  else obj[head as string] = next;
  return obj as T;
}

export interface EditorApi {
  entry: KbEntry;
  set: (path: Path, value: unknown) => void;
  /** Structural change of an array (add/remove/move): errors below it no longer match their items. */
  setArray: (path: Path, value: unknown[]) => void;
  errorsAt: (path: Path) => FieldError[];
  readOnly: boolean;
}

export const EditorCtx = createContext<EditorApi | null>(null);

export function useEditor(): EditorApi {
  const ed = useContext(EditorCtx);
  if (!ed) throw new Error('useEditor outside EditorCtx');
  return ed;
}

/** The API's messages for this exact field, announced with the field (aria-describedby). */
export function FieldErrors({ path, extra }: { path: Path; extra?: FieldError[] }) {
  const { errorsAt } = useEditor();
  const errs = [...errorsAt(path), ...(extra ?? [])];
  if (errs.length === 0) return null;
  return (
    <p id={`${fieldId(path)}-err`} className="hint hint-error kb-field-error">
      {errs.map((e, i) => (
        <span key={i}>
          {i > 0 && ' '}
          {friendlyMessage(e.field, e.message)}
        </span>
      ))}
    </p>
  );
}

/** The hint and the errors under a field, with the ids its input's aria-describedby points at. */
function FieldNotes({ path, hint, extra }: { path: Path; hint?: ReactNode; extra?: FieldError[] }) {
  return (
    <>
      {hint && (
        <p id={`${fieldId(path)}-hint`} className="hint">
          {hint}
        </p>
      )}
      <FieldErrors path={path} extra={extra} />
    </>
  );
}

function describedBy(path: Path, hint: boolean, hasErr: boolean) {
  const ids = [hint ? `${fieldId(path)}-hint` : '', hasErr ? `${fieldId(path)}-err` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

/** Enough rows to show a text without scrolling (about 85 characters a line), up to 10. */
const autoRows = (text: string, min: number) =>
  Math.min(10, Math.max(min, text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 85)), 0)));

interface BaseProps {
  path: Path;
  label: string;
  hint?: ReactNode;
  className?: string;
}

/** Text input or textarea. `optional`: an empty value removes the key (the schema rejects ""). */
export function TextField({ path, label, hint, className, multiline, rows = 3, optional, placeholder, lang }: BaseProps & { multiline?: boolean; rows?: number; optional?: boolean; placeholder?: string; lang?: string }) {
  const ed = useEditor();
  const value = (getIn(ed.entry, path) as string | undefined) ?? '';
  const hasErr = ed.errorsAt(path).length > 0;
  const common = {
    id: fieldId(path),
    value,
    disabled: ed.readOnly,
    placeholder,
    lang,
    'aria-invalid': hasErr || undefined,
    'aria-describedby': describedBy(path, !!hint, hasErr),
    onChange: (e: { target: { value: string } }) => ed.set(path, optional && e.target.value === '' ? undefined : e.target.value),
  };
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={fieldId(path)}>{label}</label>
      {multiline ? <textarea rows={autoRows(value, rows)} {...common} /> : <input type="text" autoComplete="off" {...common} />}
      <FieldNotes path={path} hint={hint} />
    </div>
  );
}

export function DateField({ path, label, hint, className, optional, today }: BaseProps & { optional?: boolean; today?: string }) {
  const ed = useEditor();
  const value = (getIn(ed.entry, path) as string | undefined) ?? '';
  const hasErr = ed.errorsAt(path).length > 0;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={fieldId(path)}>{label}</label>
      <div className="input-with-button">
        <input
          id={fieldId(path)}
          type="date"
          value={value}
          disabled={ed.readOnly}
          aria-invalid={hasErr || undefined}
          aria-describedby={describedBy(path, !!hint, hasErr)}
          onChange={(e) => ed.set(path, e.target.value === '' && optional ? undefined : e.target.value)}
        />
        {today && (
          <button type="button" className="btn btn-secondary btn-sm" onClick={() => ed.set(path, today)} disabled={ed.readOnly}>
            Hôm nay
          </button>
        )}
      </div>
      <FieldNotes path={path} hint={hint} />
    </div>
  );
}

export function SelectField({ path, label, hint, className, options }: BaseProps & { options: Record<string, string> }) {
  const ed = useEditor();
  const value = (getIn(ed.entry, path) as string | undefined) ?? '';
  const hasErr = ed.errorsAt(path).length > 0;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={fieldId(path)}>{label}</label>
      <select
        id={fieldId(path)}
        value={value}
        disabled={ed.readOnly}
        aria-invalid={hasErr || undefined}
        aria-describedby={describedBy(path, !!hint, hasErr)}
        onChange={(e) => ed.set(path, e.target.value)}
      >
        {Object.entries(options).map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
      <FieldNotes path={path} hint={hint} />
    </div>
  );
}

export function CheckField({ path, label, hint }: BaseProps) {
  const ed = useEditor();
  const checked = getIn(ed.entry, path) !== false;
  const hasErr = ed.errorsAt(path).length > 0;
  return (
    <div className="field kb-check">
      <label>
        <input
          id={fieldId(path)}
          type="checkbox"
          checked={checked}
          disabled={ed.readOnly}
          aria-describedby={describedBy(path, !!hint, hasErr)}
          onChange={(e) => ed.set(path, e.target.checked)}
        />{' '}
        {label}
      </label>
      <FieldNotes path={path} hint={hint} />
    </div>
  );
}

/** Amount in đồng: digits only ("15.000" is read as 15000); empty = amount not known. */
export function AmountField({ path, label }: BaseProps) {
  const ed = useEditor();
  const value = getIn(ed.entry, path) as number | undefined;
  const hasErr = ed.errorsAt(path).length > 0;
  return (
    <div className="field">
      <label htmlFor={fieldId(path)}>{label}</label>
      <input
        id={fieldId(path)}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        value={value === undefined ? '' : String(value)}
        disabled={ed.readOnly}
        aria-invalid={hasErr || undefined}
        aria-describedby={describedBy(path, true, hasErr)}
        onChange={(e) => {
          const digits = e.target.value.replace(/\D/g, '');
          ed.set(path, digits === '' ? undefined : Number(digits));
        }}
      />
      <p id={`${fieldId(path)}-hint`} className="hint">
        {value === undefined ? 'Để trống nếu chưa rõ số tiền (khi đó điền ô “Diễn giải khi chưa rõ số tiền”).' : `= ${formatVnd(value)}`}
      </p>
      <FieldErrors path={path} />
    </div>
  );
}

/** Which entries of the sources map a fact cites; checkboxes, so a key cannot be mistyped. */
export function SourcePicker({ path, label = 'Nguồn trích dẫn', optional }: { path: Path; label?: string; optional?: boolean }) {
  const ed = useEditor();
  const value = (getIn(ed.entry, path) as string[] | undefined) ?? [];
  const keys = [...new Set([...Object.keys(ed.entry.sources), ...value])];
  const hasErr = ed.errorsAt(path).length > 0;
  const toggle = (k: string, on: boolean) => {
    const next = on ? [...value, k] : value.filter((x) => x !== k);
    ed.set(path, next.length === 0 && optional ? undefined : next);
  };
  return (
    <fieldset className="kb-sources-pick" id={fieldId(path)} aria-invalid={hasErr || undefined} aria-describedby={hasErr ? `${fieldId(path)}-err` : undefined}>
      <legend>
        {label}
        {optional ? ' (không bắt buộc)' : ''}
      </legend>
      {keys.length === 0 && <span className="hint">Chưa có nguồn nào — thêm ở mục “Nguồn”.</span>}
      {keys.map((k) => (
        <label key={k} className={`kb-chip${ed.entry.sources[k] ? '' : ' kb-ref-missing'}`} title={ed.entry.sources[k]?.title ?? 'Không có trong danh sách nguồn'}>
          <input type="checkbox" checked={value.includes(k)} disabled={ed.readOnly} onChange={(e) => toggle(k, e.target.checked)} /> {k}
        </label>
      ))}
      <FieldErrors path={path} />
    </fieldset>
  );
}

/** text + sources + verified: the shape of audience, processing time, where, legal basis and notes. */
export function FactFields({ path, textLabel = 'Nội dung', rows = 2 }: { path: Path; textLabel?: string; rows?: number }) {
  return (
    <>
      <TextField path={[...path, 'text']} label={textLabel} multiline rows={rows} />
      <div className="kb-fact-meta">
        <SourcePicker path={[...path, 'sources']} />
        <CheckField path={[...path, 'verified']} label="Đã xác minh từ nguồn chính thức" />
      </div>
    </>
  );
}

/**
 * An array of items with add, remove and move up/down. `itemTitle` names an item in its legend and in the
 * buttons' accessible names ("Chuyển lên: Lệ phí mục 2").
 */
export function ArrayField<T>({
  path,
  label,
  itemTitle,
  make,
  addLabel,
  min = 0,
  render,
  hint,
  compact,
}: {
  path: Path;
  label: string;
  itemTitle: (item: T, index: number) => string;
  make: () => T;
  addLabel: string;
  min?: number;
  render: (itemPath: Path, item: T, index: number) => ReactNode;
  hint?: ReactNode;
  /** One line per item (label, input, buttons) instead of a framed group: for lists of short texts. */
  compact?: boolean;
}) {
  const ed = useEditor();
  const items = (getIn(ed.entry, path) as T[] | undefined) ?? [];
  /** Where the focus goes to show an item: its legend, or its input in compact mode. */
  const itemTarget = (i: number) => (compact ? fieldId([...path, i]) : `${fieldId([...path, i])}-legend`);
  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());
  const move = (i: number, d: -1 | 1) => {
    const next = [...items];
    [next[i], next[i + d]] = [next[i + d]!, next[i]!];
    ed.setArray(path, next);
    focusLater(`${fieldId([...path, i + d])}-${d < 0 ? 'up' : 'down'}`);
  };
  const remove = (i: number) => {
    ed.setArray(path, items.filter((_, j) => j !== i));
    focusLater(items.length > 1 ? itemTarget(Math.max(0, i - 1)) : `${fieldId(path)}-add`);
  };
  const add = () => {
    ed.setArray(path, [...items, make()]);
    focusLater(itemTarget(items.length));
  };
  return (
    <div className="kb-array" id={fieldId(path)}>
      {hint && <p className="hint">{hint}</p>}
      <FieldErrors path={path} />
      {items.map((item, i) => {
        const title = itemTitle(item, i);
        const itemId = fieldId([...path, i]);
        const tools = !ed.readOnly && (
          <div className="kb-item-tools">
            <button type="button" id={`${itemId}-up`} className="btn btn-light btn-sm" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Chuyển lên: ${title}`}>
              ↑ Lên
            </button>
            <button type="button" id={`${itemId}-down`} className="btn btn-light btn-sm" onClick={() => move(i, 1)} disabled={i === items.length - 1} aria-label={`Chuyển xuống: ${title}`}>
              ↓ Xuống
            </button>
            <button type="button" className="btn btn-light btn-sm kb-remove" onClick={() => remove(i)} disabled={items.length <= min} aria-label={`Xóa: ${title}`}>
              Xóa
            </button>
          </div>
        );
        if (compact) {
          return (
            <div key={i} className="kb-line" role="group" aria-label={title}>
              <div className="kb-line-body">{render([...path, i], item, i)}</div>
              {tools}
            </div>
          );
        }
        return (
          <fieldset key={i} className="kb-item">
            <legend id={`${itemId}-legend`} tabIndex={-1}>
              {title}
            </legend>
            {tools}
            <FieldErrors path={[...path, i]} />
            {render([...path, i], item, i)}
          </fieldset>
        );
      })}
      {!ed.readOnly && (
        <button type="button" id={`${fieldId(path)}-add`} className="btn btn-secondary btn-sm" onClick={add}>
          + {addLabel}
        </button>
      )}
      {items.length === 0 && <p className="muted">({label}: chưa có mục nào)</p>}
    </div>
  );
}

/** A list of short texts (steps, how-to lines...), one input each. */
export function StringListField({
  path,
  label,
  itemLabel,
  addLabel,
  min,
  multiline = true,
  lang,
  framed,
}: {
  path: Path;
  label: string;
  itemLabel: string;
  addLabel: string;
  min?: number;
  multiline?: boolean;
  lang?: string;
  /** Inside a section with other fields: frame the list with its own legend. */
  framed?: boolean;
}) {
  const list = (
    <ArrayField<string>
      path={path}
      label={label}
      min={min}
      addLabel={addLabel}
      make={() => ''}
      compact
      itemTitle={(_, i) => `${itemLabel} ${i + 1}`}
      render={(p, _item, i) => <TextField path={p} label={`${itemLabel} ${i + 1}`} multiline={multiline} rows={2} lang={lang} />}
    />
  );
  return framed ? (
    <fieldset className="kb-subfs">
      <legend>{label}</legend>
      {list}
    </fieldset>
  ) : (
    list
  );
}

/**
 * One line per item (used for the 25+ sample questions, where one input per line would be unwieldy).
 * Empty lines are dropped; errors on "questions.7" are shown as "Câu 8: ...".
 */
export function LinesField({ path, label, hint, minItems }: BaseProps & { minItems?: number }) {
  const ed = useEditor();
  const items = (getIn(ed.entry, path) as string[] | undefined) ?? [];
  const [text, setText] = useState(() => items.join('\n'));
  const itemErrors: FieldError[] = [];
  items.forEach((_, i) => {
    for (const e of ed.errorsAt([...path, i])) itemErrors.push({ ...e, message: `Câu ${i + 1}: ${friendlyMessage(e.field, e.message)}` });
  });
  const hasErr = itemErrors.length > 0 || ed.errorsAt(path).length > 0;
  return (
    <div className="field">
      <label htmlFor={fieldId(path)}>
        {label} <span className="kb-sub-inline">({items.length} dòng{minItems ? `, tối thiểu ${minItems}` : ''})</span>
      </label>
      <textarea
        id={fieldId(path)}
        rows={12}
        value={text}
        disabled={ed.readOnly}
        aria-invalid={hasErr || undefined}
        aria-describedby={describedBy(path, !!hint, hasErr)}
        onChange={(e) => {
          setText(e.target.value);
          ed.set(
            path,
            e.target.value
              .split('\n')
              .map((l) => l.trim())
              .filter(Boolean),
          );
        }}
      />
      <FieldNotes path={path} hint={hint} extra={itemErrors} />
    </div>
  );
}
