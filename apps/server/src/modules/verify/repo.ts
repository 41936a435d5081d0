// Queries for card checks, visits, flags, notifications and cases.
import { and, count, desc, eq, gte, isNull, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import {
  accessCases,
  accessEvents,
  accounts,
  baseSalaries,
  bhytCards,
  cardChecks,
  cardFlags,
  facilities,
  facilityStaff,
  hospitalClients,
  medicalVisits,
  notifications,
  people,
  registrations,
  storedFiles,
} from '../../db/schema.ts';

export async function findFacility(db: Db, code: string) {
  const [row] = await db
    .select({
      code: facilities.code,
      name: facilities.name,
      provinceCode: facilities.provinceCode,
      kind: facilities.kind,
      openingHours: facilities.openingHours,
      dailyCheckQuota: facilities.dailyCheckQuota,
    })
    .from(facilities)
    .where(eq(facilities.code, code));
  return row;
}
export type FacilityRow = NonNullable<Awaited<ReturnType<typeof findFacility>>>;

export async function staffByPersonalId(db: Db, facilityCode: string, personalId: string) {
  const [row] = await db
    .select()
    .from(facilityStaff)
    .where(and(eq(facilityStaff.facilityCode, facilityCode), eq(facilityStaff.personalId, personalId), eq(facilityStaff.active, true)));
  return row;
}

export async function staffByAccount(db: Db, accountId: number) {
  const [row] = await db
    .select()
    .from(facilityStaff)
    .where(and(eq(facilityStaff.accountId, accountId), eq(facilityStaff.active, true)));
  return row;
}

export async function deskAccount(db: Db, accountId: number) {
  const [row] = await db
    .select({ id: accounts.id, facilityCode: accounts.facilityCode, displayName: accounts.displayName, status: accounts.status })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row;
}

export async function findClient(db: Db, clientId: string) {
  const [row] = await db.select().from(hospitalClients).where(eq(hospitalClients.clientId, clientId));
  return row;
}

const personColumns = {
  id: people.id,
  fullName: people.fullName,
  nameKey: people.nameKey,
  birthDate: people.birthDate,
  birthDatePrecision: people.birthDatePrecision,
  sex: people.sex,
  bhxhCode: people.bhxhCode,
  provinceCode: people.provinceCode,
};

export async function personById(db: Db, id: number) {
  const [row] = await db.select(personColumns).from(people).where(eq(people.id, id));
  return row;
}
export type PersonRow = NonNullable<Awaited<ReturnType<typeof personById>>>;

const cardColumns = {
  id: bhytCards.id,
  personId: bhytCards.personId,
  cardCode: bhytCards.cardCode,
  benefitLevel: bhytCards.benefitLevel,
  facilityCode: bhytCards.facilityCode,
  facilityName: facilities.name,
  validFrom: bhytCards.validFrom,
  validTo: bhytCards.validTo,
  fiveYearsDate: bhytCards.fiveYearsDate,
  residenceCode: bhytCards.residenceCode,
  status: bhytCards.status,
  issuedAt: bhytCards.issuedAt,
};

/** Every card with this code: a reissued card keeps its code, so the one in force first, then the revoked ones. */
export async function cardsByCode(db: Db, cardCode: string) {
  return db
    .select(cardColumns)
    .from(bhytCards)
    .innerJoin(facilities, eq(facilities.code, bhytCards.facilityCode))
    .where(eq(bhytCards.cardCode, cardCode))
    .orderBy(sql`${bhytCards.status} = 'revoked'`, desc(bhytCards.id));
}

export async function cardByCode(db: Db, cardCode: string) {
  const [row] = await cardsByCode(db, cardCode);
  return row;
}
export type CardRow = NonNullable<Awaited<ReturnType<typeof cardByCode>>>;

/** The person's current card: the newest by validity start. */
export async function currentCardOf(db: Db, personId: number) {
  const [row] = await db
    .select(cardColumns)
    .from(bhytCards)
    .innerJoin(facilities, eq(facilities.code, bhytCards.facilityCode))
    .where(eq(bhytCards.personId, personId))
    .orderBy(desc(bhytCards.validFrom), desc(bhytCards.id))
    .limit(1);
  return row;
}

export async function accountOfPerson(db: Db, personId: number) {
  const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.personId, personId));
  return row?.id;
}

/** The portrait of the person's latest approved registration: where it is stored and its type. */
export async function portraitOf(db: Db, personId: number): Promise<{ storageKey: string; mimeType: string } | null> {
  const [row] = await db
    .select({ storageKey: storedFiles.storageKey, mimeType: storedFiles.mimeType })
    .from(registrations)
    .innerJoin(storedFiles, eq(storedFiles.id, registrations.portraitFileId))
    .where(and(eq(registrations.personId, personId), eq(registrations.status, 'approved')))
    .orderBy(desc(registrations.decidedAt))
    .limit(1);
  return row ?? null;
}

/**
 * A facility's checks, in one scan of the (facility, at) index: those from `baseFrom` to before `watermark` (to add to
 * the day's count up to the watermark), those since `watermark`, and those since `minuteFrom`
 * (`baseFrom` ≤ `watermark` ≤ `minuteFrom`, or `minuteFrom` before `baseFrom` just after midnight).
 */
export async function checkCountsSince(db: Db, facilityCode: string, since: { baseFrom: Date; watermark: Date; minuteFrom: Date }) {
  const from = since.minuteFrom < since.baseFrom ? since.minuteFrom : since.baseFrom;
  const [row] = await db
    .select({
      beforeWatermark: sql<number>`count(*) filter (where ${cardChecks.at} >= ${since.baseFrom} and ${cardChecks.at} < ${since.watermark})`.mapWith(Number),
      sinceWatermark: sql<number>`count(*) filter (where ${cardChecks.at} >= ${since.watermark})`.mapWith(Number),
      lastMinute: sql<number>`count(*) filter (where ${cardChecks.at} >= ${since.minuteFrom})`.mapWith(Number),
    })
    .from(cardChecks)
    .where(and(eq(cardChecks.facilityCode, facilityCode), gte(cardChecks.at, from)));
  return { beforeWatermark: row?.beforeWatermark ?? 0, sinceWatermark: row?.sinceWatermark ?? 0, lastMinute: row?.lastMinute ?? 0 };
}

export async function quotaFlagSince(db: Db, facilityCode: string, since: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: cardFlags.id })
    .from(cardFlags)
    .where(and(eq(cardFlags.facilityCode, facilityCode), eq(cardFlags.kind, 'quota_exceeded'), gte(cardFlags.at, since)))
    .limit(1);
  return row !== undefined;
}

export async function insertNotification(db: Db, values: typeof notifications.$inferInsert) {
  await db.insert(notifications).values(values);
}

export async function findCheck(db: Db, checkId: number) {
  const [row] = await db.select().from(cardChecks).where(eq(cardChecks.id, checkId));
  return row;
}

export async function baseSalaryOn(db: Db, date: string): Promise<number> {
  const [row] = await db
    .select({ amount: baseSalaries.amount })
    .from(baseSalaries)
    .where(lte(baseSalaries.effectiveFrom, date))
    .orderBy(desc(baseSalaries.effectiveFrom))
    .limit(1);
  return row?.amount ?? 0;
}

// ---- Visits ----

export async function insertVisit(db: Db, values: typeof medicalVisits.$inferInsert) {
  const [row] = await db.insert(medicalVisits).values(values).returning();
  if (!row) throw new Error('visit not stored');
  return row;
}

export async function findVisit(db: Db, visitId: number) {
  const [row] = await db.select().from(medicalVisits).where(eq(medicalVisits.id, visitId));
  return row;
}

export async function closeVisit(
  db: Db,
  visitId: number,
  values: { dischargedAt: Date; icd10Code: string; icd10Name: string; totalCost: number; bhytPaid: number; patientPaid: number },
) {
  const [row] = await db
    .update(medicalVisits)
    .set({ ...values, status: 'closed' })
    .where(and(eq(medicalVisits.id, visitId), eq(medicalVisits.status, 'open')))
    .returning();
  return row;
}

export function visitsOfFacility(db: Db, facilityCode: string, status: 'open' | 'closed', page: { limit: number; offset: number }) {
  return db
    .select({ visit: medicalVisits, fullName: people.fullName })
    .from(medicalVisits)
    .innerJoin(people, eq(people.id, medicalVisits.personId))
    .where(and(eq(medicalVisits.facilityCode, facilityCode), eq(medicalVisits.status, status), sql`${medicalVisits.cardCheckId} is not null`))
    .orderBy(desc(medicalVisits.admittedAt))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countVisitsOfFacility(db: Db, facilityCode: string, status: 'open' | 'closed') {
  const [row] = await db
    .select({ n: count() })
    .from(medicalVisits)
    .where(and(eq(medicalVisits.facilityCode, facilityCode), eq(medicalVisits.status, status), sql`${medicalVisits.cardCheckId} is not null`));
  return row?.n ?? 0;
}

// ---- Notifications and cases ----

export function notificationsOf(db: Db, accountId: number, page: { limit: number; offset: number }) {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.accountId, accountId))
    .orderBy(desc(notifications.at), desc(notifications.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countNotifications(db: Db, accountId: number) {
  const [all] = await db.select({ n: count() }).from(notifications).where(eq(notifications.accountId, accountId));
  const [unread] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.accountId, accountId), isNull(notifications.readAt)));
  return { total: all?.n ?? 0, unread: unread?.n ?? 0 };
}

export async function markNotificationsRead(db: Db, accountId: number, at: Date) {
  await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.accountId, accountId), isNull(notifications.readAt)));
}

export async function findAccessEvent(db: Db, id: number) {
  const [row] = await db.select().from(accessEvents).where(eq(accessEvents.id, id));
  return row;
}

export async function insertCase(db: Db, values: typeof accessCases.$inferInsert) {
  const rows = await db.insert(accessCases).values(values).onConflictDoNothing().returning({ id: accessCases.id });
  return rows[0]?.id ?? null;
}

export function casesOfProvince(db: Db, provinceCode: string, status: 'open' | 'closed', page: { limit: number; offset: number }) {
  return db
    .select({ case: accessCases, event: accessEvents, personName: people.fullName, bhxhCode: people.bhxhCode })
    .from(accessCases)
    .innerJoin(accessEvents, eq(accessEvents.id, accessCases.accessEventId))
    .innerJoin(people, eq(people.id, accessCases.personId))
    .where(and(eq(accessCases.agencyProvinceCode, provinceCode), eq(accessCases.status, status)))
    .orderBy(desc(accessCases.openedAt))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countCasesOfProvince(db: Db, provinceCode: string, status: 'open' | 'closed') {
  const [row] = await db
    .select({ n: count() })
    .from(accessCases)
    .where(and(eq(accessCases.agencyProvinceCode, provinceCode), eq(accessCases.status, status)));
  return row?.n ?? 0;
}

export function flagsOfProvince(db: Db, provinceCode: string, status: 'open' | 'closed', page: { limit: number; offset: number }) {
  const other = sql<string | null>`(select name from facilities f2 where f2.code = ${cardFlags.otherFacilityCode})`;
  return db
    .select({
      flag: cardFlags,
      facilityName: facilities.name,
      otherFacilityName: other,
      personName: people.fullName,
      cardCode: sql<string | null>`(select card_code from bhyt_cards c where c.id = ${cardChecks.cardId})`,
    })
    .from(cardFlags)
    .innerJoin(facilities, eq(facilities.code, cardFlags.facilityCode))
    .innerJoin(cardChecks, eq(cardChecks.id, cardFlags.cardCheckId))
    .leftJoin(people, eq(people.id, cardFlags.personId))
    .where(and(eq(cardFlags.agencyProvinceCode, provinceCode), eq(cardFlags.status, status)))
    .orderBy(desc(cardFlags.at))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countFlagsOfProvince(db: Db, provinceCode: string, status: 'open' | 'closed') {
  const [row] = await db
    .select({ n: count() })
    .from(cardFlags)
    .where(and(eq(cardFlags.agencyProvinceCode, provinceCode), eq(cardFlags.status, status)));
  return row?.n ?? 0;
}

export async function revokeCard(db: Db, cardId: number) {
  const rows = await db
    .update(bhytCards)
    .set({ status: 'revoked' })
    .where(and(eq(bhytCards.id, cardId), ne(bhytCards.status, 'revoked')))
    .returning({ id: bhytCards.id });
  return rows.length > 0;
}


// ---- Everything one check reads, in one round-trip ----

/** How the check finds the person: through the card (app QR), or by a typed BHXH code / personal ID. */
export type FactsKey = 'card' | 'bhxhCode' | 'personalId';

const cardJsonColumns = (c: string, f: string) => sql.raw(`${c}.id, ${c}.person_id as "personId", ${c}.card_code as "cardCode",
  ${c}.benefit_level as "benefitLevel", ${c}.facility_code as "facilityCode", ${f}.name as "facilityName",
  ${c}.valid_from as "validFrom", ${c}.valid_to as "validTo", ${c}.five_years_date as "fiveYearsDate",
  ${c}.residence_code as "residenceCode", ${c}.status, ${c}.issued_at as "issuedAt"`);

function factsStatement(db: Db, key: FactsKey) {
  const card = sql.placeholder('cardCode');
  const personKey = sql.placeholder('personKey');
  const facility = sql.placeholder('facilityCode');
  const elsewhereSince = sql`${sql.placeholder('elsewhereSince')}::timestamptz`;
  const personWhere =
    key === 'card'
      ? sql`p.id = (select "personId" from card)`
      : key === 'bhxhCode'
        ? sql`p.bhxh_code = ${personKey}`
        : sql`p.personal_id = ${personKey}`;
  const facts = sql`(
    with card as (
      select ${cardJsonColumns('c', 'f')} from bhyt_cards c join facilities f on f.code = c.facility_code
       where c.card_code = ${card} order by c.status = 'revoked', c.id desc limit 1
    ), person as (
      select p.id, p.full_name as "fullName", p.name_key as "nameKey", p.birth_date as "birthDate",
             p.birth_date_precision as "birthDatePrecision", p.sex, p.bhxh_code as "bhxhCode", p.province_code as "provinceCode"
        from people p where ${personWhere}
    ), current_card as (
      select ${cardJsonColumns('c', 'f')} from bhyt_cards c join facilities f on f.code = c.facility_code
       where c.person_id = (select id from person) order by c.valid_from desc, c.id desc limit 1
    )
    select (select row_to_json(card) from card) as card,
           (select row_to_json(person) from person) as person,
           (select row_to_json(current_card) from current_card) as current_card,
           (select a.id from accounts a where a.person_id = (select id from person)) as account_id,
           exists (select 1 from registrations r join stored_files s on s.id = r.portrait_file_id
                    where r.person_id = (select id from person) and r.status = 'approved') as has_portrait,
           (select row_to_json(e) from (
              select k.at, k.facility_code as "facilityCode", f.name as "facilityName"
                from card_checks k join facilities f on f.code = k.facility_code
               where k.person_id = (select id from person) and k.facility_code <> ${facility} and k.result_code = '000'
                 and k.at >= ${elsewhereSince}
               order by k.at desc limit 1) e) as elsewhere
  ) as facts`;
  return db
    .select({
      card: sql<CardJson | null>`facts.card`,
      person: sql<PersonRow | null>`facts.person`,
      currentCard: sql<CardJson | null>`facts.current_card`,
      accountId: sql<number | string | null>`facts.account_id`,
      hasPortrait: sql<boolean>`facts.has_portrait`,
      elsewhere: sql<{ at: string; facilityCode: string; facilityName: string } | null>`facts.elsewhere`,
    })
    .from(facts)
    .prepare(`check_facts_by_${key}`);
}

type CardJson = Omit<CardRow, 'id' | 'personId' | 'issuedAt'> & { id: number; personId: number; issuedAt: string | null };
type FactsStatement = ReturnType<typeof factsStatement>;

/** Prepared once per database handle and key: node-postgres then parses and plans it once per connection. */
const factsStatements = new WeakMap<Db, Map<FactsKey, FactsStatement>>();

export interface CheckFacts {
  /** The card the input names (card code, app QR). */
  card: CardRow | undefined;
  person: PersonRow | undefined;
  /** The person's current card: the newest by validity start. */
  currentCard: CardRow | undefined;
  /** The person's account, told of the check. */
  accountId: number | undefined;
  /** The person's latest approved registration has a portrait (the desk may show it). */
  hasPortrait: boolean;
  /** The last valid check of this person at another facility since `elsewhereSince`. */
  elsewhere: { at: Date; facilityCode: string; facilityName: string } | undefined;
}

/**
 * What a check needs, in one prepared statement: the card, the person, their current card, their account, whether
 * they have a portrait, and their last valid check at another facility. `cardCode` is the card looked up (the person
 * found through it when `key` is 'card'); `personKey` the typed BHXH code or personal ID.
 */
export async function checkFacts(
  db: Db,
  key: FactsKey,
  lookup: { cardCode: string | null; personKey: string | null },
  facilityCode: string,
  elsewhereSince: Date,
): Promise<CheckFacts> {
  let statements = factsStatements.get(db);
  if (!statements) factsStatements.set(db, (statements = new Map<FactsKey, FactsStatement>()));
  let statement = statements.get(key);
  if (!statement) statements.set(key, (statement = factsStatement(db, key)));
  const [row] = await statement.execute({
    cardCode: lookup.cardCode,
    personKey: lookup.personKey,
    facilityCode,
    elsewhereSince: elsewhereSince.toISOString(),
  });
  if (!row) throw new Error('check facts: no row');
  // JSON carries instants as strings.
  const cardOf = (json: CardJson | null): CardRow | undefined =>
    json ? { ...json, issuedAt: json.issuedAt === null ? null : new Date(json.issuedAt) } : undefined;
  return {
    card: cardOf(row.card),
    person: row.person ?? undefined,
    currentCard: cardOf(row.currentCard),
    accountId: row.accountId === null ? undefined : Number(row.accountId),
    hasPortrait: row.hasPortrait,
    elsewhere: row.elsewhere ? { ...row.elsewhere, at: new Date(row.elsewhere.at) } : undefined,
  };
}
