// Vietnamese personal names in Vietnamese order (họ + tên đệm + tên), built from common name parts. The combinations
// are random: no real person's data is used.

export type Sex = 'male' | 'female';

/** Surnames with rough population weights (percent). */
export const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 3.5],
  ['Huỳnh', 2.6],
  ['Phan', 4.5],
  ['Vũ', 2.6],
  ['Võ', 2.4],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Đinh', 0.8],
  ['Trương', 0.8],
  ['Đoàn', 0.6],
  ['Lâm', 0.5],
  ['Mai', 0.5],
  ['Trịnh', 0.5],
  ['Cao', 0.4],
  ['Lương', 0.4],
  ['Tạ', 0.3],
  ['Hà', 0.4],
  ['Phùng', 0.3],
  ['Quách', 0.2],
  ['Thái', 0.2],
  ['Lưu', 0.3],
  ['Châu', 0.2],
  ['Tô', 0.2],
  ['Kiều', 0.1],
  ['La', 0.1],
];

export const MIDDLE_NAMES: Readonly<Record<Sex, readonly string[]>> = {
  male: ['Văn', 'Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Đình', 'Xuân', 'Quang', 'Ngọc', 'Tuấn', 'Hoàng', 'Gia', 'Trọng', 'Bá', 'Duy', 'Anh'],
  female: ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Phương', 'Mai', 'Bảo', 'Hồng', 'Thúy', 'Minh', 'Khánh', 'Diệu', 'Hoài', 'Quỳnh', 'Tuyết', 'Hải', 'Như'],
};

export const GIVEN_NAMES: Readonly<Record<Sex, readonly string[]>> = {
  male: [
    'An', 'Anh', 'Bảo', 'Bình', 'Cường', 'Chiến', 'Công', 'Dũng', 'Duy', 'Dương', 'Đạt', 'Đông', 'Đức', 'Giang', 'Hải',
    'Hào', 'Hiếu', 'Hiển', 'Hòa', 'Hoàng', 'Huy', 'Hùng', 'Hưng', 'Khang', 'Khánh', 'Khoa', 'Kiên', 'Lâm', 'Long',
    'Lộc', 'Lợi', 'Mạnh', 'Minh', 'Nam', 'Nghĩa', 'Nhân', 'Phát', 'Phong', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Tài',
    'Tâm', 'Thắng', 'Thành', 'Thịnh', 'Toàn', 'Trung', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Vũ',
  ],
  female: [
    'An', 'Anh', 'Ánh', 'Bích', 'Châu', 'Chi', 'Diệp', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa',
    'Hồng', 'Huệ', 'Hương', 'Huyền', 'Lan', 'Liên', 'Linh', 'Loan', 'Ly', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung',
    'Nhi', 'Oanh', 'Phương', 'Quyên', 'Quỳnh', 'Tâm', 'Thảo', 'Thủy', 'Thư', 'Trang', 'Trâm', 'Tuyết', 'Uyên', 'Vân',
    'Vy', 'Xuân', 'Yến', 'Hậu', 'Lệ', 'Sương',
  ],
};

const SURNAME_TOTAL = SURNAMES.reduce((sum, [, weight]) => sum + weight, 0);

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function randomSurname(random: () => number): string {
  let target = random() * SURNAME_TOTAL;
  for (const [name, weight] of SURNAMES) {
    target -= weight;
    if (target < 0) return name;
  }
  return 'Nguyễn';
}

/** "Họ Đệm Tên": the given surname (e.g. the father's) or a random one, a middle and a given name fitting the sex. */
export function randomFullName(sex: Sex, random: () => number, surname = randomSurname(random)): string {
  const middle = pick(MIDDLE_NAMES[sex], random);
  let given = pick(GIVEN_NAMES[sex], random);
  if (given === middle) given = pick(GIVEN_NAMES[sex], random);
  return `${surname} ${middle} ${given}`;
}
