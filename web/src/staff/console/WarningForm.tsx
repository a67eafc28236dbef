import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage, type Ward } from '../../api.ts';
import { dispatchApi, type WarningInput } from './client.ts';
import { dateTimeOf } from './format.ts';
import type { Incident, PublicWarning } from './types.ts';

// Public warning (OASIS CAP 1.2, POST /warnings) for dispatchers and admins. The CAP values are English
// codes by standard; the form shows them in Vietnamese.

const STATUS = { Actual: 'Thật', Exercise: 'Diễn tập', Test: 'Thử nghiệm kỹ thuật' } as const;
const CATEGORY = {
  Fire: 'Cháy, nổ',
  Rescue: 'Cứu nạn, cứu hộ',
  Safety: 'An toàn chung',
  Security: 'An ninh, trật tự',
  Met: 'Thời tiết',
  Geo: 'Địa chất (sạt lở, động đất)',
  Health: 'Y tế',
  Env: 'Môi trường',
  Transport: 'Giao thông',
  Infra: 'Hạ tầng (điện, nước, thông tin)',
  CBRNE: 'Hoá chất, sinh học, phóng xạ, chất nổ',
  Other: 'Khác',
} as const;
const URGENCY = { Immediate: 'Ngay lập tức', Expected: 'Sắp xảy ra (trong khoảng 1 giờ)', Future: 'Trong thời gian tới', Past: 'Đã qua', Unknown: 'Chưa rõ' } as const;
const SEVERITY = { Extreme: 'Đặc biệt nghiêm trọng', Severe: 'Nghiêm trọng', Moderate: 'Trung bình', Minor: 'Nhẹ', Unknown: 'Chưa rõ' } as const;
const CERTAINTY = { Observed: 'Đã xác nhận', Likely: 'Nhiều khả năng', Possible: 'Có thể xảy ra', Unlikely: 'Ít khả năng', Unknown: 'Chưa rõ' } as const;
const RESPONSE = {
  Evacuate: 'Sơ tán',
  Shelter: 'Trú ẩn tại chỗ',
  Avoid: 'Tránh khu vực',
  Prepare: 'Chuẩn bị sẵn sàng',
  Execute: 'Làm theo hướng dẫn',
  Monitor: 'Theo dõi thông tin',
  AllClear: 'Đã an toàn',
  None: 'Không cần hành động',
} as const;

/** A labelled select of CAP codes, shown by their Vietnamese names. */
function CodeSelect<T extends Record<string, string>>({ label, map, value, onChange }: { label: string; map: T; value: keyof T; onChange: (code: keyof T) => void }) {
  return (
    <label>
      {label}
      <select value={String(value)} onChange={(e) => onChange(e.target.value as keyof T)}>
        {Object.entries(map).map(([k, v]) => (
          <option key={k} value={k}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
}

export function WarningForm({ wards, incident }: { wards: Ward[]; incident: Incident | null }) {
  const [status, setStatus] = useState<keyof typeof STATUS>('Actual');
  const [category, setCategory] = useState<keyof typeof CATEGORY>('Fire');
  const [event, setEvent] = useState('');
  const [urgency, setUrgency] = useState<keyof typeof URGENCY>('Immediate');
  const [severity, setSeverity] = useState<keyof typeof SEVERITY>('Severe');
  const [certainty, setCertainty] = useState<keyof typeof CERTAINTY>('Observed');
  const [response, setResponse] = useState<keyof typeof RESPONSE>('Avoid');
  const [headline, setHeadline] = useState('');
  const [description, setDescription] = useState('');
  const [instruction, setInstruction] = useState('');
  const [areaDesc, setAreaDesc] = useState('');
  const [wardCodes, setWardCodes] = useState<string[]>([]);
  const [expires, setExpires] = useState('120');
  const [linkIncident, setLinkIncident] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<PublicWarning | null>(null);
  const [list, setList] = useState<PublicWarning[]>([]);

  const reload = () => dispatchApi.warnings().then(setList, () => undefined);
  useEffect(() => {
    void reload();
  }, []);

  const input = (): WarningInput => ({
    status,
    msgType: 'Alert',
    category: [category],
    event: event.trim(),
    responseType: [response],
    urgency,
    severity,
    certainty,
    headline: headline.trim(),
    description: description.trim(),
    ...(instruction.trim() ? { instruction: instruction.trim() } : {}),
    areaDesc: areaDesc.trim() || wardCodes.map((c) => wards.find((w) => w.code === c)?.name ?? c).join(', '),
    ...(wardCodes.length ? { wardCodes } : {}),
    expiresInMinutes: Number(expires) || 120,
    ...(linkIncident && incident ? { incidentId: incident.id } : {}),
  });

  const check = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSent(null);
    const i = input();
    if (!i.event || !i.headline || !i.description) return setError('Vui lòng nhập sự kiện, tiêu đề và nội dung cảnh báo.');
    if (!i.areaDesc) return setError('Vui lòng nêu khu vực cảnh báo hoặc chọn xã/phường.');
    setConfirming(true);
  };

  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      const w = await dispatchApi.createWarning(input());
      setSent(w);
      setConfirming(false);
      setHeadline('');
      setDescription('');
      setInstruction('');
      void reload();
    } catch (e) {
      setError(errorMessage(e));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="warn">
      <form className="cc-form" onSubmit={check}>
        <div className="cc-form-grid cc-form-grid-3">
          <CodeSelect label="Loại bản tin" map={STATUS} value={status} onChange={setStatus} />
          <CodeSelect label="Lĩnh vực" map={CATEGORY} value={category} onChange={setCategory} />
          <label>
            Sự kiện
            <input value={event} onChange={(e) => setEvent(e.target.value)} maxLength={200} placeholder="Ví dụ: Cháy nhà dân" />
          </label>
          <CodeSelect label="Mức khẩn cấp" map={URGENCY} value={urgency} onChange={setUrgency} />
          <CodeSelect label="Mức nghiêm trọng" map={SEVERITY} value={severity} onChange={setSeverity} />
          <CodeSelect label="Mức chắc chắn" map={CERTAINTY} value={certainty} onChange={setCertainty} />
          <CodeSelect label="Khuyến nghị người dân" map={RESPONSE} value={response} onChange={setResponse} />
          <label>
            Hiệu lực (phút)
            <input type="number" min={5} max={10080} value={expires} onChange={(e) => setExpires(e.target.value)} />
          </label>
          <label>
            Xã/phường nhận cảnh báo
            <select multiple size={4} value={wardCodes} onChange={(e) => setWardCodes(Array.from(e.target.selectedOptions).map((o) => o.value))}>
              {wards.map((w) => (
                <option key={w.code} value={w.code}>
                  {w.name}
                </option>
              ))}
            </select>
          </label>
          <label className="span-3">
            Tiêu đề (tối đa 160 ký tự)
            <input value={headline} onChange={(e) => setHeadline(e.target.value)} maxLength={160} />
          </label>
          <label className="span-3">
            Nội dung
            <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} maxLength={4000} />
          </label>
          <label className="span-2">
            Hướng dẫn người dân
            <textarea value={instruction} onChange={(e) => setInstruction(e.target.value)} rows={2} maxLength={2000} />
          </label>
          <label>
            Mô tả khu vực
            <input value={areaDesc} onChange={(e) => setAreaDesc(e.target.value)} maxLength={500} placeholder="Để trống: dùng tên xã/phường đã chọn" />
          </label>
        </div>
        {incident && (
          <label className="q-check">
            <input type="checkbox" checked={linkIncident} onChange={(e) => setLinkIncident(e.target.checked)} /> Gắn với sự việc đang mở {incident.code}
          </label>
        )}
        {error && (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        )}
        {confirming ? (
          <div className="confirm-box" role="group" aria-label="Xác nhận phát cảnh báo">
            <p>
              Phát cảnh báo <strong>{STATUS[status].toLowerCase()}</strong> «{headline.trim()}» tới {input().areaDesc}? Bản tin CAP được công bố công khai ngay.
            </p>
            <div className="button-row">
              <button type="button" className="btn btn-primary btn-sm" onClick={() => void publish()} disabled={busy}>
                {busy ? 'Đang phát…' : 'Xác nhận phát'}
              </button>
              <button type="button" className="btn btn-light btn-sm" onClick={() => setConfirming(false)}>
                Sửa lại
              </button>
            </div>
          </div>
        ) : (
          <div className="button-row">
            <button type="submit" className="btn btn-secondary btn-sm">
              Kiểm tra và phát cảnh báo…
            </button>
          </div>
        )}
      </form>
      {sent && (
        <p className="alert alert-success" role="status">
          Đã phát cảnh báo «{sent.headline}». <a href={sent.xmlUrl}>Xem bản tin CAP (XML)</a>
        </p>
      )}
      {list.length > 0 && (
        <>
          <h4>Cảnh báo đã phát gần đây</h4>
          <ul className="warn-list">
            {list.slice(0, 8).map((w) => (
              <li key={w.id}>
                <span className="muted">{dateTimeOf(w.createdAt)}</span> <strong>{w.headline}</strong> <span className="tag">{STATUS[w.status as keyof typeof STATUS] ?? w.status}</span>{' '}
                <a href={w.xmlUrl}>CAP XML</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
