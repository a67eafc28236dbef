import { ChatPanel } from '../chat/ChatPanel.tsx';
import { Link } from '../router.tsx';
import { WardSearch } from '../wards/WardSearch.tsx';
import { CitizenLayout } from './CitizenLayout.tsx';

/** `/`: the citizen portal — the assistant's chat and the ward directory. */
export function HomePage() {
  return (
    <CitizenLayout>
      <h1 className="visually-hidden">Cổng hỗ trợ người dân Công an TP Hà Nội</h1>
      <div className="home-grid">
        <section className="card" aria-labelledby="chat-title" id="tro-ly">
          <h2 id="chat-title" className="card-title">
            Hỏi đáp với trợ lý ảo
          </h2>
          <ChatPanel />
        </section>
        <section className="card" aria-labelledby="wards-title" id="tra-cuu">
          <h2 id="wards-title" className="card-title">
            Tra cứu công an xã/phường
          </h2>
          <p className="lead">
            Từ 1/7/2025, Hà Nội có 126 xã/phường mới (không còn cấp quận/huyện). Nhập địa chỉ cũ để biết nay thuộc xã/phường nào.
          </p>
          <WardSearch />
          <p className="more-link">
            <Link to="/wards">Xem danh sách đầy đủ 126 xã/phường →</Link>
          </p>
        </section>
      </div>
    </CitizenLayout>
  );
}
