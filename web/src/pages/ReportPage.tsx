import { ChatPanel } from '../chat/ChatPanel.tsx';
import { Link } from '../router.tsx';
import { CitizenLayout } from './CitizenLayout.tsx';

const STARTERS = ['Tôi muốn tố giác tội phạm', 'Tôi muốn gửi tin báo về vụ việc', 'Tôi bị lừa đảo qua mạng', 'Tôi bị mất giấy tờ'];

/** `/bao-tin`: start a report (tố giác, tin báo) directly with the assistant's guided form. */
export function ReportPage() {
  return (
    <CitizenLayout>
      <h1 className="page-title">Gửi tin báo, tố giác tội phạm</h1>
      <div className="report-grid">
        <section className="card" aria-labelledby="report-chat-title">
          <h2 id="report-chat-title" className="card-title">
            Trợ lý ảo hướng dẫn từng bước
          </h2>
          <ChatPanel
            storageKey="binh-yen-report"
            starters={STARTERS}
            welcome={
              <p className="cw-text">
                Dạ, em sẽ hỏi lần lượt: sự việc, thời gian, địa điểm, người liên quan và cách liên hệ (có thể gửi ẩn danh). Câu nào không rõ, anh/chị chọn «Bỏ qua». Anh/chị
                chọn một mục bên dưới hoặc kể ngắn gọn sự việc để bắt đầu.
              </p>
            }
          />
        </section>
        <aside className="card report-aside" aria-labelledby="report-help-title">
          <h2 id="report-help-title" className="card-title">
            Trước khi gửi
          </h2>
          <p className="alert alert-error report-urgent">
            <strong>Đang nguy hiểm hoặc vụ việc đang xảy ra?</strong> Gọi ngay <a href="tel:113">113</a> (Công an), <a href="tel:114">114</a> (cháy, cứu nạn),{' '}
            <a href="tel:115">115</a> (cấp cứu). Tin báo qua trang web không thay thế cuộc gọi khẩn cấp.
          </p>
          <ul className="plain-list">
            <li>Tin báo được chuyển tới công an xã/phường nơi xảy ra sự việc (hoặc trực ban Công an thành phố nếu chưa rõ nơi).</li>
            <li>Sau khi gửi, anh/chị nhận <strong>mã theo dõi</strong> và <strong>mã bí mật</strong>. Mã bí mật chỉ hiện một lần — hãy lưu lại.</li>
            <li>Có thể gửi kèm ảnh, tệp PDF, ghi âm làm chứng cứ (tối đa 10 tệp, mỗi tệp 10 MB).</li>
            <li>
              Xem tình trạng xử lý tại <Link to="/tra-cuu">Tra cứu tin báo</Link>.
            </li>
            <li>Không ghi số căn cước hay mật khẩu vào nội dung tin báo.</li>
          </ul>
        </aside>
      </div>
    </CitizenLayout>
  );
}
