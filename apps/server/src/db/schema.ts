// The one pg-core schema shared by PGlite and PostgreSQL. Migrations are generated from it by drizzle-kit
// (`npm run db:generate`) and reviewed as SQL in ./migrations.
//
// Conventions: business dates are `date` read as 'YYYY-MM-DD' strings; instants are `timestamptz`; money is VND in
// bigint; months are stored as the first day of the month; `name_key`/`search_key` columns hold the accent-free,
// lower-case fold of a name (see foldVietnamese in @vssid/shared) because `unaccent()` is not immutable.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const money = (name: string) => bigint(name, { mode: 'number' });
const businessDate = (name: string) => date(name, { mode: 'string' });
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// ---------------------------------------------------------------------------------------------------------------
// Administrative units: the 34-province / 3,321-commune scheme in force since 1 July 2025, and the old scheme
// (63 provinces, districts, communes) mapped onto it so that old addresses and codes still resolve.
// ---------------------------------------------------------------------------------------------------------------

export const provinces = pgTable('provinces', {
  code: char('code', { length: 2 }).primaryKey(),
  name: text('name').notNull(),
  nameKey: text('name_key').notNull(),
  /** Short letter code from the source data (HNI, HCM…). */
  letterCode: text('letter_code').notNull(),
  placeType: text('place_type').notNull(),
  /** Coordinates of the provincial capital (public facts), used to place synthetic offices and facilities. */
  capitalLat: doublePrecision('capital_lat').notNull(),
  capitalLon: doublePrecision('capital_lon').notNull(),
});

export const communes = pgTable(
  'communes',
  {
    code: char('code', { length: 5 }).primaryKey(),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    provinceCode: char('province_code', { length: 2 })
      .notNull()
      .references(() => provinces.code),
    /** xa | phuong | dac_khu */
    kind: text('kind').notNull(),
    /** Synthetic centroid near the provincial capital: no open data set gives commune centroids. */
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
  },
  (t) => [index('communes_province_idx').on(t.provinceCode, t.nameKey)],
);

/** The 63 provinces (GSO codes) before 1 July 2025, plus Hà Tây (merged into Hà Nội in 2008). */
export const oldProvinces = pgTable('old_provinces', {
  code: char('code', { length: 2 }).primaryKey(),
  name: text('name').notNull(),
  nameKey: text('name_key').notNull(),
  newProvinceCode: char('new_province_code', { length: 2 })
    .notNull()
    .references(() => provinces.code),
  abolishedOn: businessDate('abolished_on').notNull(),
});

/** Districts were abolished on 1 July 2025; the source data names them but gives no codes, so they get ids. */
export const oldDistricts = pgTable(
  'old_districts',
  {
    id: integer('id').primaryKey(),
    oldProvinceCode: char('old_province_code', { length: 2 })
      .notNull()
      .references(() => oldProvinces.code),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
  },
  (t) => [uniqueIndex('old_districts_province_name_uq').on(t.oldProvinceCode, t.name)],
);

/** One old commune may have been split across several new communes, hence the composite key. */
export const oldCommuneMappings = pgTable(
  'old_commune_mappings',
  {
    oldCommuneCode: char('old_commune_code', { length: 5 }).notNull(),
    oldCommuneName: text('old_commune_name').notNull(),
    oldDistrictId: integer('old_district_id')
      .notNull()
      .references(() => oldDistricts.id),
    newCommuneCode: char('new_commune_code', { length: 5 })
      .notNull()
      .references(() => communes.code),
  },
  (t) => [
    primaryKey({ columns: [t.oldCommuneCode, t.newCommuneCode] }),
    index('old_commune_mappings_district_idx').on(t.oldDistrictId),
    index('old_commune_mappings_new_idx').on(t.newCommuneCode),
  ],
);

// ---------------------------------------------------------------------------------------------------------------
// Reference data: BHXH agencies, medical facilities, employer units, collection points. All synthetic in the demo
// (is_synthetic = true); real lists come in through the CSV import.
// ---------------------------------------------------------------------------------------------------------------

export const agencies = pgTable(
  'agencies',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** e.g. "01" for BHXH thành phố Hà Nội, "01-003" for a BHXH cơ sở office. */
    code: text('code').notNull().unique(),
    /** provincial | local (BHXH cơ sở) */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    provinceCode: char('province_code', { length: 2 })
      .notNull()
      .references(() => provinces.code),
    communeCode: char('commune_code', { length: 5 })
      .notNull()
      .references(() => communes.code),
    address: text('address').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    phone: text('phone').notNull(),
    email: text('email').notNull(),
    openingHours: text('opening_hours').notNull(),
    validFrom: businessDate('valid_from').notNull(),
    validTo: businessDate('valid_to'),
    supersededById: integer('superseded_by_id'),
    isSynthetic: boolean('is_synthetic').notNull().default(true),
  },
  (t) => [index('agencies_province_idx').on(t.provinceCode)],
);

export const facilities = pgTable(
  'facilities',
  {
    /** 5 characters: old province digits + 3 alphanumerics (Quy định 5084), e.g. 01C54. */
    code: char('code', { length: 5 }).primaryKey(),
    name: text('name').notNull(),
    /** Folded name + address, searched with a trigram index ("benh vien da khoa" finds "Bệnh viện Đa khoa…"). */
    searchKey: text('search_key').notNull(),
    /**
     * The folded name alone: what a search ranks its matches by (trigram similarity to the words), so a facility named
     * for them comes before one that has them in its address, and ranking reads ~25 characters a match, not ~75.
     */
    nameKey: text('name_key').notNull(),
    /** ban_dau | co_ban | chuyen_sau (Luật 51/2024 professional levels) */
    level: text('level').notNull(),
    /** hospital | health_centre | clinic | commune_station */
    kind: text('kind').notNull(),
    provinceCode: char('province_code', { length: 2 })
      .notNull()
      .references(() => provinces.code),
    communeCode: char('commune_code', { length: 5 })
      .notNull()
      .references(() => communes.code),
    address: text('address').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    phone: text('phone').notNull(),
    acceptsInitialRegistration: boolean('accepts_initial_registration').notNull(),
    issuesSickLeave: boolean('issues_sick_leave').notNull(),
    /** Opening hours as "HH:MM-HH:MM" in Asia/Ho_Chi_Minh; null = around the clock. */
    openingHours: text('opening_hours'),
    /** Card checks a day above which the agency is alerted (abuse control); sized by the facility's level. */
    dailyCheckQuota: integer('daily_check_quota').notNull().default(3000),
    isSynthetic: boolean('is_synthetic').notNull().default(true),
  },
  (t) => [
    index('facilities_province_commune_idx').on(t.provinceCode, t.communeCode),
    index('facilities_search_key_trgm_idx').using('gin', sql`${t.searchKey} gin_trgm_ops`),
  ],
);

export const employers = pgTable(
  'employers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** Unit code (mã đơn vị), e.g. "TA0123A". */
    unitCode: text('unit_code').notNull().unique(),
    /** 10-digit tax code (mã số thuế). */
    taxCode: char('tax_code', { length: 10 }).notNull().unique(),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    /** enterprise | state_agency | cooperative | foreign_org | other */
    kind: text('kind').notNull(),
    provinceCode: char('province_code', { length: 2 })
      .notNull()
      .references(() => provinces.code),
    communeCode: char('commune_code', { length: 5 })
      .notNull()
      .references(() => communes.code),
    address: text('address').notNull(),
    /** Region I–IV of the regional minimum wage. */
    wageRegion: smallint('wage_region').notNull(),
    representativeName: text('representative_name').notNull(),
    representativePhone: text('representative_phone').notNull(),
    representativeEmail: text('representative_email').notNull(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    isSynthetic: boolean('is_synthetic').notNull().default(true),
  },
  (t) => [
    index('employers_province_idx').on(t.provinceCode),
    index('employers_name_key_trgm_idx').using('gin', sql`${t.nameKey} gin_trgm_ops`),
  ],
);

export const collectionPoints = pgTable(
  'collection_points',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    /** agent (đại lý thu, e.g. the post office) | point (điểm thu) */
    kind: text('kind').notNull(),
    provinceCode: char('province_code', { length: 2 })
      .notNull()
      .references(() => provinces.code),
    communeCode: char('commune_code', { length: 5 })
      .notNull()
      .references(() => communes.code),
    address: text('address').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    phone: text('phone').notNull(),
    acceptsVoluntaryBhxh: boolean('accepts_voluntary_bhxh').notNull(),
    acceptsHouseholdBhyt: boolean('accepts_household_bhyt').notNull(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    isSynthetic: boolean('is_synthetic').notNull().default(true),
  },
  (t) => [index('collection_points_commune_idx').on(t.provinceCode, t.communeCode)],
);

// ---------------------------------------------------------------------------------------------------------------
// People and their records.
// ---------------------------------------------------------------------------------------------------------------

export const households = pgTable(
  'households',
  {
    /** Household code (mã hộ gia đình), 10 digits. */
    code: char('code', { length: 10 }).primaryKey(),
    provinceCode: char('province_code', { length: 2 })
      .notNull()
      .references(() => provinces.code),
    communeCode: char('commune_code', { length: 5 })
      .notNull()
      .references(() => communes.code),
    street: text('street').notNull(),
  },
  (t) => [index('households_commune_idx').on(t.communeCode)],
);

export const people = pgTable(
  'people',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    /** 10-digit BHXH code: one per person for life; its prefix is the historic issuing province, never the current one. */
    bhxhCode: char('bhxh_code', { length: 10 }).notNull().unique(),
    /** 12-digit personal ID (CCCD); null for the few without one yet. */
    personalId: char('personal_id', { length: 12 }).unique(),
    /** Old 9-digit ID card (CMND), kept because people still quote it. */
    oldIdNumber: char('old_id_number', { length: 9 }),
    fullName: text('full_name').notNull(),
    nameKey: text('name_key').notNull(),
    birthDate: businessDate('birth_date').notNull(),
    /** day | year — some records only know the birth year (then birth_date is 1 January of it). */
    birthDatePrecision: text('birth_date_precision').notNull(),
    birthYear: smallint('birth_year').notNull(),
    /** male | female */
    sex: text('sex').notNull(),
    phone: text('phone'),
    email: text('email'),
    householdCode: char('household_code', { length: 10 })
      .notNull()
      .references(() => households.code),
    provinceCode: char('province_code', { length: 2 })
      .notNull()
      .references(() => provinces.code),
    communeCode: char('commune_code', { length: 5 })
      .notNull()
      .references(() => communes.code),
    street: text('street').notNull(),
    /** Old-scheme province where the person was registered (for look-ups by old province, e.g. Hà Tây). */
    oldProvinceCode: char('old_province_code', { length: 2 }).references(() => oldProvinces.code),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    // The BHXH-code look-up never scans: province + birth date (or year) + folded name. A province is matched on the
    // current province or the old-scheme one (BitmapOr of the two index families); ID numbers have their own indexes.
    index('people_lookup_by_date_idx').on(t.provinceCode, t.birthDate, t.nameKey),
    index('people_lookup_by_year_idx').on(t.provinceCode, t.birthYear, t.nameKey),
    index('people_lookup_by_old_date_idx').on(t.oldProvinceCode, t.birthDate, t.nameKey),
    index('people_lookup_by_old_year_idx').on(t.oldProvinceCode, t.birthYear, t.nameKey),
    index('people_old_id_number_idx').on(t.oldIdNumber).where(sql`${t.oldIdNumber} is not null`),
    index('people_household_idx').on(t.householdCode),
  ],
);

export const bhytCards = pgTable(
  'bhyt_cards',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id),
    /** 15 characters: object code (2) + benefit level (1) + old province digits (2) + BHXH code (10). */
    /** Unique among cards in force: a reissued card keeps the code, and the card it replaces is revoked. */
    cardCode: char('card_code', { length: 15 }).notNull(),
    objectCode: char('object_code', { length: 2 }).notNull(),
    benefitLevel: smallint('benefit_level').notNull(),
    oldProvinceDigits: char('old_province_digits', { length: 2 }).notNull(),
    /** Registered facility for initial care (nơi ĐKKCB ban đầu). */
    facilityCode: char('facility_code', { length: 5 })
      .notNull()
      .references(() => facilities.code),
    validFrom: businessDate('valid_from').notNull(),
    validTo: businessDate('valid_to'),
    fiveYearsDate: businessDate('five_years_date'),
    /** K1 | K2 | K3 residence code, or null. */
    residenceCode: char('residence_code', { length: 2 }),
    /** active | revoked | reported | expired */
    status: text('status').notNull(),
    issuedOn: businessDate('issued_on').notNull(),
    issuingAgencyId: integer('issuing_agency_id')
      .notNull()
      .references(() => agencies.id),
    /** When a reissued card was made (null for cards from the registry): credentials signed before it are of the
     *  card it replaced. */
    issuedAt: instant('issued_at'),
  },
  (t) => [
    index('bhyt_cards_person_idx').on(t.personId),
    uniqueIndex('bhyt_cards_card_code_uq').on(t.cardCode).where(sql`${t.status} <> 'revoked'`),
    index('bhyt_cards_card_code_idx').on(t.cardCode),
  ],
);

export const participationPeriods = pgTable(
  'participation_periods',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id),
    /** bhxh_compulsory | bhxh_voluntary | bhyt | bhtn | bhtnld_bnn */
    scheme: text('scheme').notNull(),
    /** First month of the period (first day of the month). */
    fromMonth: businessDate('from_month').notNull(),
    /** Last month of the period, inclusive (first day of the month). */
    toMonth: businessDate('to_month').notNull(),
    employerId: integer('employer_id').references(() => employers.id),
    occupation: text('occupation'),
    position: text('position'),
    /** Monthly salary (or chosen income) the contribution is based on. */
    salaryBase: money('salary_base').notNull(),
    /** Monthly contribution to this scheme (employer + employee shares). */
    monthlyAmount: money('monthly_amount').notNull(),
    /** paid | arrears (declared but not paid by the employer) */
    status: text('status').notNull(),
  },
  (t) => [index('participation_person_idx').on(t.personId, t.scheme, t.fromMonth)],
);

export const benefitPayments = pgTable(
  'benefit_payments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id),
    /** one_time | sickness | maternity | convalescence | pension | pension_adjustment | unemployment */
    kind: text('kind').notNull(),
    fromDate: businessDate('from_date').notNull(),
    toDate: businessDate('to_date'),
    /** Total paid for one-off benefits; null for monthly ones. */
    amount: money('amount'),
    /** Monthly amount for pensions and unemployment benefit. */
    monthlyAmount: money('monthly_amount'),
    decisionNumber: text('decision_number').notNull(),
    decidedOn: businessDate('decided_on').notNull(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('benefit_payments_person_idx').on(t.personId, t.fromDate)],
);

export const medicalVisits = pgTable(
  'medical_visits',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id),
    cardCode: char('card_code', { length: 15 }).notNull(),
    facilityCode: char('facility_code', { length: 5 })
      .notNull()
      .references(() => facilities.code),
    admittedAt: instant('admitted_at').notNull(),
    dischargedAt: instant('discharged_at'),
    /** outpatient | inpatient | emergency */
    visitType: text('visit_type').notNull(),
    icd10Code: text('icd10_code'),
    icd10Name: text('icd10_name'),
    totalCost: money('total_cost').notNull(),
    bhytPaid: money('bhyt_paid').notNull(),
    patientPaid: money('patient_paid').notNull(),
    /** Documents issued (sick-leave certificate…) as codes. */
    documents: jsonb('documents').$type<string[]>(),
    /** open (checked in at the desk, not yet discharged) | closed */
    status: text('status').notNull().default('closed'),
    /** The card check the visit was opened from (desk visits). */
    cardCheckId: bigint('card_check_id', { mode: 'number' }),
  },
  (t) => [index('medical_visits_person_idx').on(t.personId, t.admittedAt)],
);

// ---------------------------------------------------------------------------------------------------------------
// Rules with effective dates, the holiday calendar, audit.
// ---------------------------------------------------------------------------------------------------------------

export const baseSalaries = pgTable('base_salaries', {
  effectiveFrom: businessDate('effective_from').primaryKey(),
  amount: money('amount').notNull(),
  instrument: text('instrument').notNull(),
});

export const regionalMinimumWages = pgTable(
  'regional_minimum_wages',
  {
    effectiveFrom: businessDate('effective_from').notNull(),
    region: smallint('region').notNull(),
    monthlyAmount: money('monthly_amount').notNull(),
    hourlyAmount: money('hourly_amount'),
    instrument: text('instrument').notNull(),
  },
  (t) => [primaryKey({ columns: [t.effectiveFrom, t.region] })],
);

export const contributionRates = pgTable(
  'contribution_rates',
  {
    effectiveFrom: businessDate('effective_from').notNull(),
    /** sickness_maternity | pension_survivorship | occupational | bhyt | bhtn | voluntary_bhxh */
    fund: text('fund').notNull(),
    /** Percentages of the salary base, e.g. 14.0 */
    employerRate: numeric('employer_rate', { precision: 5, scale: 2 }).notNull(),
    employeeRate: numeric('employee_rate', { precision: 5, scale: 2 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.effectiveFrom, t.fund] })],
);

export const holidays = pgTable(
  'holidays',
  {
    date: businessDate('date').primaryKey(),
    year: smallint('year').notNull(),
    /** holiday | compensatory (nghỉ bù) | workday (làm bù: a weekend day that is worked) */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** computed (from the lunar calendar) | decree | admin */
    source: text('source').notNull(),
  },
  (t) => [index('holidays_year_idx').on(t.year)],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    at: instant('at').notNull().defaultNow(),
    /** citizen | officer | facility | employer | admin | system | public */
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_events_subject_idx').on(t.subjectType, t.subjectId, t.at)],
);

/**
 * Every public BHXH-code look-up, for throttling (counts per address and network in a sliding window) and for
 * investigating scraping. Never the raw query: the name and the key are kept only as an HMAC (`query_hash`, to spot
 * the same query repeated), addresses only as HMACs. Retention: rows older than 30 days are deleted nightly.
 * The people a look-up returned are recorded in audit_events (subject person), where they can see it.
 */
export const lookupLog = pgTable(
  'lookup_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    at: instant('at').notNull(),
    /** HMAC of the client address and of its network (/24 for IPv4, /64 for IPv6). */
    ipHash: text('ip_hash').notNull(),
    networkHash: text('network_hash').notNull(),
    /** HMAC of the normalized query (province, folded name, key). */
    queryHash: text('query_hash').notNull(),
    /** birth_date | birth_year | personal_id | old_id_number */
    keyKind: text('key_kind').notNull(),
    provinceCode: char('province_code', { length: 2 }).notNull(),
    resultCount: smallint('result_count').notNull(),
    capped: boolean('capped').notNull(),
    /** The solved proof-of-work challenge that paid for this look-up: each is good for one. */
    challengeId: text('challenge_id'),
    requestId: text('request_id'),
  },
  (t) => [
    index('lookup_log_network_idx').on(t.networkHash, t.at),
    index('lookup_log_at_idx').on(t.at),
    uniqueIndex('lookup_log_challenge_uq').on(t.challengeId),
  ],
);

/** Key/value facts about this database: which seed built it, when, with how many people. */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

// ---------------------------------------------------------------------------------------------------------------
// Accounts: citizens and staff, sessions, one-time passwords, registrations (form 01), files, SMS.
// ---------------------------------------------------------------------------------------------------------------

export const accounts = pgTable(
  'accounts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    /** citizen | officer | facility | employer | admin */
    role: text('role').notNull(),
    /** The BHXH code for citizens; a username for staff. */
    login: text('login').notNull().unique(),
    personId: bigint('person_id', { mode: 'number' }).references(() => people.id),
    agencyId: integer('agency_id').references(() => agencies.id),
    facilityCode: char('facility_code', { length: 5 }).references(() => facilities.code),
    employerId: integer('employer_id').references(() => employers.id),
    displayName: text('display_name').notNull(),
    /** The registered phone: OTPs and notices go here. */
    phone: text('phone').notNull(),
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    passwordChangedAt: instant('password_changed_at').notNull().defaultNow(),
    failedSignIns: smallint('failed_sign_ins').notNull().default(0),
    lockedUntil: instant('locked_until'),
    /** active | disabled */
    status: text('status').notNull().default('active'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('accounts_person_uq').on(t.personId),
    // One phone per citizen (the seeds' rule); staff may share a desk phone.
    uniqueIndex('accounts_citizen_phone_uq').on(t.phone).where(sql`${t.role} = 'citizen'`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id),
    /**
     * sha256 of the current refresh token; rotated on every refresh. Not indexed: a session is found by its id (the
     * cookie carries it) and the hash compared in the row, so a rotation is a HOT update that writes no index entry
     * (every open app refreshes every 10 minutes).
     */
    refreshTokenHash: text('refresh_token_hash').notNull(),
    /** sha256 of the previous refresh token: presenting it again means theft, and the session is revoked. */
    previousTokenHash: text('previous_token_hash'),
    device: text('device').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    lastUsedAt: instant('last_used_at').notNull().defaultNow(),
    expiresAt: instant('expires_at').notNull(),
    revokedAt: instant('revoked_at'),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

export const otpChallenges = pgTable(
  'otp_challenges',
  {
    id: text('id').primaryKey(),
    phone: text('phone').notNull(),
    /** registration | password_change | password_reset */
    purpose: text('purpose').notNull(),
    accountId: bigint('account_id', { mode: 'number' }).references(() => accounts.id),
    /** HMAC of the code: a database reader cannot recover codes. */
    codeHash: text('code_hash').notNull(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    attempts: smallint('attempts').notNull().default(0),
    consumedAt: instant('consumed_at'),
  },
  (t) => [index('otp_challenges_phone_idx').on(t.phone, t.createdAt)],
);

export const storedFiles = pgTable('stored_files', {
  id: text('id').primaryKey(),
  /** portrait | id_front | id_back | birth_certificate */
  purpose: text('purpose').notNull(),
  mimeType: text('mime_type').notNull(),
  bytes: integer('bytes').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  sha256: text('sha256').notNull(),
  /** Key in the file store (local directory or S3). */
  storageKey: text('storage_key').notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
  /** Set when a registration takes the file; unattached files are purged after a day. */
  attachedAt: instant('attached_at'),
});

export const employerBatches = pgTable('employer_batches', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  employerId: integer('employer_id')
    .notNull()
    .references(() => employers.id),
  agencyId: integer('agency_id')
    .notNull()
    .references(() => agencies.id),
  createdByAccountId: bigint('created_by_account_id', { mode: 'number' })
    .notNull()
    .references(() => accounts.id),
  createdAt: instant('created_at').notNull().defaultNow(),
});

export const registrations = pgTable(
  'registrations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    /** e.g. 01841.GD/2026/001: sequence . type / year / receiving agency */
    dossierNumber: text('dossier_number').notNull().unique(),
    /** self | child */
    kind: text('kind').notNull(),
    /** The person the account is for (the child, for a child registration). */
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id),
    parentAccountId: bigint('parent_account_id', { mode: 'number' }).references(() => accounts.id),
    fullName: text('full_name').notNull(),
    bhxhCode: char('bhxh_code', { length: 10 }).notNull(),
    personalId: text('personal_id'),
    birthDate: businessDate('birth_date').notNull(),
    phone: text('phone').notNull(),
    email: text('email'),
    provinceCode: char('province_code', { length: 2 })
      .notNull()
      .references(() => provinces.code),
    communeCode: char('commune_code', { length: 5 })
      .notNull()
      .references(() => communes.code),
    street: text('street').notNull(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    identityVerified: boolean('identity_verified').notNull(),
    portraitFileId: text('portrait_file_id').references(() => storedFiles.id),
    idFrontFileId: text('id_front_file_id').references(() => storedFiles.id),
    idBackFileId: text('id_back_file_id').references(() => storedFiles.id),
    birthCertificateFileId: text('birth_certificate_file_id').references(() => storedFiles.id),
    /** submitted | approved | rejected | expired */
    status: text('status').notNull(),
    submittedAt: instant('submitted_at').notNull(),
    /** The 10th working day after submission; cancelled automatically after it. */
    expiresOn: businessDate('expires_on').notNull(),
    decidedAt: instant('decided_at'),
    /** Employer route: the signed paper form reached the focal point, then went to the agency in a batch. */
    employerId: integer('employer_id').references(() => employers.id),
    paperReceivedAt: instant('paper_received_at'),
    employerBatchId: integer('employer_batch_id').references(() => employerBatches.id),
  },
  (t) => [
    index('registrations_agency_queue_idx').on(t.agencyId, t.status, t.submittedAt),
    // One active registration per person.
    uniqueIndex('registrations_one_active_uq').on(t.personId).where(sql`${t.status} = 'submitted'`),
    index('registrations_employer_idx').on(t.employerId, t.status),
    // A person's approved registrations, newest decision first: the portrait a card check may show (without it, the
    // check scanned every approved registration).
    index('registrations_person_approved_idx').on(t.personId, t.decidedAt).where(sql`${t.status} = 'approved'`),
  ],
);

/** Append-only: who did what to a registration, when and why. */
export const registrationEvents = pgTable(
  'registration_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    registrationId: bigint('registration_id', { mode: 'number' })
      .notNull()
      .references(() => registrations.id),
    at: instant('at').notNull().defaultNow(),
    /** submitted | approved | rejected | expired | paper_received | forwarded */
    action: text('action').notNull(),
    actorAccountId: bigint('actor_account_id', { mode: 'number' }).references(() => accounts.id),
    reasonCode: text('reason_code'),
    note: text('note'),
  },
  (t) => [index('registration_events_registration_idx').on(t.registrationId, t.at)],
);

/** A parent's access to a child's records, from an approved child registration; ends at the child's 18th birthday. */
export const guardianships = pgTable(
  'guardianships',
  {
    parentAccountId: bigint('parent_account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id),
    childPersonId: bigint('child_person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id),
    registrationId: bigint('registration_id', { mode: 'number' })
      .notNull()
      .references(() => registrations.id),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.parentAccountId, t.childPersonId] })],
);

/** Parent–child relations as the national population registry knows them (synthetic: derived from households). */
export const registryRelations = pgTable(
  'registry_relations',
  {
    parentPersonId: bigint('parent_person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id),
    childPersonId: bigint('child_person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id),
    /** mother | father | guardian */
    relation: text('relation').notNull(),
  },
  (t) => [primaryKey({ columns: [t.parentPersonId, t.childPersonId] }), index('registry_relations_child_idx').on(t.childPersonId)],
);

export const smsMessages = pgTable(
  'sms_messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    phone: text('phone').notNull(),
    body: text('body').notNull(),
    /** otp | registration | account | notice */
    category: text('category').notNull(),
    /** queued | sent | delivered | failed */
    status: text('status').notNull(),
    attempts: smallint('attempts').notNull().default(0),
    providerMessageId: text('provider_message_id'),
    lastError: text('last_error'),
    createdAt: instant('created_at').notNull().defaultNow(),
    sentAt: instant('sent_at'),
  },
  (t) => [index('sms_messages_phone_idx').on(t.phone, t.createdAt)],
);

// ---------------------------------------------------------------------------------------------------------------
// The card credential: the agency's signing keys, credentials issued to devices, and the access ledger.
// ---------------------------------------------------------------------------------------------------------------

/** Ed25519 keys that sign card credentials. Retired keys stop signing but stay published until their last
 *  credential has expired, so cards issued before a rotation still verify offline. */
export const cardSigningKeys = pgTable('card_signing_keys', {
  kid: text('kid').primaryKey(),
  /** The public key as a JWK (kty OKP, crv Ed25519, x). */
  publicJwk: jsonb('public_jwk').$type<{ kty: string; crv: string; x: string }>().notNull(),
  /** PKCS#8 private key sealed with AES-256-GCM under a key derived from the server secret (iv.tag.ciphertext). */
  sealedPrivateKey: text('sealed_private_key').notNull(),
  createdAt: instant('created_at').notNull(),
  /** When it stopped signing (a newer key took over); null while current. */
  retiredAt: instant('retired_at'),
  /** Published in the JWKS until then (the retirement plus the longest credential lifetime). */
  publishedUntil: instant('published_until'),
});

/** Each credential handed to a device: which card, whose device (key thumbprint), and for how long. */
export const cardCredentials = pgTable(
  'card_credentials',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    cardId: bigint('card_id', { mode: 'number' })
      .notNull()
      .references(() => bhytCards.id),
    /** The account whose device holds it (the person, or a parent for a child's card). */
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id),
    /** sha256 (base64url) of the device's public key. */
    deviceKeyThumbprint: text('device_key_thumbprint').notNull(),
    kid: text('kid')
      .notNull()
      .references(() => cardSigningKeys.kid),
    issuedAt: instant('issued_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    /**
     * sha256 (base64url) of the credential as handed out (body and agency signature). An online check that finds it
     * here knows the agency made those exact bytes and skips re-verifying its signature; null for credentials issued
     * before it was kept (their signature is verified, like a forged one's). Not unique: the same claims signed twice in one second give
     * the same bytes.
     */
    credentialDigest: text('credential_digest'),
  },
  (t) => [index('card_credentials_card_idx').on(t.cardId, t.issuedAt), index('card_credentials_digest_idx').on(t.credentialDigest)],
);

/** Who read a person's data other than the person: parents, officers, facility desks, hospital systems. Append-only;
 *  the person sees it under "Who looked at my data". */
export const accessEvents = pgTable(
  'access_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    at: instant('at').notNull().defaultNow(),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id),
    /** guardian | officer | facility | hospital_system */
    actorType: text('actor_type').notNull(),
    actorAccountId: bigint('actor_account_id', { mode: 'number' }).references(() => accounts.id),
    /** The name shown to the person (a staff member's name is their right to know). */
    actorName: text('actor_name').notNull(),
    /** Agency or facility name at the time (names change; the ledger keeps what was true). */
    organisation: text('organisation'),
    /** dossier_processing | citizen_request | inspection | card_check | guardian */
    purpose: text('purpose').notNull(),
    /** profile | card | credential | participation | benefits | medical | check */
    resource: text('resource').notNull(),
    /** ok, or the check's result code. */
    result: text('result').notNull(),
    requestId: text('request_id'),
  },
  (t) => [index('access_events_person_idx').on(t.personId, t.at)],
);

// ---------------------------------------------------------------------------------------------------------------
// Facility desks and hospital systems: registered staff, machine clients, card checks, flags, notifications, cases.
// ---------------------------------------------------------------------------------------------------------------

/** The facility's registered list of staff who may check cards (the national service requires name + ID). */
export const facilityStaff = pgTable(
  'facility_staff',
  {
    facilityCode: char('facility_code', { length: 5 })
      .notNull()
      .references(() => facilities.code),
    personalId: char('personal_id', { length: 12 }).notNull(),
    fullName: text('full_name').notNull(),
    /** The desk account of this person, when they use the web desk. */
    accountId: bigint('account_id', { mode: 'number' }).references(() => accounts.id),
    active: boolean('active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.facilityCode, t.personalId] }), uniqueIndex('facility_staff_account_uq').on(t.accountId)],
);

/** Hospital information systems: client credentials per facility. */
export const hospitalClients = pgTable('hospital_clients', {
  clientId: text('client_id').primaryKey(),
  facilityCode: char('facility_code', { length: 5 })
    .notNull()
    .references(() => facilities.code),
  name: text('name').notNull(),
  /** argon2id of the secret. */
  secretHash: text('secret_hash').notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
  revokedAt: instant('revoked_at'),
});

/** Every card check, valid or not. */
export const cardChecks = pgTable(
  'card_checks',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    at: instant('at').notNull(),
    facilityCode: char('facility_code', { length: 5 })
      .notNull()
      .references(() => facilities.code),
    /** desk | api */
    channel: text('channel').notNull(),
    accountId: bigint('account_id', { mode: 'number' }).references(() => accounts.id),
    clientId: text('client_id').references(() => hospitalClients.clientId),
    /** The desk session or the hospital's encounter id (maLK) the check belongs to. */
    sessionRef: text('session_ref').notNull(),
    staffName: text('staff_name').notNull(),
    staffPersonalId: char('staff_personal_id', { length: 12 }),
    /** app_qr | legacy_qr | bhxh_code | card_code | personal_id, null when unreadable */
    inputKind: text('input_kind'),
    personId: bigint('person_id', { mode: 'number' }).references(() => people.id),
    cardId: bigint('card_id', { mode: 'number' }).references(() => bhytCards.id),
    resultCode: char('result_code', { length: 3 }).notNull(),
    flags: jsonb('flags').$type<string[]>().notNull().default([]),
    /** When the desk scanned it (offline checks reach the server later). */
    scannedAt: instant('scanned_at'),
  },
  (t) => [index('card_checks_person_idx').on(t.personId, t.at), index('card_checks_facility_idx').on(t.facilityCode, t.at)],
);

/** Suspicious checks for the agency: the same card at two facilities within hours, outside hours, over quota. */
export const cardFlags = pgTable(
  'card_flags',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    at: instant('at').notNull(),
    /** two_facilities | outside_hours | quota_exceeded */
    kind: text('kind').notNull(),
    cardCheckId: bigint('card_check_id', { mode: 'number' })
      .notNull()
      .references(() => cardChecks.id),
    facilityCode: char('facility_code', { length: 5 })
      .notNull()
      .references(() => facilities.code),
    otherFacilityCode: char('other_facility_code', { length: 5 }).references(() => facilities.code),
    personId: bigint('person_id', { mode: 'number' }).references(() => people.id),
    /** The agency that follows it up (the province of the person, or of the facility). */
    agencyProvinceCode: char('agency_province_code', { length: 2 }).notNull(),
    /** open | closed */
    status: text('status').notNull().default('open'),
  },
  (t) => [index('card_flags_agency_idx').on(t.agencyProvinceCode, t.status, t.at)],
);

/** The citizen's inbox. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id),
    at: instant('at').notNull(),
    /** NOTIFICATION_KINDS in @vssid/shared: card_checked, case_opened, card_revoked, dossier_… */
    kind: text('kind').notNull(),
    params: jsonb('params').$type<Record<string, string>>().notNull(),
    accessEventId: bigint('access_event_id', { mode: 'number' }).references(() => accessEvents.id),
    readAt: instant('read_at'),
  },
  (t) => [index('notifications_account_idx').on(t.accountId, t.at)],
);

/** "This wasn't me": a citizen disputes an access; the agency of the person's province follows it up. */
export const accessCases = pgTable(
  'access_cases',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    accessEventId: bigint('access_event_id', { mode: 'number' })
      .notNull()
      .unique()
      .references(() => accessEvents.id),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id),
    openedByAccountId: bigint('opened_by_account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id),
    openedAt: instant('opened_at').notNull(),
    agencyProvinceCode: char('agency_province_code', { length: 2 }).notNull(),
    note: text('note'),
    /** open | closed */
    status: text('status').notNull().default('open'),
  },
  (t) => [index('access_cases_agency_idx').on(t.agencyProvinceCode, t.status, t.openedAt)],
);

// ---------------------------------------------------------------------------------------------------------------
// Public-service dossiers (dịch vụ công): one engine for every type (modules/dossiers). The dossier row holds the
// current state; dossier_events is its append-only history (actor, reason), from which the timeline is shown.
// ---------------------------------------------------------------------------------------------------------------

export const dossiers = pgTable(
  'dossiers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    dossierNumber: text('dossier_number').notNull().unique(),
    /** book_reissue | card_reissue | pension_place_change | receipt_method_change */
    type: text('type').notNull(),
    /** submitted | received | in_processing | needs_info | resubmitted | approved | rejected | withdrawn */
    status: text('status').notNull(),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id),
    /** The citizen account that filed it (and is told of each step). */
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id),
    /** The provincial agency of the person's province: its officers process it, nobody else sees it. */
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** The client's key for this submission: a retried request finds the dossier it already made. */
    idempotencyKey: text('idempotency_key').notNull(),
    /** sha256 of the submission: the same key with another body is refused, not mistaken for a retry. */
    requestHash: text('request_hash').notNull(),
    form: jsonb('form').$type<Record<string, unknown>>().notNull(),
    submittedAt: instant('submitted_at').notNull(),
    /** The last working day of the processing time, counted from submission (null once closed). */
    dueOn: businessDate('due_on'),
    receivedByAccountId: bigint('received_by_account_id', { mode: 'number' }).references(() => accounts.id),
    claimedByAccountId: bigint('claimed_by_account_id', { mode: 'number' }).references(() => accounts.id),
    decidedByAccountId: bigint('decided_by_account_id', { mode: 'number' }).references(() => accounts.id),
    decidedAt: instant('decided_at'),
    reasonCode: text('reason_code'),
    /** What the decision changed (new card id, new arrangement id), for the receipt and the audit. */
    effect: jsonb('effect').$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex('dossiers_idempotency_uq').on(t.accountId, t.idempotencyKey),
    // One open dossier of a type per person: a second would race the first's decision on the same record.
    uniqueIndex('dossiers_one_open_uq')
      .on(t.personId, t.type)
      .where(sql`${t.status} in ('submitted', 'received', 'in_processing', 'needs_info', 'resubmitted')`),
    index('dossiers_queue_idx').on(t.agencyId, t.status, t.dueOn),
    index('dossiers_person_idx').on(t.personId, t.submittedAt),
  ],
);

/**
 * The last number given in each series of dossier numbers (`01841.GD/2021/087`: sequence, series, year, agency): a
 * submission takes the next one with one upsert, whose row lock serialises the agency's submissions in that series
 * until its transaction ends (a rolled-back submission leaves no gap). Counting the highest number on every submission
 * instead grew with the agency's dossiers of the year, under a lock.
 */
export const dossierSequences = pgTable(
  'dossier_sequences',
  {
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** GD: account registrations (giao dịch); DV: public-service dossiers (dịch vụ công). */
    series: text('series').notNull(),
    year: smallint('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.series, t.year] })],
);

export const dossierEvents = pgTable(
  'dossier_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    dossierId: bigint('dossier_id', { mode: 'number' })
      .notNull()
      .references(() => dossiers.id),
    at: instant('at').notNull(),
    action: text('action').notNull(),
    /** The status the action led to. */
    status: text('status').notNull(),
    actorAccountId: bigint('actor_account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id),
    reasonCode: text('reason_code'),
    note: text('note'),
  },
  (t) => [index('dossier_events_dossier_idx').on(t.dossierId, t.at)],
);

export const dossierAttachments = pgTable(
  'dossier_attachments',
  {
    dossierId: bigint('dossier_id', { mode: 'number' })
      .notNull()
      .references(() => dossiers.id),
    fileId: text('file_id')
      .notNull()
      .references(() => storedFiles.id),
    purpose: text('purpose').notNull(),
    addedAt: instant('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.fileId] })],
);

/** Banks that pay benefits into accounts (code as on the NAPAS list). */
export const banks = pgTable('banks', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
});

/**
 * The local stand-in for the banks' account-holder inquiry (platform/bank-accounts.ts): who holds which account.
 * Synthetic; in service the inquiry goes to the bank switch.
 */
export const bankAccountDirectory = pgTable(
  'bank_account_directory',
  {
    bankCode: text('bank_code')
      .notNull()
      .references(() => banks.code),
    accountNumber: text('account_number').notNull(),
    holderName: text('holder_name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bankCode, t.accountNumber] })],
);

/**
 * How and where a monthly benefit is paid, from a month on. A benefit without a row is paid in cash at the post
 * office of the person's address by the agency that decided it; a move or a change of method adds a row from the
 * next month and closes the previous one (history is kept).
 */
export const paymentArrangements = pgTable(
  'payment_arrangements',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    benefitPaymentId: bigint('benefit_payment_id', { mode: 'number' })
      .notNull()
      .references(() => benefitPayments.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    provinceCode: char('province_code', { length: 2 })
      .notNull()
      .references(() => provinces.code),
    communeCode: char('commune_code', { length: 5 })
      .notNull()
      .references(() => communes.code),
    street: text('street').notNull(),
    /** cash_post_office | bank_account */
    method: text('method').notNull(),
    bankCode: text('bank_code').references(() => banks.code),
    accountNumber: text('account_number'),
    contactPhone: text('contact_phone'),
    fromMonth: businessDate('from_month').notNull(),
    /** Last month paid under this arrangement (inclusive); null while in force. */
    toMonth: businessDate('to_month'),
    dossierId: bigint('dossier_id', { mode: 'number' }).references(() => dossiers.id),
  },
  (t) => [index('payment_arrangements_benefit_idx').on(t.benefitPaymentId, t.fromMonth)],
);
