import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { errorMessage, type StaffUser } from '../../api.ts';
import { assistantApi, CHANNEL_LABELS, type ChatMessage, type Handoff } from './assistant-client.ts';
import { roleCan } from './can.ts';
import { clockDuration, timeOf } from './format.ts';
import { useLiveList } from './hooks.ts';
import type { LiveEvent } from './types.ts';
import { WardSelect } from './WardSelect.tsx';
import { useWards } from './wards.ts';

// The ward's conversation hand-off queue: citizens the assistant passed to a human. An officer takes one,
// answers in the same chat (the citizen sees it at once) and closes it; the assistant then resumes.

/** A new or changed hand-off re-reads the list; a message bumps the open conversation. */
const concernsHandoffs = (type: string) => type.startsWith('handoff.') || type === 'chat.message';

const ROLE_LABELS: Record<ChatMessage['role'], string> = { citizen: 'Người dân', assistant: 'Trợ lý ảo', officer: 'Cán bộ', system: 'Hệ thống' };

interface Props {
  user: StaffUser;
  subscribe: (h: (e: LiveEvent) => void) => () => void;
  /** The host's ticking clock: re-renders the waiting times every second. */
  nowMs: number;
}

export function HandoffsPanel({ user, subscribe }: Props) {
  const can = roleCan(user);
  // City roles (console) see every ward's queue and the city-level one, and may narrow it to a ward.
  const cityWide = can.scope === null;
  const { list: wards } = useWards();
  const [ward, setWard] = useState('');
  const [show, setShow] = useState<'open' | 'all'>('open');
  const [openId, setOpenId] = useState<string | null>(null);
  const loadedAt = useRef(Date.now());
  const fetchList = useCallback(
    (signal: AbortSignal) =>
      assistantApi.handoffs(show, signal, cityWide && ward ? ward : undefined).then((l) => {
        loadedAt.current = Date.now();
        return l;
      }),
    [show, cityWide, ward],
  );
  const { list, error, version, reload } = useLiveList(fetchList, subscribe, concernsHandoffs);

  const queued = list?.filter((h) => h.status === 'queued').length ?? 0;
  const waited = (h: Handoff) => (h.status === 'queued' ? h.waitingMs + Math.max(0, Date.now() - loadedAt.current) : h.waitingMs);

  return (
    <div className="ho">
      <div className="ho-list">
        <div className="toolbar">
          <span>
            Đang chờ: <strong>{queued}</strong>
          </span>
          {cityWide && <WardSelect wards={wards} value={ward} onChange={setWard} />}
          <label className="q-check">
            <input type="checkbox" checked={show === 'all'} onChange={(e) => setShow(e.target.checked ? 'all' : 'open')} /> Cả các cuộc đã kết thúc
          </label>
        </div>
        {error && (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        )}
        {list && list.length === 0 && <p className="muted">Không có cuộc trò chuyện nào đang chờ cán bộ.</p>}
        {list && list.length > 0 && (
          <div className="table-wrap">
            <table className="data data-compact">
              <thead>
                <tr>
                  <th scope="col">Chờ</th>
                  {cityWide && <th scope="col">Xã/phường</th>}
                  <th scope="col">Lý do</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Kênh</th>
                  <th scope="col">Tin nhắn</th>
                  <th scope="col">
                    <span className="visually-hidden">Thao tác</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((h) => (
                  <tr key={h.id} className={h.id === openId ? 'ho-open' : undefined} data-handoff={h.id}>
                    <td className={`ub-timer${h.status === 'queued' && waited(h) > 5 * 60_000 ? ' cell-bad' : ''}`}>{clockDuration(waited(h))}</td>
                    {cityWide && <td>{h.ward?.name ?? 'Cấp thành phố'}</td>}
                    <td>
                      {h.reasonLabel}
                      {h.report?.trackingCode && <span className="muted small"> · {h.report.trackingCode}</span>}
                    </td>
                    <td>
                      {h.statusLabel}
                      {h.takenBy && <span className="muted small"> ({h.takenBy})</span>}
                    </td>
                    <td>
                      {CHANNEL_LABELS[h.channel] ?? h.channel}
                      {h.language !== 'vi' && <span className="muted small"> · {h.language.toUpperCase()}</span>}
                    </td>
                    <td>{h.messageCount}</td>
                    <td>
                      <button type="button" className="btn btn-secondary btn-sm" onClick={() => setOpenId(h.id)} aria-label={`Mở cuộc trò chuyện (${h.reasonLabel}, ${h.statusLabel})`}>
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
        {openId ? (
          <Conversation key={openId} id={openId} me={user.username} canWrite={can.write} version={version} onChanged={() => reload()} />
        ) : (
          <p className="muted">Chọn một cuộc trò chuyện để đọc và trả lời người dân.</p>
        )}
      </div>
    </div>
  );
}

function Conversation({ id, me, canWrite, version, onChanged }: { id: string; me: string; canWrite: boolean; version: number; onChanged: () => void }) {
  const [h, setH] = useState<Handoff | null>(null);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [closeNote, setCloseNote] = useState('');
  const [busy, setBusy] = useState(false);
  const logRef = useRef<HTMLOListElement>(null);

  const reload = useCallback(() => {
    const c = new AbortController();
    assistantApi.handoff(id, c.signal).then(
      (r) => {
        setH(r.handoff);
        setMessages(r.messages);
        setError(null);
      },
      (e) => !c.signal.aborted && setError(errorMessage(e)),
    );
    return c;
  }, [id]);

  useEffect(() => {
    const c = reload();
    return () => c.abort();
  }, [reload, version]);

  useEffect(() => {
    logRef.current?.scrollTo({ top: logRef.current.scrollHeight });
  }, [messages.length]);

  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      reload();
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const send = (e: FormEvent) => {
    e.preventDefault();
    const t = text.trim();
    if (!t) return;
    void act(async () => {
      await assistantApi.reply(id, t);
      setText('');
    });
  };

  if (!h) return error ? <p className="alert alert-error" role="alert">{error}</p> : <p className="muted">Đang tải cuộc trò chuyện…</p>;
  const mine = h.status === 'taken' && h.takenBy === me;
  const canReply = canWrite && (h.status === 'queued' || mine);

  return (
    <section className="ho-conv" aria-label="Cuộc trò chuyện">
      <p className="ho-conv-head">
        <strong>{h.reasonLabel}</strong> · {h.statusLabel}
        {h.takenBy && ` (${h.takenBy})`} · yêu cầu lúc {timeOf(h.requestedAt)}
        {h.ward && ` · ${h.ward.name}`}
        {h.report?.trackingCode && ` · tin báo ${h.report.trackingCode}`}
      </p>
      <ol className="ho-log" ref={logRef} aria-live="polite">
        {messages.map((m) => (
          <li key={m.seq} className={`ho-msg ho-${m.role}`}>
            <span className="ho-who">
              {ROLE_LABELS[m.role]} · {timeOf(m.at)}
            </span>
            <span className="ho-text">{m.text}</span>
          </li>
        ))}
      </ol>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {canWrite && h.status === 'taken' && !mine && <p className="muted small">Cán bộ {h.takenBy} đang xử lý cuộc trò chuyện này.</p>}
      {canReply && (
        <form className="ho-reply" onSubmit={send}>
          <label className="visually-hidden" htmlFor={`reply-${id}`}>
            Trả lời người dân
          </label>
          <textarea id={`reply-${id}`} value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={2000} placeholder="Trả lời người dân (hiện ngay trong khung chat của người dân)" />
          <div className="button-row">
            <button type="submit" className="btn btn-primary btn-sm" disabled={busy || !text.trim()}>
              Gửi
            </button>
            {h.status === 'queued' && (
              <button type="button" className="btn btn-secondary btn-sm" disabled={busy} onClick={() => void act(() => assistantApi.take(id))}>
                Nhận xử lý
              </button>
            )}
            {mine && (
              <button
                type="button"
                className="btn btn-secondary btn-sm"
                disabled={busy}
                onClick={() =>
                  void act(async () => {
                    await assistantApi.close(id, closeNote.trim() || undefined);
                    setCloseNote('');
                  })
                }
              >
                Kết thúc hỗ trợ
              </button>
            )}
          </div>
          {mine && (
            <label className="ho-close-note">
              Ghi chú khi kết thúc (nội bộ, không bắt buộc)
              <input value={closeNote} onChange={(e) => setCloseNote(e.target.value)} maxLength={1000} placeholder="VD: đã hướng dẫn thủ tục, hẹn lên trụ sở" />
            </label>
          )}
        </form>
      )}
    </section>
  );
}
