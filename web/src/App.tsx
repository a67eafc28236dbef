import { useEffect, useRef, type ReactNode } from 'react';
import { ChatEmbedPage } from './pages/ChatEmbedPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { LookupPage } from './pages/LookupPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { ReportPage } from './pages/ReportPage.tsx';
import { WardsPage } from './pages/WardsPage.tsx';
import { useLocation } from './router.tsx';
import { AdminPage } from './staff/AdminPage.tsx';
import { ConsolePage } from './staff/ConsolePage.tsx';
import { WardOfficerPage } from './staff/WardOfficerPage.tsx';

/** Paths of the web app (see CONTRACT.md "Web pages" and SPA_ROUTES in src/http/server.ts). */
const ROUTES: Record<string, { title: string; render: () => ReactNode }> = {
  '/': { title: 'Bình Yên — Cổng hỗ trợ người dân Công an TP Hà Nội', render: () => <HomePage /> },
  '/wards': { title: 'Tra cứu xã/phường — Bình Yên', render: () => <WardsPage /> },
  '/bao-tin': { title: 'Gửi tin báo, tố giác — Bình Yên', render: () => <ReportPage /> },
  '/tra-cuu': { title: 'Tra cứu tin báo — Bình Yên', render: () => <LookupPage /> },
  '/chat-embed': { title: 'Trợ lý ảo Bình Yên', render: () => <ChatEmbedPage /> },
  '/login': { title: 'Đăng nhập cán bộ — Bình Yên', render: () => <LoginPage /> },
  '/console': { title: 'Trung tâm chỉ huy — Bình Yên', render: () => <ConsolePage /> },
  '/ward': { title: 'Công an xã/phường — Bình Yên', render: () => <WardOfficerPage /> },
  '/admin': { title: 'Quản trị — Bình Yên', render: () => <AdminPage /> },
};

export function App() {
  const { path } = useLocation();
  const route = ROUTES[path];
  const first = useRef(true);

  useEffect(() => {
    document.title = route?.title ?? 'Không tìm thấy trang — Bình Yên';
    // After an in-app navigation, move focus to the new page's main region for screen readers and keyboards.
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [path, route]);

  return (
    <>
      <a className="skip-link" href="#main">
        Bỏ qua, đến nội dung chính
      </a>
      {route ? route.render() : <NotFoundPage />}
    </>
  );
}
