import type { Facet } from '../../nlp/index.ts';
import { bullet, hanoiDateTime, numbered, type Templates } from './templates.ts';

const FACET_LABELS: Record<Facet, string> = {
  fee: 'lệ phí',
  time: 'thời gian giải quyết',
  papers: 'giấy tờ cần chuẩn bị',
  where: 'nơi làm thủ tục',
  online: 'cách nộp trực tuyến',
  legal: 'căn cứ pháp lý',
};

const HOTLINES = { '114': 'chữa cháy, cứu nạn cứu hộ', '113': 'Công an', '115': 'cấp cứu y tế' } as const;

const REPORT_KINDS = {
  to_giac: 'tố giác tội phạm',
  tin_bao: 'tin báo về tội phạm',
  lua_dao: 'trình báo lừa đảo',
  mat_giay_to: 'trình báo mất giấy tờ, tài sản',
  khac: 'tin báo',
} as const;

const REPORT_STATUSES = {
  received: 'Đã tiếp nhận',
  verifying: 'Đang xác minh',
  transferred: 'Đã chuyển xử lý',
  resolved: 'Đã giải quyết',
  insufficient: 'Không đủ căn cứ',
} as const;

const EMERGENCY_STEPS = {
  fire: [
    'Hô hoán mọi người và thoát ra ngoài ngay theo lối thoát nạn; không dùng thang máy, không quay lại lấy đồ.',
    'Khi đi qua khói: cúi thấp người, che mũi miệng bằng khăn ướt.',
    'Nếu an toàn, ngắt cầu dao điện và khóa van gas.',
    'Nếu bị kẹt: đóng cửa, chèn khăn ướt vào khe cửa, ra ban công hoặc cửa sổ và ra hiệu để được cứu.',
  ],
  rescue: [
    'Giữ an toàn cho bản thân trước; không lao vào nơi nguy hiểm (nước sâu, công trình sập, dây điện).',
    'Người đuối nước: ném phao, dây, gậy hoặc vật nổi cho nạn nhân; không nhảy xuống nếu không biết cách cứu.',
    'Người bị điện giật: ngắt nguồn điện trước, không chạm tay trực tiếp vào nạn nhân.',
    'Gọi thêm người xung quanh hỗ trợ và cử người ra đón, chỉ đường cho lực lượng cứu hộ.',
  ],
  medical: [
    'Đặt người bệnh nằm ở nơi an toàn, thoáng khí; nới lỏng quần áo.',
    'Nếu người bệnh bất tỉnh nhưng còn thở, đặt nằm nghiêng an toàn; nếu ngừng thở và anh/chị đã được hướng dẫn, ép tim ngay.',
    'Nếu chảy máu nhiều, ép chặt vết thương bằng vải sạch.',
    'Không cho ăn uống hay tự ý cho uống thuốc; ở bên cạnh cho đến khi xe cấp cứu tới.',
  ],
  police: [
    'Đến nơi an toàn, tránh đối đầu trực tiếp với đối tượng.',
    'Ghi nhớ đặc điểm đối tượng, phương tiện, biển số và hướng di chuyển.',
    'Giữ nguyên hiện trường, không chạm vào đồ vật liên quan nếu có thể.',
  ],
} as const;

const minutes = (ms: number) => {
  const m = Math.floor(ms / 60_000);
  return m < 1 ? 'chưa đến 1 phút' : `${m} phút`;
};

const position = (p: number | null) => (p ? ` Anh/chị đang ở vị trí số ${p} trong hàng chờ.` : '');

export const vi: Templates = {
  lang: 'vi',
  greeting: () =>
    'Dạ, em chào anh/chị! Em là trợ lý ảo Bình Yên. Em có thể hướng dẫn thủ tục hành chính (căn cước, cư trú, xe, hộ chiếu...), tìm công an xã/phường sau sắp xếp, tiếp nhận tin báo, tố giác và hỗ trợ khi khẩn cấp. Anh/chị cần hỗ trợ gì ạ?',
  thanks: () => 'Dạ, không có gì ạ. Chúc anh/chị một ngày bình yên! Khi cần, anh/chị cứ nhắn cho em.',
  smalltalk: () =>
    'Dạ, em là trợ lý ảo của nền tảng Bình Yên, trả lời tự động 24/7 về thủ tục hành chính, tìm công an xã/phường, tiếp nhận tin báo và hỗ trợ khẩn cấp. Khi cần, em chuyển anh/chị tới cán bộ. Anh/chị cần hỏi gì ạ?',
  menu: () => ['Tìm công an xã/phường', 'Gửi tin báo, tố giác', 'Tra cứu tin báo đã gửi', 'Gặp cán bộ'],
  fallback: (guesses) =>
    `Dạ, hiện em chưa có thông tin về nội dung này.${guesses.length ? ` Có phải anh/chị muốn hỏi về ${guesses.map((g) => `«${g}»`).join(' hoặc ')} không ạ?` : ''} Anh/chị cũng có thể chọn «Gặp cán bộ» để được cán bộ hỗ trợ trực tiếp.`,
  clarify: (options) =>
    options.length >= 2
      ? `Dạ, anh/chị muốn hỏi về ${options.slice(0, -1).map((o) => `«${o}»`).join(', ')} hay «${options.at(-1)}» ạ?`
      : 'Dạ, anh/chị có thể nói rõ hơn mình cần làm thủ tục gì không ạ?',
  needTopic: (facet, examples) =>
    `Dạ, anh/chị muốn hỏi ${FACET_LABELS[facet]} của thủ tục nào ạ?${examples.length ? ` (ví dụ: ${examples.join(', ')})` : ''}`,
  lowConfidenceOffer: () =>
    'Dạ, em xin lỗi vì chưa hiểu đúng ý anh/chị. Anh/chị có muốn em chuyển cuộc trò chuyện tới cán bộ công an xã/phường để được hỗ trợ trực tiếp không ạ?',
  internalError: () =>
    'Dạ, hệ thống đang gặp trục trặc nên em chưa trả lời được. Anh/chị vui lòng thử lại sau ít phút. Trường hợp khẩn cấp xin gọi ngay 113 (công an), 114 (cháy, cứu nạn) hoặc 115 (cấp cứu).',

  facetLabel: (f) => FACET_LABELS[f],
  facetQuestions: () => ({
    fee: 'Lệ phí bao nhiêu?',
    time: 'Mất bao lâu?',
    papers: 'Cần giấy tờ gì?',
    where: 'Làm ở đâu?',
    online: 'Làm online được không?',
    legal: 'Căn cứ pháp lý?',
  }),
  procedureIntro: (title) => `Dạ, về thủ tục «${title}»:`,
  facetIntro: (facet, title) => `Dạ, về ${FACET_LABELS[facet]} của thủ tục «${title}»:`,
  lastChecked: (date) => `(Thông tin cập nhật ngày ${date}.)`,
  factsInVietnamese: () => '',
  childVariant: (title, age) => `Dạ, với trẻ em${age !== undefined ? ` (cháu ${age} tuổi)` : ''} thì áp dụng thủ tục «${title}».`,
  otherAgeVariant: (title, r) =>
    `Nếu cháu ${r.max === Infinity ? `từ đủ ${r.min} tuổi trở lên` : r.min === 0 ? `dưới ${r.max} tuổi` : `từ ${r.min} đến dưới ${r.max} tuổi`} thì áp dụng thủ tục «${title}».`,
  childSameProcedure: (title, specifics) =>
    `Dạ, thủ tục «${title}» cũng áp dụng cho trẻ em.${specifics.length ? ` Những điểm riêng cho trẻ em:\n${bullet(specifics)}` : ''}`,
  childUnknown: (title) =>
    `Dạ, hiện em chưa có thông tin riêng về thủ tục «${title}» cho trẻ em. Anh/chị vui lòng hỏi công an xã/phường hoặc chọn «Gặp cán bộ» ạ.`,
  onlineAvailable: (channels, url) => `Có, anh/chị có thể nộp trực tuyến qua ${channels.join(', ')}.${url ? ` Địa chỉ: ${url}` : ''}`,
  onlineUnavailable: (where) => `Theo thông tin hiện có, thủ tục này chưa nộp trực tuyến được. Nơi làm thủ tục: ${where}`,
  startReportOffer: () => 'Gửi tin báo ngay',

  wardAnswer: (w) => {
    const head = w.via
      ? `Dạ, ${w.via.oldName} (${w.via.oldDistrict}) trước đây nay thuộc ${w.name}.`
      : `Dạ, địa chỉ này thuộc ${w.name}.`;
    const contact = [w.police.address ? `địa chỉ: ${w.police.address}` : null, w.police.phone ? `điện thoại: ${w.police.phone}` : null].filter(Boolean);
    const police = contact.length
      ? `Đơn vị công an: ${w.police.name} — ${contact.join(', ')}.`
      : `Đơn vị công an: ${w.police.name}. Địa chỉ và số điện thoại của đơn vị chưa được cập nhật trên hệ thống; trường hợp khẩn cấp xin gọi 113.`;
    const seat = `Trụ sở UBND ${w.name} (không phải trụ sở công an): ${w.adminSeat}.`;
    const former = w.formerUnits.length
      ? `Thay đổi khi sắp xếp (Nghị quyết ${w.resolution}, từ 1/7/2025): ${w.name} được lập từ:\n${bullet(
          w.formerUnits.map((f) => `${f.name} (${f.district}): ${f.wordingText}${f.alsoTo.length ? ` (phần khác thuộc ${f.alsoTo.join(', ')})` : ''}`),
        )}`
      : '';
    return [head, bullet([police, seat]), former].filter(Boolean).join('\n');
  },
  wardSplit: (oldName, oldDistrict, parts) =>
    `Dạ, ${oldName} (${oldDistrict}) trước đây đã được chia cho ${parts.length} đơn vị theo Nghị quyết 1656/NQ-UBTVQH15:\n${bullet(
      parts.map((p) => `${p.name}${p.wordingText ? `: ${p.wordingText}` : ''}`),
    )}\nĐể xác định chính xác, anh/chị cho em biết tên đường/phố, số nhà, hoặc bấm «Chia sẻ vị trí» ạ. Nếu đã biết phường/xã mới, anh/chị chọn tên bên dưới.`,
  wardAmbiguous: (names) =>
    `Dạ, địa chỉ này có thể thuộc: ${names.join(', ')}. Anh/chị cho em biết thêm quận/huyện cũ, tên đường/phố, hoặc bấm «Chia sẻ vị trí» để em xác định chính xác ạ.`,
  askAddress: () =>
    'Dạ, anh/chị cho em biết địa chỉ cần tra (số nhà, đường/phố, phường/xã cũ hoặc mới, quận/huyện cũ nếu nhớ), hoặc bấm «Chia sẻ vị trí» để em tìm theo vị trí hiện tại ạ.',
  wardNotFound: () =>
    'Dạ, em chưa xác định được xã/phường từ thông tin này. Anh/chị ghi rõ tên phường/xã (cũ hoặc mới) kèm quận/huyện cũ, hoặc bấm «Chia sẻ vị trí» ạ.',
  locationUnavailable: () => 'Dạ, hệ thống hiện chưa tra được theo vị trí. Anh/chị vui lòng nhập địa chỉ (phường/xã, quận/huyện cũ) ạ.',
  shareLocation: () => 'Chia sẻ vị trí',

  hotlineLabel: (h) => HOTLINES[h],
  emergencySteps: (k) => [...EMERGENCY_STEPS[k]],
  emergencyFirst: (h, steps) =>
    `KHẨN CẤP — anh/chị hãy gọi ngay ${h} (${HOTLINES[h]}), miễn phí, 24/7.\nViệc cần làm ngay:\n${numbered(steps)}`,
  emergencyAsk: (missing) =>
    missing.length === 2
      ? 'Để báo Trung tâm chỉ huy, anh/chị nhắn giúp em: địa chỉ chính xác (số nhà, ngõ, đường/phố, phường/xã) hoặc bấm «Chia sẻ vị trí», số điện thoại để lực lượng gọi lại, và tình hình hiện tại (có ai bị kẹt, bị thương không).'
      : missing[0] === 'location'
        ? 'Anh/chị đang ở đâu ạ? Nhắn địa chỉ (số nhà, ngõ, đường/phố, phường/xã) hoặc bấm «Chia sẻ vị trí».'
        : 'Anh/chị cho em số điện thoại để lực lượng gọi lại (nếu không tiện, bỏ qua).',
  emergencyForwarded: (code, ward) =>
    `Em đã chuyển thông tin tới Trung tâm chỉ huy Công an thành phố (mã sự cố ${code}${ward ? `, địa bàn ${ward}` : ''}). Gọi điện vẫn là cách nhanh nhất.`,
  emergencyDone: (h) =>
    `Dạ, em đã cập nhật đủ thông tin cho Trung tâm chỉ huy. Anh/chị giữ an toàn và để điện thoại ở chế độ nghe được. Nếu chưa gọi ${h}, xin gọi ngay.`,
  emergencyExtraHotline: (h) => `Nếu cần ${HOTLINES[h]}, gọi thêm ${h}.`,
  call: (h) => `Gọi ${h}`,

  reportKindLabel: (k) => REPORT_KINDS[k],
  reportIntro: (k) =>
    k === 'lua_dao'
      ? 'Dạ, em rất tiếc về việc anh/chị gặp phải. Trước hết, để hạn chế thiệt hại:'
      : `Dạ, em sẽ giúp anh/chị gửi ${REPORT_KINDS[k]} tới công an xã/phường có thẩm quyền. Câu nào không rõ, anh/chị chọn «Bỏ qua»; có thể gửi ẩn danh; nhắn «hủy» để dừng.`,
  antiScamAdvice: () => [
    'Gọi ngay tổng đài hoặc đến chi nhánh ngân hàng để đề nghị tra soát, phong tỏa giao dịch; đổi mật khẩu, khóa thẻ nếu đã lộ thông tin.',
    'Công an không bao giờ yêu cầu chuyển tiền, đọc mã OTP hay mật khẩu qua điện thoại, tin nhắn, mạng xã hội.',
    'Không bấm vào đường link lạ, không cài ứng dụng theo hướng dẫn của người lạ; không chuyển thêm tiền để “lấy lại tiền”.',
    'Giữ lại chứng cứ: ảnh chụp tin nhắn, số tài khoản, số điện thoại, đường link, biên lai chuyển tiền.',
  ],
  reportPrompt: (step, kind) => {
    switch (step) {
      case 'what':
        return kind === 'lua_dao'
          ? 'Anh/chị mô tả ngắn gọn: bị lừa qua kênh nào (điện thoại, Facebook, Zalo, trang web...), thủ đoạn ra sao, số tiền đã chuyển (nếu có)?'
          : kind === 'mat_giay_to'
            ? 'Anh/chị bị mất giấy tờ hay tài sản gì (loại, số lượng, đặc điểm)?'
            : 'Anh/chị mô tả ngắn gọn sự việc: chuyện gì đã xảy ra, thiệt hại (nếu có)?';
      case 'when':
        return 'Sự việc xảy ra khi nào (ngày, giờ — khoảng thời gian cũng được)?';
      case 'where':
        return kind === 'lua_dao'
          ? 'Anh/chị đang ở phường/xã nào (tên cũ hoặc mới)? Em sẽ chuyển tin tới công an xã/phường đó.'
          : 'Sự việc xảy ra ở đâu (số nhà, đường/phố, phường/xã)?';
      case 'who':
        return kind === 'lua_dao'
          ? 'Anh/chị cho biết thông tin của đối tượng nếu có: số điện thoại, tài khoản Facebook/Zalo, đường link, số tài khoản ngân hàng đã nhận tiền.'
          : 'Anh/chị có biết thông tin về người liên quan không (đặc điểm, tên, số điện thoại, biển số xe...)?';
      case 'contact':
        return 'Cuối cùng, anh/chị để lại số điện thoại (và họ tên nếu muốn) để cán bộ liên hệ xác minh, hoặc chọn «Gửi ẩn danh» (cán bộ sẽ không liên hệ lại được).';
      case 'confirm':
        return 'Anh/chị chọn «Gửi» để gửi, hoặc «Hủy» để dừng.';
    }
  },
  reportConfirm: (d, unit) => {
    const v = (s: string | undefined, step: string) => s ?? (d.skipped.includes(step as never) ? '(bỏ qua)' : '(chưa có)');
    return `Anh/chị kiểm tra lại thông tin:\n${bullet([
      `Loại: ${REPORT_KINDS[d.kind]}`,
      `Sự việc: ${v(d.what, 'what')}`,
      `Thời gian: ${v(d.whenText, 'when')}`,
      `Địa điểm: ${v(d.whereText, 'where')}`,
      `Người liên quan: ${v(d.who, 'who')}`,
      `Liên hệ: ${d.anonymous ? 'ẩn danh' : v(d.contactText, 'contact')}`,
    ])}\nTin sẽ được gửi tới ${unit}. Anh/chị chọn «Gửi» để gửi, hoặc «Hủy» để dừng.`;
  },
  reportCreated: (kindLabel, unit, code, secret) =>
    `Dạ, ${kindLabel} của anh/chị đã được gửi tới ${unit} và đưa vào hàng chờ của cán bộ.\nMã theo dõi: ${code}\nMã bí mật: ${secret}\nAnh/chị vui lòng lưu lại hai mã này — mã bí mật chỉ hiển thị một lần. Dùng hai mã để tra cứu tình trạng xử lý (nhắn «tra cứu tin báo») và gửi thêm chứng cứ (ảnh, PDF, ghi âm; tối đa 10 MB mỗi tệp). Cán bộ có thể nhắn trực tiếp cho anh/chị trong khung chat này.`,
  reportCancelled: () => 'Dạ, em đã hủy, thông tin chưa được gửi. Anh/chị cần hỗ trợ gì thêm cứ nhắn em ạ.',
  reportStatusLabel: (s) => REPORT_STATUSES[s],
  cityUnit: () => 'trực ban Công an thành phố Hà Nội',
  wardUnit: (name) => `Công an ${name.charAt(0).toLowerCase()}${name.slice(1)}`,
  skip: () => 'Bỏ qua',
  cancel: () => 'Hủy',
  send: () => 'Gửi',
  anonymous: () => 'Gửi ẩn danh',
  upload: () => 'Gửi chứng cứ (ảnh, PDF, ghi âm)',

  statusAskCode: () =>
    'Dạ, với tin báo, tố giác đã gửi qua trợ lý Bình Yên, anh/chị nhắn giúp em mã theo dõi (dạng TG-XXXX-XXXX) kèm mã bí mật được cấp khi gửi.\nVới hồ sơ thủ tục hành chính (căn cước, cư trú, hộ chiếu, đăng ký xe...), hệ thống này không lưu hồ sơ nên em không tra được; anh/chị tra cứu bằng mã hồ sơ (mã biên nhận) trên Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID, hoặc hỏi nơi đã nộp hồ sơ.',
  statusAskSecret: (code) => `Dạ, anh/chị nhắn giúp em mã bí mật (16 ký tự, dạng XXXX-XXXX-XXXX-XXXX) của tin báo ${code} ạ.`,
  statusResult: (r) =>
    `Dạ, ${r.kindLabel} ${r.trackingCode}: ${r.statusLabel} (cập nhật lúc ${r.updatedAt}).${r.note ? `\nCán bộ nhắn: ${r.note}` : ''}`,
  statusFailed: () =>
    'Dạ, mã theo dõi hoặc mã bí mật chưa đúng. Anh/chị kiểm tra lại giúp em (mã theo dõi dạng TG-XXXX-XXXX, mã bí mật 16 ký tự).',
  statusTooMany: () =>
    'Dạ, anh/chị đã nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút, hoặc liên hệ công an xã/phường nơi đã gửi tin.',
  portal: () => 'Cổng Dịch vụ công quốc gia',

  talkToOfficer: () => 'Gặp cán bộ',
  yesOfficer: () => 'Có, gặp cán bộ',
  noThanks: () => 'Không cần',
  askWardForHandoff: () =>
    'Dạ, để chuyển tới đúng cán bộ công an xã/phường, anh/chị cho em biết anh/chị ở xã/phường nào (tên cũ hoặc mới đều được), hoặc bấm «Chia sẻ vị trí». Nếu không rõ, chọn «Bỏ qua», em sẽ chuyển tới trực ban Công an thành phố.',
  handoffRequested: (unit, p) =>
    `Dạ, em đã chuyển cuộc trò chuyện tới cán bộ ${unit}.${position(p)} Cán bộ sẽ trả lời ngay trong khung chat này; anh/chị có thể rời đi và quay lại sau, tin nhắn không bị mất. Trường hợp khẩn cấp, xin gọi ngay 113 (công an), 114 (cháy, cứu nạn) hoặc 115 (cấp cứu).`,
  handoffAlready: (unit, p, w) =>
    `Dạ, cuộc trò chuyện đã được chuyển tới cán bộ ${unit}.${position(p)}${w !== null ? ` Thời gian đã chờ: ${minutes(w)}.` : ''}`,
  handoffAckQueued: (p, w) => `Dạ, em đã chuyển tin nhắn tới cán bộ.${position(p)}${w !== null ? ` Thời gian đã chờ: ${minutes(w)}.` : ''}`,
  handoffAckTaken: () => 'Dạ, cán bộ đã nhận được tin nhắn của anh/chị.',
  handoffDeclined: () => 'Dạ vâng. Anh/chị cần hỏi gì thêm cứ nhắn cho em ạ.',
  officerTook: (unit) => `Cán bộ ${unit} đã tiếp nhận cuộc trò chuyện.`,
  officerClosed: () => 'Cán bộ đã kết thúc cuộc trao đổi. Trợ lý ảo Bình Yên tiếp tục hỗ trợ anh/chị.',

  dateTime: (d) => {
    const t = hanoiDateTime(d);
    return `${t.hh}:${t.mm} ngày ${t.day}/${t.month}/${t.year}`;
  },
  minutes,
};
