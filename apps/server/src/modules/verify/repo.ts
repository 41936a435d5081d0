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

export async function personBy(db: Db, key: { bhxhCode: string } | { personalId: string }) {
  const [row] = await db
    .select(personColumns)
    .from(people)
    .where('bhxhCode' in key ? eq(people.bhxhCode, key.bhxhCode) : eq(people.personalId, key.personalId));
  return row;
}
export type PersonRow = NonNullable<Awaited<ReturnType<typeof personBy>>>;

export async function personById(db: Db, id: number) {
  const [row] = await db.select(personColumns).from(people).where(eq(people.id, id));
  return row;
}

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

/** The last valid check of this person at another facility since `since`. */
export async function recentValidCheckElsewhere(db: Db, personId: number, facilityCode: string, since: Date) {
  const [row] = await db
    .select({ id: cardChecks.id, at: cardChecks.at, facilityCode: cardChecks.facilityCode, facilityName: facilities.name })
    .from(cardChecks)
    .innerJoin(facilities, eq(facilities.code, cardChecks.facilityCode))
    .where(
      and(
        eq(cardChecks.personId, personId),
        ne(cardChecks.facilityCode, facilityCode),
        eq(cardChecks.resultCode, '000'),
        gte(cardChecks.at, since),
      ),
    )
    .orderBy(desc(cardChecks.at))
    .limit(1);
  return row;
}

/** Checks made by a facility since two instants (the last minute, today), in one query on the (facility, at) index. */
export async function checkCounts(db: Db, facilityCode: string, since: { minuteFrom: Date; dayFrom: Date }) {
  const earliest = since.minuteFrom < since.dayFrom ? since.minuteFrom : since.dayFrom;
  const [row] = await db
    .select({
      lastMinute: sql<number>`count(*) filter (where ${cardChecks.at} >= ${since.minuteFrom})`.mapWith(Number),
      today: sql<number>`count(*) filter (where ${cardChecks.at} >= ${since.dayFrom})`.mapWith(Number),
    })
    .from(cardChecks)
    .where(and(eq(cardChecks.facilityCode, facilityCode), gte(cardChecks.at, earliest)));
  return { lastMinute: row?.lastMinute ?? 0, today: row?.today ?? 0 };
}

export async function quotaFlagSince(db: Db, facilityCode: string, since: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: cardFlags.id })
    .from(cardFlags)
    .where(and(eq(cardFlags.facilityCode, facilityCode), eq(cardFlags.kind, 'quota_exceeded'), gte(cardFlags.at, since)))
    .limit(1);
  return row !== undefined;
}

export async function insertCheck(db: Db, values: typeof cardChecks.$inferInsert) {
  const [row] = await db.insert(cardChecks).values(values).returning({ id: cardChecks.id });
  if (!row) throw new Error('card check not stored');
  return row.id;
}

export async function insertFlags(db: Db, rows: Array<typeof cardFlags.$inferInsert>) {
  if (rows.length > 0) await db.insert(cardFlags).values(rows);
}

export async function insertAccessEvent(db: Db, values: typeof accessEvents.$inferInsert) {
  const [row] = await db.insert(accessEvents).values(values).returning({ id: accessEvents.id });
  return row?.id ?? null;
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

