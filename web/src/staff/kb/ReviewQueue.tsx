import { Alert, Loading } from '../../components/Status.tsx';
import { Link } from '../../router.tsx';
import { kbApi, type VersionSummary } from './kb-api.ts';
import { useKb, useLoad } from './kb-data.tsx';
import { formatTime, isFileConflict, kbHref } from './kb-text.ts';
import { ScreenTitle, StateTag } from './kb-ui.tsx';

function QueueTable({ versions, caption, meId }: { versions: VersionSummary[]; caption: string; meId: string }) {
  const { titleOf } = useKb();
  return (
    <div className="table-wrap">
      <table className="data kb-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Thủ tục</th>
            <th scope="col">Phiên bản</th>
            <th scope="col">Người soạn</th>
            <th scope="col">Gửi lúc</th>
            <th scope="col">Ghi chú thay đổi</th>
            <th scope="col">
              <span className="visually-hidden">Thao tác</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id}>
              <th scope="row">
                <Link to={kbHref.entry(v.slug)}>{titleOf(v.slug)}</Link>
                <span className="kb-slug">{v.slug}</span>
              </th>
              <td className="nowrap">
                {v.version} <StateTag v={v} />
              </td>
              <td>
                {v.source === 'file' ? <span className="muted">Tệp kb/procedures</span> : (v.authorUsername ?? '—')}
                {v.authorId === meId && <span className="kb-mine">Của tôi</span>}
              </td>
              <td className="nowrap">{formatTime(v.submittedAt ?? v.createdAt)}</td>
              <td className="kb-note-cell">{v.changeNote || <span className="muted">(không có)</span>}</td>
              <td>
                <Link className="btn btn-secondary btn-sm" to={kbHref.review(v.id)} aria-label={`Xem khác biệt và duyệt: ${titleOf(v.slug)}, phiên bản ${v.version}`}>
                  Xem và duyệt
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Screen 4 (list): versions waiting for review, file-sync conflicts, and my drafts. */
export function ReviewQueue() {
  const { me, titleOf, refresh } = useKb();
  const review = useLoad((s) => kbApi.queue({ state: 'review', limit: 500 }, s), []);
  const drafts = useLoad((s) => kbApi.queue({ state: 'draft', limit: 500 }, s), []);
  const edits = review.data?.filter((v) => !isFileConflict(v)) ?? [];
  const conflicts = review.data?.filter(isFileConflict) ?? [];
  const mine = drafts.data?.filter((v) => v.authorId === me.id) ?? [];

  return (
    <div className="kb-screen">
      <div className="kb-head-row">
        <ScreenTitle>Hàng chờ duyệt</ScreenTitle>
        <button
          type="button"
          className="btn btn-secondary btn-sm"
          onClick={() => {
            review.reload();
            drafts.reload();
            refresh();
          }}
        >
          Làm mới
        </button>
      </div>
      <p className="hint">Người duyệt phải khác người soạn (nguyên tắc bốn mắt). Duyệt là xuất bản ngay: trợ lý ảo dùng nội dung mới từ lúc đó.</p>
      {review.error && <Alert kind="error">{review.error}</Alert>}
      {!review.data && !review.error && <Loading label="Đang tải hàng chờ duyệt…" />}
      {review.data && (
        <>
          <h4 className="kb-h4">Bản biên tập chờ duyệt ({edits.length})</h4>
          {edits.length ? <QueueTable versions={edits} caption="Bản biên tập chờ duyệt" meId={me.id} /> : <p className="muted">Không có bản nào đang chờ duyệt.</p>}
          <h4 className="kb-h4">Thay đổi từ tệp xung đột với bản đã biên tập ({conflicts.length})</h4>
          <p className="hint">
            Tệp trong kho mã đã đổi sau khi một biên tập viên xuất bản bản khác. Duyệt: nội dung tệp thay thế bản đang áp dụng. Từ chối: giữ bản biên
            tập.
          </p>
          {conflicts.length ? <QueueTable versions={conflicts} caption="Thay đổi từ tệp xung đột" meId={me.id} /> : <p className="muted">Không có xung đột.</p>}
        </>
      )}
      <h4 className="kb-h4">Bản nháp của tôi ({mine.length})</h4>
      {drafts.error && <Alert kind="error">{drafts.error}</Alert>}
      {mine.length > 0 ? (
        <ul className="kb-plain-list">
          {mine.map((v) => (
            <li key={v.id}>
              <Link to={kbHref.edit(v.id)}>
                {titleOf(v.slug)} — phiên bản {v.version}
              </Link>{' '}
              <span className="kb-sub-inline">cập nhật {formatTime(v.updatedAt)}</span> {v.stale && <StateTag v={v} />}
            </li>
          ))}
        </ul>
      ) : (
        drafts.data && <p className="muted">Anh/chị không có bản nháp nào chưa gửi.</p>
      )}
    </div>
  );
}
