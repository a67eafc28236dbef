import { useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api.ts';
import { Alert, Loading } from '../../components/Status.tsx';
import { Link } from '../../router.tsx';
import { DiffPanel } from './DiffView.tsx';
import { kbApi, type VersionView } from './kb-api.ts';
import { useKb, useLoad } from './kb-data.tsx';
import { formatTime, isFileConflict, kbHref, STATE_LABELS } from './kb-text.ts';
import { BackLink, ScreenTitle, StateTag } from './kb-ui.tsx';

const REASON_MIN = 5;
const REASON_MAX = 1000;

function Decision({ v, liveId, onDone }: { v: VersionView; liveId: number | null; onDone: (v: VersionView, what: 'approved' | 'rejected') => void }) {
  const { me, refresh } = useKb();
  const [override, setOverride] = useState(false);
  const [acceptStale, setAcceptStale] = useState(false);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const isAuthor = v.authorId !== null && v.authorId === me.id;
  const isAdmin = me.role === 'admin';
  const blockedByFourEyes = isAuthor && !(isAdmin && override);
  const blockedByStale = v.stale && !acceptStale;
  const why = blockedByFourEyes ? `${id}-foureyes` : blockedByStale ? `${id}-stale` : undefined;

  async function approve() {
    setBusy(true);
    setError(null);
    try {
      const done = await kbApi.approve(v.id, { override: isAuthor && override ? true : undefined, acceptStale: v.stale ? acceptStale : undefined, note: note.trim() || undefined });
      refresh();
      onDone(done, 'approved');
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  }

  async function reject(e: FormEvent) {
    e.preventDefault();
    const r = reason.trim();
    if (r.length < REASON_MIN) {
      setReasonError(`Vui lòng nêu lý do từ chối (ít nhất ${REASON_MIN} ký tự) để người soạn biết cần sửa gì.`);
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setReasonError(null);
    setBusy(true);
    setError(null);
    try {
      const done = await kbApi.reject(v.id, r);
      refresh();
      onDone(done, 'rejected');
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <div className="kb-decision">
      <div aria-live="polite">{error && <Alert kind="error">{error}</Alert>}</div>
      <section className="kb-panel" aria-labelledby={`${id}-approve`}>
        <h4 id={`${id}-approve`}>Duyệt và xuất bản</h4>
        {isAuthor && (
          <div id={`${id}-foureyes`}>
            <Alert kind="warning" title="Anh/chị là người soạn phiên bản này">
              <p>Theo nguyên tắc bốn mắt, một biên tập viên khác phải duyệt trước khi nội dung được áp dụng.</p>
            </Alert>
            {isAdmin && (
              <div className="field kb-check kb-confirm">
                <label>
                  <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} /> Tôi là quản trị viên và xác nhận tự duyệt
                  phiên bản của mình (ghi đè nguyên tắc bốn mắt). Thao tác này được ghi vào nhật ký hệ thống.
                </label>
              </div>
            )}
          </div>
        )}
        {v.stale && (
          <div id={`${id}-stale`}>
            <Alert kind="warning" title="Phiên bản đang áp dụng đã thay đổi kể từ khi bản này được soạn">
              <p>
                Duyệt bản này có thể xóa mất thay đổi mới hơn của người khác. Hãy đọc kỹ bảng khác biệt so với phiên bản đang áp dụng
                {liveId ? ` (mã ${liveId})` : ''} ở trên.
              </p>
            </Alert>
            <div className="field kb-check kb-confirm">
              <label>
                <input type="checkbox" checked={acceptStale} onChange={(e) => setAcceptStale(e.target.checked)} /> Tôi đã xem khác biệt so với phiên bản
                đang áp dụng và vẫn muốn xuất bản bản này.
              </label>
            </div>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-note`}>Ghi chú khi duyệt (không bắt buộc)</label>
          <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} autoComplete="off" />
        </div>
        <button type="button" className="btn btn-primary" disabled={busy || blockedByFourEyes || blockedByStale} aria-describedby={why} onClick={() => void approve()}>
          {busy ? 'Đang xử lý…' : 'Duyệt và xuất bản'}
        </button>
      </section>

      <form className="kb-panel" onSubmit={reject} aria-labelledby={`${id}-reject`} noValidate>
        <h4 id={`${id}-reject`}>Từ chối</h4>
        <div className="field">
          <label htmlFor={`${id}-reason`}>Lý do từ chối (người soạn sẽ đọc)</label>
          <textarea
            id={`${id}-reason`}
            rows={3}
            value={reason}
            maxLength={REASON_MAX}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={!!reasonError || undefined}
            aria-describedby={reasonError ? `${id}-reason-err` : undefined}
          />
          {reasonError && (
            <p id={`${id}-reason-err`} className="hint hint-error">
              {reasonError}
            </p>
          )}
        </div>
        <button type="submit" className="btn btn-secondary" disabled={busy}>
          Từ chối
        </button>
      </form>
    </div>
  );
}

/** Screen 4 (one item): what would change, field by field, and the decision. */
export function ReviewDetail({ versionId }: { versionId: number }) {
  const { titleOf } = useKb();
  const version = useLoad((s) => kbApi.version(versionId, s), [versionId]);
  const slug = version.data?.slug;
  const live = useLoad(async (s) => (slug ? kbApi.published(slug, s) : null), [slug]);
  const [compareWithBase, setCompareWithBase] = useState(false);
  const [done, setDone] = useState<'approved' | 'rejected' | null>(null);
  const v = version.data;
  const liveId = live.data?.versionId ?? null;
  const conflict = v ? isFileConflict(v) : false;
  const baseId = v ? (v.source === 'editor' ? v.baseVersionId : v.conflictWithVersionId) : null;
  // What approving changes: the diff against the live version. For a stale draft the author's own change
  // (against the version they started from) can be shown instead.
  const from = v?.state === 'review' ? (compareWithBase && baseId ? baseId : liveId) : baseId;

  return (
    <div className="kb-screen">
      <BackLink to={kbHref.queue()}>Hàng chờ duyệt</BackLink>
      <ScreenTitle>{v ? `Duyệt: ${titleOf(v.slug)} — phiên bản ${v.version}` : 'Duyệt phiên bản'}</ScreenTitle>
      {version.error && <Alert kind="error">{version.error}</Alert>}
      {!v && !version.error && <Loading />}
      {v && (
        <>
          <dl className="kb-dl kb-dl-wide">
            <dt>Trạng thái</dt>
            <dd>
              <StateTag v={v} />
            </dd>
            <dt>Nguồn</dt>
            <dd>{v.source === 'file' ? `Tệp kb/procedures/${v.slug}.yaml` : `Biên tập bởi ${v.authorUsername ?? '—'}`}</dd>
            <dt>Gửi duyệt</dt>
            <dd>{formatTime(v.submittedAt ?? v.createdAt)}</dd>
            <dt>Ghi chú thay đổi</dt>
            <dd>{v.changeNote || <span className="muted">(không có)</span>}</dd>
            {v.reviewerUsername && (
              <>
                <dt>Người duyệt</dt>
                <dd>
                  {v.reviewerUsername}
                  {v.fourEyesOverride && <span className="kb-state kb-state-conflict">Quản trị viên tự duyệt</span>}
                </dd>
              </>
            )}
            {v.rejectReason && (
              <>
                <dt>Lý do từ chối</dt>
                <dd>{v.rejectReason}</dd>
              </>
            )}
          </dl>
          {conflict && v.state === 'review' && (
            <Alert kind="warning" title="Xung đột giữa tệp và bản đã biên tập">
              <p>
                Tệp <code>kb/procedures/{v.slug}.yaml</code> đã thay đổi sau khi một biên tập viên xuất bản phiên bản đang áp dụng. Duyệt: nội dung tệp
                thay thế bản biên tập. Từ chối: giữ bản biên tập (nên cập nhật lại tệp cho khớp).
              </p>
            </Alert>
          )}
          {done && (
            <Alert kind="success" title={done === 'approved' ? 'Đã duyệt và xuất bản' : 'Đã từ chối'}>
              <p>
                {done === 'approved'
                  ? `Phiên bản ${v.version} đang được áp dụng; trợ lý ảo dùng nội dung mới từ bây giờ.`
                  : 'Người soạn sẽ thấy lý do từ chối trong lịch sử phiên bản.'}{' '}
                <Link to={kbHref.entry(v.slug)}>Xem thủ tục như người dân thấy</Link>
              </p>
            </Alert>
          )}

          <section className="kb-panel" aria-labelledby={`kb-diff-title-${v.id}`}>
            <div className="kb-panel-head">
              <h4 id={`kb-diff-title-${v.id}`}>
                {v.state === 'review'
                  ? compareWithBase
                    ? 'Thay đổi của người soạn (so với bản gốc khi soạn)'
                    : conflict
                      ? 'Khác biệt giữa tệp và bản biên tập đang áp dụng'
                      : 'Khác biệt so với phiên bản đang áp dụng'
                  : 'Khác biệt so với phiên bản gốc'}
              </h4>
              {v.state === 'review' && v.stale && baseId && (
                <div className="field kb-check">
                  <label>
                    <input type="checkbox" checked={compareWithBase} onChange={(e) => setCompareWithBase(e.target.checked)} /> So với bản gốc khi soạn
                  </label>
                </div>
              )}
            </div>
            {v.state === 'review' && !live.data && !live.error && <Loading />}
            {live.error && <Alert kind="error">{live.error}</Alert>}
            {from ? (
              from === v.id ? (
                <p className="muted">Đây là phiên bản đang áp dụng.</p>
              ) : (
                <DiffPanel from={from} to={v.id} caption="Khác biệt từng trường" />
              )
            ) : (
              v.state !== 'review' && <p className="muted">Không có phiên bản trước để so sánh.</p>
            )}
          </section>

          {v.state === 'review' && !done ? (
            <Decision
              v={v}
              liveId={liveId}
              onDone={(nv, what) => {
                version.setData(nv);
                setDone(what);
              }}
            />
          ) : (
            !done && (
              <Alert kind="info">
                Phiên bản này đang ở trạng thái “{STATE_LABELS[v.state]}”, không còn chờ duyệt. <Link to={kbHref.history(v.slug)}>Xem lịch sử phiên bản</Link>
              </Alert>
            )
          )}
        </>
      )}
    </div>
  );
}
