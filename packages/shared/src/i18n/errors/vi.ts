import type { Widen } from '../widen.ts';

// API error messages in Vietnamese (the reference catalog: every other language has exactly these keys).
export const errorsVi = {
  codes: {
    VALIDATION_FAILED: 'Thông tin gửi lên chưa hợp lệ. Vui lòng kiểm tra các trường được đánh dấu.',
    NOT_FOUND: 'Không tìm thấy thông tin yêu cầu.',
    ROUTE_NOT_FOUND: 'Không có chức năng này trong API.',
    METHOD_NOT_ALLOWED: 'Phương thức này không được hỗ trợ.',
    RATE_LIMITED: 'Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau {{seconds}} giây.',
    PAYLOAD_TOO_LARGE: 'Dữ liệu gửi lên quá lớn.',
    UNSUPPORTED_MEDIA_TYPE: 'Định dạng dữ liệu không được hỗ trợ.',
    UNAUTHORIZED: 'Bạn cần đăng nhập để dùng chức năng này.',
    SERVICE_UNAVAILABLE: 'Hệ thống tạm thời chưa sẵn sàng. Vui lòng thử lại sau.',
    INTERNAL: 'Hệ thống gặp lỗi ngoài ý muốn. Vui lòng thử lại sau (mã yêu cầu {{requestId}}).',
  },
  fields: {
    required: 'Vui lòng nhập thông tin này.',
    invalidType: 'Giá trị không đúng kiểu.',
    invalidValue: 'Giá trị không hợp lệ.',
    invalidFormat: 'Định dạng không hợp lệ.',
    tooShort: 'Cần ít nhất {{minimum}} ký tự.',
    tooLong: 'Tối đa {{maximum}} ký tự.',
    tooSmall: 'Giá trị phải từ {{minimum}} trở lên.',
    tooBig: 'Giá trị không được lớn hơn {{maximum}}.',
    unknownField: 'Trường này không được hỗ trợ.',
    provinceCode: 'Mã tỉnh/thành gồm 2 chữ số.',
    communeCode: 'Mã xã/phường gồm 5 chữ số.',
    unknownCommune: 'Không có xã/phường với mã này.',
    bhxhCode: 'Mã số BHXH gồm 10 chữ số.',
    personalIdNumber: 'Số định danh cá nhân/CCCD gồm 12 chữ số (CMND cũ: 9 chữ số).',
    mobilePhone: 'Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.',
    date: 'Ngày theo dạng năm-tháng-ngày.',
    otpCode: 'Mã xác thực gồm 6 chữ số.',
    email: 'Địa chỉ thư điện tử không hợp lệ.',
    username: 'Tên đăng nhập gồm 3–40 ký tự: chữ thường, số, dấu chấm, gạch ngang.',
    latitudeWithLongitude: 'Cần nhập cả vĩ độ và kinh độ.',
    booleanFlag: 'Chỉ nhận giá trị true hoặc false.',
  },
} as const;


export type ErrorCatalog = Widen<typeof errorsVi>;
export type ErrorCode = keyof typeof errorsVi.codes;
export type FieldMessageKey = keyof typeof errorsVi.fields;
