import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { errorMessage, type StaffUser } from '../../api.ts';
import { Alert, Loading } from '../../components/Status.tsx';
import { alarmApi, FALSE_ALARM_REASONS, type ActiveAlarm, type ActiveList, type PremiseSummary, type Trouble } from './alarm-client.ts';
import { audioReady, beep, unlockAudio } from './beep.ts';
import './alarms.css';

/**
 * Active fire alarms and open troubles, live, for `/console` and `/ward` (the API scopes what a ward officer
 * sees). A new fire alarm beeps (Web Audio; mute toggle) and repeats every 30 s while unacknowledged.
 * Operators acknowledge, call the premise (contacts and zones shown), and record the outcome: confirmed fire
 * (the incident goes to "đã tiếp nhận" for dispatch) or false alarm with a reason.
 */
export interface AlarmPanelProps {
  /** The signed-in staff member; leaders read only. */
  user: StaffUser;
  /**
   * The host page's live channel (WebSocket `/api/v1/live`, scoped by the server): register a handler, get an
   * unsubscribe function. The panel reads `alarm.*` and `incident.updated`.
   */
  subscribe: (handler: (e: LiveEventLike) => void) => () => void;
  /** Opens an incident in the host page (e.g. the console's detail pane). */
  onOpenIncident?: (incidentId: string) => void;
  /** Fallback refresh period (default 30 s). */
  pollMs?: number;
}

interface LiveEventLike {
  type: string;
  payload: Record<string, unknown>;
}

const MUTE_KEY = 'binhyen.alarms.muted';
const REMIND_MS = 30_000;
const time = new Intl.DateTimeFormat('vi-VN', { timeStyle: 'medium', dateStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' });
const fmt = (iso: string | null) => (iso ? time.format(new Date(iso)) : '—');

const STATE_LABEL: Record<ActiveAlarm['state'], string> = {
  new: 'Mới – chưa tiếp nhận',
  acknowledged: 'Đã tiếp nhận, đang xác minh',
  restored: 'Thiết bị đã khôi phục, chờ xác minh',
  confirmed: 'Cháy thật – đã chuyển điều động',
  closed: 'Đã kết thúc',
};

function Premise({ p }: { p: PremiseSummary }) {
  const zones = Object.entries(p.zones);
  return (
    <div className="alarm-premise">
      <p className="alarm-premise-address">
        {p.address || <span className="muted">chưa có địa chỉ</span>}
        {p.wardUnresolved && <span className="tag tag-warn">chưa xác định xã/phường</span>}
      </p>
      {p.contacts.length > 0 ? (
        <ul className="alarm-contacts" aria-label="Người liên hệ của cơ sở">
          {p.contacts.map((c, i) => (
            <li key={i}>
              <strong>{c.name}</strong>
              {c.role && <span className="muted"> ({c.role})</span>}: <a href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>{c.phone}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Cơ sở chưa khai báo người liên hệ.</p>
      )}
      {zones.length > 0 && (
        <details>
          <summary>Danh sách vùng ({zones.length})</summary>
          <ul className="alarm-zone-list">
            {zones.map(([z, d]) => (
              <li key={z}>
                Vùng {z}: {d}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function FalseAlarmForm({ account, onDone, onCancel }: { account: string; onDone: () => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason) return setError('Vui lòng chọn lý do báo cháy giả.');
    if (reason === 'other' && !note.trim()) return setError('Vui lòng ghi rõ lý do khi chọn «Khác».');
    setBusy(true);
    setError(null);
    try {
      await alarmApi.verify(account, { outcome: 'false_alarm', reason, ...(note.trim() ? { note: note.trim() } : {}) });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }
  return (
    <form className="alarm-false-form" onSubmit={submit} aria-label="Ghi nhận báo cháy giả">
      {error && <Alert kind="error">{error}</Alert>}
      <div className="field">
        <label htmlFor={`${id}-r`}>Lý do</label>
        <select id={`${id}-r`} value={reason} onChange={(e) => setReason(e.target.value)} required>
          <option value="">— Chọn lý do —</option>
          {FALSE_ALARM_REASONS.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-n`}>Ghi chú (nội dung cuộc gọi xác minh)</label>
        <input id={`${id}-n`} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} autoComplete="off" />
      </div>
      <div className="button-row">
        <button type="submit" className="btn btn-primary btn-sm" disabled={busy}>
          {busy ? 'Đang ghi…' : 'Ghi nhận báo giả, đóng sự việc'}
        </button>
        <button type="button" className="btn btn-secondary btn-sm" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

function AlarmCard({ a, canAct, onChanged, onOpenIncident }: { a: ActiveAlarm; canAct: boolean; onChanged: () => void; onOpenIncident?: (id: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [falseForm, setFalseForm] = useState(false);
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={`alarm-card alarm-state-${a.state}`}>
      <div className="alarm-card-head">
        <svg className="alarm-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
          <path fill="currentColor" d="M12 2c1 3.5-1.5 5-1.5 7.5 0 1.2.8 2.2 2 2.2 1.4 0 2.2-1.2 1.8-3C17 10.5 19 13 19 16a7 7 0 0 1-14 0c0-3.8 2.6-6 4.2-8.3C10.4 6 11.6 4.3 12 2z" />
        </svg>
        <div>
          <h4 className="alarm-title">
            {a.premise.name || a.account} <span className="muted">· tài khoản {a.account}</span>
            {a.premise.isDemo && <span className="tag">DEMO</span>}
          </h4>
          <p className="alarm-meta">
            <span className={`badge alarm-badge-${a.state}`}>{STATE_LABEL[a.state]}</span> · từ {fmt(a.openedAt)} · {a.eventCount} tín hiệu
            {a.restoredAt && <> · khôi phục lúc {fmt(a.restoredAt)}</>}
            {a.acknowledgedBy && <> · tiếp nhận: {a.acknowledgedBy}</>}
          </p>
        </div>
      </div>
      <p className="alarm-zones">
        {a.zones.length
          ? a.zones.map((z) => (
              <span key={z.zone} className="alarm-zone">
                Vùng {z.zone}
                {z.description ? `: ${z.description}` : ''}
              </span>
            ))
          : 'Không rõ vùng'}
      </p>
      <Premise p={a.premise} />
      <p className="alarm-meta">
        Báo cháy giả trước đây: <strong>{a.premise.falseAlarms}</strong> lần · cháy thật đã xác minh: {a.premise.confirmedFires} lần
        {a.incident && (
          <>
            {' · '}sự việc{' '}
            {onOpenIncident ? (
              <button type="button" className="btn-link" onClick={() => onOpenIncident(a.incident!.id)}>
                {a.incident.code}
              </button>
            ) : (
              <strong>{a.incident.code}</strong>
            )}{' '}
            ({a.incident.statusLabel})
          </>
        )}
      </p>
      {error && <Alert kind="error">{error}</Alert>}
      {canAct && !falseForm && (
        <div className="button-row">
          {!a.acknowledgedAt && (
            <button type="button" className="btn btn-secondary btn-sm" disabled={busy} onClick={() => act(() => alarmApi.acknowledgeEvent(a.firstEventId))}>
              Tiếp nhận
            </button>
          )}
          {a.outcome !== 'confirmed' && (
            <button type="button" className="btn btn-primary btn-sm" disabled={busy} onClick={() => act(() => alarmApi.verify(a.account, { outcome: 'confirmed' }))}>
              Cháy thật – điều động
            </button>
          )}
          <button type="button" className="btn btn-secondary btn-sm" disabled={busy} onClick={() => setFalseForm(true)}>
            Báo cháy giả…
          </button>
        </div>
      )}
      {canAct && falseForm && <FalseAlarmForm account={a.account} onCancel={() => setFalseForm(false)} onDone={onChanged} />}
    </li>
  );
}

function TroubleRow({ t, canAct, onChanged }: { t: Trouble; canAct: boolean; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <tr>
      <th scope="row">
        {t.premise.name || t.account}
        <div className="muted">tài khoản {t.account}</div>
      </th>
      <td>
        <strong>{t.kindLabel}</strong>
        {t.code && <div className="muted">{t.codeDescriptionVi ?? t.codeDescription ?? t.code}</div>}
      </td>
      <td>{t.zone ? `${t.zone}${t.zoneDescription ? ` – ${t.zoneDescription}` : ''}` : '—'}</td>
      <td className="nowrap">
        {fmt(t.openedAt)}
        {t.eventCount > 1 && <div className="muted">lặp lại {t.eventCount} lần</div>}
      </td>
      <td>
        {t.acknowledgedBy ? (
          <span className="muted">Đã tiếp nhận: {t.acknowledgedBy}</span>
        ) : canAct ? (
          <button
            type="button"
            className="btn btn-secondary btn-sm"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await alarmApi.acknowledgeTrouble(t.id);
                onChanged();
              } catch (err) {
                setError(errorMessage(err));
              } finally {
                setBusy(false);
              }
            }}
          >
            Tiếp nhận
          </button>
        ) : (
          '—'
        )}
        {error && <div className="hint-error">{error}</div>}
      </td>
    </tr>
  );
}

export function AlarmPanel({ user, subscribe, onOpenIncident, pollMs = 30_000 }: AlarmPanelProps) {
  const [list, setList] = useState<ActiveList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [muted, setMuted] = useState(() => {
    try {
      return localStorage.getItem(MUTE_KEY) === '1';
    } catch {
      return false;
    }
  });
  const [soundOk, setSoundOk] = useState(audioReady());
  const mutedRef = useRef(muted);
  mutedRef.current = muted;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const canAct = user.role !== 'leader';

  const load = useCallback(async () => {
    try {
      setList(await alarmApi.active());
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);
  const reload = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void load(), 250);
  }, [load]);

  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), pollMs);
    return () => clearInterval(t);
  }, [load, pollMs]);

  const onEvent = useCallback(
    (e: LiveEventLike) => {
      if (!e.type.startsWith('alarm.') && e.type !== 'incident.updated') return;
      // A new fire alarm (one beep per premise alarm, not per signal); an unregistered account's fire signal
      // opens no alarm, so it beeps on reception (city-wide staff only receive those).
      const fire =
        (e.type === 'alarm.updated' && e.payload.change === 'opened') ||
        (e.type === 'alarm.received' && e.payload.handling === 'fire' && e.payload.knownAccount === false);
      if (fire && !mutedRef.current) beep();
      reload();
    },
    [reload],
  );
  useEffect(() => subscribe(onEvent), [subscribe, onEvent]);

  // Reminder while a fire alarm waits for someone to take it.
  const waiting = list?.alarms.some((a) => a.state === 'new') ?? false;
  useEffect(() => {
    if (!waiting || muted) return;
    const t = setInterval(() => beep(), REMIND_MS);
    return () => clearInterval(t);
  }, [waiting, muted]);

  const toggleMute = () => {
    unlockAudio();
    setSoundOk(true);
    const next = !muted;
    setMuted(next);
    try {
      localStorage.setItem(MUTE_KEY, next ? '1' : '0');
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  };

  return (
    <div
      className="alarm-panel"
      onClickCapture={() => {
        // The first click allows sound (browser autoplay rule). On click, not pointer-down: hiding the hint
        // between pointer-down and pointer-up would move the button away from under the pointer.
        unlockAudio();
        setSoundOk(true);
      }}
    >
      <div className="alarm-toolbar">
        <p role="status" className="alarm-counts">
          {list ? (
            <>
              <strong>{list.alarms.length}</strong> báo cháy đang xử lý · <strong>{list.troubles.length}</strong> sự cố kỹ thuật đang mở
            </>
          ) : (
            'Đang tải…'
          )}
        </p>
        <button type="button" className="btn btn-secondary btn-sm" aria-pressed={muted} onClick={toggleMute}>
          {muted ? 'Âm báo: đang tắt – bật lại' : 'Âm báo: đang bật – tắt tiếng'}
        </button>
        <button type="button" className="btn btn-secondary btn-sm" onClick={() => void load()}>
          Làm mới
        </button>
      </div>
      {!muted && !soundOk && <p className="hint">Trình duyệt chỉ phát âm báo sau lần bấm đầu tiên trên trang: hãy bấm vào bảng này một lần.</p>}
      {error && <Alert kind="error">{error}</Alert>}
      {!list && !error && <Loading label="Đang tải báo cháy…" />}
      {list && (
        <>
          <h3 className="alarm-h">Báo cháy</h3>
          {list.alarms.length === 0 ? (
            <p className="muted">Không có báo cháy nào đang xử lý.</p>
          ) : (
            <ul className="alarm-list" aria-live="polite">
              {list.alarms.map((a) => (
                <AlarmCard key={a.id} a={a} canAct={canAct} onChanged={reload} onOpenIncident={onOpenIncident} />
              ))}
            </ul>
          )}
          <h3 className="alarm-h">Sự cố kỹ thuật (mất điện, ắc quy, đường truyền, mất kết nối…)</h3>
          {list.troubles.length === 0 ? (
            <p className="muted">Không có sự cố kỹ thuật nào đang mở.</p>
          ) : (
            <div className="table-wrap table-scroll" tabIndex={0} role="region" aria-label="Sự cố kỹ thuật đang mở">
              <table className="data data-compact">
                <thead>
                  <tr>
                    <th scope="col">Cơ sở</th>
                    <th scope="col">Sự cố</th>
                    <th scope="col">Vùng</th>
                    <th scope="col">Từ lúc</th>
                    <th scope="col">Tiếp nhận</th>
                  </tr>
                </thead>
                <tbody>
                  {list.troubles.map((t) => (
                    <TroubleRow key={t.id} t={t} canAct={canAct} onChanged={reload} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {list.unregistered.length > 0 && (
            <>
              <h3 className="alarm-h">Tín hiệu từ tài khoản chưa đăng ký (7 ngày qua)</h3>
              <ul className="alarm-unregistered">
                {list.unregistered.map((u) => (
                  <li key={u.account}>
                    <strong>{u.account}</strong> – {u.label}: {u.events} tín hiệu, gần nhất {fmt(u.lastAt)} (mã {u.lastCode})
                    {u.fire && <span className="tag tag-warn">có tín hiệu báo cháy</span>}
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
