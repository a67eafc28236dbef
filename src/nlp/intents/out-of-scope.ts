/**
 * Messages the police assistant does not handle: other agencies' procedures (land, civil status, tax,
 * social insurance, construction, business registration, health, education), everyday topics, and slang
 * that looks like an emergency ("cháy hàng", "cháy túi"). Trains the `out_of_scope` class.
 */

export const OUT_OF_SCOPE = [
  // weather, news, sport, entertainment
  'dự báo thời tiết tuần này', 'hôm nay trời có nắng không', 'trời mưa to quá', 'nhiệt độ hà nội bây giờ',
  'thoi tiet ngay mai', 'bao nhieu do', 'lịch thi đấu bóng đá hôm nay', 'đội tuyển việt nam đá mấy giờ',
  'kết quả bóng đá ngoại hạng anh', 'ai vô địch world cup', 'messi hay ronaldo', 'phim gì hay chiếu rạp',
  'lich chieu phim cuoi tuan', 'bài hát mới của sơn tùng', 'ca sĩ nào hát hay nhất', 'xem livestream ở đâu',
  'weather tomorrow', 'football score', 'who won the football match', 'good movies this week',
  // money, banks, shopping, prices
  'vay tiền ngân hàng cần thế chấp gì', 'lãi suất tiết kiệm ngân hàng nào cao', 'mở tài khoản ngân hàng online',
  'vay mua nhà trả góp', 'thẻ tín dụng bị trừ tiền', 'chuyển tiền quốc tế phí bao nhiêu', 'tỷ giá đô la hôm nay',
  'giá vàng sjc', 'giá bitcoin', 'chứng khoán hôm nay', 'mua iphone trả góp', 'shop còn hàng không',
  'đặt hàng shopee bị chậm', 'mã giảm giá lazada', 'giá xăng tăng chưa', 'vay von ngan hang', 'lai suat vay',
  'cháy hàng rồi', 'săn sale cháy túi', 'tháng này cháy ví rồi', 'cháy vé xem phim', 'sản phẩm cháy hàng liên tục',
  'bank loan interest rates', 'exchange rate usd vnd', 'where to buy a sim card',
  // land, construction, civil status, tax, social insurance (other agencies)
  'làm sổ đỏ mất bao lâu', 'cấp giấy chứng nhận quyền sử dụng đất', 'tách thửa đất', 'sang tên sổ đỏ',
  'chuyển mục đích sử dụng đất', 'tranh chấp đất đai với hàng xóm', 'xin giấy phép xây dựng', 'sửa nhà có cần xin phép',
  'đăng ký khai sinh cho con', 'trích lục khai sinh', 'đăng ký kết hôn cần gì', 'ly hôn thuận tình', 'đăng ký khai tử',
  'xác nhận tình trạng hôn nhân', 'chứng thực chữ ký', 'công chứng hợp đồng mua bán nhà', 'di chúc thừa kế',
  'quyết toán thuế thu nhập cá nhân', 'mã số thuế cá nhân', 'nộp thuế đất', 'hoàn thuế', 'đăng ký kinh doanh',
  'thành lập công ty cần vốn bao nhiêu', 'giấy phép kinh doanh hộ gia đình', 'rút bảo hiểm xã hội một lần',
  'tra cứu quá trình đóng bảo hiểm xã hội', 'thẻ bảo hiểm y tế hết hạn gia hạn ở đâu', 'chế độ thai sản',
  'lương hưu', 'trợ cấp thất nghiệp', 'đăng kiểm xe ô tô', 'phí đường bộ', 'mua bảo hiểm ô tô', 'học lái xe ở đâu',
  'lam so do', 'dang ky ket hon', 'lam giay khai sinh', 'thu tuc ly hon', 'cong chung hop dong', 'nop thue',
  'rut bhxh 1 lan', 'dang kiem oto', 'xin visa du lich han quoc', 'gia hạn visa cho mình đi mỹ',
  'land use right certificate', 'marriage registration', 'birth certificate for my baby', 'tax refund',
  // health, education, daily life, tech
  'khám bệnh ở bệnh viện nào tốt', 'đặt lịch khám bác sĩ', 'tiêm vắc xin cho trẻ', 'thuốc hạ sốt cho bé',
  'tuyển sinh đại học', 'điểm chuẩn năm nay', 'học phí trường công', 'xin học cho con trái tuyến',
  'công thức nấu phở', 'quán ăn ngon gần đây', 'đi du lịch đà lạt', 'khách sạn rẻ ở hà nội', 'thuê xe máy du lịch',
  'sửa máy giặt', 'điện nước bị cắt', 'hóa đơn tiền điện', 'mạng wifi chậm', 'cài win 11', 'lỗi excel',
  'viết code javascript', 'dịch sang tiếng anh giúp', 'giải bài toán lớp 5', 'tình yêu là gì',
  'tuyển dụng việc làm', 'xin việc ở đâu lương cao', 'mua bán nhà đất', 'cho thuê căn hộ', 'chuyển nhà trọn gói',
  'giá xe máy mới', 'mua xe cũ ở đâu uy tín', 'sửa xe máy gần đây', 'rửa xe ô tô', 'thay lốp xe',
  'cach nau com', 'mua o dau re', 'hoc tieng anh', 'benh vien nao tot', 'xem phim gi', 'tim viec lam',
  'where to eat pho', 'best coffee in Hanoi', 'how to learn Vietnamese', 'book a hotel', 'hospital near me',
  // other agencies and services whose words overlap police procedures (khóa, cho thuê, mất, xe, sao y)
  'thẻ ngân hàng bị khóa do nhập sai mã pin', 'app ngân hàng bị khóa tài khoản', 'mở khóa thẻ tín dụng',
  'chủ nhà cho thuê phải nộp thuế gì', 'thuế cho thuê nhà trọ tính thế nào', 'khai thuế cho thuê nhà',
  'khu nhà bị mất nước mấy ngày', 'nước sinh hoạt bị đục', 'mất điện cả khu phố gọi đâu', 'công ty cấp nước',
  'xe máy không nổ máy được', 'ô tô kêu lạ khi phanh', 'xe đạp điện hết pin', 'thay dầu xe máy bao lâu một lần',
  'sao y bản chính ở đâu', 'chứng thực bản sao căn cước ở ủy ban', 'công chứng bản sao giấy tờ', 'dịch thuật công chứng',
];
