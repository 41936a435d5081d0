// Small, explicit test data: the real administrative units plus hand-made offices and facilities whose expected
// look-up results the tests can state exactly.
import { foldVietnamese } from '@vssid/shared';
import type { Database } from '../db/connection.ts';
import { loadAdminUnits, readAdminUnits } from '../db/seed/admin-units.ts';
import { agencies, facilities } from '../db/schema.ts';

let cachedUnits: ReturnType<typeof readAdminUnits> | undefined;

export async function givenAdminUnits(database: Database) {
  cachedUnits ??= readAdminUnits();
  await loadAdminUnits(database, cachedUnits);
  return cachedUnits;
}

type FacilityInput = Partial<typeof facilities.$inferInsert> & {
  code: string;
  name: string;
  provinceCode: string;
  communeCode: string;
};

export async function givenFacility(database: Database, input: FacilityInput) {
  const address = input.address ?? `Số 1, đường Thử Nghiệm`;
  const row = {
    level: 'co_ban',
    kind: 'hospital',
    lat: 21.03,
    lon: 105.85,
    phone: '0243 000 0000',
    acceptsInitialRegistration: true,
    issuesSickLeave: true,
    openingHours: null,
    isSynthetic: true,
    ...input,
    address,
    searchKey: foldVietnamese(`${input.name} ${address}`),
  };
  await database.db.insert(facilities).values(row);
  return row;
}

type AgencyInput = Partial<typeof agencies.$inferInsert> & {
  code: string;
  name: string;
  provinceCode: string;
  communeCode: string;
  lat: number;
  lon: number;
};

export async function givenAgency(database: Database, input: AgencyInput) {
  const row = {
    kind: 'provincial',
    address: 'Số 1, đường Thử Nghiệm',
    phone: '0243 000 0000',
    email: 'test@bhxh.example.vn',
    openingHours: 'Thứ Hai – Thứ Sáu, 7:30–11:30, 13:30–17:00',
    validFrom: '2025-07-01',
    ...input,
    nameKey: foldVietnamese(input.name),
  };
  await database.db.insert(agencies).values(row);
  return row;
}
