import { useEffect, useId, useState } from 'react';
import { api, errorMessage, type AuditEntry } from '../api.ts';
import { Alert, Loading } from '../components/Status.tsx';

const PAGE_SIZE = 50;

const ACTION_LABELS: Record<string, string> = {
  'auth.login': 'Đăng nhập',
  'auth.login_failed': 'Đăng nhập không thành công',
  'auth.login_throttled': 'Tạm chặn đăng nhập (sai nhiều lần)',
  'auth.logout': 'Đăng xuất',
  'user.create': 'Tạo tài khoản',
  'user.update': 'Cập nhật tài khoản',
  'user.password_change': 'Đổi mật khẩu',
  'user.bootstrap_admin': 'Khởi tạo tài khoản quản trị',
  'access.denied': 'Truy cập bị từ chối',
  'access.csrf_rejected': 'Từ chối yêu cầu (thiếu mã chống giả mạo)',
  'kb.file_imported': 'Nạp tệp cơ sở tri thức',
  'police_unit.update': 'Cập nhật liên hệ đơn vị công an',
};

const OUTCOME_LABELS: Record<string, string> = { ok: 'Thành công', denied: 'Bị từ chối', failed: 'Không thành công' };

const FILTERS = [
  { value: '', label: 'Tất cả' },
  { value: 'auth.', label: 'Đăng nhập, đăng xuất' },
  { value: 'user.', label: 'Tài khoản' },
  { value: 'access.', label: 'Truy cập bị từ chối' },
  { value: 'police_unit.', label: 'Liên hệ đơn vị công an' },
  { value: 'kb.', label: 'Cơ sở tri thức' },
];

const time = new Intl.DateTimeFormat('vi-VN', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Asia/Ho_Chi_Minh' });

function detailsText(d: Record<string, unknown>): string {
  const entries = Object.entries(d ?? {}).filter(([, v]) => v !== null && v !== undefined);
  return entries.map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('; ');
}

/** Admin: the audit log, newest first, filterable by kind, paged with "Xem thêm". */
export function AuditSection() {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const filterId = useId();

  async function load(before?: number) {
    setBusy(true);
    setError(null);
    try {
      const page = await api.audit({ limit: PAGE_SIZE, before, action: filter || undefined });
      setEntries((prev) => (before ? [...(prev ?? []), ...page] : page));
      setMore(page.length === PAGE_SIZE);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    setEntries(null);
    void load();
    // Reload from the newest entry whenever the filter changes.
  }, [filter]);

  return (
    <>
      <div className="toolbar">
        <div className="field field-inline">
          <label htmlFor={filterId}>Loại sự kiện</label>
          <select id={filterId} value={filter} onChange={(e) => setFilter(e.target.value)}>
            {FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn btn-secondary btn-sm" onClick={() => void load()} disabled={busy}>
          Làm mới
        </button>
      </div>
      {error && <Alert kind="error">{error}</Alert>}
      {!entries && !error && <Loading label="Đang tải nhật ký…" />}
      {entries && entries.length === 0 && <p className="muted">Chưa có sự kiện nào.</p>}
      {entries && entries.length > 0 && (
        <div className="table-wrap table-scroll" tabIndex={0} role="region" aria-label="Bảng nhật ký hệ thống">
          <table className="data data-compact">
            <caption className="visually-hidden">Nhật ký hệ thống, mới nhất trước</caption>
            <thead>
              <tr>
                <th scope="col">Thời gian</th>
                <th scope="col">Người thực hiện</th>
                <th scope="col">Hành động</th>
                <th scope="col">Đối tượng</th>
                <th scope="col">Kết quả</th>
                <th scope="col">Chi tiết</th>
                <th scope="col">IP</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{time.format(new Date(e.at))}</td>
                  <td>{e.actor ?? '—'}</td>
                  <td title={e.action}>{ACTION_LABELS[e.action] ?? e.action}</td>
                  <td>{e.target ?? '—'}</td>
                  <td>
                    <span className={`tag ${e.outcome === 'ok' ? 'tag-on' : 'tag-off'}`}>{OUTCOME_LABELS[e.outcome] ?? e.outcome}</span>
                  </td>
                  <td className="details" title={detailsText(e.details) || undefined}>
                    {detailsText(e.details) || '—'}
                  </td>
                  <td className="nowrap">{e.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more && entries && (
        <button type="button" className="btn btn-secondary" onClick={() => void load(entries[entries.length - 1]?.id)} disabled={busy}>
          {busy ? 'Đang tải…' : 'Xem thêm'}
        </button>
      )}
    </>
  );
}
