import { Link, useLocation } from '../router.tsx';

export function Emblem() {
  return (
    <svg className="emblem" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <circle cx="16" cy="16" r="15" fill="#8e1111" stroke="#d4a72c" strokeWidth="2" />
      <path fill="#d4a72c" d="M16 6.5l2.6 6.6 7 .4-5.4 4.5 1.8 6.9L16 21l-6 3.9 1.8-6.9-5.4-4.5 7-.4z" />
    </svg>
  );
}

const NAV = [
  { to: '/', label: 'Trang chủ' },
  { to: '/wards', label: 'Tra cứu xã/phường' },
  { to: '/bao-tin', label: 'Gửi tin báo' },
  { to: '/tra-cuu', label: 'Tra cứu tin báo' },
];

/** Header of the citizen pages. */
export function SiteHeader() {
  const { path } = useLocation();
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="brand">
          <Emblem />
          <span className="brand-text">
            <span className="brand-title">Bình Yên — Cổng hỗ trợ người dân Công an TP Hà Nội</span>
            <span className="brand-sub">Tra cứu xã/phường sau sắp xếp · Hướng dẫn thủ tục · Số khẩn cấp</span>
          </span>
        </Link>
        <nav className="site-nav" aria-label="Điều hướng chính">
          {NAV.map((n) => (
            <Link key={n.to} to={n.to} aria-current={path === n.to ? 'page' : undefined}>
              {n.label}
            </Link>
          ))}
        </nav>
      </div>
    </header>
  );
}

const HOTLINES = [
  { number: '113', label: 'Công an' },
  { number: '114', label: 'Cứu hỏa – cứu nạn' },
  { number: '115', label: 'Cấp cứu' },
];

/** The three emergency numbers, as tap-to-call links. */
export function HotlineStrip() {
  return (
    <section className="hotlines" aria-labelledby="hotlines-title">
      <div className="hotlines-inner">
        <h2 id="hotlines-title" className="hotlines-title">
          Khi khẩn cấp, hãy gọi ngay:
        </h2>
        <ul className="hotline-list">
          {HOTLINES.map((h) => (
            <li key={h.number}>
              <a className="hotline" href={`tel:${h.number}`} aria-label={`Gọi ${h.number} – ${h.label}`}>
                <span className="hotline-number">{h.number}</span>
                <span className="hotline-label">{h.label}</span>
              </a>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="site-footer-inner">
        <p>
          Thông tin xã/phường theo Nghị quyết 1656/NQ-UBTVQH15 về sắp xếp đơn vị hành chính cấp xã của TP Hà Nội (có hiệu lực từ
          1/7/2025). Thông tin chỉ mang tính tham khảo; khi khẩn cấp vui lòng gọi 113.
        </p>
        <p>
          <Link to="/login">Đăng nhập dành cho cán bộ</Link>
        </p>
      </div>
    </footer>
  );
}
