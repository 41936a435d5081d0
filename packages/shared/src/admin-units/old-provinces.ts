/**
 * The provinces before 1 July 2025 with their GSO codes. These codes live on in BHXH codes, in the province digits of
 * 15-character BHYT card codes (characters 4–5) and in facility codes, so they must keep resolving. The address data
 * package names the old provinces but does not give their codes; this table is the public GSO list.
 * Hà Tây (code 28 in the GSO list of the time) was merged into Hà Nội on 1 August 2008.
 */
export const OLD_PROVINCES: ReadonlyArray<{ code: string; name: string; abolishedOn?: string }> = [
  { code: '01', name: 'Hà Nội' }, { code: '02', name: 'Hà Giang' }, { code: '04', name: 'Cao Bằng' },
  { code: '06', name: 'Bắc Kạn' }, { code: '08', name: 'Tuyên Quang' }, { code: '10', name: 'Lào Cai' },
  { code: '11', name: 'Điện Biên' }, { code: '12', name: 'Lai Châu' }, { code: '14', name: 'Sơn La' },
  { code: '15', name: 'Yên Bái' }, { code: '17', name: 'Hoà Bình' }, { code: '19', name: 'Thái Nguyên' },
  { code: '20', name: 'Lạng Sơn' }, { code: '22', name: 'Quảng Ninh' }, { code: '24', name: 'Bắc Giang' },
  { code: '25', name: 'Phú Thọ' }, { code: '26', name: 'Vĩnh Phúc' }, { code: '27', name: 'Bắc Ninh' },
  { code: '28', name: 'Hà Tây', abolishedOn: '2008-08-01' },
  { code: '30', name: 'Hải Dương' }, { code: '31', name: 'Hải Phòng' }, { code: '33', name: 'Hưng Yên' },
  { code: '34', name: 'Thái Bình' }, { code: '35', name: 'Hà Nam' }, { code: '36', name: 'Nam Định' },
  { code: '37', name: 'Ninh Bình' }, { code: '38', name: 'Thanh Hóa' }, { code: '40', name: 'Nghệ An' },
  { code: '42', name: 'Hà Tĩnh' }, { code: '44', name: 'Quảng Bình' }, { code: '45', name: 'Quảng Trị' },
  { code: '46', name: 'Huế' }, { code: '48', name: 'Đà Nẵng' }, { code: '49', name: 'Quảng Nam' },
  { code: '51', name: 'Quảng Ngãi' }, { code: '52', name: 'Bình Định' }, { code: '54', name: 'Phú Yên' },
  { code: '56', name: 'Khánh Hòa' }, { code: '58', name: 'Ninh Thuận' }, { code: '60', name: 'Bình Thuận' },
  { code: '62', name: 'Kon Tum' }, { code: '64', name: 'Gia Lai' }, { code: '66', name: 'Đắk Lắk' },
  { code: '67', name: 'Đắk Nông' }, { code: '68', name: 'Lâm Đồng' }, { code: '70', name: 'Bình Phước' },
  { code: '72', name: 'Tây Ninh' }, { code: '74', name: 'Bình Dương' }, { code: '75', name: 'Đồng Nai' },
  { code: '77', name: 'Bà Rịa - Vũng Tàu' }, { code: '79', name: 'Hồ Chí Minh' }, { code: '80', name: 'Long An' },
  { code: '82', name: 'Tiền Giang' }, { code: '83', name: 'Bến Tre' }, { code: '84', name: 'Trà Vinh' },
  { code: '86', name: 'Vĩnh Long' }, { code: '87', name: 'Đồng Tháp' }, { code: '89', name: 'An Giang' },
  { code: '91', name: 'Kiên Giang' }, { code: '92', name: 'Cần Thơ' }, { code: '93', name: 'Hậu Giang' },
  { code: '94', name: 'Sóc Trăng' }, { code: '95', name: 'Bạc Liêu' }, { code: '96', name: 'Cà Mau' },
];

/** Hà Tây is not in the 2025 mapping data (it was gone by then): it lives on inside Hà Nội. */
export const PRE_2025_MERGERS: Readonly<Record<string, string>> = { '28': '01' };

/**
 * Coordinates of each 2025 province's capital (public facts), used to place synthetic offices and facilities and to
 * order offices by distance. Merged provinces use the capital named in Nghị quyết 202/2025/QH15.
 */
export const PROVINCE_CAPITALS: Readonly<Record<string, { lat: number; lon: number }>> = {
  '01': { lat: 21.0285, lon: 105.8542 }, '04': { lat: 22.6657, lon: 106.257 }, '08': { lat: 21.8236, lon: 105.214 },
  '11': { lat: 21.386, lon: 103.023 }, '12': { lat: 22.3964, lon: 103.4582 }, '14': { lat: 21.327, lon: 103.9141 },
  '15': { lat: 21.7229, lon: 104.9113 }, '19': { lat: 21.5942, lon: 105.8482 }, '20': { lat: 21.8537, lon: 106.7615 },
  '22': { lat: 20.9599, lon: 107.0425 }, '24': { lat: 21.2731, lon: 106.1946 }, '25': { lat: 21.3227, lon: 105.4019 },
  '31': { lat: 20.8449, lon: 106.6881 }, '33': { lat: 20.6464, lon: 106.0511 }, '37': { lat: 20.2506, lon: 105.9745 },
  '38': { lat: 19.8067, lon: 105.7852 }, '40': { lat: 18.6796, lon: 105.6813 }, '42': { lat: 18.3559, lon: 105.8877 },
  '44': { lat: 17.4689, lon: 106.6223 }, '46': { lat: 16.4637, lon: 107.5909 }, '48': { lat: 16.0544, lon: 108.2022 },
  '51': { lat: 15.1214, lon: 108.8044 }, '52': { lat: 13.782, lon: 109.2197 }, '56': { lat: 12.2388, lon: 109.1967 },
  '66': { lat: 12.6667, lon: 108.05 }, '68': { lat: 11.9404, lon: 108.4583 }, '75': { lat: 10.9574, lon: 106.8429 },
  '79': { lat: 10.7769, lon: 106.7009 }, '80': { lat: 10.5359, lon: 106.4137 }, '82': { lat: 10.36, lon: 106.36 },
  '86': { lat: 10.2537, lon: 105.9722 }, '91': { lat: 10.0125, lon: 105.0809 }, '92': { lat: 10.0452, lon: 105.7469 },
  '96': { lat: 9.1769, lon: 105.1524 },
};

/** Great-circle distance in kilometres. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}
