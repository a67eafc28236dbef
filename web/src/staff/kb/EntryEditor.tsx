import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../api.ts';
import { Alert, Loading } from '../../components/Status.tsx';
import { Link, navigate } from '../../router.tsx';
import { EditorCtx, fieldId, pathKey, setIn, type EditorApi, type Path } from './editor-fields.tsx';
import { EntryForm, FORM_SECTIONS, sectionOf } from './EntryForm.tsx';
import { fieldErrors, kbApi, type FieldError, type KbEntry, type VersionView } from './kb-api.ts';
import { useKb, useLoad } from './kb-data.tsx';
import { formatTime, friendlyMessage, kbHref, STATE_LABELS } from './kb-text.ts';
import { BackLink, ScreenTitle, StateTag } from './kb-ui.tsx';

const NOTE_MAX = 1000;
const LEAVE_QUESTION = 'Bản nháp có thay đổi chưa lưu. Rời khỏi trang soạn thảo sẽ mất các thay đổi này. Anh/chị vẫn muốn rời đi?';

/** Focuses the input of an error's field, or the closest enclosing element that exists. */
function focusField(field: string) {
  const parts = field ? field.split('.') : [];
  for (let n = parts.length; n >= 0; n--) {
    const el = document.getElementById(fieldId(parts.slice(0, n)));
    if (el) {
      el.scrollIntoView({ block: 'center' });
      const target = el.matches('input, select, textarea, legend, [tabindex]') ? el : el.querySelector<HTMLElement>('input, select, textarea, button');
      (target as HTMLElement | null)?.focus({ preventScroll: true });
      return;
    }
  }
}

/** The form once the draft is loaded and known to be editable. */
function DraftForm({ version }: { version: VersionView }) {
  const { refresh } = useKb();
  const [entry, setEntry] = useState<KbEntry>(version.content);
  const [note, setNote] = useState(version.changeNote);
  const [saved, setSaved] = useState(() => JSON.stringify([version.content, version.changeNote]));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [noteError, setNoteError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'success' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(version.updatedAt);
  const summaryRef = useRef<HTMLDivElement>(null);
  const id = useId();
  const dirty = JSON.stringify([entry, note]) !== saved;

  // Unsaved changes: ask before the tab closes or reloads, and before an in-app link (tabs, back link, header)
  // leaves the editor. The capture-phase listener runs before <Link>, which then sees defaultPrevented.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    const onClick = (e: MouseEvent) => {
      const a = (e.target as Element | null)?.closest?.('a[href]');
      const href = a?.getAttribute('href');
      if (!a || !href || href.startsWith('#') || a.getAttribute('target')) return;
      if (!window.confirm(LEAVE_QUESTION)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', warn);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', warn);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty]);

  const byField = useMemo(() => {
    const m = new Map<string, FieldError[]>();
    for (const e of errors) m.set(e.field, [...(m.get(e.field) ?? []), e]);
    return m;
  }, [errors]);

  const set = useCallback((path: Path, value: unknown) => setEntry((e) => setIn(e, path, value)), []);
  const api: EditorApi = {
    entry,
    set,
    setArray: (path, value) => {
      set(path, value);
      const prefix = `${pathKey(path)}.`;
      setErrors((errs) => errs.filter((e) => !e.field.startsWith(prefix)));
    },
    errorsAt: (path) => byField.get(pathKey(path)) ?? [],
    readOnly: false,
  };

  async function save(): Promise<boolean> {
    setMessage(null);
    try {
      const v = await kbApi.updateDraft(version.id, { content: entry, changeNote: note.trim() });
      setSaved(JSON.stringify([entry, note]));
      setErrors([]);
      setSavedAt(v.updatedAt);
      return true;
    } catch (e) {
      const fields = fieldErrors(e);
      setErrors(fields);
      setMessage({ kind: 'error', text: fields.length ? (e as Error).message : errorMessage(e) });
      requestAnimationFrame(() => summaryRef.current?.focus());
      return false;
    }
  }

  async function onSave() {
    setBusy('save');
    if (await save()) setMessage({ kind: 'success', text: 'Đã lưu bản nháp. Bản nháp chưa được áp dụng cho đến khi được duyệt.' });
    setBusy(null);
  }

  async function onSubmit() {
    setNoteError(null);
    if (!note.trim()) {
      setNoteError('Vui lòng ghi chú nội dung thay đổi (người duyệt sẽ đọc ghi chú này).');
      document.getElementById(`${id}-note`)?.focus();
      return;
    }
    setBusy('submit');
    if (dirty && !(await save())) return setBusy(null);
    try {
      await kbApi.submit(version.id);
      setSaved(JSON.stringify([entry, note]));
      refresh();
      navigate(kbHref.review(version.id));
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e) });
      if (e instanceof ApiError && e.code === 'VALIDATION') setNoteError(e.message);
      setBusy(null);
    }
  }

  const leave = () => {
    if (dirty && !window.confirm(LEAVE_QUESTION)) return;
    navigate(kbHref.entry(version.slug));
  };

  const errorCount = (section: string) => errors.filter((e) => sectionOf(e.field) === section).length;

  return (
    <EditorCtx.Provider value={api}>
      <form
        className="kb-editor"
        noValidate
        aria-labelledby={`${id}-title`}
        onSubmit={(e) => {
          e.preventDefault();
          void onSave();
        }}
      >
        <span id={`${id}-title`} className="visually-hidden">
          Biểu mẫu soạn thảo {entry.title}
        </span>
        <nav className="kb-toc" aria-label="Các phần của biểu mẫu">
          {FORM_SECTIONS.map((s) => {
            const n = errorCount(s.id);
            return (
              <a key={s.id} href={`#kbs-${s.id}`} className={n ? 'kb-toc-error' : undefined}>
                {s.label}
                {n > 0 && <span className="kb-count kb-count-alert">{n}<span className="visually-hidden"> lỗi</span></span>}
              </a>
            );
          })}
        </nav>

        <div ref={summaryRef} tabIndex={-1} className="kb-error-summary-wrap" aria-live="polite">
          {message && (
            <Alert kind={message.kind} title={errors.length ? `Có ${errors.length} lỗi cần sửa trước khi lưu` : undefined}>
              <p>{message.text}</p>
              {errors.length > 0 && (
                <ul className="kb-error-summary">
                  {errors.map((e, i) => (
                    <li key={i}>
                      <a
                        href={`#${fieldId(e.field ? e.field.split('.') : [])}`}
                        onClick={(ev) => {
                          ev.preventDefault();
                          focusField(e.field);
                        }}
                      >
                        {e.label}
                      </a>
                      : {friendlyMessage(e.field, e.message)}
                    </li>
                  ))}
                </ul>
              )}
            </Alert>
          )}
        </div>

        <EntryForm />

        <fieldset className="kb-fs" id="kbs-submit">
          <legend>Ghi chú thay đổi và gửi duyệt</legend>
          <div className="field">
            <label htmlFor={`${id}-note`}>Ghi chú thay đổi (người duyệt sẽ đọc)</label>
            <textarea
              id={`${id}-note`}
              rows={3}
              value={note}
              maxLength={NOTE_MAX}
              onChange={(e) => setNote(e.target.value)}
              aria-invalid={!!noteError || undefined}
              aria-describedby={`${id}-note-hint${noteError ? ` ${id}-note-err` : ''}`}
            />
            <p id={`${id}-note-hint`} className="hint">
              VD: “Cập nhật lệ phí nộp trực tuyến theo Thông tư … ngày …”. Nêu nguồn của thay đổi.
            </p>
            {noteError && (
              <p id={`${id}-note-err`} className="hint hint-error">
                {noteError}
              </p>
            )}
          </div>
        </fieldset>

        <div className="kb-actionbar" role="group" aria-label="Lưu và gửi duyệt">
          <span className="kb-actionbar-status" aria-live="polite">
            {dirty ? 'Có thay đổi chưa lưu' : savedAt ? `Đã lưu lúc ${formatTime(savedAt)}` : 'Chưa có thay đổi'}
          </span>
          <div className="button-row">
            <button type="button" className="btn btn-light" onClick={leave}>
              Đóng
            </button>
            <button type="submit" className="btn btn-secondary" disabled={busy !== null || !dirty}>
              {busy === 'save' ? 'Đang lưu…' : 'Lưu bản nháp'}
            </button>
            <button type="button" className="btn btn-primary" disabled={busy !== null} onClick={() => void onSubmit()}>
              {busy === 'submit' ? 'Đang gửi…' : 'Gửi duyệt'}
            </button>
          </div>
        </div>
      </form>
    </EditorCtx.Provider>
  );
}

/** Screen 3: the editor of one draft (`?kb=edit&v=ID`). Only the author may change a draft. */
export function EntryEditor({ versionId }: { versionId: number }) {
  const { me, titleOf } = useKb();
  const version = useLoad((s) => kbApi.version(versionId, s), [versionId]);
  const v = version.data;
  const editable = v && v.state === 'draft' && v.authorId === me.id;

  return (
    <div className="kb-screen">
      <BackLink to={v ? kbHref.entry(v.slug) : kbHref.list()}>{v ? titleOf(v.slug) : 'Danh sách thủ tục'}</BackLink>
      <ScreenTitle>{v ? `Soạn thảo: ${v.content.title} — phiên bản ${v.version}` : 'Soạn thảo'}</ScreenTitle>
      {version.error && <Alert kind="error">{version.error}</Alert>}
      {!v && !version.error && <Loading label="Đang tải bản nháp…" />}
      {v && (
        <p className="kb-head-row">
          <span>
            <StateTag v={v} /> Tạo lúc {formatTime(v.createdAt)} từ phiên bản đang áp dụng khi đó. Bản nháp chỉ áp dụng sau khi được duyệt.
          </span>
        </p>
      )}
      {v?.stale && v.state === 'draft' && (
        <Alert kind="warning" title="Phiên bản đang áp dụng đã thay đổi kể từ khi tạo bản nháp này">
          <p>Người duyệt sẽ phải xác nhận đã xem khác biệt. Nên đối chiếu với phiên bản mới nhất trước khi gửi duyệt.</p>
        </Alert>
      )}
      {v && !editable && (
        <Alert kind="info" title="Không thể sửa phiên bản này">
          <p>
            Phiên bản {v.version} đang ở trạng thái “{STATE_LABELS[v.state]}”
            {v.authorId !== me.id && v.authorUsername ? ` và do ${v.authorUsername} soạn` : ''}. Chỉ người soạn mới sửa được bản nháp của mình.
          </p>
          <p>
            {v.state === 'review' ? <Link to={kbHref.review(v.id)}>Xem trong hàng chờ duyệt</Link> : <Link to={kbHref.history(v.slug)}>Xem lịch sử phiên bản</Link>}
          </p>
        </Alert>
      )}
      {v && editable && <DraftForm version={v} />}
    </div>
  );
}
