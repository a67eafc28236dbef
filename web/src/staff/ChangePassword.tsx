import { useId, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api.ts';
import { Alert } from '../components/Status.tsx';
import { passwordChanged } from '../session.ts';

const MIN_LENGTH = 10;

/** Own password change; shown first when the account was created or reset by an administrator. */
export function ChangePassword({ required = false }: { required?: boolean }) {
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const ids = { old: useId(), next: useId(), confirm: useId() };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (newPassword.length < MIN_LENGTH) return setError(`Mật khẩu mới phải có ít nhất ${MIN_LENGTH} ký tự.`);
    if (newPassword !== confirm) return setError('Mật khẩu nhập lại không khớp.');
    setBusy(true);
    try {
      await api.changePassword(oldPassword, newPassword);
      setDone(true);
      setOld('');
      setNew('');
      setConfirm('');
      passwordChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (done) return <Alert kind="success">Đã đổi mật khẩu thành công.</Alert>;
  return (
    <form className={`card change-password ${required ? 'card-warning' : ''}`} onSubmit={onSubmit} aria-labelledby="pw-title">
      <h2 id="pw-title" className="card-title">
        {required ? 'Vui lòng đổi mật khẩu trước khi làm việc' : 'Đổi mật khẩu'}
      </h2>
      {required && <p>Tài khoản của anh/chị vừa được cấp hoặc đặt lại mật khẩu. Vui lòng đặt mật khẩu mới (ít nhất {MIN_LENGTH} ký tự).</p>}
      {error && <Alert kind="error">{error}</Alert>}
      <div className="form-row">
        <div className="field">
          <label htmlFor={ids.old}>Mật khẩu hiện tại</label>
          <input id={ids.old} type="password" value={oldPassword} onChange={(e) => setOld(e.target.value)} autoComplete="current-password" required />
        </div>
        <div className="field">
          <label htmlFor={ids.next}>Mật khẩu mới</label>
          <input id={ids.next} type="password" value={newPassword} onChange={(e) => setNew(e.target.value)} autoComplete="new-password" minLength={MIN_LENGTH} required />
        </div>
        <div className="field">
          <label htmlFor={ids.confirm}>Nhập lại mật khẩu mới</label>
          <input id={ids.confirm} type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="new-password" required />
        </div>
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? 'Đang lưu…' : 'Đổi mật khẩu'}
      </button>
    </form>
  );
}
