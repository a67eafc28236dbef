import { useState } from 'react';
import { Alert, Loading } from '../../components/Status.tsx';
import { Link } from '../../router.tsx';
import { DiffPanel } from './DiffView.tsx';
import { kbApi, type VersionSummary } from './kb-api.ts';
import { useKb, useLoad } from './kb-data.tsx';
import { formatTime, kbHref, SOURCE_LABELS } from './kb-text.ts';
import { BackLink, ScreenTitle, StateTag } from './kb-ui.tsx';

function Timeline({ v }: { v: VersionSummary }) {
  const rows: Array<[string, string | null]> = [
    ['Tạo', v.createdAt],
    ['Gửi duyệt', v.submittedAt],
    ['Xuất bản', v.publishedAt],
    ['Từ chối', v.rejectedAt],
    ['Bị thay thế', v.archivedAt],
  ];
  return (
    <ul className="kb-timeline">
      {rows
        .filter(([, at]) => at)
        .map(([label, at]) => (
          <li key={label}>
            {label}: {formatTime(at)}
          </li>
        ))}
    </ul>
  );
}

/** Screen 5: every version of one entry with who/when/state, and the diff to the previous version. */
export function VersionHistory({ slug }: { slug: string }) {
  const { me, titleOf } = useKb();
  const versions = useLoad((s) => kbApi.versions(slug, s), [slug]);
  const [open, setOpen] = useState<number | null>(null);
  const list = versions.data ?? [];

  return (
    <div className="kb-screen">
      <BackLink to={kbHref.entry(slug)}>{titleOf(slug)}</BackLink>
      <ScreenTitle>Lịch sử phiên bản: {titleOf(slug)}</ScreenTitle>
      {versions.error && <Alert kind="error">{versions.error}</Alert>}
      {!versions.data && !versions.error && <Loading label="Đang tải lịch sử phiên bản…" />}
      {versions.data && (
        <ul className="kb-history">
          {list.map((v, i) => {
            const prev = list.slice(i + 1).find((p) => p.version < v.version) ?? null;
            const shown = open === v.id;
            return (
              <li key={v.id} className={`kb-history-item${v.isCurrent ? ' kb-history-current' : ''}`}>
                <div className="kb-history-head">
                  <strong>Phiên bản {v.version}</strong> <StateTag v={v} />
                </div>
                <dl className="kb-dl">
                  <dt>Nguồn</dt>
                  <dd>{SOURCE_LABELS[v.source]}</dd>
                  {v.authorUsername && (
                    <>
                      <dt>Người soạn</dt>
                      <dd>{v.authorUsername}</dd>
                    </>
                  )}
                  {v.reviewerUsername && (
                    <>
                      <dt>Người duyệt</dt>
                      <dd>
                        {v.reviewerUsername}
                        {v.fourEyesOverride && <span className="kb-state kb-state-conflict">Tự duyệt (ghi đè bốn mắt)</span>}
                      </dd>
                    </>
                  )}
                  <dt>Thời điểm</dt>
                  <dd>
                    <Timeline v={v} />
                  </dd>
                  {v.changeNote && (
                    <>
                      <dt>Ghi chú</dt>
                      <dd>{v.changeNote}</dd>
                    </>
                  )}
                  {v.rejectReason && (
                    <>
                      <dt>Lý do từ chối</dt>
                      <dd className="kb-reject-reason">{v.rejectReason}</dd>
                    </>
                  )}
                </dl>
                <div className="button-row">
                  {prev && (
                    <button
                      type="button"
                      className="btn btn-secondary btn-sm"
                      aria-expanded={shown}
                      aria-controls={`kb-hist-diff-${v.id}`}
                      onClick={() => setOpen(shown ? null : v.id)}
                    >
                      {shown ? 'Ẩn khác biệt' : `Khác biệt với phiên bản ${prev.version}`}
                    </button>
                  )}
                  {v.state === 'review' && (
                    <Link className="btn btn-secondary btn-sm" to={kbHref.review(v.id)}>
                      Xem và duyệt
                    </Link>
                  )}
                  {v.state === 'draft' && v.authorId === me.id && (
                    <Link className="btn btn-secondary btn-sm" to={kbHref.edit(v.id)}>
                      Tiếp tục sửa
                    </Link>
                  )}
                </div>
                {shown && prev && (
                  <div id={`kb-hist-diff-${v.id}`} className="kb-history-diff">
                    <DiffPanel from={prev.id} to={v.id} caption={`Khác biệt giữa phiên bản ${prev.version} và ${v.version}`} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
