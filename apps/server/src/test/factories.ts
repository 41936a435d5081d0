// Small, explicit test data: the real administrative units plus hand-made offices and facilities whose expected
// look-up results the tests can state exactly.
import { computeHolidays, foldVietnamese } from '@vssid/shared';
import type { Database } from '../db/connection.ts';
import { loadAdminUnits, readAdminUnits } from '../db/seed/admin-units.ts';
import {
  accounts,
  agencies,
  bhytCards,
  collectionPoints,
  employers,
  facilities,
  holidays,
  households,
  participationPeriods,
  people,
} from '../db/schema.ts';

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
    nameKey: foldVietnamese(input.name),
  };
  await database.db.insert(facilities).values(row);
  return row;
}

/** What a test must say about an office or a collection point: the rest has plain defaults. */
interface PlaceInput {
  code: string;
  name: string;
  provinceCode: string;
  communeCode: string;
  lat: number;
  lon: number;
}

type AgencyInput = Partial<typeof agencies.$inferInsert> & PlaceInput;

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
  const [inserted] = await database.db.insert(agencies).values(row).returning();
  if (!inserted) throw new Error('agency not stored');
  return inserted;
}

type CollectionPointInput = Partial<typeof collectionPoints.$inferInsert> & PlaceInput & { agencyId: number };

export async function givenCollectionPoint(database: Database, input: CollectionPointInput) {
  const [row] = await database.db
    .insert(collectionPoints)
    .values({
      kind: 'agent',
      address: 'Số 1, đường Thử Nghiệm',
      phone: '0243 111 1111',
      acceptsVoluntaryBhxh: true,
      acceptsHouseholdBhyt: true,
      ...input,
    })
    .returning();
  if (!row) throw new Error('collection point not stored');
  return row;
}

// ---- People, accounts, employers, holidays (accounts and registration tests) ----

/** Distinct numbers for codes, ID numbers and phones within one test process. */
let serial = 0;
const nextSerial = () => ++serial;

type PersonInput = Partial<typeof people.$inferInsert> & { fullName: string; birthDate: string };

/** A person (with a household of their own unless `householdCode` is given) as the BHXH records hold them. */
export async function givenPerson(database: Database, input: PersonInput) {
  const n = nextSerial();
  const provinceCode = input.provinceCode ?? '01';
  const communeCode = input.communeCode ?? '00004';
  const street = input.street ?? `Số ${n}, phố Thử Nghiệm`;
  const householdCode = input.householdCode ?? `01${String(n).padStart(8, '0')}`;
  if (!input.householdCode) await database.db.insert(households).values({ code: householdCode, provinceCode, communeCode, street });
  const [row] = await database.db
    .insert(people)
    .values({
      bhxhCode: `01${String(n).padStart(8, '0')}`,
      personalId: `0011${String(n).padStart(8, '0')}`,
      birthDatePrecision: 'day',
      birthYear: Number(input.birthDate.slice(0, 4)),
      sex: 'female',
      phone: `09${String(n).padStart(8, '0')}`,
      ...input,
      nameKey: foldVietnamese(input.fullName),
      householdCode,
      provinceCode,
      communeCode,
      street,
    })
    .returning();
  if (!row) throw new Error('person not stored');
  return row;
}

type AccountInput = Partial<typeof accounts.$inferInsert> & { role: string };

/** An account row; sign in as it with bearerFor (test/auth.ts). The password hash is a placeholder. */
export async function givenAccount(database: Database, input: AccountInput) {
  const n = nextSerial();
  const [row] = await database.db
    .insert(accounts)
    .values({
      login: `${input.role}.${n}`,
      displayName: `Tài khoản ${n}`,
      phone: `08${String(n).padStart(8, '0')}`,
      passwordHash: 'not-a-real-hash',
      mustChangePassword: false,
      ...input,
    })
    .returning();
  if (!row) throw new Error('account not stored');
  return row;
}

type EmployerInput = Partial<typeof employers.$inferInsert> & { name: string; agencyId: number };

export async function givenEmployer(database: Database, input: EmployerInput) {
  const n = nextSerial();
  const [row] = await database.db
    .insert(employers)
    .values({
      unitCode: `TA${String(n).padStart(4, '0')}A`,
      taxCode: `01${String(n).padStart(8, '0')}`,
      kind: 'enterprise',
      provinceCode: '01',
      communeCode: '00004',
      address: 'Số 1, đường Thử Nghiệm',
      wageRegion: 1,
      representativeName: 'Người Đại Diện',
      representativePhone: `07${String(n).padStart(8, '0')}`,
      representativeEmail: `lienhe${n}@example.vn`,
      ...input,
      nameKey: foldVietnamese(input.name),
    })
    .returning();
  if (!row) throw new Error('employer not stored');
  return row;
}

/** Compulsory BHXH paid through an employer from one month to another (months as their first day). */
export async function givenEmployment(database: Database, input: { personId: number; employerId: number; fromMonth: string; toMonth: string }) {
  await database.db.insert(participationPeriods).values({
    ...input,
    scheme: 'bhxh_compulsory',
    salaryBase: 8_000_000,
    monthlyAmount: 2_560_000,
    status: 'paid',
  });
}

/** The computed statutory holidays (Tết from the lunar calendar) of the given years, as the seed loads them. */
export async function givenHolidays(database: Database, years: number[]) {
  const rows = years.flatMap((year) => computeHolidays(year).map((h) => ({ ...h, year, source: 'computed' })));
  await database.db.insert(holidays).values(rows).onConflictDoNothing();
}

type CardInput = Partial<typeof bhytCards.$inferInsert> & { personId: number; bhxhCode: string; facilityCode: string; issuingAgencyId: number };

/** A BHYT card: DN (enterprise employee), level 4, issued in Hà Nội (01), valid through 2026 unless told otherwise. */
export async function givenCard(database: Database, input: CardInput) {
  const objectCode = input.objectCode ?? 'DN';
  const benefitLevel = input.benefitLevel ?? 4;
  const oldProvinceDigits = input.oldProvinceDigits ?? '01';
  const [row] = await database.db
    .insert(bhytCards)
    .values({
      cardCode: `${objectCode}${benefitLevel}${oldProvinceDigits}${input.bhxhCode}`,
      objectCode,
      benefitLevel,
      oldProvinceDigits,
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      fiveYearsDate: '2024-03-01',
      status: 'active',
      issuedOn: '2025-12-20',
      ...input,
    })
    .returning();
  if (!row) throw new Error('card not stored');
  return row;
}
