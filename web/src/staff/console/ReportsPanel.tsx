import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { errorMessage, type StaffUser } from '../../api.ts';
import { assistantApi, CHANNEL_LABELS, REPORT_STATUS_LABELS, type Report, type ReportStatus } from './assistant-client.ts';
import { roleCan } from './can.ts';
import { dateTimeOf } from './format.ts';
import { useLiveList } from './hooks.ts';
import { actorText } from './timeline-text.ts';
import type { LiveEvent } from './types.ts';
import { WardSelect } from './WardSelect.tsx';
import { useWards } from './wards.ts';

// Citizens' reports (tin báo, tố giác) routed to the ward by the assistant: list, detail with evidence,
// status changes with a note the citizen reads and an internal note.

const FILTERS: Array<{ value: string; label: string }> = [
  { value: 'received,verifying,transferred', label: 'Đang giải quyết' },
  { value: 'received', label: 'Mới tiếp nhận' },
  { value: '', label: 'Tất cả' },
];

const concernsReports = (type: string) => type.startsWith('report.');

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface Props {
  user: StaffUser;
  subscribe: (h: (e: LiveEvent) => void) => () => void;
}

export function ReportsPanel({ user, subscribe }: Props) {
  const can = roleCan(user);
  const cityWide = can.scope === null;
  const { list: wards } = useWards();
  const [ward, setWard] = useState('');
  const [filter, setFilter] = useState(FILTERS[0]!.value);
  const [openId, setOpenId] = useState<string | null>(null);
  const fetchList = useCallback((signal: AbortSignal) => assistantApi.reports(filter, signal, cityWide && ward ? ward : undefined), [filter, cityWide, ward]);
  const { list, error, version, reload } = useLiveList(fetchList, subscribe, concernsReports);

  return (
    <div className="ho">
      <div className="ho-list">
        <div className="toolbar">
          <label>
            Hiển thị{' '}
            <select value={filter} onChange={(e) => setFilter(e.target.value)}>
              {FILTERS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          {cityWide && <WardSelect wards={wards} value={ward} onChange={setWard} />}
        </div>
        {error && (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        )}
        {list && list.length === 0 && <p className="muted">Không có tin báo nào.</p>}
        {list && list.length > 0 && (
          <div className="table-wrap">
            <table className="data data-compact">
              <thead>
                <tr>
                  <th scope="col">Mã theo dõi</th>
                  <th scope="col">Loại</th>
                  {cityWide && <th scope="col">Xã/phường</th>}
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Gửi lúc</th>
                  <th scope="col">
                    <span className="visually-hidden">Thao tác</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => (
                  <tr key={r.id} className={r.id === openId ? 'ho-open' : undefined} data-report={r.trackingCode}>
                    <th scope="row">{r.trackingCode}</th>
                    <td>{capital(r.kindLabel)}</td>
                    {cityWide && <td>{r.ward?.name ?? 'Cấp thành phố'}</td>}
                    <td>{r.statusLabel}</td>
                    <td>{dateTimeOf(r.createdAt)}</td>
                    <td>
                      <button type="button" className="btn btn-secondary btn-sm" onClick={() => setOpenId(r.id)} aria-label={`Mở tin báo ${r.trackingCode}`}>
                        Mở
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <div className="ho-chat">
        {openId ? <ReportDetail key={openId} id={openId} canWrite={can.write} version={version} onChanged={() => reload()} /> : <p className="muted">Chọn một tin báo để xem chi tiết và cập nhật.</p>}
      </div>
    </div>
  );
}

function ReportDetail({ id, canWrite, version, onChanged }: { id: string; canWrite: boolean; version: number; onChanged: () => void }) {
  const [r, setR] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<ReportStatus | ''>('');
  const [noteForCitizen, setNoteForCitizen] = useState('');
  const [internalNote, setInternalNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    const c = new AbortController();
    assistantApi.report(id, c.signal).then(
      (x) => {
        setR(x);
        setError(null);
      },
      (e) => !c.signal.aborted && setError(errorMessage(e)),
    );
    return () => c.abort();
  }, [id, version]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const next = await assistantApi.updateReport(id, {
        ...(status ? { status } : {}),
        noteForCitizen: noteForCitizen.trim() || null,
        internalNote: internalNote.trim() || null,
      });
      setR(next);
      setStatus('');
      setNoteForCitizen('');
      setInternalNote('');
      setSaved(`Đã cập nhật tin báo ${next.trackingCode}: ${next.statusLabel}.`);
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (!r) return error ? <p className="alert alert-error" role="alert">{error}</p> : <p className="muted">Đang tải tin báo…</p>;

  return (
    <section className="rp" aria-label={`Tin báo ${r.trackingCode}`}>
      <p className="ho-conv-head">
        <strong>{r.trackingCode}</strong> · {capital(r.kindLabel)} · {r.statusLabel} · qua {CHANNEL_LABELS[r.channel] ?? r.channel}
      </p>
      <dl className="detail-fields">
        <dt>Sự việc</dt>
        <dd className="detail-desc">{r.what ?? <span className="muted">Không nêu</span>}</dd>
        <dt>Thời gian</dt>
        <dd>{r.when ?? r.happenedOn ?? <span className="muted">Không nêu</span>}</dd>
        <dt>Địa điểm</dt>
        <dd>{r.where ?? <span className="muted">Không nêu</span>}</dd>
        <dt>Đối tượng</dt>
        <dd>{r.who ?? <span className="muted">Không nêu</span>}</dd>
        <dt>Người báo</dt>
        <dd>
          {r.anonymous ? (
            'Ẩn danh'
          ) : (
            <>
              {r.contact?.text ?? <span className="muted">Không để lại tên</span>}
              {r.contact?.phone && (
                <>
                  {' · '}
                  <a href={`tel:${r.contact.phone.replace(/[^\d+]/g, '')}`}>{r.contact.phone}</a>
                </>
              )}
            </>
          )}
        </dd>
        {r.attachments && r.attachments.length > 0 && (
          <>
            <dt>Chứng cứ</dt>
            <dd>
              <ul className="link-list">
                {r.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={a.url}>{a.name}</a> <span className="muted small">({Math.ceil(a.sizeBytes / 1024)} KB)</span>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {r.history && r.history.length > 0 && (
        <ol className="timeline">
          {[...r.history].reverse().map((h) => (
            <li key={h.seq}>
              <time dateTime={h.at}>{dateTimeOf(h.at)}</time>
              <span className="tl-text">
                {h.statusLabel}
                {h.noteForCitizen && ` — gửi người dân: «${h.noteForCitizen}»`}
                {h.internalNote && ` — nội bộ: ${h.internalNote}`}
              </span>
              <span className="tl-actor">{h.by ? actorText(h.by) : 'Trợ lý ảo'}</span>
            </li>
          ))}
        </ol>
      )}
      {saved && (
        <p className="alert alert-success" role="status">
          {saved}
        </p>
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {canWrite && (
        <form className="cc-form" onSubmit={save}>
          <div className="cc-form-grid">
            <label>
              Chuyển trạng thái
              <select value={status} onChange={(e) => setStatus(e.target.value as ReportStatus | '')}>
                <option value="">Giữ nguyên ({r.statusLabel})</option>
                {r.allowedTransitions.map((s) => (
                  <option key={s} value={s}>
                    {REPORT_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Ghi chú nội bộ
              <input value={internalNote} onChange={(e) => setInternalNote(e.target.value)} maxLength={2000} />
            </label>
            <label className="span-2">
              Thông báo cho người dân (người dân đọc được khi tra cứu mã)
              <textarea value={noteForCitizen} onChange={(e) => setNoteForCitizen(e.target.value)} rows={2} maxLength={2000} />
            </label>
          </div>
          <button type="submit" className="btn btn-primary btn-sm" disabled={busy || (!status && !noteForCitizen.trim() && !internalNote.trim())}>
            Lưu cập nhật
          </button>
        </form>
      )}
    </section>
  );
}
