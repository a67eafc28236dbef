/**
 * Training utterances for domain meta intents: finding one's ward police after the 2025 merger, and
 * reporting a crime (the first-person report, as opposed to asking how the procedure works).
 */

export const FIND_WARD = [
  'công an phường tôi ở đâu', 'trụ sở công an xã ở đâu', 'địa chỉ công an phường', 'tôi thuộc công an phường nào',
  'nhà tôi thuộc phường nào sau sáp nhập', 'phường cũ của tôi nay là phường gì', 'phường mới tên là gì',
  'sau sắp xếp đơn vị hành chính tôi thuộc xã nào', 'xã cũ giờ sáp nhập vào đâu', 'phường tôi bị sáp nhập chưa',
  'tìm công an phường gần nhất', 'số điện thoại công an phường', 'công an xã nơi tôi ở', 'tra cứu phường mới',
  'quận cũ bỏ rồi thì giờ nộp hồ sơ ở phường nào', 'địa chỉ này thuộc công an phường nào quản lý',
  'tôi ở phường trung hòa cũ', 'nhà ở phường mai dịch cũ quận cầu giấy giờ thuộc đâu', 'phường bách khoa cũ giờ là phường gì',
  'thị trấn cũ giờ là xã nào', 'xã vân canh cũ huyện hoài đức', 'khu tập thể ở phường khương mai cũ',
  'cong an phuong o dau', 'tim cong an phuong', 'phuong cu gio thuoc phuong nao', 'sau sap nhap toi o phuong nao',
  'dia chi cong an xa', 'tru so cong an phuong moi', 'nha toi o phuong yen hoa cu', 'toi o xa nao sau sap xep',
  'which ward do I belong to now', 'where is my ward police station', 'find the police station near me',
  'my old ward was merged, which is the new one', 'ward police address', 'phường nào quản lý địa chỉ nhà tôi',
  'ngõ 100 phố x thuộc phường nào', 'số nhà tôi ở đường láng thuộc phường nào', 'giờ làm việc của công an phường',
  'đồn công an gần đây', 'đến công an phường nào để làm thủ tục', 'phường tôi mới đổi tên',
];

export const REPORT_CRIME = [
  'tôi muốn báo công an', 'tôi muốn trình báo', 'tôi bị trộm', 'nhà tôi bị trộm', 'tôi bị cướp hôm qua',
  'tôi bị lừa', 'tôi vừa bị lừa tiền', 'mẹ tôi bị lừa chuyển tiền', 'tôi bị người ta đánh', 'tôi bị đe dọa',
  'tôi bị tống tiền qua mạng', 'có người tung ảnh nóng của tôi', 'tôi bị hack facebook rồi bị lừa',
  'bị mất xe máy ở bãi gửi', 'xe đạp điện bị trộm', 'điện thoại bị giật', 'bị móc túi trên xe buýt',
  'tôi muốn tố giác tội phạm', 'muốn báo tin có người buôn ma túy', 'hàng xóm đánh bạc, muốn báo',
  'phát hiện ổ cờ bạc', 'muốn báo có người bán hàng cấm', 'có người cho vay nặng lãi đe dọa nhà tôi',
  'bị lừa đảo chiếm đoạt tài sản', 'bị lừa mua hàng online', 'bị lừa đầu tư', 'bị lừa việc làm',
  'toi bi lua', 'toi bi trom', 'nha bi trom', 'bi cuop', 'bi danh', 'muon trinh bao cong an', 'bi lua tien',
  'bi de doa', 'to giac toi pham', 'bao tin toi pham', 'bi lua chuyen khoan', 'bi mat trom xe',
  'I was robbed', 'I was scammed', 'my bike was stolen', 'I want to report a theft', 'someone threatened me',
  'I want to report a crime', 'my phone was snatched yesterday', 'someone stole my bag last week',
  'my car was broken into last night', 'my house was burgled while we were away',
];
