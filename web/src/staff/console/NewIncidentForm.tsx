import { useState, type FormEvent } from 'react';
import { errorMessage, type Ward } from '../../api.ts';
import { DEFAULT_PRIORITY, INCIDENT_TYPE_LABELS, INCIDENT_TYPES, PRIORITY_LABELS } from '../../../../src/dispatch/model.ts';
import { dispatchApi, type NewIncidentInput } from './client.ts';
import type { Incident, IncidentType } from './types.ts';

interface Props {
  wards: Ward[];
  /** A ward officer's ward: fixed, and the source is recorded as the ward's own report. */
  fixedWard: string | null;
  onCreated: (i: Incident) => void;
}

const num = (s: string) => {
  const t = s.trim().replace(',', '.');
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : NaN;
};

/** Manual incident entry (a call taken by phone, a walk-in report, a ward's own report). */
export function NewIncidentForm({ wards, fixedWard, onCreated }: Props) {
  const [type, setType] = useState<IncidentType>('fire');
  const [priority, setPriority] = useState<string>('');
  const [source, setSource] = useState<'call' | 'manual'>('call');
  const [ward, setWard] = useState(fixedWard ?? '');
  const [address, setAddress] = useState('');
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [reporter, setReporter] = useState('');
  const [phone, setPhone] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [approx, setApprox] = useState(false);

  const wardObj = wards.find((w) => w.code === (fixedWard ?? ward));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const la = num(lat);
    const lo = num(lon);
    if (Number.isNaN(la) || Number.isNaN(lo) || (la === null) !== (lo === null)) {
      setError('Toạ độ chưa hợp lệ: cần cả vĩ độ và kinh độ, dạng số thập phân (ví dụ 21.0285 và 105.8542).');
      return;
    }
    if (!address.trim() && la === null && !(fixedWard ?? ward)) {
      setError('Vui lòng nhập địa chỉ, toạ độ hoặc chọn xã/phường để xác định nơi xảy ra sự việc.');
      return;
    }
    const input: NewIncidentInput = {
      type,
      ...(priority ? { priority: Number(priority) } : {}),
      ...(fixedWard ? {} : { source }),
      wardCode: (fixedWard ?? ward) || null,
      lat: la,
      lon: lo,
      addressText: [address.trim(), approx ? '(vị trí trên bản đồ: điểm đại diện của xã/phường, gần đúng)' : ''].filter(Boolean).join(' ') || null,
      description: description.trim() || null,
      reporterName: reporter.trim() || null,
      callbackPhone: phone.trim() || null,
    };
    setBusy(true);
    try {
      onCreated(await dispatchApi.create(input));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="cc-form" onSubmit={submit} noValidate>
      <div className="cc-form-grid">
        <label>
          Loại sự việc
          <select value={type} onChange={(e) => setType(e.target.value as IncidentType)} autoFocus>
            {INCIDENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {INCIDENT_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Mức ưu tiên
          <select value={priority} onChange={(e) => setPriority(e.target.value)}>
            <option value="">Theo loại ({DEFAULT_PRIORITY[type]} – {PRIORITY_LABELS[DEFAULT_PRIORITY[type]]})</option>
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={String(n)}>
                {n} – {PRIORITY_LABELS[n]}
              </option>
            ))}
          </select>
        </label>
        {!fixedWard && (
          <label>
            Nguồn tin
            <select value={source} onChange={(e) => setSource(e.target.value as 'call' | 'manual')}>
              <option value="call">Cuộc gọi</option>
              <option value="manual">Điều phối viên nhập (nguồn khác)</option>
            </select>
          </label>
        )}
        <label>
          Xã/phường
          {fixedWard ? (
            <input value={wardObj?.name ?? fixedWard} readOnly aria-readonly="true" />
          ) : (
            <select value={ward} onChange={(e) => setWard(e.target.value)}>
              <option value="">Xác định theo địa chỉ/toạ độ</option>
              {wards.map((w) => (
                <option key={w.code} value={w.code}>
                  {w.name}
                </option>
              ))}
            </select>
          )}
        </label>
        <label className="span-2">
          Địa chỉ, mô tả vị trí
          <input value={address} onChange={(e) => setAddress(e.target.value)} maxLength={500} placeholder="Số nhà, ngõ, đường; địa danh gần đó" />
        </label>
        <label>
          Vĩ độ
          <input value={lat} onChange={(e) => { setLat(e.target.value); setApprox(false); }} inputMode="decimal" placeholder="21.0285" />
        </label>
        <label>
          Kinh độ
          <input value={lon} onChange={(e) => { setLon(e.target.value); setApprox(false); }} inputMode="decimal" placeholder="105.8542" />
        </label>
        {wardObj?.lat != null && wardObj.lon != null && (
          <p className="span-2 hint">
            Chưa có toạ độ chính xác?{' '}
            <button
              type="button"
              className="btn-link"
              onClick={() => {
                setLat(String(wardObj.lat));
                setLon(String(wardObj.lon));
                setApprox(true);
              }}
            >
              Dùng điểm đại diện của {wardObj.name} (gần đúng)
            </button>{' '}
            để có gợi ý lực lượng; hãy sửa lại khi biết vị trí thật.
          </p>
        )}
        <label>
          Người báo tin
          <input value={reporter} onChange={(e) => setReporter(e.target.value)} maxLength={200} autoComplete="off" />
        </label>
        <label>
          Số điện thoại gọi lại
          <input value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" maxLength={20} autoComplete="off" />
        </label>
        <label className="span-2">
          Nội dung
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} maxLength={4000} />
        </label>
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Đang tạo…' : 'Tạo sự việc'}
        </button>
      </div>
    </form>
  );
}
