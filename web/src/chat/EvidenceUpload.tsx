import { useId, useRef, useState, type ChangeEvent } from 'react';
import { errorMessage } from '../api.ts';
import { chatApi } from './chat-api.ts';

// Evidence for a report (photos, PDF, recordings): one file per request with the report's secret in a header.
// The server decides the type from the bytes; the checks here only spare a useless upload.

const DEFAULT_ACCEPT = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf', 'audio/mpeg', 'audio/mp4', 'audio/ogg', 'audio/wav', 'audio/webm'];

interface Sent {
  name: string;
  state: 'sending' | 'ok' | 'error';
  message?: string;
}

const size = (b: number) => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(b / 1024))} KB`);

export function EvidenceUpload(p: { trackingCode: string; secret: string; maxBytes?: number; accept?: string[]; maxFiles?: number }) {
  const maxBytes = p.maxBytes ?? 10 * 1024 * 1024;
  const maxFiles = p.maxFiles ?? 10;
  const [sent, setSent] = useState<Sent[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const busy = sent.some((s) => s.state === 'sending');

  const onChange = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    e.target.value = '';
    for (const f of files) {
      const n = sent.length;
      if (n >= maxFiles) {
        setSent((cur) => [...cur, { name: f.name, state: 'error', message: `Mỗi tin báo nhận tối đa ${maxFiles} tệp.` }]);
        break;
      }
      if (f.size > maxBytes) {
        setSent((cur) => [...cur, { name: f.name, state: 'error', message: `Tệp quá lớn (${size(f.size)}; tối đa ${size(maxBytes)}).` }]);
        continue;
      }
      setSent((cur) => [...cur, { name: f.name, state: 'sending' }]);
      try {
        await chatApi.upload(p.trackingCode, p.secret, f);
        setSent((cur) => cur.map((s) => (s.name === f.name && s.state === 'sending' ? { ...s, state: 'ok' } : s)));
      } catch (err) {
        setSent((cur) => cur.map((s) => (s.name === f.name && s.state === 'sending' ? { ...s, state: 'error', message: errorMessage(err) } : s)));
      }
    }
  };

  return (
    <div className="cw-upload">
      <input
        ref={input}
        id={id}
        className="visually-hidden"
        type="file"
        multiple
        accept={(p.accept ?? DEFAULT_ACCEPT).join(',')}
        disabled={busy}
        onChange={(e) => void onChange(e)}
      />
      <label htmlFor={id} className="cw-btn cw-btn-secondary cw-btn-block cw-upload-label" aria-disabled={busy}>
        Gửi chứng cứ (ảnh, PDF, ghi âm)
      </label>
      <p className="cw-note">Tối đa {maxFiles} tệp, mỗi tệp không quá {size(maxBytes)}. Chỉ cán bộ thụ lý xem được tệp.</p>
      {sent.length > 0 && (
        <ul className="cw-upload-list" aria-live="polite">
          {sent.map((s, i) => (
            <li key={i} className={`cw-up-${s.state}`}>
              {s.name}: {s.state === 'sending' ? 'đang gửi…' : s.state === 'ok' ? 'đã gửi' : (s.message ?? 'chưa gửi được')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
