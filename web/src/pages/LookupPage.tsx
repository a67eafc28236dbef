import { useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../api.ts';
import { Alert } from '../components/Status.tsx';
import { ReportStatusBody } from '../chat/cards.tsx';
import { chatApi } from '../chat/chat-api.ts';
import { EvidenceUpload } from '../chat/EvidenceUpload.tsx';
import type { ReportLookup } from '../chat/types.ts';
import { Link } from '../router.tsx';
import { policeUnitName } from '../wards/ward-text.ts';
import { CitizenLayout } from './CitizenLayout.tsx';
import '../chat/chat.css';

/** `/tra-cuu`: a citizen looks up a report's status with its tracking code and secret, and may add evidence. */
export function LookupPage() {
  const [code, setCode] = useState('');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [found, setFound] = useState<{ report: ReportLookup; secret: string } | null>(null);
  const codeId = useId();
  const secretId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setFound(null);
    const c = code.trim().toUpperCase();
    const s = secret.trim().toUpperCase();
    if (!c || !s) {
      setError('Vui lòng nhập cả mã theo dõi và mã bí mật.');
      return;
    }
    setBusy(true);
    try {
      setFound({ report: await chatApi.lookup(c, s), secret: s });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <CitizenLayout>
      <h1 className="page-title">Tra cứu tin báo, tố giác</h1>
      <div className="lookup-grid">
        <section className="card" aria-labelledby="lookup-form-title">
          <h2 id="lookup-form-title" className="card-title">
            Nhập mã đã nhận khi gửi tin
          </h2>
          <form className="form lookup-form" onSubmit={(e) => void submit(e)} noValidate>
            <div className="field">
              <label htmlFor={codeId}>Mã theo dõi</label>
              <input
                id={codeId}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                placeholder="TG-XXXX-XXXX"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={30}
                required
              />
            </div>
            <div className="field">
              <label htmlFor={secretId}>Mã bí mật</label>
              <input
                id={secretId}
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
                placeholder="XXXX-XXXX-XXXX-XXXX"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={60}
                required
              />
            </div>
            {error && <Alert kind="error">{error}</Alert>}
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? 'Đang tra cứu…' : 'Tra cứu'}
            </button>
          </form>
          <p className="hint">
            Mã bí mật chỉ hiển thị một lần khi gửi tin và không cấp lại được. Nếu mất mã, anh/chị liên hệ công an xã/phường nơi đã báo tin. Chưa gửi tin?{' '}
            <Link to="/bao-tin">Gửi tin báo</Link>.
          </p>
        </section>
        <section className="card" aria-labelledby="lookup-result-title" aria-live="polite">
          <h2 id="lookup-result-title" className="card-title">
            Kết quả
          </h2>
          {!found && <p className="muted">Kết quả tra cứu sẽ hiện ở đây.</p>}
          {found && (
            <div className="lookup-result">
              <ReportStatusBody
                trackingCode={found.report.trackingCode}
                kindLabel={found.report.kindLabel}
                status={found.report.status}
                statusLabel={found.report.statusLabel}
                note={found.report.noteForCitizen}
                history={found.report.history}
              />
              {found.report.ward && <p className="muted">Đơn vị thụ lý: {policeUnitName(found.report.ward.name)}.</p>}
              <h3 className="lookup-sub">Gửi thêm chứng cứ</h3>
              <EvidenceUpload trackingCode={found.report.trackingCode} secret={found.secret} />
            </div>
          )}
        </section>
      </div>
    </CitizenLayout>
  );
}
