import { useState } from 'react';
import { errorMessage } from '../../api.ts';
import { Alert, Loading } from '../../components/Status.tsx';
import { Link } from '../../router.tsx';
import { kbApi } from './kb-api.ts';
import { useKb } from './kb-data.tsx';
import { formatTime, friendlyMessage, kbHref } from './kb-text.ts';
import { ScreenTitle } from './kb-ui.tsx';

/** Load report: the last sync of kb/procedures (broken files with their field errors, conflicts, missing files). */
export function LoadReportScreen() {
  const { me, report, reportError, titleOf, refresh } = useKb();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function reload() {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const r = await kbApi.reload();
      refresh();
      setNotice(
        r
          ? `Đã nạp lại ${r.files} tệp hợp lệ: ${r.created.length} thủ tục mới, ${r.updated.length} cập nhật, ${r.unchanged} không đổi, ${r.conflicts.length} xung đột, ${r.errors.length} tệp lỗi.`
          : 'Đã nạp lại.',
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="kb-screen">
      <div className="kb-head-row">
        <ScreenTitle>Nạp tệp kb/procedures</ScreenTitle>
        {me.role === 'admin' && (
          <button type="button" className="btn btn-secondary btn-sm" onClick={() => void reload()} disabled={busy}>
            {busy ? 'Đang nạp lại…' : 'Nạp lại các tệp'}
          </button>
        )}
      </div>
      <p className="hint">
        Các tệp trong kho mã là bản gốc đã rà soát. Tệp lỗi bị bỏ qua và thủ tục giữ phiên bản đang áp dụng; sửa tệp rồi nạp lại
        {me.role === 'admin' ? '' : ' (quản trị viên thực hiện)'}.
      </p>
      <div aria-live="polite">
        {notice && <Alert kind="success">{notice}</Alert>}
        {error && <Alert kind="error">{error}</Alert>}
      </div>
      {reportError && <Alert kind="error">{reportError}</Alert>}
      {report === undefined && !reportError && <Loading label="Đang tải kết quả nạp tệp…" />}
      {report === null && <p className="muted">Máy chủ chưa nạp tệp nào kể từ khi khởi động.</p>}
      {report && (
        <>
          <dl className="kb-stats">
            <div>
              <dt>Lần nạp</dt>
              <dd>{formatTime(report.at)}</dd>
            </div>
            <div>
              <dt>Tệp hợp lệ</dt>
              <dd>{report.files}</dd>
            </div>
            <div>
              <dt>Thủ tục mới</dt>
              <dd>{report.created.length}</dd>
            </div>
            <div>
              <dt>Cập nhật từ tệp</dt>
              <dd>{report.updated.length}</dd>
            </div>
            <div>
              <dt>Không đổi</dt>
              <dd>{report.unchanged}</dd>
            </div>
            <div className={report.errors.length ? 'kb-stat-bad' : undefined}>
              <dt>Tệp lỗi</dt>
              <dd>{report.errors.length}</dd>
            </div>
            <div className={report.conflicts.length ? 'kb-stat-warn' : undefined}>
              <dt>Xung đột</dt>
              <dd>{report.conflicts.length}</dd>
            </div>
          </dl>

          <h4 className="kb-h4">Tệp không hợp lệ ({report.errors.length})</h4>
          {report.errors.length === 0 ? (
            <p className="muted">Mọi tệp đều hợp lệ.</p>
          ) : (
            report.errors.map((f) => (
              <div key={f.file} className="kb-file-error">
                <p>
                  <code>{f.file}</code> — {f.message}
                </p>
                {f.fields.length > 0 && (
                  <ul>
                    {f.fields.map((e, i) => (
                      <li key={i}>
                        <strong>{e.label}</strong> <code className="kb-path">{e.field || '(toàn bộ)'}</code>: {friendlyMessage(e.field, e.message)}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ))
          )}

          <h4 className="kb-h4">Xung đột giữa tệp và bản đã biên tập ({report.conflicts.length})</h4>
          {report.conflicts.length === 0 ? (
            <p className="muted">Không có xung đột.</p>
          ) : (
            <ul className="kb-plain-list">
              {report.conflicts.map((c) => (
                <li key={c.fileVersionId}>
                  {titleOf(c.slug)} <code className="kb-path">{c.slug}</code> — <Link to={kbHref.review(c.fileVersionId)}>xem khác biệt và quyết định</Link>
                </li>
              ))}
            </ul>
          )}

          {report.missingFiles.length > 0 && (
            <>
              <h4 className="kb-h4">Tệp không còn trong thư mục ({report.missingFiles.length})</h4>
              <p className="hint">Các thủ tục này vẫn đang áp dụng phiên bản đã lưu.</p>
              <ul className="kb-plain-list">
                {report.missingFiles.map((s) => (
                  <li key={s}>
                    <Link to={kbHref.entry(s)}>{titleOf(s)}</Link> <code className="kb-path">{s}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}
