// Address and contact building blocks for synthetic records: street and hamlet names, phone formats, e-mail slugs.
// Street names are the common historical names found in every Vietnamese town; no real address is reproduced.
import { foldVietnamese } from '@vssid/shared';
import type { AdminUnits } from './admin-units.ts';
import { digits, int, pick, type Random } from './util.ts';

export const STREET_NAMES: readonly string[] = [
  'Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Huệ', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Quang Trung', 'Hùng Vương', 'Lê Duẩn',
  'Nguyễn Trãi', 'Phan Chu Trinh', 'Điện Biên Phủ', 'Cách Mạng Tháng Tám', 'Võ Thị Sáu', 'Lê Lai', 'Trần Phú',
  'Nguyễn Du', 'Bà Triệu', 'Lý Thái Tổ', 'Ngô Quyền', 'Phan Đình Phùng', 'Nguyễn Thái Học', 'Lê Hồng Phong',
  'Trần Quốc Toản', 'Nguyễn Văn Cừ', 'Tôn Đức Thắng', 'Hoàng Văn Thụ', 'Lạc Long Quân', 'Âu Cơ', 'Nguyễn Khuyến',
  'Chu Văn An', 'Phạm Ngũ Lão', 'Yết Kiêu', 'Lê Thánh Tông', 'Trần Nhân Tông', 'Đinh Tiên Hoàng', 'Lý Tự Trọng',
  'Nguyễn Đình Chiểu', 'Hàm Nghi', 'Độc Lập', 'Thống Nhất', 'Hòa Bình', 'Giải Phóng', '30 Tháng 4', '3 Tháng 2',
  'Ba Tháng Hai', 'Nguyễn Chí Thanh', 'Trường Chinh', 'Phạm Văn Đồng', 'Võ Văn Kiệt', 'Nguyễn Văn Linh',
];

const HAMLET_WORDS: readonly string[] = [
  'Đông', 'Tây', 'Nam', 'Bắc', 'Trung', 'Thượng', 'Hạ', 'An Lạc', 'Tân Lập', 'Phú Thọ', 'Hòa Bình', 'Tiền Phong',
  'Đoàn Kết', 'Quyết Thắng', 'Thành Công', 'Tân Thành', 'Bình An', 'Phú Hòa', 'Mỹ Lộc', 'Hưng Long', 'Vĩnh Phúc',
  'Cầu Đá', 'Bến Đò', 'Đồng Xanh',
];
/** Hamlet names of the southern delta (ấp) and of the northern uplands (thôn/bản of Tày, Thái, Mông villages). */
const SOUTHERN_HAMLET_WORDS: readonly string[] = ['Gò Mít', 'Rạch Sỏi', 'Kênh Xáng', 'Cồn Tiên', 'Vàm Láng', 'Bàu Sen'];
const UPLAND_HAMLET_WORDS: readonly string[] = ['Nà Lừa', 'Pác Bó', 'Khuổi Nập', 'Nà Sải', 'Phiêng Luông', 'Bó Mon'];

/** Provinces where rural hamlets are "ấp" (south) or "bản" (north-west); "thôn" elsewhere. */
const AP_PROVINCES = new Set(['75', '79', '80', '82', '86', '91', '92', '96']);
const BAN_PROVINCES = new Set(['11', '12', '14']);

/** Mountain provinces (wage region IV in rural communes, ethnic-minority BHYT cards). */
export const MOUNTAIN_PROVINCES = new Set(['04', '08', '11', '12', '14', '15', '19', '20', '52', '66', '68']);
/** The large cities whose urban wards are wage region I. */
const REGION_ONE_PROVINCES = new Set(['01', '79', '31', '48', '75', '22', '24']);

export type Commune = AdminUnits['communes'][number];
export type Province = AdminUnits['provinces'][number];

export function hamlet(provinceCode: string, random: Random): string {
  const regional = AP_PROVINCES.has(provinceCode)
    ? SOUTHERN_HAMLET_WORDS
    : MOUNTAIN_PROVINCES.has(provinceCode) && Number(provinceCode) < 30
      ? UPLAND_HAMLET_WORDS
      : null;
  const r = random();
  const word = r < 0.35 ? String(int(random, 1, 15)) : regional && r < 0.55 ? pick(regional, random) : pick(HAMLET_WORDS, random);
  if (AP_PROVINCES.has(provinceCode)) return `Ấp ${word}`;
  if (BAN_PROVINCES.has(provinceCode) && random() < 0.7) return `Bản ${word}`;
  return `Thôn ${word}`;
}

/** A household street line: house number, lane and street in wards; hamlet in rural communes. */
export function streetLine(commune: Commune, random: Random): string {
  if (commune.kind === 'phuong') {
    const street = pick(STREET_NAMES, random);
    const house = int(random, 1, 250);
    const shape = random();
    if (shape < 0.45) return `Số ${house}, ngõ ${int(random, 2, 180)}, đường ${street}`;
    if (shape < 0.85) return `Số ${house}, đường ${street}`;
    return `Tổ dân phố ${int(random, 1, 40)}, đường ${street}`;
  }
  const place = hamlet(commune.provinceCode, random);
  return random() < 0.3 ? `Số nhà ${int(random, 1, 300)}, ${place}` : place;
}

/** "Số N, đường …" for an office in a ward, "<hamlet>" in a rural commune. */
export function officeStreet(commune: Commune, random: Random): string {
  if (commune.kind === 'phuong') return `Số ${int(random, 1, 400)}, đường ${pick(STREET_NAMES, random)}`;
  return `${random() < 0.5 ? `Số ${int(random, 1, 200)}, ` : ''}${hamlet(commune.provinceCode, random)}`;
}

export function provinceBareName(province: Province): string {
  return province.name.replace(/^(Thành phố|Tỉnh) /, '');
}

/** "thành phố Hà Nội" / "tỉnh Cao Bằng". */
export function provinceTitle(province: Province): string {
  const prefix = province.placeType === 'Thành phố Trung Ương' ? 'thành phố' : 'tỉnh';
  return `${prefix} ${provinceBareName(province)}`;
}

/** "Phường Ba Đình" → "Ba Đình". */
export function communeBareName(commune: Commune): string {
  return commune.name.replace(/^(Phường|Xã|Đặc khu) /, '');
}

/** "Phường Ba Đình" → "phường Ba Đình" (inside a sentence). */
export function communeLower(commune: Commune): string {
  return commune.name.replace(/^(Phường|Xã|Đặc khu)/, (prefix) => prefix.toLowerCase());
}

export function fullAddress(street: string, commune: Commune, province: Province): string {
  return `${street}, ${commune.name}, ${province.name.startsWith('Thành phố') ? province.name : `Tỉnh ${province.name}`}`;
}

/** Area codes of the provincial capitals (2017 numbering). */
const AREA_CODES: Readonly<Record<string, string>> = {
  '01': '024', '04': '0206', '08': '0207', '11': '0215', '12': '0213', '14': '0212', '15': '0214', '19': '0208',
  '20': '0205', '22': '0203', '24': '0222', '25': '0210', '31': '0225', '33': '0221', '37': '0229', '38': '0237',
  '40': '0238', '42': '0239', '44': '0233', '46': '0234', '48': '0236', '51': '0255', '52': '0256', '56': '0258',
  '66': '0262', '68': '0263', '75': '0251', '79': '028', '80': '0272', '82': '0273', '86': '0270', '91': '0297',
  '92': '0292', '96': '0290',
};

/** A landline: "024 3826 1234" (3-digit area codes) or "0236 382 1234". */
export function landline(provinceCode: string, random: Random): string {
  const area = AREA_CODES[provinceCode] ?? '024';
  if (area.length === 3) return `${area} ${int(random, 3, 6)}${digits(int(random, 0, 999), 3)} ${digits(int(random, 0, 9999), 4)}`;
  return `${area} ${int(random, 3, 6)}${digits(int(random, 0, 99), 2)} ${digits(int(random, 0, 9999), 4)}`;
}

export const MOBILE_PREFIXES: readonly string[] = [
  '090', '091', '093', '094', '096', '097', '098', '032', '033', '034', '035', '036', '037', '038', '039', '081', '082',
  '083', '084', '085', '086', '088', '070', '076', '077', '078', '079', '056', '058', '059', '089', '092',
];

/** A mobile number whose 7-digit tail is `tail` (callers pass a permuted running index, so numbers are unique). */
export function mobile(tail: number, random: Random): string {
  return `${pick(MOBILE_PREFIXES, random)}${digits(tail, 7)}`;
}

/** Folded, space-free slug: "Sở Y tế" → "soyte". */
export function slug(text: string, maxLength = 24): string {
  return foldVietnamese(text).replace(/[^a-z0-9]+/g, '').slice(0, maxLength);
}

/** Wage region (1–4) of a commune (NĐ 293/2025 lists communes; this is a plausible approximation). */
export function wageRegion(commune: Commune): number {
  const city = REGION_ONE_PROVINCES.has(commune.provinceCode);
  if (commune.kind === 'phuong') return city ? 1 : 2;
  if (city) return 2;
  return MOUNTAIN_PROVINCES.has(commune.provinceCode) ? 4 : 3;
}

/** A point within ~1 km of the commune's (synthetic) centre. */
export function near(commune: Commune, random: Random): { lat: number; lon: number } {
  return {
    lat: Number((commune.lat + (random() - 0.5) * 0.018).toFixed(6)),
    lon: Number((commune.lon + (random() - 0.5) * 0.018).toFixed(6)),
  };
}
