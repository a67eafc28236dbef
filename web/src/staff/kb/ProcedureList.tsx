import { useId, useMemo, useState } from 'react';
import { Alert, Loading } from '../../components/Status.tsx';
import { Link } from '../../router.tsx';
import { useKb } from './kb-data.tsx';
import { daysSince, fold, formatDateVi, formatDay, formatTime, groupLabel, kbHref } from './kb-text.ts';
import { ScreenTitle, WorkBadges } from './kb-ui.tsx';

const collator = new Intl.Collator('vi');
/** After this many days without a check, the "last checked" date is highlighted. */
const STALE_CHECK_DAYS = 180;

type Filter = '' | 'draft' | 'review' | 'conflict' | 'unverified' | 'old';
const FILTERS: Array<{ id: Filter; label: string }> = [
  { id: '', label: 'Tất cả' },
  { id: 'review', label: 'Có bản chờ duyệt' },
  { id: 'draft', label: 'Có bản nháp' },
  { id: 'conflict', label: 'Xung đột với tệp' },
  { id: 'unverified', label: 'Có thông tin chưa xác minh' },
  { id: 'old', label: `Kiểm tra đã quá ${STALE_CHECK_DAYS} ngày` },
];

/** Load-report banner: broken files and file/editor conflicts, with a link to the details. */
export function LoadReportBanner() {
  const { report } = useKb();
  if (!report || (report.errors.length === 0 && report.conflicts.length === 0 && report.missingFiles.length === 0)) return null;
  const parts = [
    report.errors.length ? `${report.errors.length} tệp không hợp lệ (đã bỏ qua, thủ tục giữ phiên bản cũ)` : null,
    report.conflicts.length ? `${report.conflicts.length} tệp thay đổi xung đột với bản đã biên tập` : null,
    report.missingFiles.length ? `${report.missingFiles.length} tệp không còn trong thư mục` : null,
  ].filter(Boolean);
  return (
    <Alert kind="warning" title={`Lần nạp tệp gần nhất (${formatTime(report.at)}) có vấn đề cần xem`}>
      <p>
        {parts.join('; ')}. <Link to={kbHref.files()}>Xem chi tiết nạp tệp</Link>
      </p>
    </Alert>
  );
}

/** Screen 1: the published procedures with search, group and status filters. */
export function ProcedureList() {
  const { procedures, proceduresError, openBySlug, openError } = useKb();
  const [q, setQ] = useState('');
  const [group, setGroup] = useState('');
  const [filter, setFilter] = useState<Filter>('');
  const id = useId();

  const groups = useMemo(
    () => [...new Set(procedures?.map((p) => p.group))].sort((a, b) => collator.compare(groupLabel(a), groupLabel(b))),
    [procedures],
  );

  const shown = useMemo(() => {
    const words = fold(q).split(' ').filter(Boolean);
    return (procedures ?? [])
      .filter((p) => {
        if (group && p.group !== group) return false;
        const hay = fold(`${p.title} ${p.slug} ${groupLabel(p.group)}`);
        if (!words.every((w) => hay.includes(w))) return false;
        const w = openBySlug.get(p.slug);
        switch (filter) {
          case 'draft':
            return !!w?.drafts.length;
          case 'review':
            return !!w?.review.length;
          case 'conflict':
            return !!w?.conflicts.length;
          case 'unverified':
            return p.unverifiedCount > 0;
          case 'old':
            return daysSince(p.lastChecked) > STALE_CHECK_DAYS;
          default:
            return true;
        }
      })
      .sort((a, b) => collator.compare(groupLabel(a.group), groupLabel(b.group)) || collator.compare(a.title, b.title));
  }, [procedures, q, group, filter, openBySlug]);

  return (
    <div className="kb-screen">
      <ScreenTitle>Danh sách thủ tục</ScreenTitle>
      <LoadReportBanner />
      {openError && <Alert kind="error">Chưa tải được hàng chờ biên tập: {openError}</Alert>}
      <div className="kb-filters" role="search" aria-label="Lọc thủ tục">
        <div className="field">
          <label htmlFor={`${id}-q`}>Tìm thủ tục</label>
          <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="VD: tam tru, hộ chiếu…" autoComplete="off" aria-describedby={`${id}-q-hint`} />
          <p id={`${id}-q-hint`} className="hint">
            Gõ có dấu hoặc không dấu đều được.
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-g`}>Nhóm</label>
          <select id={`${id}-g`} value={group} onChange={(e) => setGroup(e.target.value)}>
            <option value="">Tất cả nhóm</option>
            {groups.map((g) => (
              <option key={g} value={g}>
                {groupLabel(g)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-f`}>Tình trạng</label>
          <select id={`${id}-f`} value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
            {FILTERS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {proceduresError && <Alert kind="error">{proceduresError}</Alert>}
      {!procedures && !proceduresError && <Loading label="Đang tải danh sách thủ tục…" />}
      {procedures && (
        <>
          <p className="list-count" aria-live="polite">
            Hiển thị {shown.length}/{procedures.length} thủ tục
          </p>
          {shown.length === 0 ? (
            <p className="muted">Không có thủ tục nào khớp bộ lọc.</p>
          ) : (
            <div className="table-wrap">
              <table className="data kb-table">
                <caption className="visually-hidden">Danh sách thủ tục trong cơ sở tri thức</caption>
                <thead>
                  <tr>
                    <th scope="col">Thủ tục</th>
                    <th scope="col">Nhóm</th>
                    <th scope="col">Phiên bản</th>
                    <th scope="col">Kiểm tra lần cuối</th>
                    <th scope="col" className="num">
                      Chưa xác minh
                    </th>
                    <th scope="col">Tình trạng</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((p) => {
                    const age = daysSince(p.lastChecked);
                    return (
                      <tr key={p.slug}>
                        <th scope="row">
                          <Link to={kbHref.entry(p.slug)}>{p.title}</Link>
                          <span className="kb-slug">{p.slug}</span>
                        </th>
                        <td>{groupLabel(p.group)}</td>
                        <td className="nowrap">
                          {p.version}
                          <span className="kb-sub">{p.publishedAt ? formatDay(p.publishedAt) : ''}</span>
                        </td>
                        <td className="nowrap">
                          {age > STALE_CHECK_DAYS ? (
                            <span className="kb-old" title={`Đã ${age} ngày chưa kiểm tra lại`}>
                              {formatDateVi(p.lastChecked)} <span className="visually-hidden">(đã {age} ngày)</span>
                            </span>
                          ) : (
                            formatDateVi(p.lastChecked)
                          )}
                        </td>
                        <td className="num">
                          {p.unverifiedCount > 0 ? (
                            <span className="kb-unverified-count" title={`${p.unverifiedCount} thông tin chưa được xác minh từ nguồn chính thức`}>
                              {p.unverifiedCount}
                            </span>
                          ) : (
                            <span className="muted">0</span>
                          )}
                        </td>
                        <td>
                          <WorkBadges work={openBySlug.get(p.slug)} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
