import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, errorMessage, type PoliceUnit } from '../api.ts';
import { Alert, Loading } from '../components/Status.tsx';
import { fold } from '../wards/ward-text.ts';

const time = new Intl.DateTimeFormat('vi-VN', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' });

function EditPoliceUnit({ unit, onSaved, onCancel }: { unit: PoliceUnit; onSaved: (u: PoliceUnit) => void; onCancel: () => void }) {
  const [address, setAddress] = useState(unit.address ?? '');
  const [phone, setPhone] = useState(unit.phone ?? '');
  const [note, setNote] = useState(unit.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => first.current?.focus(), []);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const value = (s: string) => (s.trim() ? s.trim() : null);
    try {
      onSaved(await api.updatePoliceUnit(unit.id, { address: value(address), phone: value(phone), note: value(note) }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="card-title">
        Cập nhật liên hệ: {unit.name}
      </h3>
      <p className="hint">Chỉ nhập thông tin đã được xác nhận chính thức. Người dân sẽ thấy địa chỉ và số điện thoại này khi tra cứu; để trống nếu chưa rõ.</p>
      {error && <Alert kind="error">{error}</Alert>}
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-a`}>Địa chỉ trụ sở công an</label>
          <input ref={first} id={`${id}-a`} value={address} onChange={(e) => setAddress(e.target.value)} maxLength={300} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-p`}>Số điện thoại trực ban</label>
          <input id={`${id}-p`} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={20} autoComplete="off" inputMode="tel" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-n`}>Ghi chú nội bộ</label>
          <input id={`${id}-n`} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} autoComplete="off" />
        </div>
      </div>
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Đang lưu…' : 'Lưu'}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

/** Admin: contact details of the city police and the 126 ward police units (shown to citizens when known). */
export function PoliceUnitsSection() {
  const [units, setUnits] = useState<PoliceUnit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<PoliceUnit | null>(null);
  const filterId = useId();

  useEffect(() => {
    const c = new AbortController();
    api.policeUnits(c.signal).then(setUnits, (e) => !c.signal.aborted && setError(errorMessage(e)));
    return () => c.abort();
  }, []);

  const shown = useMemo(() => {
    const f = fold(filter);
    return (units ?? []).filter((u) => !f || fold(u.name).includes(f));
  }, [units, filter]);
  const known = units?.filter((u) => u.address || u.phone).length ?? 0;

  return (
    <>
      <div aria-live="polite">{notice && <Alert kind="success">{notice}</Alert>}</div>
      {error && <Alert kind="error">{error}</Alert>}
      {!units && !error && <Loading label="Đang tải danh sách đơn vị công an…" />}
      {units && (
        <>
          <div className="toolbar">
            <div className="field field-inline">
              <label htmlFor={filterId}>Lọc theo tên</label>
              <input id={filterId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="VD: Hoàn Kiếm" autoComplete="off" />
            </div>
            <p className="muted" role="status">
              Đã có liên hệ: {known}/{units.length} đơn vị
            </p>
          </div>
          {editing && (
            <EditPoliceUnit
              key={editing.id}
              unit={editing}
              onCancel={() => setEditing(null)}
              onSaved={(u) => {
                setUnits((list) => list?.map((x) => (x.id === u.id ? u : x)) ?? null);
                setEditing(null);
                setNotice(`Đã cập nhật liên hệ của ${u.name}.`);
              }}
            />
          )}
          <div className="table-wrap table-scroll" tabIndex={0} role="region" aria-label="Bảng đơn vị công an">
            <table className="data data-compact">
              <caption className="visually-hidden">Đơn vị công an và thông tin liên hệ</caption>
              <thead>
                <tr>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Địa chỉ</th>
                  <th scope="col">Điện thoại</th>
                  <th scope="col">Cập nhật</th>
                  <th scope="col">Thao tác</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">
                      {u.name}
                      {u.isDemo && <span className="tag">minh họa</span>}
                    </th>
                    <td>{u.address ?? <span className="muted">chưa cập nhật</span>}</td>
                    <td className="nowrap">{u.phone ?? <span className="muted">chưa cập nhật</span>}</td>
                    <td className="nowrap">{u.updatedBy ? `${u.updatedBy}, ${time.format(new Date(u.updatedAt))}` : '—'}</td>
                    <td>
                      <button type="button" className="btn btn-secondary btn-sm" onClick={() => setEditing(u)} aria-label={`Sửa liên hệ của ${u.name}`}>
                        Sửa
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
