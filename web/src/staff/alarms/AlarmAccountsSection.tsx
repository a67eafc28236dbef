import { useEffect, useId, useMemo, useState } from 'react';
import { api, errorMessage, type Ward } from '../../api.ts';
import { Alert, Loading } from '../../components/Status.tsx';
import { fold } from '../../wards/ward-text.ts';
import { AccountForm } from './AccountForm.tsx';
import { alarmApi, FALSE_ALARM_REASONS, type AccountStats, type AlarmAccount } from './alarm-client.ts';
import './alarms.css';

// Admin page section `#alarm-accounts`: monitored premises (alarm accounts) — list, declare, edit, enable or
// disable, rotate the key, and each premise's counters (false alarms per reason, confirmed fires).

const time = new Intl.DateTimeFormat('vi-VN', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' });
const fmt = (iso: string | null) => (iso ? time.format(new Date(iso)) : '—');
const reasonLabel = (id: string) => FALSE_ALARM_REASONS.find((r) => r.id === id)?.label ?? id;

function Stats({ account }: { account: string }) {
  const [s, setS] = useState<AccountStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const c = new AbortController();
    alarmApi.stats(account, c.signal).then(setS, (e) => !c.signal.aborted && setError(errorMessage(e)));
    return () => c.abort();
  }, [account]);
  if (error) return <Alert kind="error">{error}</Alert>;
  if (!s) return <Loading label="Đang tải thống kê…" />;
  const reasons = Object.entries(s.falseAlarms.byReason);
  return (
    <dl className="facts alarm-stats">
      <dt>Báo cháy giả</dt>
      <dd>
        {s.falseAlarms.total} lần (30 ngày qua: {s.falseAlarms.last30Days}){reasons.length > 0 && ` — ${reasons.map(([r, n]) => `${reasonLabel(r)}: ${n}`).join(', ')}`}
      </dd>
      <dt>Cháy thật đã xác minh</dt>
      <dd>{s.confirmedFires}</dd>
      <dt>Số lần báo cháy</dt>
      <dd>
        {s.fireAlarms.total} (30 ngày qua: {s.fireAlarms.last30Days}; gần nhất: {fmt(s.fireAlarms.lastAt)})
      </dd>
      <dt>Sự cố kỹ thuật</dt>
      <dd>
        đang mở {s.troubles.open} / tổng {s.troubles.total}
      </dd>
      <dt>Tín hiệu gần nhất</dt>
      <dd>{fmt(s.lastSeenAt)}</dd>
    </dl>
  );
}

export function AlarmAccountsSection() {
  const [accounts, setAccounts] = useState<AlarmAccount[] | null>(null);
  const [wards, setWards] = useState<Ward[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [onlyUnresolved, setOnlyUnresolved] = useState(false);
  const [editing, setEditing] = useState<AlarmAccount | 'new' | null>(null);
  const [statsOf, setStatsOf] = useState<string | null>(null);
  const filterId = useId();

  useEffect(() => {
    const c = new AbortController();
    alarmApi.accounts({}, c.signal).then(setAccounts, (e) => !c.signal.aborted && setError(errorMessage(e)));
    api.wards(c.signal).then(setWards, () => undefined);
    return () => c.abort();
  }, []);

  const wardName = useMemo(() => new Map(wards.map((w) => [w.code, w.name])), [wards]);
  const shown = useMemo(() => {
    const f = fold(filter);
    return (accounts ?? []).filter((a) => (!onlyUnresolved || a.premise.wardUnresolved) && (!f || fold(`${a.account} ${a.premise.name} ${a.premise.address}`).includes(f)));
  }, [accounts, filter, onlyUnresolved]);

  const saved = (a: AlarmAccount, created: boolean) => {
    setAccounts((list) => (created ? [...(list ?? []), a].sort((x, y) => x.account.localeCompare(y.account)) : (list ?? []).map((x) => (x.account === a.account ? a : x))));
    setEditing(null);
    setNotice(
      `${created ? 'Đã khai báo' : 'Đã cập nhật'} tài khoản ${a.account}.${a.premise.wardUnresolved ? ' Chưa xác định được xã/phường của cơ sở: vui lòng chọn xã/phường hoặc nhập tọa độ.' : ''}`,
    );
  };

  const toggle = async (a: AlarmAccount) => {
    try {
      saved(await alarmApi.updateAccount(a.account, { enabled: !a.enabled }), false);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <>
      <div aria-live="polite">{notice && <Alert kind="success">{notice}</Alert>}</div>
      {error && <Alert kind="error">{error}</Alert>}
      {!accounts && !error && <Loading label="Đang tải danh sách tài khoản báo cháy…" />}
      {editing && (
        <AccountForm key={editing === 'new' ? 'new' : editing.account} wards={wards} existing={editing === 'new' ? null : editing} onCancel={() => setEditing(null)} onSaved={(a) => saved(a, editing === 'new')} />
      )}
      {accounts && (
        <>
          <div className="toolbar">
            <div className="field field-inline">
              <label htmlFor={filterId}>Tìm</label>
              <input id={filterId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Mã tài khoản, tên hoặc địa chỉ cơ sở" autoComplete="off" />
            </div>
            <label className="alarm-check">
              <input type="checkbox" checked={onlyUnresolved} onChange={(e) => setOnlyUnresolved(e.target.checked)} /> Chỉ cơ sở chưa xác định xã/phường
            </label>
            <button type="button" className="btn btn-primary btn-sm" onClick={() => setEditing('new')}>
              Khai báo tài khoản mới
            </button>
            <p className="muted" role="status">
              {shown.length}/{accounts.length} tài khoản
            </p>
          </div>
          <div className="table-wrap table-scroll" tabIndex={0} role="region" aria-label="Bảng tài khoản báo cháy">
            <table className="data data-compact">
              <caption className="visually-hidden">Tài khoản thiết bị báo cháy và cơ sở được giám sát</caption>
              <thead>
                <tr>
                  <th scope="col">Tài khoản</th>
                  <th scope="col">Cơ sở</th>
                  <th scope="col">Xã/phường</th>
                  <th scope="col">Mã hóa</th>
                  <th scope="col">Định kỳ</th>
                  <th scope="col">Tín hiệu gần nhất</th>
                  <th scope="col">Báo giả</th>
                  <th scope="col">Thao tác</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((a) => (
                  <tr key={a.account} className={a.enabled ? undefined : 'row-disabled'}>
                    <th scope="row" className="nowrap">
                      {a.account}
                      {!a.enabled && <span className="tag tag-off">đã tắt</span>}
                      {a.isDemo && <span className="tag">DEMO</span>}
                    </th>
                    <td>
                      {a.premise.name}
                      <div className="muted">{a.premise.address}</div>
                      <div className="muted">
                        {a.premise.contacts.length} người liên hệ · {Object.keys(a.premise.zones).length} vùng
                      </div>
                    </td>
                    <td>{a.premise.wardCode ? (a.premise.wardName ?? wardName.get(a.premise.wardCode) ?? a.premise.wardCode) : <span className="tag tag-warn">chưa xác định xã/phường</span>}</td>
                    <td>{a.hasKey ? `AES (${a.keyFormat})` : 'không'}</td>
                    <td>{a.heartbeatIntervalS ? `${a.heartbeatIntervalS} giây` : '—'}</td>
                    <td className="nowrap">{fmt(a.lastSeenAt)}</td>
                    <td>{a.falseAlarms}</td>
                    <td className="actions">
                      <button type="button" className="btn btn-secondary btn-sm" onClick={() => setEditing(a)} aria-label={`Sửa tài khoản ${a.account}`}>
                        Sửa
                      </button>
                      <button type="button" className="btn btn-secondary btn-sm" onClick={() => toggle(a)}>
                        {a.enabled ? 'Tắt' : 'Bật'}
                      </button>
                      <button type="button" className="btn btn-secondary btn-sm" aria-expanded={statsOf === a.account} onClick={() => setStatsOf(statsOf === a.account ? null : a.account)}>
                        Thống kê
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {statsOf && (
            <div className="card">
              <h3 className="card-title">Thống kê tài khoản {statsOf}</h3>
              <Stats account={statsOf} />
            </div>
          )}
        </>
      )}
    </>
  );
}
