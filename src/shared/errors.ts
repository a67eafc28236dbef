/**
 * The one error catalog. Every error a client can see has a stable `code`, an HTTP status and a
 * Vietnamese message written for citizens and officers. Translated to HTTP in src/http/error-handler.ts.
 * Capabilities add their codes here so that the catalog stays in one place.
 */
export const ERRORS = {
  BAD_REQUEST: { status: 400, message: 'Yêu cầu không hợp lệ.' },
  VALIDATION: { status: 400, message: 'Dữ liệu gửi lên không hợp lệ.' },
  INVALID_JSON: { status: 400, message: 'Nội dung gửi lên không phải JSON hợp lệ.' },
  UNKNOWN_FIELD: { status: 400, message: 'Yêu cầu có trường dữ liệu không được hỗ trợ.' },
  TEXT_EMPTY: { status: 400, message: 'Vui lòng nhập nội dung tin nhắn.' },
  TEXT_TOO_LONG: { status: 400, message: 'Tin nhắn quá dài (tối đa 2.000 ký tự). Vui lòng rút gọn nội dung.' },
  TEXT_BINARY: { status: 400, message: 'Tin nhắn chứa ký tự không đọc được. Vui lòng nhập lại bằng chữ.' },
  BODY_TOO_LARGE: { status: 413, message: 'Dữ liệu gửi lên quá lớn.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Định dạng dữ liệu không được hỗ trợ.' },
  NOT_FOUND: { status: 404, message: 'Không tìm thấy nội dung yêu cầu.' },
  ROUTE_NOT_FOUND: { status: 404, message: 'Đường dẫn không tồn tại.' },
  UNAUTHENTICATED: { status: 401, message: 'Vui lòng đăng nhập để tiếp tục.' },
  INVALID_CREDENTIALS: { status: 401, message: 'Tên đăng nhập hoặc mật khẩu không đúng.' },
  ACCOUNT_DISABLED: { status: 403, message: 'Tài khoản đã bị khóa. Vui lòng liên hệ quản trị viên.' },
  FORBIDDEN: { status: 403, message: 'Bạn không có quyền thực hiện thao tác này.' },
  CSRF_INVALID: { status: 403, message: 'Phiên làm việc không hợp lệ (thiếu mã chống giả mạo). Vui lòng tải lại trang.' },
  RATE_LIMITED: { status: 429, message: 'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.' },
  CONFLICT: { status: 409, message: 'Dữ liệu đã bị thay đổi hoặc đã tồn tại.' },
  WARD_NOT_FOUND: { status: 404, message: 'Không tìm thấy xã/phường này.' },
  QUERY_TOO_SHORT: { status: 400, message: 'Vui lòng nhập địa chỉ hoặc tên xã/phường cần tìm.' },
  QUERY_TOO_LONG: { status: 400, message: 'Địa chỉ cần tìm quá dài (tối đa 300 ký tự). Vui lòng rút gọn.' },
  BOUNDARIES_UNAVAILABLE: { status: 404, message: 'Máy chủ chưa có dữ liệu ranh giới xã/phường (ADMIN_GEOJSON), nên chưa hiển thị được bản đồ ranh giới và chưa tra được xã/phường theo tọa độ.' },
  KB_ENTRY_INVALID: { status: 400, message: 'Nội dung mục tri thức chưa hợp lệ. Vui lòng sửa các trường được đánh dấu.' },
  KB_INVALID_STATE: { status: 409, message: 'Phiên bản này không ở trạng thái cho phép thao tác này.' },
  KB_NOT_AUTHOR: { status: 403, message: 'Chỉ người soạn bản nháp mới được sửa hoặc gửi duyệt bản nháp này.' },
  KB_FOUR_EYES: { status: 403, message: 'Người duyệt phải khác người soạn thảo (nguyên tắc bốn mắt).' },
  KB_STALE_BASE: { status: 409, message: 'Phiên bản đang dùng đã thay đổi kể từ khi bản này được soạn. Vui lòng xem lại khác biệt trước khi duyệt.' },
  KB_NO_CHANGES: { status: 409, message: 'Bản nháp chưa có thay đổi nào so với phiên bản đang dùng.' },
  ALARM_KEY_INVALID: { status: 400, message: 'Khóa mã hóa không hợp lệ: dạng hex cần 32, 48 hoặc 64 chữ số hex; dạng ascii cần 16, 24 hoặc 32 ký tự (AES-128/192/256).' },
  ALARM_ACCOUNT_EXISTS: { status: 409, message: 'Mã tài khoản thiết bị báo cháy này đã được khai báo.' },
  ALARM_NOTHING_TO_VERIFY: { status: 409, message: 'Cơ sở này hiện không có báo cháy nào đang chờ xác minh.' },
  INVALID_TRANSITION: { status: 409, message: 'Không thể chuyển sự cố sang trạng thái này từ trạng thái hiện tại.' },
  INCIDENT_CLOSED: { status: 409, message: 'Sự cố đã đóng, không thể thay đổi thêm.' },
  UNIT_NOT_AVAILABLE: { status: 409, message: 'Lực lượng đã chọn hiện không sẵn sàng để điều động.' },
  INCIDENT_NO_LOCATION: { status: 409, message: 'Sự cố chưa có vị trí trên bản đồ nên chưa thể gợi ý lực lượng gần nhất.' },
  CONVERSATION_TOKEN_INVALID: { status: 403, message: 'Mã phiên trò chuyện không hợp lệ. Vui lòng tải lại trang để bắt đầu cuộc trò chuyện mới.' },
  CONVERSATION_NOT_FOUND: { status: 404, message: 'Không tìm thấy cuộc trò chuyện (có thể đã hết thời hạn lưu trữ).' },
  HANDOFF_TAKEN: { status: 409, message: 'Cuộc trò chuyện này đã được cán bộ khác tiếp nhận.' },
  HANDOFF_CLOSED: { status: 409, message: 'Cuộc trò chuyện này đã kết thúc, không thể gửi thêm.' },
  REPORT_LOOKUP_FAILED: { status: 404, message: 'Mã theo dõi hoặc mã bí mật không đúng. Vui lòng kiểm tra lại.' },
  REPORT_INVALID_STATUS: { status: 409, message: 'Không thể chuyển tin báo sang trạng thái này từ trạng thái hiện tại.' },
  ATTACHMENT_TOO_LARGE: { status: 413, message: 'Tệp quá lớn (tối đa 10 MB mỗi tệp).' },
  ATTACHMENT_TYPE: { status: 415, message: 'Chỉ nhận ảnh (JPEG, PNG, WebP, HEIC), tệp PDF hoặc ghi âm (MP3, M4A, OGG, WAV, WebM).' },
  ATTACHMENT_LIMIT: { status: 409, message: 'Tin báo đã có đủ số tệp đính kèm tối đa (10 tệp).' },
  ZALO_NOT_CONFIGURED: { status: 503, message: 'Kênh Zalo OA chưa được cấu hình trên máy chủ này (cần ZALO_APP_ID và ZALO_OA_SECRET).' },
  ZALO_SIGNATURE_INVALID: { status: 401, message: 'Chữ ký webhook Zalo không hợp lệ hoặc đã quá hạn.' },
  INTERNAL: { status: 500, message: 'Hệ thống đang gặp sự cố. Vui lòng thử lại sau.' },
  UNAVAILABLE: { status: 503, message: 'Hệ thống đang khởi động hoặc tạm thời không sẵn sàng.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extra, non-personal details safe to return to the client (e.g. which field). */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? ERRORS[code].message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = details;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
