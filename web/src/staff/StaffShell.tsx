import { useEffect, useState, type ReactNode } from 'react';
import type { StaffUser } from '../api.ts';
import { Alert, Loading } from '../components/Status.tsx';
import { Emblem } from '../components/SiteHeader.tsx';
import { Link, navigate } from '../router.tsx';
import { canOpen, loadSession, ROLE_HOME, signOut, useSession, type StaffPage } from '../session.ts';
import { ChangePassword } from './ChangePassword.tsx';

const PAGES: Array<{ page: StaffPage; label: string }> = [
  { page: '/console', label: 'Trung tâm chỉ huy' },
  { page: '/ward', label: 'Công an xã/phường' },
  { page: '/admin', label: 'Quản trị' },
];

export interface ShellSection {
  id: string;
  label: string;
}

interface StaffShellProps {
  page: StaffPage;
  /** In-page sections listed in the side navigation. */
  sections: (user: StaffUser) => ShellSection[];
  children: (user: StaffUser) => ReactNode;
}

function StaffHeader({ user, page }: { user: StaffUser; page: StaffPage | null }) {
  const [busy, setBusy] = useState(false);
  const logout = async () => {
    setBusy(true);
    try {
      await signOut();
    } finally {
      navigate('/login', { replace: true });
    }
  };
  const pages = PAGES.filter((p) => canOpen(user.role, p.page));
  return (
    <header className="staff-header">
      <div className="staff-header-inner">
        <Link to={ROLE_HOME[user.role]} className="staff-brand">
          <Emblem />
          <span>
            <span className="staff-brand-title">Bình Yên</span>
            <span className="staff-brand-sub">Công an TP Hà Nội</span>
          </span>
        </Link>
        {pages.length > 0 && (
          <nav className="staff-nav" aria-label="Trang làm việc">
            {pages.map((p) => (
              <Link key={p.page} to={p.page} aria-current={p.page === page ? 'page' : undefined}>
                {p.label}
              </Link>
            ))}
          </nav>
        )}
        <div className="staff-user">
          <span className="staff-user-name">{user.fullName}</span>
          <span className="staff-user-role">{user.roleLabel}</span>
          <button type="button" className="btn btn-light btn-sm" onClick={logout} disabled={busy}>
            Đăng xuất
          </button>
        </div>
      </div>
    </header>
  );
}

function Forbidden({ user }: { user: StaffUser }) {
  return (
    <main id="main" tabIndex={-1} className="staff-main staff-main-narrow">
      <h1 className="page-title">Anh/chị không có quyền truy cập trang này</h1>
      <Alert kind="warning">
        Tài khoản <strong>{user.username}</strong> ({user.roleLabel}) không có quyền xem trang này. Nếu cần, vui lòng liên hệ quản trị
        viên.
      </Alert>
      <p>
        <Link to={ROLE_HOME[user.role]}>Về trang làm việc của tôi</Link>
      </p>
    </main>
  );
}

/**
 * Frame of every staff page: checks the session (→ /login on 401), the role (→ "không có quyền"),
 * then renders header, navigation and the page's sections.
 */
export function StaffShell({ page, sections, children }: StaffShellProps) {
  const session = useSession();

  useEffect(() => {
    if (session.status === 'anonymous') navigate(`/login?next=${encodeURIComponent(page)}`, { replace: true });
  }, [session.status, page]);

  if (session.status === 'error') {
    return (
      <main id="main" tabIndex={-1} className="staff-main staff-main-narrow">
        <Alert kind="error" title="Chưa kiểm tra được phiên đăng nhập">
          {session.message}{' '}
          <button type="button" className="btn btn-link" onClick={() => void loadSession(true)}>
            Thử lại
          </button>
        </Alert>
      </main>
    );
  }
  if (session.status !== 'signed-in') {
    return (
      <main id="main" tabIndex={-1} className="staff-main staff-main-narrow">
        <Loading label="Đang kiểm tra phiên đăng nhập…" />
      </main>
    );
  }
  const { user } = session;
  if (!canOpen(user.role, page)) {
    return (
      <>
        <StaffHeader user={user} page={null} />
        <Forbidden user={user} />
      </>
    );
  }
  const list = sections(user);
  return (
    <>
      <StaffHeader user={user} page={page} />
      <div className="staff-body">
        {list.length > 1 && (
          <nav className="section-nav" aria-label="Mục trong trang">
            <ul>
              {list.map((s) => (
                <li key={s.id}>
                  <a href={`#${s.id}`}>{s.label}</a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <main id="main" tabIndex={-1} className="staff-main">
          {session.mustChangePassword && <ChangePassword required />}
          {children(user)}
        </main>
      </div>
    </>
  );
}

/** A titled section of a staff page, the unit later features fill. */
export function StaffSection({ id, title, actions, children }: { id: string; title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section id={id} className="staff-section" aria-labelledby={`${id}-title`}>
      <div className="staff-section-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
