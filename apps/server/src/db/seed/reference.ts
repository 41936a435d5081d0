// Synthetic reference data placed in the real communes: BHXH agencies (34 provincial + BHXH cơ sở), medical facilities
// with codes in the real 5-character format, an employer pool that scales with the population, and collection points.
// Everything is flagged is_synthetic; real lists replace it through the CSV import.
import { OLD_PROVINCES, distanceKm, foldVietnamese } from '@vssid/shared';
import { bulkInsert, resetIdentity } from '../bulk.ts';
import type { Database } from '../connection.ts';
import type { AdminUnits } from './admin-units.ts';
import { randomFullName, type Sex } from './names.ts';
import {
  communeBareName,
  communeLower,
  fullAddress,
  landline,
  mobile,
  near,
  officeStreet,
  provinceBareName,
  provinceTitle,
  slug,
  wageRegion,
  type Commune,
  type Province,
} from './places.ts';
import { seededRandom } from './random.ts';
import { at, chance, digits, int, pick, permutation, weighted, weightedSampler, type Random } from './util.ts';

export const AGENCY_VALID_FROM = '2025-07-01';
export const AGENCY_HOURS = 'Thứ Hai – Thứ Sáu, 7:30–11:30, 13:30–17:00';

export interface AgencyRecord {
  id: number;
  code: string;
  kind: 'provincial' | 'local';
  name: string;
  provinceCode: string;
  communeCode: string;
  address: string;
  lat: number;
  lon: number;
  phone: string;
  email: string;
}

export type FacilityLevel = 'ban_dau' | 'co_ban' | 'chuyen_sau';
export type FacilityKind = 'hospital' | 'health_centre' | 'clinic' | 'commune_station';

export interface FacilityRecord {
  code: string;
  name: string;
  level: FacilityLevel;
  kind: FacilityKind;
  provinceCode: string;
  communeCode: string;
  address: string;
  lat: number;
  lon: number;
  phone: string;
  acceptsInitialRegistration: boolean;
  issuesSickLeave: boolean;
  openingHours: string | null;
}

export type EmployerKind = 'enterprise' | 'state_agency' | 'cooperative' | 'foreign_org' | 'other';

export interface EmployerRecord {
  id: number;
  unitCode: string;
  taxCode: string;
  name: string;
  kind: EmployerKind;
  provinceCode: string;
  communeCode: string;
  address: string;
  wageRegion: number;
  representativeName: string;
  representativePhone: string;
  representativeEmail: string;
  agencyId: number;
  /** BHYT object code of its employees (DN, HC, CH, HX, NN, TK). */
  objectCode: string;
  /** Occupations its employees hold. */
  occupations: readonly Occupation[];
  /** First month declared but not paid (recent arrears), or null. */
  arrearsFrom: string | null;
}

export interface CollectionPointRecord {
  id: number;
  code: string;
  name: string;
  kind: 'agent' | 'point';
  provinceCode: string;
  communeCode: string;
  address: string;
  lat: number;
  lon: number;
  phone: string;
  acceptsVoluntaryBhxh: boolean;
  acceptsHouseholdBhyt: boolean;
  agencyId: number;
}

export interface Occupation {
  title: string;
  /** Salary multiple of the going wage level. */
  skill: number;
}

export interface CommuneInfo {
  commune: Commune;
  province: Province;
  /** The old (pre-2025) province this commune came from: its digits appear in BHYT cards and BHXH codes. */
  oldProvinceCode: string;
  /** Communes that were in Hà Tây before 2008. */
  exHaTay: boolean;
  wageRegion: number;
}

export interface ReferenceData {
  units: AdminUnits;
  communes: ReadonlyMap<string, CommuneInfo>;
  provinces: ReadonlyMap<string, Province>;
  agencies: AgencyRecord[];
  provincialAgencyId: ReadonlyMap<string, number>;
  facilities: FacilityRecord[];
  employers: EmployerRecord[];
  collectionPoints: CollectionPointRecord[];
}

const HA_TAY_DISTRICTS = [
  'Quận Hà Đông', 'Thị xã Sơn Tây', 'Huyện Ba Vì', 'Huyện Phúc Thọ', 'Huyện Đan Phượng', 'Huyện Hoài Đức',
  'Huyện Quốc Oai', 'Huyện Thạch Thất', 'Huyện Chương Mỹ', 'Huyện Thanh Oai', 'Huyện Thường Tín', 'Huyện Phú Xuyên',
  'Huyện Ứng Hòa', 'Huyện Mỹ Đức',
];

/** Relative population weight of a commune: urban wards are denser, and the two metropolises more so. */
export function communePopulationWeight(commune: Commune): number {
  const kindWeight = commune.kind === 'phuong' ? 3 : commune.kind === 'dac_khu' ? 0.5 : 1;
  const cityWeight = commune.provinceCode === '79' ? 1.6 : commune.provinceCode === '01' ? 1.4 : 1;
  return kindWeight * cityWeight;
}

function communeInfos(units: AdminUnits): Map<string, CommuneInfo> {
  const provinces = new Map(units.provinces.map((p) => [p.code, p]));
  const districts = new Map(units.oldDistricts.map((d) => [d.id, d]));
  const oldOfNew = new Map<string, { oldProvinceCode: string; exHaTay: boolean }>();
  for (const m of units.oldCommuneMappings) {
    if (oldOfNew.has(m.newCommuneCode)) continue;
    const district = districts.get(m.oldDistrictId);
    if (!district) continue;
    oldOfNew.set(m.newCommuneCode, {
      oldProvinceCode: district.oldProvinceCode,
      exHaTay: district.oldProvinceCode === '01' && HA_TAY_DISTRICTS.includes(district.name),
    });
  }
  const infos = new Map<string, CommuneInfo>();
  for (const commune of units.communes) {
    const province = provinces.get(commune.provinceCode);
    if (!province) throw new Error(`Commune ${commune.code} in unknown province`);
    const mapped = oldOfNew.get(commune.code);
    // A handful of new units have no old commune behind them: use the old province that gave the new one its code.
    const fallback =
      units.oldProvinces.find((p) => p.code === commune.provinceCode && p.newProvinceCode === commune.provinceCode) ??
      units.oldProvinces.find((p) => p.newProvinceCode === commune.provinceCode && !p.abolishedOn.startsWith('2008'));
    const oldProvinceCode = mapped?.oldProvinceCode ?? fallback?.code;
    if (!oldProvinceCode) throw new Error(`No old province for commune ${commune.code}`);
    infos.set(commune.code, {
      commune,
      province,
      oldProvinceCode,
      exHaTay: mapped?.exHaTay ?? false,
      wageRegion: wageRegion(commune),
    });
  }
  return infos;
}

/** Communes of each province, urban wards first, then by code (stable). */
function communesByProvince(units: AdminUnits): Map<string, Commune[]> {
  const result = new Map<string, Commune[]>();
  for (const c of units.communes) {
    const list = result.get(c.provinceCode) ?? [];
    list.push(c);
    result.set(c.provinceCode, list);
  }
  return result;
}

function closestTo(communes: readonly Commune[], point: { lat: number; lon: number }, filter?: (c: Commune) => boolean) {
  let best: Commune | undefined;
  let bestDistance = Infinity;
  for (const c of communes) {
    if (filter && !filter(c)) continue;
    const d = distanceKm(c, point);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (!best) throw new Error('no commune to choose from');
  return best;
}

/** Distinct communes spread over the list (deterministic): wards preferred for offices. */
function spreadCommunes(communes: readonly Commune[], count: number, random: Random, exclude: ReadonlySet<string>) {
  const pool = communes.filter((c) => !exclude.has(c.code));
  const chosen: Commune[] = [];
  const used = new Set<string>();
  let guard = 0;
  while (chosen.length < Math.min(count, pool.length) && guard++ < 10_000) {
    const candidate = pick(pool, random);
    if (used.has(candidate.code)) continue;
    if (candidate.kind !== 'phuong' && random() < 0.4) continue;
    used.add(candidate.code);
    chosen.push(candidate);
  }
  return chosen;
}

// ---------------------------------------------------------------------------------------------------------------
// Agencies
// ---------------------------------------------------------------------------------------------------------------

function buildAgencies(
  units: AdminUnits,
  byProvince: ReadonlyMap<string, Commune[]>,
  seed: string,
) {
  const agencies: AgencyRecord[] = [];
  const provincialAgencyId = new Map<string, number>();
  const provinces = [...units.provinces].sort((a, b) => a.code.localeCompare(b.code));
  let id = 0;
  for (const province of provinces) {
    const random = seededRandom(`${seed}:agency:${province.code}`);
    const communes = byProvince.get(province.code) ?? [];
    const seat = closestTo(communes, province.capital, (c) => c.kind === 'phuong');
    const provinceSlug = slug(provinceBareName(province));
    id += 1;
    provincialAgencyId.set(province.code, id);
    const point = near(seat, random);
    agencies.push({
      id,
      code: province.code,
      kind: 'provincial',
      name: `BHXH ${provinceTitle(province)}`,
      provinceCode: province.code,
      communeCode: seat.code,
      address: fullAddress(officeStreet(seat, random), seat, province),
      ...point,
      phone: landline(province.code, random),
      email: `${provinceSlug}@bhxh.example.vn`,
    });
    const localCount = Math.max(3, Math.min(10, Math.round(communes.length / 15)));
    const places = spreadCommunes(communes, localCount, random, new Set([seat.code]));
    places.sort((a, b) => a.code.localeCompare(b.code));
    places.forEach((commune, index) => {
      id += 1;
      const number = digits(index + 1, 3);
      agencies.push({
        id,
        code: `${province.code}-${number}`,
        kind: 'local',
        name: `BHXH cơ sở ${communeBareName(commune)}`,
        provinceCode: province.code,
        communeCode: commune.code,
        address: fullAddress(officeStreet(commune, random), commune, province),
        ...near(commune, random),
        phone: landline(province.code, random),
        email: `${slug(communeBareName(commune))}.${provinceSlug}@bhxh.example.vn`,
      });
    });
  }
  return { agencies, provincialAgencyId };
}

/** The nearest office of the same province for each commune (the "BHXH cơ sở" that manages it). */
function nearestAgencies(infos: ReadonlyMap<string, CommuneInfo>, agencies: readonly AgencyRecord[]) {
  const byProvince = new Map<string, AgencyRecord[]>();
  for (const a of agencies) {
    const list = byProvince.get(a.provinceCode) ?? [];
    list.push(a);
    byProvince.set(a.provinceCode, list);
  }
  const nearest = new Map<string, number>();
  for (const [code, info] of infos) {
    let best: AgencyRecord | undefined;
    let bestDistance = Infinity;
    for (const a of byProvince.get(info.province.code) ?? []) {
      const d = distanceKm(a, info.commune);
      if (d < bestDistance) {
        best = a;
        bestDistance = d;
      }
    }
    if (!best) throw new Error(`No agency in province ${info.province.code}`);
    nearest.set(code, best.id);
  }
  return nearest;
}

// ---------------------------------------------------------------------------------------------------------------
// Facilities
// ---------------------------------------------------------------------------------------------------------------

const SPECIALISED = [
  { name: 'Bệnh viện Sản - Nhi', accepts: true },
  { name: 'Bệnh viện Y học cổ truyền', accepts: true },
  { name: 'Bệnh viện Phổi', accepts: false },
  { name: 'Bệnh viện Mắt', accepts: false },
  { name: 'Bệnh viện Tâm thần', accepts: false },
  { name: 'Bệnh viện Ung bướu', accepts: false },
  { name: 'Bệnh viện Phục hồi chức năng', accepts: false },
  { name: 'Bệnh viện Nội tiết', accepts: false },
] as const;

const CLINIC_BRANDS = [
  'An Khang', 'Thiện Tâm', 'Hồng Phúc', 'Bình An', 'Tâm Đức', 'Phúc Lâm', 'Việt Mỹ', 'Medic Sài Gòn', 'Hòa Hảo',
  'Nhân Ái', 'Minh Tâm', 'Hữu Nghị', 'Quốc tế', 'Đức Tín', 'Sài Gòn', 'Hà Thành', 'Thành Đô', 'Trường An', 'Vạn Xuân',
  'Tân Bình', 'Gia Đình', 'Hạnh Phúc', 'Phương Đông', 'Sông Hồng', 'Cửu Long', 'Đông Á', 'Thăng Long', 'Nam Việt',
];

function base36(n: number, width: number): string {
  return n.toString(36).toUpperCase().padStart(width, '0');
}

function buildFacilities(
  units: AdminUnits,
  infos: ReadonlyMap<string, CommuneInfo>,
  byProvince: ReadonlyMap<string, Commune[]>,
  seed: string,
): FacilityRecord[] {
  const facilities: FacilityRecord[] = [];
  const numbered = new Map<string, number>();
  const stations = new Map<string, number>();
  const codeFor = (commune: Commune, kind: FacilityKind) => {
    const old = infos.get(commune.code)?.oldProvinceCode;
    if (!old) throw new Error(`No old province for ${commune.code}`);
    if (kind === 'commune_station') {
      const n = stations.get(old) ?? 0;
      stations.set(old, n + 1);
      // C + two base-36 characters: C00 … CZZ (1,296 per old province).
      return `${old}C${base36(n, 2)}`;
    }
    const n = (numbered.get(old) ?? 0) + 1;
    numbered.set(old, n);
    if (n > 999) throw new Error(`Too many facilities in old province ${old}`);
    return `${old}${digits(n, 3)}`;
  };

  const provinces = [...units.provinces].sort((a, b) => a.code.localeCompare(b.code));
  for (const province of provinces) {
    const random = seededRandom(`${seed}:facilities:${province.code}`);
    const communes = byProvince.get(province.code) ?? [];
    const title = provinceTitle(province);
    const add = (
      commune: Commune,
      name: string,
      level: FacilityLevel,
      kind: FacilityKind,
      accepts: boolean,
      sickLeave: boolean,
      hours: string | null,
    ) => {
      const address = fullAddress(officeStreet(commune, random), commune, province);
      facilities.push({
        code: codeFor(commune, kind),
        name,
        level,
        kind,
        provinceCode: province.code,
        communeCode: commune.code,
        address,
        ...near(commune, random),
        phone: landline(province.code, random),
        acceptsInitialRegistration: accepts,
        issuesSickLeave: sickLeave,
        openingHours: hours,
      });
    };

    // Provincial general hospitals: one for the province, and one per former province merged into it in 2025.
    const seat = closestTo(communes, province.capital, (c) => c.kind === 'phuong');
    add(seat, `Bệnh viện Đa khoa ${title}`, 'chuyen_sau', 'hospital', chance(random, 0.5), true, null);
    const formerProvinces = OLD_PROVINCES.filter((old) => {
      const match = units.oldProvinces.find((p) => p.code === old.code);
      return match?.newProvinceCode === province.code && !old.abolishedOn && old.name !== provinceBareName(province);
    });
    for (const former of formerProvinces) {
      const candidates = communes.filter((c) => infos.get(c.code)?.oldProvinceCode === former.code);
      if (candidates.length === 0) continue;
      const wards = candidates.filter((c) => c.kind === 'phuong');
      const place = pick(wards.length > 0 ? wards : candidates, random);
      add(place, `Bệnh viện Đa khoa ${former.name}`, 'chuyen_sau', 'hospital', chance(random, 0.5), true, null);
    }
    if (communes.length > 110) add(pick(communes, random), `Bệnh viện Đa khoa số 2 ${title}`, 'chuyen_sau', 'hospital', true, true, null);

    // Specialised hospitals.
    const specialisedCount = Math.max(2, Math.min(SPECIALISED.length, Math.round(communes.length / 25)));
    for (const spec of SPECIALISED.slice(0, specialisedCount)) {
      const wards = communes.filter((c) => c.kind === 'phuong');
      add(pick(wards.length > 0 ? wards : communes, random), `${spec.name} ${title}`, 'chuyen_sau', 'hospital', spec.accepts, true, null);
    }

    // Regional general hospitals and health centres (the former district level: cơ bản).
    for (const commune of spreadCommunes(communes, Math.max(1, Math.round(communes.length / 40)), random, new Set())) {
      add(commune, `Bệnh viện Đa khoa khu vực ${communeBareName(commune)}`, 'co_ban', 'hospital', true, true, null);
    }
    for (const commune of spreadCommunes(communes, Math.max(2, Math.round(communes.length / 12)), random, new Set())) {
      add(commune, `Trung tâm Y tế khu vực ${communeBareName(commune)}`, 'co_ban', 'health_centre', true, true, null);
    }

    // Private general clinics.
    const clinicCount = Math.max(2, Math.round(communes.length / 15));
    for (let k = 0; k < clinicCount; k++) {
      const wards = communes.filter((c) => c.kind === 'phuong');
      const commune = pick(wards.length > 0 && random() < 0.8 ? wards : communes, random);
      const brand = random() < 0.6 ? pick(CLINIC_BRANDS, random) : communeBareName(commune);
      add(commune, `Phòng khám Đa khoa ${brand}`, 'ban_dau', 'clinic', chance(random, 0.85), true, random() < 0.7 ? '07:00-17:00' : '07:00-20:00');
    }

    // Commune health stations for a good share of communes (all the remote and rural ones are likelier).
    for (const commune of communes) {
      const p = commune.kind === 'phuong' ? 0.45 : 0.6;
      if (!chance(random, p)) continue;
      add(commune, `Trạm Y tế ${commune.name}`, 'ban_dau', 'commune_station', chance(random, 0.95), chance(random, 0.1), '07:00-17:00');
    }
  }
  return facilities;
}

// ---------------------------------------------------------------------------------------------------------------
// Employers
// ---------------------------------------------------------------------------------------------------------------

const BRANDS = [
  'An Phát', 'Thành Công', 'Hưng Thịnh', 'Minh Long', 'Phú Gia', 'Sao Việt', 'Đại Dương', 'Hoàng Long', 'Tân Tiến',
  'Việt Hưng', 'Phương Nam', 'Bắc Hà', 'Trường Sơn', 'Kim Cương', 'Thái Bình Dương', 'Ánh Dương', 'Hải Âu', 'Đông Đô',
  'Sông Đà', 'Lộc Phát', 'Vạn Phúc', 'Thịnh Vượng', 'Tín Nghĩa', 'Hợp Nhất', 'Tiến Bộ', 'Toàn Cầu', 'Nam Á', 'Đất Việt',
  'Bình Minh', 'Hồng Hà', 'Mê Kông', 'Tây Nguyên', 'Duyên Hải', 'Rồng Vàng', 'Sen Hồng', 'Tre Xanh', 'Phù Sa',
  'Quang Minh', 'Nhật Tân', 'Gia Khang', 'Bảo Tín', 'Trí Việt', 'Hưng Phát', 'Thiên Phú', 'Kỳ Nam', 'Ngọc Lan',
];
const INDUSTRIES: ReadonlyArray<{ name: string; occupations: readonly Occupation[] }> = [
  {
    name: 'May mặc',
    occupations: [
      { title: 'Công nhân may', skill: 1.1 }, { title: 'Kỹ thuật viên', skill: 1.5 }, { title: 'Kế toán viên', skill: 1.6 },
      { title: 'Quản đốc phân xưởng', skill: 2.6 },
    ],
  },
  {
    name: 'Xây dựng',
    occupations: [
      { title: 'Công nhân xây dựng', skill: 1.2 }, { title: 'Kỹ sư xây dựng', skill: 2.2 }, { title: 'Lái xe', skill: 1.4 },
      { title: 'Kế toán viên', skill: 1.6 }, { title: 'Giám sát công trình', skill: 2.4 },
    ],
  },
  {
    name: 'Thương mại và Dịch vụ',
    occupations: [
      { title: 'Nhân viên kinh doanh', skill: 1.5 }, { title: 'Nhân viên bán hàng', skill: 1.2 },
      { title: 'Kế toán viên', skill: 1.6 }, { title: 'Thủ kho', skill: 1.3 }, { title: 'Chuyên viên marketing', skill: 2 },
    ],
  },
  {
    name: 'Công nghệ Thông tin',
    occupations: [
      { title: 'Lập trình viên', skill: 3 }, { title: 'Kỹ sư phần mềm', skill: 3.4 }, { title: 'Chuyên viên kiểm thử', skill: 2.4 },
      { title: 'Nhân viên hỗ trợ kỹ thuật', skill: 1.8 },
    ],
  },
  {
    name: 'Thực phẩm',
    occupations: [
      { title: 'Công nhân chế biến', skill: 1.1 }, { title: 'Kỹ sư thực phẩm', skill: 2 }, { title: 'Nhân viên kho', skill: 1.2 },
      { title: 'Nhân viên kinh doanh', skill: 1.5 },
    ],
  },
  {
    name: 'Vận tải',
    occupations: [
      { title: 'Lái xe', skill: 1.5 }, { title: 'Nhân viên điều phối', skill: 1.6 }, { title: 'Thợ sửa chữa ô tô', skill: 1.4 },
      { title: 'Kế toán viên', skill: 1.6 },
    ],
  },
  {
    name: 'Cơ khí',
    occupations: [
      { title: 'Công nhân cơ khí', skill: 1.3 }, { title: 'Thợ hàn', skill: 1.4 }, { title: 'Kỹ sư cơ khí', skill: 2.2 },
      { title: 'Nhân viên an toàn lao động', skill: 1.6 },
    ],
  },
  {
    name: 'Điện tử',
    occupations: [
      { title: 'Công nhân lắp ráp', skill: 1.15 }, { title: 'Kỹ sư điện tử', skill: 2.4 }, { title: 'Nhân viên QC', skill: 1.4 },
      { title: 'Trưởng ca sản xuất', skill: 2 },
    ],
  },
];
const STATE_UNITS: ReadonlyArray<{ name: (place: string, title: string) => string; objectCode: string; occupations: readonly Occupation[] }> = [
  {
    name: (_p, title) => `Sở Y tế ${title}`,
    objectCode: 'HC',
    occupations: [{ title: 'Chuyên viên', skill: 1.6 }, { title: 'Chuyên viên chính', skill: 2.2 }],
  },
  {
    name: (_p, title) => `Sở Tài chính ${title}`,
    objectCode: 'HC',
    occupations: [{ title: 'Chuyên viên', skill: 1.6 }, { title: 'Kế toán viên', skill: 1.6 }],
  },
  {
    name: (_p, title) => `Sở Giáo dục và Đào tạo ${title}`,
    objectCode: 'HC',
    occupations: [{ title: 'Chuyên viên', skill: 1.6 }, { title: 'Thanh tra viên', skill: 1.9 }],
  },
  {
    name: (_p, title) => `Sở Nông nghiệp và Môi trường ${title}`,
    objectCode: 'HC',
    occupations: [{ title: 'Chuyên viên', skill: 1.6 }, { title: 'Kỹ sư nông nghiệp', skill: 1.8 }],
  },
  {
    name: (place) => `Trường THPT ${place}`,
    objectCode: 'CH',
    occupations: [{ title: 'Giáo viên', skill: 1.7 }, { title: 'Nhân viên văn thư', skill: 1.2 }, { title: 'Kế toán viên', skill: 1.5 }],
  },
  {
    name: (place) => `Trường THCS ${place}`,
    objectCode: 'CH',
    occupations: [{ title: 'Giáo viên', skill: 1.6 }, { title: 'Nhân viên thiết bị', skill: 1.15 }],
  },
  {
    name: (place) => `Trường Tiểu học ${place}`,
    objectCode: 'CH',
    occupations: [{ title: 'Giáo viên', skill: 1.5 }, { title: 'Nhân viên y tế trường học', skill: 1.2 }],
  },
  {
    name: (place) => `Trường Mầm non ${place}`,
    objectCode: 'CH',
    occupations: [{ title: 'Giáo viên mầm non', skill: 1.3 }, { title: 'Cô nuôi', skill: 1.05 }],
  },
  {
    name: (place) => `Ủy ban nhân dân ${place}`,
    objectCode: 'HC',
    occupations: [{ title: 'Công chức địa chính', skill: 1.5 }, { title: 'Công chức văn phòng - thống kê', skill: 1.4 }],
  },
];
const COOPERATIVES = ['Nông nghiệp', 'Dịch vụ Nông nghiệp', 'Thủy sản', 'Vận tải', 'Chè', 'Rau an toàn'];
const FOREIGN_ORGS = ['Tổ chức Hợp tác Phát triển', 'Quỹ Hỗ trợ Giáo dục', 'Văn phòng Dự án Nước sạch', 'Tổ chức Y tế Cộng đồng'];
const OTHER_ORGS = ['Hội Chữ thập đỏ', 'Hội Nông dân', 'Hội Liên hiệp Phụ nữ', 'Hội Cựu chiến binh'];

/** Two capital letters for a unit code, from the province's letter code. */
function unitLetters(province: Province): string {
  return province.letterCode.slice(0, 2).toUpperCase();
}

export function employerCount(people: number): number {
  return Math.max(100, Math.ceil(people / 40));
}

function buildEmployers(
  infos: ReadonlyMap<string, CommuneInfo>,
  communes: readonly Commune[],
  nearestAgency: ReadonlyMap<string, number>,
  people: number,
  seed: string,
): EmployerRecord[] {
  const count = employerCount(people);
  const sampleCommune = weightedSampler(communes, (c) => communePopulationWeight(c) * (c.kind === 'phuong' ? 2 : 1));
  const taxTail = permutation(1_000_000_000, `${seed}:tax`);
  const phoneTail = permutation(10_000_000, `${seed}:mobile`);
  const employers: EmployerRecord[] = [];
  const usedNames = new Set<string>();
  for (let k = 0; k < count; k++) {
    const random = seededRandom(`${seed}:employer:${k}`);
    const commune = sampleCommune(random);
    const info = infos.get(commune.code);
    if (!info) throw new Error(`Unknown commune ${commune.code}`);
    const province = info.province;
    const kind = weighted<EmployerKind>(
      [
        ['enterprise', 72],
        ['state_agency', 15],
        ['cooperative', info.commune.kind === 'xa' ? 8 : 2],
        ['foreign_org', 2],
        ['other', 5],
      ],
      random,
    );
    const place = communeBareName(commune);
    let name: string;
    let objectCode: string;
    let occupations: readonly Occupation[];
    switch (kind) {
      case 'enterprise': {
        const industry = pick(INDUSTRIES, random);
        const brand = pick(BRANDS, random);
        name = random() < 0.55 ? `Công ty TNHH ${industry.name} ${brand}` : `Công ty Cổ phần ${brand} ${industry.name}`;
        objectCode = 'DN';
        occupations = industry.occupations;
        break;
      }
      case 'state_agency': {
        // A province has one Sở of each kind: draw again while the name is taken.
        let unit = pick(STATE_UNITS, random);
        name = unit.name(place, provinceTitle(province));
        for (let tries = 0; usedNames.has(name) && tries < 8; tries++) {
          unit = pick(STATE_UNITS, random);
          name = unit.name(place, provinceTitle(province));
        }
        if (usedNames.has(name) && name.startsWith('Sở ')) {
          unit = at(STATE_UNITS, 4 + Math.floor(random() * 5)); // a school or commune office instead
          name = unit.name(place, provinceTitle(province));
        }
        objectCode = unit.objectCode;
        occupations = unit.occupations;
        break;
      }
      case 'cooperative':
        name = `Hợp tác xã ${pick(COOPERATIVES, random)} ${place}`;
        objectCode = 'HX';
        occupations = [
          { title: 'Xã viên', skill: 1.05 },
          { title: 'Kế toán hợp tác xã', skill: 1.3 },
          { title: 'Chủ nhiệm hợp tác xã', skill: 1.8 },
        ];
        break;
      case 'foreign_org':
        name = `${pick(FOREIGN_ORGS, random)} ${pick(BRANDS, random)} tại Việt Nam`;
        objectCode = 'NN';
        occupations = [
          { title: 'Cán bộ dự án', skill: 3 },
          { title: 'Trợ lý hành chính', skill: 2 },
          { title: 'Phiên dịch viên', skill: 2.5 },
        ];
        break;
      case 'other':
        name = `${pick(OTHER_ORGS, random)} ${random() < 0.3 ? provinceTitle(province) : communeLower(commune)}`;
        objectCode = 'TK';
        occupations = [
          { title: 'Chuyên viên', skill: 1.4 },
          { title: 'Nhân viên văn phòng', skill: 1.2 },
        ];
        break;
    }
    // Unit names are unique nationally: a taken name gets the commune, then a number.
    if (usedNames.has(name)) {
      if (kind === 'enterprise') name = `${name} ${place}`;
      else if (kind === 'foreign_org') name = name.replace(/ tại Việt Nam$/, ` tại ${provinceTitle(province)}`);
      else if (kind === 'other') name = name.replace(provinceTitle(province), communeLower(commune));
    }
    for (let n = 2; usedNames.has(name); n++) name = `${name.replace(/ số \d+$/, '')} số ${n}`;
    usedNames.add(name);
    const street = officeStreet(commune, random);
    const sex: Sex = random() < 0.6 ? 'male' : 'female';
    const representativeName = randomFullName(sex, random);
    const [surname, , given] = foldVietnamese(representativeName).split(' ');
    const letter = String.fromCharCode(65 + (Math.floor(k / 10_000) % 26));
    const domain = `${slug(name.replace(/^Công ty (TNHH|Cổ phần) /, ''), 20)}${k}`;
    const arrears = random() < 0.06 ? pick(['2026-07-01', '2026-08-01', '2026-09-01'], random) : null;
    employers.push({
      id: k + 1,
      unitCode: `${unitLetters(province)}${digits(k % 10_000, 4)}${letter}`,
      taxCode: `0${digits(taxTail(k), 9)}`,
      name,
      kind,
      provinceCode: province.code,
      communeCode: commune.code,
      address: fullAddress(street, commune, province),
      wageRegion: info.wageRegion,
      representativeName,
      // Tails from the top of the range: people's phones use the bottom, so the two never collide.
      representativePhone: mobile(phoneTail(10_000_000 - 1 - k), random),
      representativeEmail: `${given ?? 'lienhe'}.${surname ?? 'daidien'}@${domain}.example.vn`,
      agencyId: nearestAgency.get(commune.code) ?? 0,
      objectCode,
      occupations,
      arrearsFrom: arrears,
    });
  }
  return employers;
}

// ---------------------------------------------------------------------------------------------------------------
// Collection points
// ---------------------------------------------------------------------------------------------------------------

function buildCollectionPoints(
  units: AdminUnits,
  infos: ReadonlyMap<string, CommuneInfo>,
  nearestAgency: ReadonlyMap<string, number>,
  seed: string,
): CollectionPointRecord[] {
  const points: CollectionPointRecord[] = [];
  const counters = new Map<string, number>();
  for (const commune of units.communes) {
    const random = seededRandom(`${seed}:collection:${commune.code}`);
    const info = infos.get(commune.code);
    if (!info) continue;
    const province = info.province;
    const make = (kind: 'agent' | 'point', name: string, flags: number) => {
      const n = (counters.get(province.code) ?? 0) + 1;
      counters.set(province.code, n);
      points.push({
        id: points.length + 1,
        code: `${province.code}-${kind === 'agent' ? 'DL' : 'DT'}${digits(n, 4)}`,
        name,
        kind,
        provinceCode: province.code,
        communeCode: commune.code,
        address: fullAddress(officeStreet(commune, random), commune, province),
        ...near(commune, random),
        phone: kind === 'agent' ? landline(province.code, random) : mobile(int(random, 0, 9_999_999), random),
        acceptsVoluntaryBhxh: chance(random, flags),
        acceptsHouseholdBhyt: chance(random, flags),
        agencyId: nearestAgency.get(commune.code) ?? 0,
      });
    };
    if (chance(random, 0.45)) make('agent', `Bưu điện ${communeLower(commune)}`, 0.95);
    if (chance(random, 0.3)) make('point', `Điểm thu BHXH, BHYT ${communeLower(commune)}`, 0.85);
  }
  return points;
}

export function buildReference(units: AdminUnits, options: { seed: string; people: number }): ReferenceData {
  const infos = communeInfos(units);
  const byProvince = communesByProvince(units);
  const { agencies, provincialAgencyId } = buildAgencies(units, byProvince, options.seed);
  const nearestAgency = nearestAgencies(infos, agencies);
  const facilities = buildFacilities(units, infos, byProvince, options.seed);
  const employers = buildEmployers(infos, units.communes, nearestAgency, options.people, options.seed);
  const collectionPoints = buildCollectionPoints(units, infos, nearestAgency, options.seed);
  return {
    units,
    communes: infos,
    provinces: new Map(units.provinces.map((p) => [p.code, p])),
    agencies,
    provincialAgencyId,
    facilities,
    employers,
    collectionPoints,
  };
}

export async function loadReference(database: Database, ref: ReferenceData): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  counts.agencies = await bulkInsert(
    database,
    'agencies',
    ['id', 'code', 'kind', 'name', 'name_key', 'province_code', 'commune_code', 'address', 'lat', 'lon', 'phone', 'email', 'opening_hours', 'valid_from', 'is_synthetic'],
    ref.agencies.map((a) => [
      a.id, a.code, a.kind, a.name, foldVietnamese(a.name), a.provinceCode, a.communeCode, a.address, a.lat, a.lon,
      a.phone, a.email, AGENCY_HOURS, AGENCY_VALID_FROM, true,
    ]),
  );
  await resetIdentity(database, 'agencies');
  counts.facilities = await bulkInsert(
    database,
    'facilities',
    ['code', 'name', 'search_key', 'name_key', 'level', 'kind', 'province_code', 'commune_code', 'address', 'lat', 'lon', 'phone', 'accepts_initial_registration', 'issues_sick_leave', 'opening_hours', 'is_synthetic'],
    ref.facilities.map((f) => [
      f.code, f.name, foldVietnamese(`${f.name} ${f.address}`), foldVietnamese(f.name), f.level, f.kind, f.provinceCode, f.communeCode, f.address,
      f.lat, f.lon, f.phone, f.acceptsInitialRegistration, f.issuesSickLeave, f.openingHours, true,
    ]),
  );
  counts.employers = await bulkInsert(
    database,
    'employers',
    ['id', 'unit_code', 'tax_code', 'name', 'name_key', 'kind', 'province_code', 'commune_code', 'address', 'wage_region', 'representative_name', 'representative_phone', 'representative_email', 'agency_id', 'is_synthetic'],
    ref.employers.map((e) => [
      e.id, e.unitCode, e.taxCode, e.name, foldVietnamese(e.name), e.kind, e.provinceCode, e.communeCode, e.address,
      e.wageRegion, e.representativeName, e.representativePhone, e.representativeEmail, e.agencyId, true,
    ]),
  );
  await resetIdentity(database, 'employers');
  counts.collection_points = await bulkInsert(
    database,
    'collection_points',
    ['id', 'code', 'name', 'kind', 'province_code', 'commune_code', 'address', 'lat', 'lon', 'phone', 'accepts_voluntary_bhxh', 'accepts_household_bhyt', 'agency_id', 'is_synthetic'],
    ref.collectionPoints.map((c) => [
      c.id, c.code, c.name, c.kind, c.provinceCode, c.communeCode, c.address, c.lat, c.lon, c.phone,
      c.acceptsVoluntaryBhxh, c.acceptsHouseholdBhyt, c.agencyId, true,
    ]),
  );
  await resetIdentity(database, 'collection_points');
  return counts;
}

