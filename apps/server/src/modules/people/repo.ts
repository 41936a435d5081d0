// Queries for a person's records. Each read is by primary key or by (person_id, …) indexes: a 30-year history is
// a few hundred rows at most.
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { ParticipationScheme } from '@vssid/shared';
import { type Db, preparedOnce, preparedPerShape, preparedRows } from '../../db/connection.ts';
import {
  accessEvents,
  accounts,
  agencies,
  benefitPayments,
  cardCredentials,
  communes,
  employers,
  facilities,
  medicalVisits,
  oldCommuneMappings,
  oldDistricts,
  oldProvinces,
  participationPeriods,
  people,
  provinces,
} from '../../db/schema.ts';

// The reads below are prepared (preparedOnce, preparedPerShape, or a named statement through preparedRows): the
// citizen's own record screens make them on every open, and parsing and planning a three-table join cost PostgreSQL
// more than running it.
const personById = preparedOnce((db) =>
  db
    .select({
      id: people.id,
      fullName: people.fullName,
      bhxhCode: people.bhxhCode,
      birthDate: people.birthDate,
      birthDatePrecision: people.birthDatePrecision,
      sex: people.sex,
      personalId: people.personalId,
      oldIdNumber: people.oldIdNumber,
      phone: people.phone,
      email: people.email,
      householdCode: people.householdCode,
      street: people.street,
      communeCode: people.communeCode,
      communeName: communes.name,
      provinceCode: people.provinceCode,
      provinceName: provinces.name,
    })
    .from(people)
    .innerJoin(communes, eq(communes.code, people.communeCode))
    .innerJoin(provinces, eq(provinces.code, people.provinceCode))
    .where(eq(people.id, sql.placeholder('personId')))
    .prepare('people_person_by_id'),
);

export async function findPerson(db: Db, personId: number) {
  const [row] = await personById(db).execute({ personId });
  return row;
}
export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

/** The old communes (with district and province) a new commune was formed from. */
export function formerUnitsOf(db: Db, communeCode: string) {
  return db
    .select({
      communeName: oldCommuneMappings.oldCommuneName,
      districtName: oldDistricts.name,
      provinceName: oldProvinces.name,
    })
    .from(oldCommuneMappings)
    .innerJoin(oldDistricts, eq(oldDistricts.id, oldCommuneMappings.oldDistrictId))
    .innerJoin(oldProvinces, eq(oldProvinces.code, oldDistricts.oldProvinceCode))
    .where(eq(oldCommuneMappings.newCommuneCode, communeCode))
    .orderBy(asc(oldCommuneMappings.oldCommuneCode));
}

/**
 * The card screen's read (and the credential's): the holder and their current card — the newest by validity start (a
 * reissued card supersedes the old one) — in one statement, one round-trip instead of two in turn. The subquery names
 * the person by the parameter, not the outer row, so PostgreSQL runs it once and finds the card by its primary key.
 */
const HOLDER_WITH_CARD = {
  name: 'people_holder_with_card',
  text: `
    select p.id as person_id, p.full_name, p.bhxh_code, p.birth_date, p.birth_date_precision, p.sex,
           c.id as card_id, c.card_code, c.object_code, c.benefit_level, c.residence_code, c.facility_code,
           f.name as facility_name, f.address as facility_address, c.valid_from, c.valid_to, c.five_years_date,
           c.status, c.issued_on, a.name as issuing_agency
      from people p
      left join bhyt_cards c on c.id = (select n.id from bhyt_cards n where n.person_id = $1
                                         order by n.valid_from desc, n.id desc limit 1)
      left join facilities f on f.code = c.facility_code
      left join agencies a on a.id = c.issuing_agency_id
     where p.id = $1`,
};

interface HolderColumns {
  person_id: string | number;
  full_name: string;
  bhxh_code: string;
  birth_date: string;
  birth_date_precision: string;
  sex: string;
}
interface CardColumns {
  card_id: string | number;
  card_code: string;
  object_code: string;
  benefit_level: number;
  residence_code: string | null;
  facility_code: string;
  facility_name: string;
  facility_address: string;
  valid_from: string;
  valid_to: string | null;
  five_years_date: string | null;
  status: string;
  issued_on: string;
  issuing_agency: string;
}
/** A person without a card has nulls in every card column (the left joins). */
type HolderWithCardRow = HolderColumns & (CardColumns | { [column in keyof CardColumns]: null });

export interface CardRow {
  id: number;
  cardCode: string;
  objectCode: string;
  benefitLevel: number;
  residenceCode: string | null;
  facilityCode: string;
  facilityName: string;
  facilityAddress: string;
  validFrom: string;
  validTo: string | null;
  fiveYearsDate: string | null;
  status: string;
  issuedOn: string;
  issuingAgency: string;
}

export async function holderWithCard(db: Db, personId: number) {
  const [row] = await preparedRows<HolderWithCardRow>(db, HOLDER_WITH_CARD, [personId]);
  if (!row) return undefined;
  const person = {
    id: Number(row.person_id),
    fullName: row.full_name,
    bhxhCode: row.bhxh_code,
    birthDate: row.birth_date,
    birthDatePrecision: row.birth_date_precision,
    sex: row.sex,
  };
  if (row.card_id === null) return { person, card: null };
  const card: CardRow = {
    id: Number(row.card_id),
    cardCode: row.card_code,
    objectCode: row.object_code,
    benefitLevel: row.benefit_level,
    residenceCode: row.residence_code,
    facilityCode: row.facility_code,
    facilityName: row.facility_name,
    facilityAddress: row.facility_address,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    fiveYearsDate: row.five_years_date,
    status: row.status,
    issuedOn: row.issued_on,
    issuingAgency: row.issuing_agency,
  };
  return { person, card };
}

export async function recordCredential(
  db: Db,
  values: {
    cardId: number;
    accountId: number;
    deviceKeyThumbprint: string;
    kid: string;
    issuedAt: Date;
    expiresAt: Date;
    credentialDigest: string;
  },
) {
  await db.insert(cardCredentials).values(values);
}

// ---- Participation ----

/** The stored schemes behind each scheme the app shows. */
const STORED_SCHEMES = {
  bhxh: ['bhxh_compulsory', 'bhxh_voluntary'],
  bhyt: ['bhyt'],
  bhtn: ['bhtn'],
  bhtnld_bnn: ['bhtnld_bnn'],
} as const satisfies Record<ParticipationScheme, readonly string[]>;

/**
 * An app scheme's stored schemes as a literal in the statement, one prepared statement per app scheme (four). As a
 * parameter (`= any($n::text[])`), PostgreSQL could not estimate how many of a person's periods match without seeing
 * the array, found its generic plan dearer than each custom one (75 rows against 27) and planned every run again:
 * 0.15 ms of planning for 0.06 ms of work, on every history page. Only STORED_SCHEMES' own names reach the text.
 */
function schemeIn(scheme: ParticipationScheme) {
  const list = STORED_SCHEMES[scheme].map((stored) => `'${stored}'`).join(', ');
  return sql`${participationPeriods.scheme} in (${sql.raw(list)})`;
}

const periodsPage = preparedPerShape((db, scheme: ParticipationScheme) =>
  db
    .select({
      scheme: participationPeriods.scheme,
      fromMonth: participationPeriods.fromMonth,
      toMonth: participationPeriods.toMonth,
      employerName: employers.name,
      employerTaxCode: employers.taxCode,
      occupation: participationPeriods.occupation,
      position: participationPeriods.position,
      salaryBase: participationPeriods.salaryBase,
      monthlyAmount: participationPeriods.monthlyAmount,
      status: participationPeriods.status,
      // Every matching period, counted before the page is cut: one statement instead of a page and a count.
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(participationPeriods)
    .leftJoin(employers, eq(employers.id, participationPeriods.employerId))
    .where(and(eq(participationPeriods.personId, sql.placeholder('personId')), schemeIn(scheme)))
    .orderBy(desc(participationPeriods.fromMonth), desc(participationPeriods.id))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .prepare(`people_participation_periods_${scheme}`),
);

export function periodsOf(db: Db, personId: number, scheme: ParticipationScheme, page: { limit: number; offset: number }) {
  return periodsPage(db, scheme).execute({ personId, ...page });
}

const periodCount = preparedPerShape((db, scheme: ParticipationScheme) =>
  db
    .select({ n: count() })
    .from(participationPeriods)
    .where(and(eq(participationPeriods.personId, sql.placeholder('personId')), schemeIn(scheme)))
    .prepare(`people_participation_count_${scheme}`),
);

export async function countPeriods(db: Db, personId: number, scheme: ParticipationScheme): Promise<number> {
  const [row] = await periodCount(db, scheme).execute({ personId });
  return row?.n ?? 0;
}

/**
 * Per scheme as the app shows it (BHXH = compulsory + voluntary): distinct months paid, distinct months in arrears
 * and what the arrears amount to, first and last month. Months are distinct calendar months, so two employers in the
 * same month count it once.
 */
const SCHEME_TOTALS = {
  name: 'people_scheme_totals',
  // Distinct months without expanding every period into its months: per scheme and status the periods are merged into
  // runs (gaps and islands: a period starts a new run when it begins after every earlier one has ended), and a run's
  // months are its span. A 30-year history is ~35 periods instead of ~1,100 month rows to sort and count. Months are
  // numbered year × 12 + month (periods start and end on a month's first day).
  text: `
    with periods as (
      select case when p.scheme like 'bhxh_%' then 'bhxh' else p.scheme end as scheme, p.status, p.monthly_amount,
             p.from_month, p.to_month,
             (extract(year from p.from_month) * 12 + extract(month from p.from_month))::int as first_n,
             (extract(year from p.to_month) * 12 + extract(month from p.to_month))::int as last_n
      from participation_periods p
      where p.person_id = $1 and p.from_month <= p.to_month
    ), starts as (
      select *,
             case when first_n <= max(last_n) over (partition by scheme, status order by first_n, last_n
                                                    rows between unbounded preceding and 1 preceding) + 1
                  then 0 else 1 end as starts_run
      from periods
    ), runs as (
      select scheme, status, first_n, last_n,
             sum(starts_run) over (partition by scheme, status order by first_n, last_n rows unbounded preceding) as run
      from starts
    ), merged as (
      select scheme, status, max(last_n) - min(first_n) + 1 as months from runs group by scheme, status, run
    ), distinct_months as (
      select scheme,
             coalesce(sum(months) filter (where status = 'paid'), 0) as paid_months,
             coalesce(sum(months) filter (where status = 'arrears'), 0) as arrears_months
      from merged group by scheme
    )
    select p.scheme, d.paid_months, d.arrears_months,
           coalesce(sum(p.monthly_amount * (p.last_n - p.first_n + 1)) filter (where p.status = 'arrears'), 0) as arrears_amount,
           to_char(min(p.from_month), 'YYYY-MM-DD') as first_month,
           to_char(max(p.to_month), 'YYYY-MM-DD') as last_month
    from periods p join distinct_months d on d.scheme = p.scheme
    group by p.scheme, d.paid_months, d.arrears_months`,
};

export async function schemeTotals(db: Db, personId: number) {
  const rows = await preparedRows<{
    scheme: string;
    paid_months: string | number;
    arrears_months: string | number;
    arrears_amount: string | number;
    first_month: string | null;
    last_month: string | null;
  }>(db, SCHEME_TOTALS, [personId]);
  return rows.map((row) => ({
    scheme: row.scheme,
    paidMonths: Number(row.paid_months),
    arrearsMonths: Number(row.arrears_months),
    arrearsAmount: Number(row.arrears_amount),
    firstMonth: row.first_month,
    lastMonth: row.last_month,
  }));
}

// ---- Benefits ----

export function benefitsOf(db: Db, personId: number, kind: string | undefined, page: { limit: number; offset: number }) {
  return db
    .select({
      id: benefitPayments.id,
      kind: benefitPayments.kind,
      fromDate: benefitPayments.fromDate,
      toDate: benefitPayments.toDate,
      amount: benefitPayments.amount,
      monthlyAmount: benefitPayments.monthlyAmount,
      decisionNumber: benefitPayments.decisionNumber,
      decidedOn: benefitPayments.decidedOn,
      agency: agencies.name,
      details: benefitPayments.details,
    })
    .from(benefitPayments)
    .innerJoin(agencies, eq(agencies.id, benefitPayments.agencyId))
    .where(and(eq(benefitPayments.personId, personId), kind ? eq(benefitPayments.kind, kind) : undefined))
    .orderBy(desc(benefitPayments.fromDate), desc(benefitPayments.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countBenefits(db: Db, personId: number, kind: string | undefined): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(benefitPayments)
    .where(and(eq(benefitPayments.personId, personId), kind ? eq(benefitPayments.kind, kind) : undefined));
  return row?.n ?? 0;
}

// ---- Medical visits ----

/** The visit's year in Vietnam's time zone (a visit at 06:00 on 1 January is in the new year). */
const visitYear = sql<number>`extract(year from ${medicalVisits.admittedAt} at time zone 'Asia/Ho_Chi_Minh')::int`;

export async function medicalYears(db: Db, personId: number) {
  const rows = await db
    .select({
      year: visitYear,
      visits: count(),
      totalCost: sql<string>`sum(${medicalVisits.totalCost})`,
      bhytPaid: sql<string>`sum(${medicalVisits.bhytPaid})`,
      patientPaid: sql<string>`sum(${medicalVisits.patientPaid})`,
    })
    .from(medicalVisits)
    .where(eq(medicalVisits.personId, personId))
    .groupBy(visitYear)
    .orderBy(desc(visitYear));
  return rows.map((row) => ({
    year: Number(row.year),
    visits: row.visits,
    totalCost: Number(row.totalCost),
    bhytPaid: Number(row.bhytPaid),
    patientPaid: Number(row.patientPaid),
  }));
}

export function visitsOf(db: Db, personId: number, year: number, page: { limit: number; offset: number }) {
  return db
    .select({
      id: medicalVisits.id,
      facilityCode: medicalVisits.facilityCode,
      facilityName: facilities.name,
      admittedAt: medicalVisits.admittedAt,
      dischargedAt: medicalVisits.dischargedAt,
      visitType: medicalVisits.visitType,
      icd10Code: medicalVisits.icd10Code,
      icd10Name: medicalVisits.icd10Name,
      totalCost: medicalVisits.totalCost,
      bhytPaid: medicalVisits.bhytPaid,
      patientPaid: medicalVisits.patientPaid,
    })
    .from(medicalVisits)
    .innerJoin(facilities, eq(facilities.code, medicalVisits.facilityCode))
    .where(and(eq(medicalVisits.personId, personId), sql`${visitYear} = ${year}`))
    .orderBy(desc(medicalVisits.admittedAt), desc(medicalVisits.id))
    .limit(page.limit)
    .offset(page.offset);
}

// ---- Access ledger ----

export interface AccessEventValues {
  personId: number;
  actorType: 'guardian' | 'officer' | 'facility' | 'hospital_system';
  actorAccountId: number | null;
  actorName: string;
  organisation: string | null;
  purpose: string;
  resource: string;
  result: string;
  requestId: string | null;
  at: Date;
}

export async function recordAccess(db: Db, values: AccessEventValues) {
  await db.insert(accessEvents).values(values);
}

export function accessEventsOf(db: Db, personId: number, page: { limit: number; offset: number }) {
  return db
    .select()
    .from(accessEvents)
    .where(eq(accessEvents.personId, personId))
    .orderBy(desc(accessEvents.at), desc(accessEvents.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countAccessEvents(db: Db, personId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(accessEvents).where(eq(accessEvents.personId, personId));
  return row?.n ?? 0;
}

// ---- Who is asking ----

const accountWithAgency = preparedOnce((db) =>
  db
    .select({
      id: accounts.id,
      role: accounts.role,
      personId: accounts.personId,
      displayName: accounts.displayName,
      status: accounts.status,
      agencyId: accounts.agencyId,
      agencyName: agencies.name,
      agencyProvinceCode: agencies.provinceCode,
    })
    .from(accounts)
    .leftJoin(agencies, eq(agencies.id, accounts.agencyId))
    .where(eq(accounts.id, sql.placeholder('accountId')))
    .prepare('people_account_with_agency'),
);

export async function accountWithOrganisation(db: Db, accountId: number) {
  const [row] = await accountWithAgency(db).execute({ accountId });
  return row;
}

export async function personProvince(db: Db, personId: number): Promise<string | undefined> {
  const [row] = await db.select({ provinceCode: people.provinceCode }).from(people).where(eq(people.id, personId));
  return row?.provinceCode;
}

export async function accountIdOfPerson(db: Db, personId: number): Promise<number | undefined> {
  const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.personId, personId));
  return row?.id;
}
