/**
 * Cue phrases for emergency detection, written with diacritics; an unaccented message matches by the
 * folded form (see phrase-matcher.ts). Weights: ≥ 1 alone is enough to raise an emergency when nothing
 * speaks against it; smaller weights need a second cue or an urgency marker.
 */
export type EmergencyKind = 'fire' | 'police' | 'medical' | 'rescue';

export const KIND_CUES: Record<EmergencyKind, Array<[string, number]>> = {
  fire: [
    ['cháy', 0.8], ['cháy nhà', 1.4], ['nhà * cháy', 1], ['đang cháy', 1.4], ['bị cháy', 1], ['bốc cháy', 1.4],
    ['cháy lớn', 1.4], ['cháy to', 1.4], ['cháy rồi', 1.2], ['cháy cháy', 1.4], ['đám cháy', 1.4], ['có cháy', 1.4],
    ['cháy lan', 1.4], ['cháy rừng', 1.4], ['cháy kho', 1.4], ['cháy xưởng', 1.4], ['cháy chung cư', 1.4],
    ['cháy chợ', 1.4], ['cháy quán', 1.4], ['cháy tầng', 1.4], ['cháy xe', 1.2], ['hỏa hoạn', 1.4], ['lửa', 0.8],
    ['bắt lửa', 1.2], ['lửa cháy', 1.4], ['khói', 0.6], ['khói đen', 1.2], ['bốc khói', 1.2], ['khói bốc', 1.2],
    ['mùi khét', 0.8], ['nổ bình gas', 1.4], ['nổ bình ga', 1.4], ['nổ gas', 1.2], ['rò rỉ gas', 1.2], ['rò gas', 1.2],
    ['rò rỉ khí gas', 1.2], ['mùi gas', 1], ['chập điện', 0.8], ['cháy nổ', 1.2], ['phát nổ', 1.2], ['vụ nổ', 1],
    ['fire', 1.2], ['smoke', 0.8], ['burning', 1.2], ['on fire', 1.4], ['gas leak', 1.2], ['explosion', 1.2],
    ['báo cháy', 0.6],
  ],
  police: [
    ['cướp', 1], ['cướp giật', 1.2], ['cướp xe', 1.2], ['chặn đường', 0.8], ['chặn xe', 0.8], ['bị cướp', 1], ['ăn cướp', 1], ['trộm', 0.6], ['có trộm', 1.2], ['ăn trộm', 0.8],
    ['kẻ trộm', 0.8], ['đang trộm', 1.4], ['đột nhập', 1.2], ['kẻ gian', 0.6], ['đánh nhau', 1.2], ['đang đánh', 1.2],
    ['đánh người', 1.2], ['đánh tôi', 1], ['đánh vợ', 1], ['đánh con', 1], ['đánh đập', 1], ['vây đánh', 1.2],
    ['bị đánh', 0.8], ['đánh * trẻ', 1], ['cầm dao', 1.2], ['dao', 0.4], ['chém', 1.2], ['chém nhau', 1.4],
    ['bị đâm', 1.2], ['đâm người', 1.2], ['hung khí', 1.2], ['súng', 1], ['nổ súng', 1.4], ['bắn người', 1.4], ['bị bắn', 1.2], ['đang bắn', 1.2],
    ['bắt cóc', 1.4], ['đe dọa', 0.8], ['dọa giết', 1.4], ['đe dọa giết', 1.4], ['giết', 1], ['khống chế', 1],
    ['hành hung', 1.2], ['đập phá', 1.2], ['bẻ khóa', 1.2], ['phá khóa', 1.2], ['hiếp dâm', 1.4], ['sàm sỡ', 0.8],
    ['bạo lực', 0.8], ['đua xe', 0.6], ['tống tiền', 0.6], ['giữ người', 0.8], ['robbery', 1.2], ['robbed', 1],
    ['rob', 1], ['robbing', 1.2], ['thief', 1], ['breaking into', 1.4], ['break in', 1.2], ['attack', 1],
    ['attacking', 1.2], ['knife', 1], ['gun', 1.2], ['stabbed', 1.2], ['kidnap', 1.4], ['fighting', 1],
    ['beating', 1],
  ],
  medical: [
    ['ngất', 1.2], ['ngất xỉu', 1.4], ['xỉu', 0.8], ['bất tỉnh', 1.4], ['hôn mê', 1.2], ['đột quỵ', 1.4],
    ['méo miệng', 1.2], ['co giật', 1.4], ['khó thở', 1.2], ['không thở', 1.4], ['ngừng thở', 1.4], ['tím tái', 1.2],
    ['ngừng tim', 1.4], ['đau ngực', 1.2], ['đau tim', 1.2], ['nhồi máu', 1.4], ['chảy máu', 1], ['chảy nhiều máu', 1.4],
    ['mất máu', 1.2], ['tai nạn', 0.9], ['bị thương', 1], ['nằm bất động', 1.4], ['bất động', 1.2], ['vỡ ối', 1.4],
    ['sắp đẻ', 1.2], ['chuyển dạ', 1.2], ['thuốc sâu', 1.4], ['tự tử', 1.4], ['cắt tay', 1], ['ngộ độc', 1.2],
    ['nôn mửa', 0.6], ['sốc phản vệ', 1.4], ['sưng phù', 0.8], ['bị hóc', 1.2], ['hóc xương', 1.2], ['hóc dị vật', 1.4], ['hóc đồng xu', 1.4], ['hóc kẹo', 1.4], ['điện giật', 1.4], ['bỏng nặng', 1.2],
    ['gãy xương', 1], ['chó cắn', 0.8], ['rắn cắn', 1.2], ['ong đốt', 0.8], ['đập đầu', 1], ['ngã', 0.5],
    ['collapsed', 1.2], ['not breathing', 1.4], ['unconscious', 1.4], ['heart attack', 1.4], ['stroke', 1.2],
    ['bleeding', 1.2], ['overdose', 1.4], ['seizure', 1.4], ['injured', 1], ['ambulance', 1.2],
  ],
  rescue: [
    ['đuối nước', 1.4], ['chết đuối', 1.4], ['rơi xuống hồ', 1.4], ['rơi xuống sông', 1.4], ['rơi xuống giếng', 1.4],
    ['rơi xuống ao', 1.4], ['rơi xuống cống', 1.4], ['rơi xuống', 0.8], ['ngã xuống hồ', 1.4], ['ngã xuống sông', 1.4],
    ['nhảy cầu', 1.4], ['nhảy sông', 1.4], ['nhảy xuống', 1], ['nhảy lầu', 1.4], ['đòi nhảy', 1.2], ['định nhảy', 1.2],
    ['xuống hồ', 0.8], ['xuống sông', 0.8], ['xuống giếng', 0.8], ['xuống ao', 0.8], ['xuống kênh', 0.8],
    ['xuống mương', 0.8], ['xuống cống', 0.8], ['xuống hố', 0.8], ['xuống biển', 0.6], ['té xuống', 0.8],
    ['bị chìm', 1.2], ['đang chìm', 1.4], ['nước cuốn', 1.4], ['lũ cuốn', 1.4], ['kẹt thang máy', 1.4], ['thang máy kẹt', 1.4], ['thang máy * kẹt', 1.2],
    ['mắc kẹt', 1.2], ['bị kẹt', 1], ['kẹt đầu', 1.2], ['kẹt tay', 1.2], ['kẹt chân', 1.2], ['kẹt trong', 1],
    ['sập nhà', 1.4], ['nhà sập', 1.4], ['bị sập', 1.2], ['sập', 0.8], ['bị vùi', 1.4], ['vùi', 0.8], ['sạt lở', 1.4],
    ['cây đổ', 1.2], ['đè người', 1.2], ['bị đè', 1.2], ['bị nhốt', 1], ['nhốt trong', 1], ['lật thuyền', 1.4],
    ['thuyền * lật', 1.4], ['bị lật', 0.8], ['lao xuống hồ', 1.4], ['lao xuống sông', 1.4], ['lao xuống', 0.8],
    ['giàn giáo', 0.6], ['drowning', 1.4], ['trapped', 1.4], ['stuck in', 1], ['fell into', 1.4], ['fell in', 1.2],
    ['elevator', 0.6], ['lift', 0.4], ['collapse', 1],
  ],
};

/** Phrases that look like cues but are not emergencies; they consume their syllables first. */
export const NOT_EMERGENCY: string[] = [
  // slang and everyday uses of cháy / nổ / kẹt / sập / ngất / xỉu / cướp
  'cháy hàng', 'cháy túi', 'cháy ví', 'cháy vé', 'cháy deal', 'cháy show', 'cháy sạch vé', 'cháy máy', 'cháy nắng',
  'cháy đáy', 'cháy bóng đèn', 'cháy đèn', 'cháy quá', 'cháy hết mình', 'cháy tài khoản', 'cháy lịch', 'cơm cháy',
  'cháy phố', 'đá cháy', 'bị cháy nắng', 'cháy da', 'cháy tóc', 'cháy xém', 'cháy khét đồ ăn',
  'phòng cháy', 'chữa cháy', 'phòng cháy chữa cháy', 'bình chữa cháy', 'pccc', 'chống cháy', 'cháy nổ mùa',
  'thiết bị báo cháy', 'tủ báo cháy', 'hệ thống báo cháy', 'báo cháy tự động', 'báo cháy giả', 'đầu báo cháy',
  'lửa trại', 'bật lửa', 'bếp lửa', 'giữ lửa', 'truyền lửa',
  'kẹt xe', 'tắc đường', 'kẹt tiền', 'kẹt lịch', 'kẹt việc', 'kết nối', 'kết quả', 'kết hôn',
  'sáp nhập', 'sắp xếp', 'sập nguồn', 'sập web', 'sập mạng', 'sập sàn',
  'ngất ngây', 'mệt xỉu', 'muốn xỉu', 'xỉu luôn', 'xỉu up xỉu down', 'chết cười', 'cười xỉu',
  'cướp biển', 'cướp công', 'cướp lời', 'cướp sóng', 'trộm vía', 'ăn trộm ý tưởng',
  'tai nạn lao động', 'bảo hiểm tai nạn', 'giấy chứng nhận', 'đăng ký',
  'nổ máy', 'nổ lốp', 'đánh bài', 'đánh bạc', 'đánh giá', 'đánh máy', 'đánh vật', 'đánh ghen', 'đánh số', 'đánh rơi',
  'định danh', 'danh tính', 'tố giác', 'dao động', 'dao kéo', 'súng nước', 'bắn pháo hoa', 'đốt pháo',
  'fire safety', 'fire extinguisher', 'fire drill', 'fire prevention', 'lift pass', 'kickboxing',
];

/** Messages about the past or the news: lower the score (unless something is still going on). */
export const PAST: string[] = [
  'hôm qua', 'hôm trước', 'hôm kia', 'tuần trước', 'tuần rồi', 'tháng trước', 'năm ngoái', 'năm trước', 'đêm qua',
  'tối qua', 'sáng qua', 'chiều qua', 'hồi trước', 'lúc trước', 'trước đây', 'lần trước', 'đã dập tắt', 'dập xong',
  'đã dập', 'đã được cứu', 'khỏi rồi', 'đã khỏi', 'đã đưa vào viện', 'đưa vào viện rồi', 'hôm thứ', 'mấy hôm trước',
  'suýt', 'may mà', 'may có', 'yesterday', 'last week', 'last night', 'last year', 'hôm nọ', 'dạo trước',
  'xem tin', 'trên báo', 'đọc báo', 'nghe nói', 'clip', 'phim', 'trên mạng', 'xem video',
];

/** Questions about procedures, prevention, hypotheticals: not an event happening now. */
export const NOT_NOW: string[] = [
  'thủ tục', 'hồ sơ', 'giấy tờ', 'làm lại', 'cấp lại', 'trình báo', 'làm đơn', 'muốn báo', 'muốn tố cáo',
  'tố cáo', 'báo ở đâu', 'ở đâu', 'nếu', 'giả sử', 'lỡ', 'khi nào', 'cách', 'kỹ năng', 'hướng dẫn', 'học cách', 'lớp học', 'khóa học', 'kiến thức',
  'sơ cứu', 'phòng tránh', 'phòng chống', 'diễn tập', 'có bị phạt', 'bị phạt', 'quy định', 'số điện thoại', 'gọi số',
  'tổng đài', 'mua ở đâu', 'giá', 'bao nhiêu', 'bồi thường', 'bảo hiểm', 'nộp lại', 'biển số', 'how to', 'what to do if',
  'lấy lại', 'sợ quá', 'thoát hiểm',
];

/** Markers that something is happening now or needs help now. */
export const URGENT: string[] = [
  'đang', 'cứu', 'cứu với', 'cứu tôi', 'cứu em', 'cứu mẹ', 'cứu con', 'help', 'nhanh lên', 'gấp', 'khẩn cấp',
  'ngay bây giờ', 'bây giờ', 'vừa', 'vừa xong', 'right now', 'now', 'please help', 'urgent', 'emergency', 'sos',
  'ơi', 'trời ơi', 'đến ngay', 'tới ngay', 'mau', 'mau lên', 'rồi', 'có người', 'chạy về hướng', 'trốn',
];

/** Words containing "cứu" that are not a call for help (tra cứu, sơ cứu, cứu hộ as an agency...). */
export const NOT_URGENT: string[] = [
  'tra cứu', 'sơ cứu', 'cứu nạn', 'cứu hộ', 'cứu hỏa', 'cứu trợ', 'nghiên cứu', 'cứu cánh', 'cứu vãn', 'cứu net',
  'đang ký', 'đang kí',
];

export const HOTLINES = { fire: '114', police: '113', medical: '115', rescue: '114' } as const;
