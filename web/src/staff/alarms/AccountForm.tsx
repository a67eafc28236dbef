import { useId, useState, type FormEvent } from 'react';
import { errorMessage, type Ward } from '../../api.ts';
import { Alert } from '../../components/Status.tsx';
import { alarmApi, type AlarmAccount, type AccountInput, type Contact } from './alarm-client.ts';

// Create or edit one alarm account (premise, contacts, zones, heartbeat, key). The key is write-only: the
// server never sends it back, so the form offers "đổi khóa" / "bỏ khóa" instead of showing it.

type ZoneRow = { zone: string; description: string };

const num = (s: string) => (s.trim() === '' ? null : Number(s.replace(',', '.')));

export function AccountForm({ wards, existing, onSaved, onCancel }: { wards: Ward[]; existing: AlarmAccount | null; onSaved: (a: AlarmAccount) => void; onCancel: () => void }) {
  const p = existing?.premise;
  const [account, setAccount] = useState(existing?.account ?? '');
  const [receiver, setReceiver] = useState(existing?.receiver ?? '');
  const [line, setLine] = useState(existing?.line ?? '');
  const [keyMode, setKeyMode] = useState<'keep' | 'set' | 'remove'>(existing ? 'keep' : 'set');
  const [key, setKey] = useState('');
  const [keyFormat, setKeyFormat] = useState<'hex' | 'ascii'>(existing?.keyFormat ?? 'hex');
  const [name, setName] = useState(p?.name ?? '');
  const [address, setAddress] = useState(p?.address ?? '');
  const [wardCode, setWardCode] = useState(p?.wardSource === 'code' ? (p.wardCode ?? '') : '');
  const [lat, setLat] = useState(p?.lat != null ? String(p.lat) : '');
  const [lon, setLon] = useState(p?.lon != null ? String(p.lon) : '');
  const [heartbeat, setHeartbeat] = useState(existing?.heartbeatIntervalS != null ? String(existing.heartbeatIntervalS) : '');
  const [enabled, setEnabled] = useState(existing?.enabled ?? true);
  const [contacts, setContacts] = useState<Contact[]>(p?.contacts ?? []);
  const [zones, setZones] = useState<ZoneRow[]>(Object.entries(p?.zones ?? {}).map(([zone, description]) => ({ zone, description })));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const la = num(lat);
    const lo = num(lon);
    if ((la === null) !== (lo === null) || (la !== null && (Number.isNaN(la) || Number.isNaN(lo!)))) return setError('Vui lòng nhập đủ cả vĩ độ và kinh độ (số thập phân), hoặc bỏ trống cả hai.');
    const hb = heartbeat.trim() ? Number(heartbeat) : null;
    if (hb !== null && (!Number.isInteger(hb) || hb < 10)) return setError('Chu kỳ tín hiệu định kỳ phải là số giây nguyên, tối thiểu 10.');
    const zoneMap = Object.fromEntries(zones.filter((z) => z.zone.trim() && z.description.trim()).map((z) => [z.zone.trim(), z.description.trim()]));
    const cleanContacts = contacts.filter((c) => c.name.trim() || c.phone.trim()).map((c) => ({ name: c.name.trim(), phone: c.phone.trim(), role: c.role?.trim() || null }));
    const premise = { name: name.trim(), address: address.trim(), lat: la, lon: lo, contacts: cleanContacts, zones: zoneMap, ...(wardCode ? { wardCode } : existing?.premise.wardSource === 'code' ? { wardCode: null } : {}) };
    const body: AccountInput = {
      receiver: receiver.trim() || null,
      line: line.trim() || null,
      heartbeatIntervalS: hb,
      enabled,
      premise,
      ...(keyMode === 'set' && key ? { key, keyFormat } : keyMode === 'remove' ? { key: null } : {}),
    };
    setBusy(true);
    try {
      const saved = existing
        ? await alarmApi.updateAccount(existing.account, body)
        : await alarmApi.createAccount({ ...body, account: account.trim(), premise: { ...premise, name: premise.name, address: premise.address } });
      onSaved(saved);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form className="card alarm-account-form" onSubmit={submit} aria-labelledby={`${id}-t`}>
      <h3 id={`${id}-t`} className="card-title">
        {existing ? `Sửa tài khoản ${existing.account}` : 'Khai báo tài khoản thiết bị báo cháy'}
      </h3>
      {error && <Alert kind="error">{error}</Alert>}
      <fieldset>
        <legend>Thiết bị (SIA DC-09)</legend>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-a`}>Mã tài khoản (3–16 chữ số hex)</label>
            <input id={`${id}-a`} value={account} onChange={(e) => setAccount(e.target.value)} required disabled={Boolean(existing)} pattern="[0-9A-Fa-f]{3,16}" autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-r`}>Số máy thu (R, tùy chọn)</label>
            <input id={`${id}-r`} value={receiver} onChange={(e) => setReceiver(e.target.value)} pattern="[0-9A-Fa-f]{1,6}" autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-l`}>Tiền tố tài khoản (L, tùy chọn)</label>
            <input id={`${id}-l`} value={line} onChange={(e) => setLine(e.target.value)} pattern="[0-9A-Fa-f]{1,6}" autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-h`}>Chu kỳ tín hiệu định kỳ (giây; bỏ trống nếu không giám sát)</label>
            <input id={`${id}-h`} value={heartbeat} onChange={(e) => setHeartbeat(e.target.value)} inputMode="numeric" autoComplete="off" />
          </div>
        </div>
        <div className="form-grid">
          {existing && (
            <div className="field">
              <label htmlFor={`${id}-km`}>Khóa mã hóa AES {existing.hasKey ? `(đang có, dạng ${existing.keyFormat})` : '(chưa có)'}</label>
              <select id={`${id}-km`} value={keyMode} onChange={(e) => setKeyMode(e.target.value as typeof keyMode)}>
                <option value="keep">Giữ nguyên</option>
                <option value="set">Đổi khóa mới</option>
                {existing.hasKey && <option value="remove">Bỏ khóa (chỉ nhận tín hiệu không mã hóa)</option>}
              </select>
            </div>
          )}
          {keyMode === 'set' && (
            <>
              <div className="field">
                <label htmlFor={`${id}-k`}>Khóa {existing ? 'mới' : '(bỏ trống nếu thiết bị không mã hóa)'}</label>
                <input id={`${id}-k`} value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" spellCheck={false} type="password" />
                <p className="hint">Hex: 32, 48 hoặc 64 chữ số (AES-128/192/256). ASCII: 16, 24 hoặc 32 ký tự. Khóa không bao giờ được hiển thị lại.</p>
              </div>
              <div className="field">
                <label htmlFor={`${id}-kf`}>Dạng khóa</label>
                <select id={`${id}-kf`} value={keyFormat} onChange={(e) => setKeyFormat(e.target.value as 'hex' | 'ascii')}>
                  <option value="hex">hex</option>
                  <option value="ascii">ascii</option>
                </select>
              </div>
            </>
          )}
          <div className="alarm-check">
            <label>
              <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Đang hoạt động (nhận tín hiệu)
            </label>
          </div>
        </div>
      </fieldset>
      <fieldset>
        <legend>Cơ sở được giám sát</legend>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-n`}>Tên cơ sở</label>
            <input id={`${id}-n`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-ad`}>Địa chỉ</label>
            <input id={`${id}-ad`} value={address} onChange={(e) => setAddress(e.target.value)} required maxLength={500} autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-w`}>Xã/phường</label>
            <select id={`${id}-w`} value={wardCode} onChange={(e) => setWardCode(e.target.value)}>
              <option value="">Tự xác định theo tọa độ/địa chỉ</option>
              {wards.map((w) => (
                <option key={w.code} value={w.code}>
                  {w.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-la`}>Vĩ độ (tùy chọn)</label>
            <input id={`${id}-la`} value={lat} onChange={(e) => setLat(e.target.value)} inputMode="decimal" autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-lo`}>Kinh độ (tùy chọn)</label>
            <input id={`${id}-lo`} value={lon} onChange={(e) => setLon(e.target.value)} inputMode="decimal" autoComplete="off" />
          </div>
        </div>
      </fieldset>
      <fieldset>
        <legend>Người liên hệ (gọi xác minh khi có báo cháy)</legend>
        {contacts.map((c, i) => (
          <div className="form-row alarm-row" key={i}>
            <input aria-label={`Họ tên người liên hệ ${i + 1}`} placeholder="Họ tên" value={c.name} onChange={(e) => setContacts(contacts.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} maxLength={120} />
            <input aria-label={`Số điện thoại ${i + 1}`} placeholder="Số điện thoại" type="tel" value={c.phone} onChange={(e) => setContacts(contacts.map((x, j) => (j === i ? { ...x, phone: e.target.value } : x)))} maxLength={20} />
            <input aria-label={`Vai trò ${i + 1}`} placeholder="Vai trò (VD: bảo vệ)" value={c.role ?? ''} onChange={(e) => setContacts(contacts.map((x, j) => (j === i ? { ...x, role: e.target.value } : x)))} maxLength={120} />
            <button type="button" className="btn btn-secondary btn-sm" onClick={() => setContacts(contacts.filter((_, j) => j !== i))}>
              Xóa
            </button>
          </div>
        ))}
        {contacts.length < 10 && (
          <button type="button" className="btn btn-secondary btn-sm" onClick={() => setContacts([...contacts, { name: '', phone: '', role: null }])}>
            Thêm người liên hệ
          </button>
        )}
      </fieldset>
      <fieldset>
        <legend>Mô tả vùng (VD: vùng 12 = tầng 3, kho hàng)</legend>
        {zones.map((z, i) => (
          <div className="form-row alarm-row" key={i}>
            <input aria-label={`Số vùng ${i + 1}`} placeholder="Số vùng" value={z.zone} onChange={(e) => setZones(zones.map((x, j) => (j === i ? { ...x, zone: e.target.value } : x)))} inputMode="numeric" pattern="\d{1,4}" maxLength={4} />
            <input aria-label={`Mô tả vùng ${i + 1}`} placeholder="Mô tả" value={z.description} onChange={(e) => setZones(zones.map((x, j) => (j === i ? { ...x, description: e.target.value } : x)))} maxLength={200} />
            <button type="button" className="btn btn-secondary btn-sm" onClick={() => setZones(zones.filter((_, j) => j !== i))}>
              Xóa
            </button>
          </div>
        ))}
        <button type="button" className="btn btn-secondary btn-sm" onClick={() => setZones([...zones, { zone: '', description: '' }])}>
          Thêm vùng
        </button>
      </fieldset>
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Đang lưu…' : existing ? 'Lưu thay đổi' : 'Khai báo'}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}
