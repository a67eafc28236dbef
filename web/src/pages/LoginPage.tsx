import { useEffect, useId, useState, type FormEvent } from 'react';
import { api, errorMessage, type Role } from '../api.ts';
import { Alert, Loading } from '../components/Status.tsx';
import { Emblem } from '../components/SiteHeader.tsx';
import { Link, navigate, useLocation } from '../router.tsx';
import { PAGE_ROLES, ROLE_HOME, signedIn, useSession, type StaffPage } from '../session.ts';

/** Where to go after sign-in: the requested staff page if the role may open it, else the role's home. */
function destination(role: Role, next: string | null): string {
  if (next && next in PAGE_ROLES && (PAGE_ROLES[next as StaffPage] as readonly Role[]).includes(role)) return next;
  return ROLE_HOME[role];
}

/** `/login`: staff sign-in. */
export function LoginPage() {
  const { query } = useLocation();
  const next = query.get('next');
  const session = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const userId = useId();
  const passId = useId();

  useEffect(() => {
    if (session.status === 'signed-in' && !busy) navigate(destination(session.user.role, next), { replace: true });
  }, [session, next, busy]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError('Vui lòng nhập tên đăng nhập và mật khẩu.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api.login(username.trim(), password);
      setPassword('');
      signedIn(r.user, r.mustChangePassword);
      navigate(destination(r.user.role, next), { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <main id="main" tabIndex={-1} className="login-page">
      <div className="login-card">
        <div className="login-brand">
          <Emblem />
          <div>
            <p className="login-kicker">Bình Yên · Công an TP Hà Nội</p>
            <h1 className="login-title">Đăng nhập cán bộ</h1>
          </div>
        </div>
        {session.status === 'loading' || session.status === 'unknown' ? (
          <Loading label="Đang kiểm tra phiên đăng nhập…" />
        ) : (
          <form onSubmit={onSubmit} noValidate>
            {next && !error && <Alert kind="info">Vui lòng đăng nhập để tiếp tục.</Alert>}
            {error && <Alert kind="error">{error}</Alert>}
            <div className="field">
              <label htmlFor={userId}>Tên đăng nhập</label>
              <input
                id={userId}
                name="username"
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                autoFocus
              />
            </div>
            <div className="field">
              <label htmlFor={passId}>Mật khẩu</label>
              <input
                id={passId}
                name="password"
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                autoComplete="current-password"
                required
              />
            </div>
            <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
              {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
            </button>
          </form>
        )}
        <p className="login-foot">
          Trang dành cho cán bộ, chiến sĩ được cấp tài khoản. Người dân vui lòng dùng <Link to="/">cổng hỗ trợ người dân</Link>.
        </p>
      </div>
    </main>
  );
}
