import type { Widen } from '../../widen.ts';

// The card screen in Vietnamese (the reference: every other language has exactly these keys).
export const cardVi = {
  title: 'Thẻ BHYT',
  childTitle: 'Thẻ BHYT của con',
  refreshedAt: 'Cập nhật lần cuối: {{time}}',
  refresh: 'Cập nhật',
  savedCopyOffline: 'Không có mạng: đây là thẻ đã lưu trên máy. Mã QR vẫn dùng được.',
  savedCopyServerDown: 'Không kết nối được máy chủ: đây là thẻ đã lưu trên máy. Mã QR vẫn dùng được.',
  offlineNoCopy: 'Không có mạng và máy chưa lưu thẻ. Hãy kết nối mạng một lần để tải thẻ về máy.',
  noCard: 'Chưa có thẻ BHYT còn hiệu lực',
  noCardHint: 'Hãy liên hệ cơ quan BHXH nơi cư trú hoặc đơn vị nơi làm việc để được cấp thẻ.',
  signInFirst: 'Đăng nhập một lần để tải thẻ về máy. Sau đó thẻ và mã QR mở được cả khi không có mạng.',
  signIn: 'Đăng nhập',
  issuer: 'BẢO HIỂM XÃ HỘI VIỆT NAM',
  faceTitle: 'THẺ BẢO HIỂM Y TẾ',
  fullName: 'Họ và tên',
  bhxhCode: 'Mã số BHXH (số thẻ)',
  birthDate: 'Ngày sinh',
  sex: 'Giới tính',
  facility: 'Nơi đăng ký khám chữa bệnh ban đầu',
  validity: 'Giá trị sử dụng',
  validFromTo: 'Từ {{from}} đến {{to}}',
  validFrom: 'Từ {{from}}',
  status: 'Trạng thái',
  issuedOn: 'Ngày cấp thẻ',
  benefitLevel: 'Mức hưởng',
  levelN: 'Mức {{level}}',
  fiveYears: 'Thời điểm đủ 5 năm liên tục',
  fiveYearsNotYet: 'Chưa đủ 5 năm liên tục',
  cardCode: 'Mã thẻ đầy đủ (15 ký tự)',
  sexes: {
    male: 'Nam',
    female: 'Nữ',
  },
  statuses: {
    active: 'Còn hiệu lực',
    expired: 'Hết hạn',
    revoked: 'Đã thu hồi',
    reported: 'Đã báo giảm',
  },
  qr: {
    title: 'Mã QR khám chữa bệnh',
    hint: 'Đưa mã này cho nhân viên tiếp đón tại cơ sở khám chữa bệnh. Mã tự làm mới mỗi 30 giây, nên ảnh chụp màn hình gửi cho người khác sẽ không dùng được.',
    notActive: 'Thẻ không còn hiệu lực nên không có mã QR.',
    failed: 'Không tạo được mã QR trên máy này. Vui lòng cập nhật trình duyệt.',
    alt: 'Mã QR thẻ BHYT của {{name}}',
    renewIn: 'Mã làm mới sau {{seconds}} giây',
  },
} as const;

export type CardCatalog = Widen<typeof cardVi>;
