/**
 * Word lists used by normalisation: teencode and domain abbreviations, regional words, English words
 * mapped to Vietnamese concepts, and stop-words. Keys are lower-case; "folded" keys have no diacritics.
 */

/** Abbreviations / teencode keyed by their folded form (so "đc" and "dc" both match). */
export const FOLDED_EXPANSIONS: Record<string, string> = {
  // negation, common teencode
  ko: 'không', k: 'không', kh: 'không', khg: 'không', hok: 'không', hem: 'không', khum: 'không',
  kg: 'không', kô: 'không', k0: 'không', khog: 'không', khong: 'không',
  dc: 'được', dk: 'đăng ký', dki: 'đăng ký', dky: 'đăng ký', dkí: 'đăng ký', duoc: 'được', dcj: 'được',
  vs: 'với', j: 'gì', ji: 'gì', z: 'vậy', dz: 'vậy', v: 'vậy', zay: 'vậy',
  ntn: 'như thế nào', ns: 'nói', ng: 'người', ngta: 'người ta', mn: 'mọi người', mng: 'mọi người',
  mik: 'mình', mjk: 'mình', mh: 'mình', mk: 'mình',
  cj: 'chị', chj: 'chị', ad: 'admin', r: 'rồi', ik: 'đi', trc: 'trước', thui: 'thôi',
  lun: 'luôn', nhiu: 'nhiều', wa: 'qua', qa: 'qua', ms: 'mới', cx: 'cũng', cg: 'cũng', lm: 'làm', bt: 'biết',
  bik: 'biết', hnay: 'hôm nay', hqua: 'hôm qua', tg: 'thời gian', sdt: 'số điện thoại',
  dt: 'điện thoại', dthoai: 'điện thoại', oy: 'rồi', ak: 'à', ah: 'à', uk: 'ừ', uh: 'ừ', oke: 'ok', okie: 'ok',
  tks: 'cảm ơn', thks: 'cảm ơn', thx: 'cảm ơn', gd: 'gia đình', cty: 'công ty', tp: 'thành phố',
  hs: 'hồ sơ', tthc: 'thủ tục hành chính', ubnd: 'ủy ban nhân dân', cax: 'công an xã',
  csgt: 'cảnh sát giao thông', cand: 'công an nhân dân', bjo: 'bây giờ', bgio: 'bây giờ',
  nx: 'nữa', ctv: 'cộng tác viên', ae: 'anh em', bme: 'bố mẹ', bm: 'bố mẹ',
  hix: 'hic', huhu: 'hic', hihi: 'haha', hehe: 'haha', kkk: 'haha', kaka: 'haha', hjhj: 'haha', hoho: 'haha',
  kk: 'haha', keke: 'haha', hahaha: 'haha', hihihi: 'haha', kkkk: 'haha', vl: 'quá', vcl: 'quá',
  // domain
  cccd: 'căn cước công dân', cmnd: 'chứng minh nhân dân', cmt: 'chứng minh thư', cmtnd: 'chứng minh nhân dân',
  gplx: 'giấy phép lái xe', blx: 'bằng lái xe', lltp: 'lý lịch tư pháp', pccc: 'phòng cháy chữa cháy',
  cnch: 'cứu nạn cứu hộ', antt: 'an ninh trật tự', xnc: 'xuất nhập cảnh', qlxnc: 'quản lý xuất nhập cảnh',
  dvc: 'dịch vụ công', dvcqg: 'dịch vụ công quốc gia', dddt: 'định danh điện tử', ddt: 'định danh điện tử',
  xm: 'xe máy', oto: 'ô tô', kt3: 'sổ tạm trú kt3', hk: 'hộ khẩu', shk: 'sổ hộ khẩu', tk: 'tài khoản',
  bhyt: 'bảo hiểm y tế', bhxh: 'bảo hiểm xã hội', gks: 'giấy khai sinh', cavet: 'cà vẹt', cavẹt: 'cà vẹt',
  ct07: 'ct07 xác nhận thông tin cư trú', ct01: 'ct01 tờ khai thay đổi thông tin cư trú',
  tk01: 'tk01 tờ khai định danh', nđ: 'nghị định', bca: 'bộ công an', cahn: 'công an hà nội',
  hn: 'hà nội', hcm: 'hồ chí minh', tphcm: 'thành phố hồ chí minh',
  vneid: 'vneid', vnid: 'vneid', vneld: 'vneid', vnied: 'vneid',
};

/** Only applied when the token is written exactly so (accented), because the folded form is ambiguous. */
export const ACCENTED_EXPANSIONS: Record<string, string> = {
  mần: 'làm', răng: 'sao', rứa: 'vậy', nớ: 'đó', hổng: 'không', xài: 'dùng',
  dô: 'vào', vô: 'vào', mắc: 'đắt', nhứt: 'nhất', hông: 'không', hăm: 'hai mươi',
  kí: 'ký', lí: 'lý', mĩ: 'mỹ', đk: 'đăng ký', đki: 'đăng ký', đkí: 'đăng ký', đký: 'đăng ký',
};

/** Abbreviations whose meaning the dialogue must clarify. The token itself is kept. */
export const AMBIGUOUS: Record<string, string[]> = {
  tt: ['thường trú', 'tạm trú', 'thủ tục'],
  ct: ['công ty', 'chương trình', 'cấp tỉnh'],
};

/**
 * Concepts: synonym phrases (folded, space separated) → concept tags added as extra features. They link
 * the many ways one thing is said (hộ khẩu / thường trú / household registration). Longest match wins.
 */
export const CONCEPTS: Record<string, string[]> = {
  thuongtru: ['thuong tru', 'ho khau', 'nhap khau', 'so ho khau', 'permanent residence', 'household registration',
    'permanent address', 'khau', 'hk'],
  tamtru: ['tam tru', 'kt3', 'so tam tru', 'temporary residence', 'temporary stay', 'o tro', 'thue tro', 'nha tro',
    'phong tro', 'thue nha', 'o thue', 'rent', 'renting', 'tenant'],
  xoa: ['xoa', 'cat khau', 'cat ho khau', 'xoa ten', 'rut khau', 'rut ho khau', 'delete', 'remove', 'deregister',
    'huy'],
  tachho: ['tach ho', 'tach khau', 'tach so', 'ra ho rieng', 'lap ho moi', 'ho rieng', 'split household'],
  giahan: ['gia han', 'extend', 'extension', 'sap het han', 'het han'],
  luutru: ['luu tru', 'khach o qua dem', 'ngu lai qua dem', 'o lai qua dem', 'ngu qua dem', 'khach den o',
    'ngu nho', 'homestay', 'khach san', 'nha nghi', 'overnight', 'guest'],
  tamvang: ['tam vang', 'vang mat', 'di vang', 'absence', 'away from home', 'di lam an xa', 'di xa nha'],
  cutru: ['cu tru', 'noi o', 'cho o', 'residence', 'address', 'dia chi'],
  xacnhan: ['xac nhan', 'confirm', 'confirmation', 'certify', 'certificate', 'proof'],
  cancuoc: ['can cuoc', 'can cuoc cong dan', 'the can cuoc', 'cccd', 'chung minh nhan dan', 'chung minh thu',
    'cmnd', 'cmt', 'id card', 'identity card', 'citizen id', 'the cong dan', 'ccd', 'chip'],
  cmnd9: ['9 so', 'chin so', 'chung minh cu', 'cmnd cu', 'so cu', 'old id', 'so dinh danh', 'ma dinh danh'],
  dinhdanh: ['dinh danh', 'vneid', 'dinh danh dien tu', 'muc 2', 'muc do 2', 'level 2', 'muc 1', 'muc do 1',
    'app vneid', 'ung dung vneid', 'electronic identification', 'digital id'],
  khoa: ['khoa tai khoan', 'mo khoa', 'bi khoa', 'khoa', 'lock', 'unlock', 'locked', 'vo hieu'],
  hochieu: ['ho chieu', 'passport', 'pass port', 'pasport', 'hochieu'],
  gplx: ['giay phep lai xe', 'bang lai', 'bang lai xe', 'gplx', 'driving licence', 'driving license',
    'driver license', 'drivers license', 'driver licence', 'bang a1', 'bang b2', 'bang b1', 'bang c', 'bang xe',
    'license', 'licence', 'lai xe'],
  quocte: ['quoc te', 'international', 'idp', 'nuoc ngoai lai xe', 'lai xe o nuoc ngoai'],
  dangkyxe: ['dang ky xe', 'bien so', 'ca vet', 'cavet', 'giay dang ky xe', 'bien kiem soat', 'license plate',
    'number plate', 'vehicle registration', 'giay to xe', 'bam bien', 'boc bien', 'bien xe', 'dang ki xe'],
  xe: ['xe may', 'o to', 'xe hoi', 'xe dien', 'motorbike', 'motorcycle', 'car', 'vehicle', 'scooter', 'xe'],
  sangten: ['sang ten', 'mua xe cu', 'ban xe', 'mua lai xe', 'chuyen nhuong xe', 'sang ten doi chu', 'doi chu',
    'transfer ownership'],
  phatnguoi: ['phat nguoi', 'vi pham giao thong', 'nop phat', 'camera phat', 'traffic fine', 'bi phat',
    'phat giao thong', 'tra cuu vi pham', 'loi vuot den', 'vuot den do', 'speeding ticket'],
  lltp: ['ly lich tu phap', 'lltp', 'phieu ly lich', 'criminal record', 'police clearance', 'police check',
    'ly lich', 'an tich'],
  pccc: ['phong chay chua chay', 'pccc', 'fire safety', 'fire prevention', 'phong chay', 'chua chay'],
  thietke: ['tham dinh', 'thiet ke', 'ban ve', 'design', 'appraisal', 'giay phep xay dung'],
  nghiemthu: ['nghiem thu', 'acceptance', 'kiem tra nghiem thu', 'dua vao su dung'],
  truyentin: ['truyen tin', 'ket noi', 'thiet bi truyen tin', 'bao su co', 'bao chay tu dong', 'dau bao'],
  antt: ['an ninh trat tu', 'antt', 'du dieu kien an ninh', 'nganh nghe kinh doanh co dieu kien', 'karaoke',
    'cam do', 'kinh doanh gas', 'quan bar', 'massage', 'vu truong', 'kinh doanh dich vu luu tru'],
  condau: ['con dau', 'khac dau', 'mau dau', 'dau cong ty', 'seal', 'company stamp', 'dau tron'],
  vukhi: ['vu khi', 'vu khi tho so', 'guom', 'thanh kiem', 'ma tau', 'dao gam', 'luu dan', 'cung ten',
    'weapon', 'sword', 'kiem nhat', 'katana'],
  togiac: ['to giac', 'tin bao', 'bao tin', 'toi pham', 'report a crime', 'crime', 'bao cong an', 'kien nghi khoi to',
    'danh bac', 'ma tuy', 'trom', 'cuop', 'buon lau', 'hanh hung'],
  luadao: ['lua dao', 'bi lua', 'scam', 'scammed', 'fraud', 'chiem doat', 'gia danh', 'lua dao qua mang',
    'lua tien', 'lua chuyen khoan', 'app vay', 'dau tu ao', 'sdt la', 'link la', 'chuyen nham'],
  mat: ['danh roi', 'that lac', 'bi mat', 'lam mat', 'lost', 'lose', 'bi trom', 'moc tui', 'roi mat', 'mat vi',
    'mat giay to', 'mat tai san'],
  khieunai: ['khieu nai', 'to cao', 'complaint', 'complain', 'phan anh', 'thai do', 'sach nhieu', 'nhung nhieu',
    'vo le', 'tieu cuc', 'hanh dan', 'quyet dinh xu phat'],
  online: ['truc tuyen', 'online', 'qua mang', 'dich vu cong', 'dvc', 'cong dich vu cong', 'tren mang', 'internet',
    'website', 'app', 'ung dung'],
  treem: ['tre em', 'duoi 14', 'con toi', 'con nho', 'tre so sinh', 'chau', 'child', 'kid', 'baby', 'em be',
    'con minh', 'con trai', 'con gai', 'duoi 6', 'tre con', 'minor'],
  nguoinuocngoai: ['nguoi nuoc ngoai', 'foreigner', 'khach nuoc ngoai', 'nguoi tay', 'ong tay', 'expat', 'khach tay',
    'nguoi han', 'nguoi trung', 'nguoi nhat', 'vo chong nuoc ngoai', 'foreign', 'visa'],
  tichhop: ['tich hop', 'integrate', 'dua vao', 'cap nhat vao the', 'them vao'],
  dieuchinh: ['dieu chinh', 'sai thong tin', 'cap nhat', 'thay doi thong tin', 'sai ngay sinh', 'sai ten',
    'correct', 'update', 'sai', 'nham', 'chinh sua', 'sua thong tin', 'sua'],
  csdl: ['co so du lieu', 'csdl', 'du lieu dan cu', 'database'],
  capdoi: ['cap doi', 'doi the', 'doi sang', 'doi lai', 'lam lai', 'renew', 'renewal', 'replace', 'het han', 'doi moi'],
  caplai: ['cap lai', 'lam lai', 'reissue', 'hong', 'rach', 'bi mat', 'lam mat', 'lost'],
  capmoi: ['lam moi', 'lan dau', 'cap moi', 'first time', 'chua co'],
  quoctich: ['quoc tich', 'chua xac dinh', 'goc viet', 'nguoi goc viet', 'khong quoc tich', 'stateless'],
  congan: ['cong an', 'police', 'cong an phuong', 'cong an xa', 'tru so', 'don cong an', 'ca phuong'],
  phuongmoi: ['phuong moi', 'sap nhap', 'sap xep', 'sau sap nhap', 'thuoc phuong nao', 'phuong nao', 'xa nao',
    'phuong cu', 'merged ward', 'which ward'],
  tamthoi: ['tam thoi', 'temporary', 'bien tam', 'di chuyen tu dai ly'],
  thuhoi: ['thu hoi', 'nop lai bien', 'tra bien', 'huy xe', 'xe hong', 'xe nat', 'revoke'],
};

/** Folded function words ignored for lexical scoring and out-of-scope coverage (kept for the classifier). */
export const STOPWORDS = new Set([
  'a', 'ah', 'ak', 'ba', 'bao', 'bay', 'bi', 'cac', 'cai', 'can', 'chi', 'cho', 'chu', 'co', 'con', 'cua', 'cung',
  'da', 'dang', 'day', 'de', 'den', 'di', 'duoc', 'em', 'gi', 'gio', 'ha', 'hay', 'hoi', 'khi', 'khong', 'la',
  'lai', 'lam', 'luc', 'ma', 'minh', 'mot', 'muon', 'nay', 'neu', 'nhe', 'nha', 'nhieu', 'nhu', 'nhung', 'nao',
  'ne', 'ni', 'o', 'oi', 'phai', 'qua', 'ra', 'roi', 'sao', 'se', 'thi', 'the', 'thoi', 'toi', 'tu', 'va', 'vao',
  'vay', 've', 'voi', 'vui', 'long', 'xin', 'u', 'uh', 'anh', 'chu', 'ban', 'ad', 'admin', 'oi', 'a', 'ha', 'nhi',
  'the', 'is', 'a', 'an', 'to', 'i', 'my', 'me', 'how', 'what', 'can', 'of', 'for', 'in', 'on', 'and', 'you',
  'please', 'it', 'get', 'need', 'where', 'when', 'be', 'are', 'with', 'should', 'does',
]);

/** English words (folded) that signal an English message. */
export const ENGLISH_HINTS = new Set([
  'the', 'how', 'what', 'where', 'when', 'is', 'are', 'my', 'i', 'do', 'does', 'can', 'to', 'for', 'of', 'please',
  'need', 'want', 'get', 'you', 'your', 'hello', 'hi', 'thanks', 'thank', 'help', 'which', 'who', 'should', 'much',
  'long', 'take', 'apply', 'register', 'renew', 'lost', 'passport', 'card', 'police', 'station', 'with', 'have',
  'has', 'in', 'on', 'it', 'and', 'foreigner', 'fee', 'cost', 'documents', 'required', 'would', 'like', 'there',
  'this', 'that', 'an', 'a', 'am', 'be', 'did', 'will', 'from', 'about', 'license', 'licence', 'fire', 'someone',
]);

/** Folded Vietnamese syllables that are also English words (ignored when judging the language). */
export const SHARED_VI_EN = new Set(['the', 'to', 'an', 'a', 'do', 'me', 'long', 'can', 'hi', 'ban', 'on', 'in']);

/**
 * English phrases → Vietnamese words, appended to English messages so that they meet the Vietnamese
 * training questions ("renew my passport" → "đổi hộ chiếu"). Longest phrase first.
 */
export const EN_GLOSSARY: Record<string, string> = {
  passport: 'hộ chiếu', 'id card': 'thẻ căn cước', 'identity card': 'thẻ căn cước', 'citizen id': 'căn cước công dân',
  'temporary residence': 'tạm trú', 'permanent residence': 'thường trú', 'household registration': 'hộ khẩu',
  residence: 'cư trú', 'proof of residence': 'xác nhận cư trú', 'overnight guests': 'lưu trú', guests: 'khách lưu trú',
  'driving licence': 'bằng lái xe', 'driving license': 'bằng lái xe', "driver's license": 'bằng lái xe',
  'driver license': 'bằng lái xe', 'international driving permit': 'bằng lái quốc tế', 'criminal record': 'lý lịch tư pháp',
  'police clearance': 'lý lịch tư pháp', 'traffic fines': 'phạt nguội', 'traffic fine': 'phạt nguội',
  'number plate': 'biển số', 'license plate': 'biển số', motorbike: 'xe máy', motorcycle: 'xe máy', car: 'ô tô',
  'used car': 'xe cũ', 'transfer ownership': 'sang tên', register: 'đăng ký', registration: 'đăng ký',
  renew: 'đổi', renewal: 'cấp đổi', replace: 'cấp lại', replacement: 'cấp lại', lost: 'mất', lose: 'mất',
  stolen: 'bị trộm', scam: 'lừa đảo', scammed: 'bị lừa đảo', fraud: 'lừa đảo', 'report a crime': 'tố giác tội phạm',
  crime: 'tội phạm', complain: 'khiếu nại', complaint: 'khiếu nại', 'police officer': 'cán bộ công an',
  foreigner: 'người nước ngoài', foreign: 'nước ngoài', tenant: 'người thuê nhà', 'police station': 'công an phường',
  ward: 'phường', 'old ward': 'phường cũ', fee: 'lệ phí', cost: 'lệ phí', 'how long': 'bao lâu', where: 'ở đâu',
  online: 'trực tuyến', 'level 2': 'mức 2', account: 'tài khoản', locked: 'bị khóa', unlock: 'mở khóa',
  'health insurance': 'bảo hiểm y tế', integrate: 'tích hợp', application: 'hồ sơ', submit: 'nộp', baby: 'trẻ em',
  child: 'trẻ em', 'first time': 'lần đầu', seal: 'con dấu', stamp: 'con dấu', weapon: 'vũ khí', 'fire safety': 'pccc',
  wallet: 'ví giấy tờ', 'real person': 'người thật', human: 'người thật', hello: 'xin chào', thanks: 'cảm ơn',
  'thank you': 'cảm ơn', documents: 'giấy tờ', papers: 'giấy tờ', expires: 'hết hạn', expired: 'hết hạn',
  'last night': 'đêm qua', yesterday: 'hôm qua', 'last week': 'tuần trước', today: 'hôm nay', tomorrow: 'ngày mai',
};

/** Glossary renderings that say nothing about the domain (facets, courtesy, time): they do not vouch for a message. */
export const EN_GLOSSARY_GENERIC = new Set([
  'ở đâu', 'lệ phí', 'bao lâu', 'trực tuyến', 'giấy tờ', 'xin chào', 'cảm ơn', 'hồ sơ', 'nộp', 'đêm qua', 'hôm qua',
  'tuần trước', 'hôm nay', 'ngày mai', 'đăng ký', 'mất', 'người thật', 'tài khoản', 'hết hạn', 'phường', 'lần đầu',
]);
