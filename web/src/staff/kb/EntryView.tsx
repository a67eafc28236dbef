import { useId, useState } from 'react';
import { errorMessage } from '../../api.ts';
import { Alert, Loading } from '../../components/Status.tsx';
import { Link, navigate } from '../../router.tsx';
import { AnswerPreview } from './AnswerPreview.tsx';
import { kbApi } from './kb-api.ts';
import { useKb, useLoad } from './kb-data.tsx';
import { formatDateVi, formatTime, groupLabel, kbHref, STATE_LABELS, todayHanoi } from './kb-text.ts';
import { BackLink, ScreenTitle, WorkBadges } from './kb-ui.tsx';
import { RawEntry } from './RawEntry.tsx';

/** Screen 2: the live entry as a citizen will see it on a chosen day, its raw fields and sources; "Sửa". */
export function EntryView({ slug, date }: { slug: string; date: string | null }) {
  const { me, openBySlug, titleOf, refresh } = useKb();
  const day = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : todayHanoi();
  const published = useLoad((s) => kbApi.published(slug, s), [slug]);
  const answer = useLoad((s) => kbApi.answer(slug, day, s), [slug, day]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const work = openBySlug.get(slug);
  const myDraft = work?.drafts.find((d) => d.authorId === me.id);
  const others = [...(work?.review ?? []), ...(work?.conflicts ?? []), ...(work?.drafts ?? []).filter((d) => d !== myDraft)];

  async function startDraft() {
    setBusy(true);
    setError(null);
    try {
      const v = await kbApi.createDraft(slug);
      refresh();
      navigate(kbHref.edit(v.id));
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  }

  const title = published.data?.entry.title ?? titleOf(slug);
  return (
    <div className="kb-screen">
      <BackLink to={kbHref.list()}>Danh sách thủ tục</BackLink>
      <ScreenTitle>{title}</ScreenTitle>
      <div className="kb-head-row">
        <div>
          <WorkBadges work={work} />
          {published.data && (
            <span className="kb-sub-inline">
              {groupLabel(published.data.entry.group)} · phiên bản {published.data.version}
              {published.data.publishedAt ? `, xuất bản ${formatTime(published.data.publishedAt)}` : ''}
            </span>
          )}
        </div>
        <div className="button-row">
          {myDraft ? (
            <Link className="btn btn-primary" to={kbHref.edit(myDraft.id)}>
              Tiếp tục sửa bản nháp của tôi
            </Link>
          ) : (
            <button type="button" className="btn btn-primary" onClick={() => void startDraft()} disabled={busy || !published.data}>
              {busy ? 'Đang tạo bản nháp…' : 'Sửa nội dung'}
            </button>
          )}
          <Link className="btn btn-secondary" to={kbHref.history(slug)}>
            Lịch sử phiên bản
          </Link>
        </div>
      </div>
      {error && <Alert kind="error">{error}</Alert>}
      {others.length > 0 && (
        <Alert kind="info" title="Đang có phiên bản khác của thủ tục này">
          <ul className="kb-plain-list">
            {others.map((v) => (
              <li key={v.id}>
                Phiên bản {v.version} — {STATE_LABELS[v.state]}
                {v.source === 'file' ? ' (từ tệp)' : v.authorUsername ? ` của ${v.authorUsername}` : ''}
                {v.changeNote ? `: “${v.changeNote}”` : ''} —{' '}
                {v.state === 'review' ? <Link to={kbHref.review(v.id)}>xem và duyệt</Link> : <span className="muted">bản nháp chưa gửi duyệt</span>}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {published.error && <Alert kind="error">{published.error}</Alert>}

      <div className="kb-entry-grid">
        <section className="kb-panel" aria-labelledby={`${id}-preview`}>
          <div className="kb-panel-head">
            <h4 id={`${id}-preview`}>Người dân sẽ thấy</h4>
            <div className="field field-inline">
              <label htmlFor={`${id}-date`}>Ngày xem</label>
              <input
                id={`${id}-date`}
                type="date"
                value={day}
                onChange={(e) => e.target.value && navigate(kbHref.entry(slug, e.target.value), { replace: true })}
                aria-describedby={`${id}-date-hint`}
              />
            </div>
          </div>
          <p id={`${id}-date-hint`} className="hint">
            Đang xem ngày <strong>{formatDateVi(day)}</strong>. Chọn ngày khác để xem lệ phí có hiệu lực vào ngày đó.{' '}
            {day !== todayHanoi() && (
              <Link to={kbHref.entry(slug)}>
                Về hôm nay
              </Link>
            )}
          </p>
          {answer.error && <Alert kind="error">{answer.error}</Alert>}
          {!answer.data && !answer.error && <Loading label="Đang tải nội dung trả lời…" />}
          {answer.data && <AnswerPreview answer={answer.data.answer} titleOf={titleOf} />}
        </section>

        <section className="kb-panel" aria-labelledby={`${id}-raw`}>
          <div className="kb-panel-head">
            <h4 id={`${id}-raw`}>Dữ liệu gốc và nguồn</h4>
          </div>
          {!published.data && !published.error && <Loading />}
          {published.data && <RawEntry entry={published.data.entry} day={day} titleOf={titleOf} />}
        </section>
      </div>
    </div>
  );
}
