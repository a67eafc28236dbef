import { Link } from '../router.tsx';
import { CitizenLayout } from './CitizenLayout.tsx';

export function NotFoundPage() {
  return (
    <CitizenLayout>
      <h1 className="page-title">Không tìm thấy trang</h1>
      <p className="lead">Đường dẫn này không tồn tại hoặc chức năng đang được xây dựng.</p>
      <p>
        <Link to="/">Về trang chủ</Link> · <Link to="/wards">Tra cứu xã/phường</Link>
      </p>
    </CitizenLayout>
  );
}
