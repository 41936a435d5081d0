// Queries only: the rules live in the services (service.ts, officer.ts, children.ts, employer.ts, staff.ts).
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  like,
  lte,
  ne,
  or,
  sql,
  type SQL,
  type Placeholder,
} from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { type Db, preparedOnce } from '../../db/connection.ts';
import {
  accounts,
  agencies,
  communes,
  employerBatches,
  employers,
  facilities,
  facilityStaff,
  guardianships,
  hospitalClients,
  holidays,
  participationPeriods,
  people,
  provinces,
  registrationEvents,
  registrations,
  registryRelations,
  storedFiles,
} from '../../db/schema.ts';

export type RegistrationRow = typeof registrations.$inferSelect;
export type NewRegistration = typeof registrations.$inferInsert;
export type PersonRow = typeof people.$inferSelect;
export type AccountRow = typeof accounts.$inferSelect;

// ---- People, accounts, agencies ----

export async function findPersonByBhxhCode(db: Db, bhxhCode: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(people).where(eq(people.bhxhCode, bhxhCode));
  return row;
}

export async function findPersonById(db: Db, id: number): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(people).where(eq(people.id, id));
  return row;
}

// The reads a citizen's filing makes on every request are prepared once per handle (preparedOnce): drizzle building
// their SQL was most of a dossier submission's server CPU, and PostgreSQL planned each one anew.
const accountById = preparedOnce((db) => db.select().from(accounts).where(eq(accounts.id, sql.placeholder('id'))).prepare('account_by_id'));

export async function findAccount(db: Db, id: number): Promise<AccountRow | undefined> {
  const [row] = await accountById(db).execute({ id });
  return row;
}

export async function accountOfPerson(db: Db, personId: number) {
  const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.personId, personId));
  return row;
}

/** A citizen account other than this person's that uses the phone. */
export async function citizenAccountWithPhone(db: Db, phone: string, exceptPersonId: number) {
  const [row] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        eq(accounts.role, 'citizen'),
        eq(accounts.phone, phone),
        or(isNull(accounts.personId), ne(accounts.personId, exceptPersonId)),
      ),
    )
    .limit(1);
  return row;
}

/** Another person's own form (not a child's, which carries the parent's phone) waiting with this phone. */
export async function pendingSelfRegistrationWithPhone(db: Db, phone: string, exceptPersonId: number) {
  const [row] = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(
      and(
        eq(registrations.status, 'submitted'),
        eq(registrations.kind, 'self'),
        eq(registrations.phone, phone),
        ne(registrations.personId, exceptPersonId),
      ),
    )
    .limit(1);
  return row;
}

export async function activeRegistrationOfPerson(db: Db, personId: number) {
  const [row] = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.personId, personId), eq(registrations.status, 'submitted')));
  return row;
}

/** An office in force on a day: opened by then (a reorganisation loads successors ahead) and not yet closed. */
export const agencyInForce = (today: string | Placeholder | SQL) =>
  and(lte(agencies.validFrom, today), or(isNull(agencies.validTo), gte(agencies.validTo, today)));

export async function findAgencyInForce(db: Db, code: string, today: string) {
  const [row] = await db
    .select({ id: agencies.id, code: agencies.code, name: agencies.name })
    .from(agencies)
    .where(and(eq(agencies.code, code), agencyInForce(today)));
  return row;
}

/**
 * The province's agency in force on a day (the first by id, should two overlap). A query to embed: the province may be
 * a column of the outer statement (the dossier filing's context, as a lateral join).
 */
export const provincialAgencyQuery = (db: Db, provinceCode: Placeholder | AnyPgColumn, today: Placeholder) =>
  db
    .select({ id: agencies.id, code: agencies.code, name: agencies.name })
    .from(agencies)
    .where(and(eq(agencies.provinceCode, provinceCode), eq(agencies.kind, 'provincial'), agencyInForce(today)))
    .orderBy(asc(agencies.id))
    .limit(1);

const provincialAgency = preparedOnce((db) =>
  provincialAgencyQuery(db, sql.placeholder('provinceCode'), sql.placeholder('today')).prepare('provincial_agency'),
);

export async function findProvincialAgency(db: Db, provinceCode: string, today: string) {
  const [row] = await provincialAgency(db).execute({ provinceCode, today });
  return row;
}

export async function findAgencyById(db: Db, id: number) {
  const [row] = await db
    .select({ id: agencies.id, code: agencies.code, name: agencies.name })
    .from(agencies)
    .where(eq(agencies.id, id));
  return row;
}

/** The agency that received the person's latest approved own form, if any. */
export async function agencyOfApprovedRegistration(db: Db, personId: number) {
  const [row] = await db
    .select({ id: agencies.id, code: agencies.code, name: agencies.name })
    .from(registrations)
    .innerJoin(agencies, eq(agencies.id, registrations.agencyId))
    .where(
      and(
        eq(registrations.personId, personId),
        eq(registrations.kind, 'self'),
        eq(registrations.status, 'approved'),
      ),
    )
    .orderBy(desc(registrations.decidedAt))
    .limit(1);
  return row;
}

export async function findCommune(db: Db, code: string) {
  const [row] = await db
    .select({ code: communes.code, provinceCode: communes.provinceCode })
    .from(communes)
    .where(eq(communes.code, code));
  return row;
}

export async function addressNames(db: Db, communeCode: string) {
  const [row] = await db
    .select({ communeName: communes.name, provinceName: provinces.name })
    .from(communes)
    .innerJoin(provinces, eq(provinces.code, communes.provinceCode))
    .where(eq(communes.code, communeCode));
  return row;
}

// ---- Holidays ----

/** The holidays of the years from `fromYear` to `toYear`; a query to embed (the dossier filing's context). */
export const holidaysOfYearsQuery = (db: Db, fromYear: Placeholder, toYear: Placeholder) =>
  db
    .select({ date: holidays.date, kind: holidays.kind })
    .from(holidays)
    .where(and(gte(holidays.year, fromYear), lte(holidays.year, toYear)));

const holidaysOfYears = preparedOnce((db) =>
  holidaysOfYearsQuery(db, sql.placeholder('fromYear'), sql.placeholder('toYear')).prepare('holidays_between_years'),
);

export function holidaysBetweenYears(db: Db, fromYear: number, toYear: number) {
  return holidaysOfYears(db).execute({ fromYear, toYear });
}

// ---- Uploads ----

export type StoredFileRow = typeof storedFiles.$inferSelect;

export async function insertStoredFile(db: Db, row: typeof storedFiles.$inferInsert) {
  await db.insert(storedFiles).values(row);
}

export function findStoredFiles(db: Db, ids: string[]) {
  return ids.length === 0
    ? Promise.resolve([])
    : db.select().from(storedFiles).where(inArray(storedFiles.id, ids));
}

export async function findStoredFile(db: Db, id: string): Promise<StoredFileRow | undefined> {
  const [row] = await db.select().from(storedFiles).where(eq(storedFiles.id, id));
  return row;
}

/** Conditional: a file another form took in the meantime is not counted. */
export async function attachStoredFiles(db: Db, ids: string[], at: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .update(storedFiles)
    .set({ attachedAt: at })
    .where(and(inArray(storedFiles.id, ids), isNull(storedFiles.attachedAt)))
    .returning({ id: storedFiles.id });
  return rows.length;
}

export function deleteUnattachedFilesBefore(db: Db, before: Date) {
  return db
    .delete(storedFiles)
    .where(and(isNull(storedFiles.attachedAt), lte(storedFiles.createdAt, before)))
    .returning({ id: storedFiles.id, storageKey: storedFiles.storageKey });
}

// ---- Registrations and their log ----

export async function insertRegistration(db: Db, row: NewRegistration): Promise<RegistrationRow> {
  const [inserted] = await db.insert(registrations).values(row).returning();
  if (!inserted) throw new Error('registration not stored');
  return inserted;
}

export async function insertEvent(db: Db, row: typeof registrationEvents.$inferInsert) {
  await db.insert(registrationEvents).values(row);
}

export async function findRegistration(db: Db, id: number): Promise<RegistrationRow | undefined> {
  const [row] = await db.select().from(registrations).where(eq(registrations.id, id));
  return row;
}

/** Row lock for a decision: a second officer deciding at the same moment waits, then sees the new status. */
export async function lockRegistration(db: Db, id: number): Promise<RegistrationRow | undefined> {
  const [row] = await db.select().from(registrations).where(eq(registrations.id, id)).for('update');
  return row;
}

export async function updateRegistration(db: Db, id: number, values: Partial<NewRegistration>) {
  await db.update(registrations).set(values).where(eq(registrations.id, id));
}

/** Moves a form out of 'submitted' only if it is still there (idempotent jobs, concurrent decisions). */
export async function closeRegistration(
  db: Db,
  id: number,
  status: 'approved' | 'rejected' | 'expired',
  at: Date,
) {
  const rows = await db
    .update(registrations)
    .set({ status, decidedAt: at })
    .where(and(eq(registrations.id, id), eq(registrations.status, 'submitted')))
    .returning({ id: registrations.id });
  return rows.length === 1;
}

export function overdueRegistrations(db: Db, today: string, limit: number) {
  return db
    .select({ id: registrations.id, dossierNumber: registrations.dossierNumber, phone: registrations.phone })
    .from(registrations)
    .where(and(eq(registrations.status, 'submitted'), sql`${registrations.expiresOn} < ${today}`))
    .orderBy(asc(registrations.id))
    .limit(limit);
}

export function eventsOf(db: Db, registrationId: number) {
  return db
    .select({
      at: registrationEvents.at,
      action: registrationEvents.action,
      actorName: accounts.displayName,
      actorRole: accounts.role,
      reasonCode: registrationEvents.reasonCode,
      note: registrationEvents.note,
    })
    .from(registrationEvents)
    .leftJoin(accounts, eq(accounts.id, registrationEvents.actorAccountId))
    .where(eq(registrationEvents.registrationId, registrationId))
    .orderBy(asc(registrationEvents.at), asc(registrationEvents.id));
}

export interface RegistrationFilter {
  agencyId?: number;
  status?: string | undefined;
  kind?: string | undefined;
  batchId?: number | undefined;
  bhxhCode?: string;
  dossierPrefix?: string;
  /** Folded words that must all appear in the person's name key. */
  nameWords?: string[];
  /** Forms of people currently working for this employer (compulsory BHXH paid through it this month or later). */
  currentEmployerId?: number;
  currentMonth?: string;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function registrationConditions(filter: RegistrationFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.agencyId !== undefined) conditions.push(eq(registrations.agencyId, filter.agencyId));
  if (filter.status) conditions.push(eq(registrations.status, filter.status));
  if (filter.kind) conditions.push(eq(registrations.kind, filter.kind));
  if (filter.batchId !== undefined) conditions.push(eq(registrations.employerBatchId, filter.batchId));
  if (filter.bhxhCode) conditions.push(eq(registrations.bhxhCode, filter.bhxhCode));
  if (filter.dossierPrefix)
    conditions.push(like(registrations.dossierNumber, `${escapeLike(filter.dossierPrefix)}%`));
  for (const word of filter.nameWords ?? []) conditions.push(like(people.nameKey, `%${escapeLike(word)}%`));
  if (filter.currentEmployerId !== undefined && filter.currentMonth) {
    conditions.push(
      sql`exists (select 1 from ${participationPeriods} where ${participationPeriods.personId} = ${registrations.personId}
        and ${participationPeriods.scheme} = 'bhxh_compulsory'
        and ${participationPeriods.employerId} = ${filter.currentEmployerId}
        and ${participationPeriods.toMonth} >= ${filter.currentMonth})`,
    );
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}

export async function listRegistrations(
  db: Db,
  filter: RegistrationFilter,
  page: { offset: number; limit: number },
) {
  const where = registrationConditions(filter);
  const [totalRow] = await db
    .select({ total: count() })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .where(where);
  const rows = await db
    .select({ registration: registrations })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .where(where)
    .orderBy(asc(registrations.submittedAt), asc(registrations.id))
    .offset(page.offset)
    .limit(page.limit);
  return { total: totalRow?.total ?? 0, rows: rows.map((r) => r.registration) };
}

export async function countRegistrations(db: Db, filter: RegistrationFilter & { ids: number[] }) {
  const where = and(registrationConditions(filter), inArray(registrations.id, filter.ids));
  const rows = await db
    .select({ id: registrations.id })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .where(where);
  return rows.map((r) => r.id);
}

/** Forms of this employer whose paper copy has arrived, still waiting, not yet forwarded. */
export async function forwardableRegistrations(db: Db, employerId: number, ids: number[]) {
  const rows = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(
      and(
        inArray(registrations.id, ids),
        eq(registrations.employerId, employerId),
        isNotNull(registrations.paperReceivedAt),
        isNull(registrations.employerBatchId),
        eq(registrations.status, 'submitted'),
      ),
    )
    .for('update');
  return rows.map((r) => r.id);
}

export async function forwardRegistrations(db: Db, ids: number[], batchId: number, agencyId: number) {
  await db
    .update(registrations)
    .set({ employerBatchId: batchId, agencyId })
    .where(inArray(registrations.id, ids));
}

export async function insertEmployerBatch(db: Db, row: typeof employerBatches.$inferInsert) {
  const [inserted] = await db.insert(employerBatches).values(row).returning();
  if (!inserted) throw new Error('batch not stored');
  return inserted;
}

export async function findEmployerBatch(db: Db, id: number) {
  const [row] = await db.select().from(employerBatches).where(eq(employerBatches.id, id));
  return row;
}

export async function submittedRegistrationIdsOfBatch(db: Db, batchId: number, agencyId: number) {
  const rows = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(
      and(
        eq(registrations.employerBatchId, batchId),
        eq(registrations.agencyId, agencyId),
        eq(registrations.status, 'submitted'),
      ),
    )
    .orderBy(asc(registrations.submittedAt), asc(registrations.id));
  return rows.map((r) => r.id);
}

// ---- Accounts created by decisions and by admins ----

export async function insertAccount(db: Db, row: typeof accounts.$inferInsert): Promise<AccountRow> {
  const [inserted] = await db.insert(accounts).values(row).returning();
  if (!inserted) throw new Error('account not stored');
  return inserted;
}

/** Demo seeding: any unique clash (login, person, citizen phone) means "already there", not an error. */
export async function insertAccountIfAbsent(
  db: Db,
  row: typeof accounts.$inferInsert,
): Promise<AccountRow | undefined> {
  const [inserted] = await db.insert(accounts).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function findAccountByLogin(db: Db, login: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.login, login));
  return row;
}

export async function listStaff(db: Db, role: string | undefined, page: { offset: number; limit: number }) {
  const where = role ? eq(accounts.role, role) : ne(accounts.role, 'citizen');
  const [totalRow] = await db.select({ total: count() }).from(accounts).where(where);
  const rows = await db
    .select({
      account: accounts,
      agencyCode: agencies.code,
      employerUnitCode: employers.unitCode,
    })
    .from(accounts)
    .leftJoin(agencies, eq(agencies.id, accounts.agencyId))
    .leftJoin(employers, eq(employers.id, accounts.employerId))
    .where(where)
    .orderBy(asc(accounts.createdAt), asc(accounts.id))
    .offset(page.offset)
    .limit(page.limit);
  return { total: totalRow?.total ?? 0, rows };
}

export async function findFacility(db: Db, code: string) {
  const [row] = await db
    .select({ code: facilities.code, name: facilities.name })
    .from(facilities)
    .where(eq(facilities.code, code));
  return row;
}

export async function firstFacilityOfProvince(db: Db, provinceCode: string) {
  const [row] = await db
    .select({ code: facilities.code, name: facilities.name })
    .from(facilities)
    .where(eq(facilities.provinceCode, provinceCode))
    .orderBy(asc(facilities.code))
    .limit(1);
  return row;
}

export async function findEmployerByUnitCode(db: Db, unitCode: string) {
  const [row] = await db.select().from(employers).where(eq(employers.unitCode, unitCode));
  return row;
}

export async function findEmployer(db: Db, id: number) {
  const [row] = await db.select().from(employers).where(eq(employers.id, id));
  return row;
}

export async function firstEmployerOfProvince(db: Db, provinceCode: string) {
  const [row] = await db
    .select()
    .from(employers)
    .where(eq(employers.provinceCode, provinceCode))
    .orderBy(asc(employers.id))
    .limit(1);
  return row;
}

/** The first adult (by id) with a phone and a personal ID: the demo citizen. */
/**
 * The demo citizen: an adult with a phone and an ID, preferring one whose records show everything the app can —
 * a minor child with a card (to switch to), months in employer arrears, an active card. Looks at the first few
 * thousand people only, so a start on a national-size database stays quick.
 */
export async function firstAdultWithPhone(db: Db, bornOnOrBefore: string, minorsBornAfter: string) {
  const [row] = await db
    .select()
    .from(people)
    .where(
      and(lte(people.birthDate, bornOnOrBefore), isNotNull(people.phone), isNotNull(people.personalId), lte(people.id, 5000)),
    )
    .orderBy(
      sql`exists (select 1 from registry_relations r join people c on c.id = r.child_person_id
                  join bhyt_cards bc on bc.person_id = c.id
                  where r.parent_person_id = ${people.id} and c.birth_date > ${minorsBornAfter}) desc`,
      sql`exists (select 1 from participation_periods pp where pp.person_id = ${people.id} and pp.status = 'arrears') desc`,
      sql`exists (select 1 from bhyt_cards bc where bc.person_id = ${people.id} and bc.status = 'active') desc`,
      asc(people.id),
    )
    .limit(1);
  return row;
}

/** The person's minor children as the population registry records them. */
export function minorChildrenInRegistry(db: Db, parentPersonId: number, bornAfter: string) {
  return db
    .select({ id: people.id, fullName: people.fullName, bhxhCode: people.bhxhCode, birthDate: people.birthDate, provinceCode: people.provinceCode, communeCode: people.communeCode, street: people.street })
    .from(registryRelations)
    .innerJoin(people, eq(people.id, registryRelations.childPersonId))
    .where(and(eq(registryRelations.parentPersonId, parentPersonId), sql`${people.birthDate} > ${bornAfter}`))
    .orderBy(asc(people.birthDate));
}

// ---- Guardianships ----

export async function insertGuardianship(db: Db, row: typeof guardianships.$inferInsert) {
  await db.insert(guardianships).values(row);
}

export async function findGuardianship(db: Db, parentAccountId: number, childPersonId: number) {
  const [row] = await db
    .select({ childPersonId: guardianships.childPersonId })
    .from(guardianships)
    .where(
      and(eq(guardianships.parentAccountId, parentAccountId), eq(guardianships.childPersonId, childPersonId)),
    );
  return row;
}

export function childrenOf(db: Db, parentAccountId: number, bornAfter: string) {
  return db
    .select({
      personId: people.id,
      fullName: people.fullName,
      bhxhCode: people.bhxhCode,
      birthDate: people.birthDate,
    })
    .from(guardianships)
    .innerJoin(people, eq(people.id, guardianships.childPersonId))
    .where(and(eq(guardianships.parentAccountId, parentAccountId), sql`${people.birthDate} > ${bornAfter}`))
    .orderBy(asc(people.birthDate), asc(people.id));
}

// ---- Demo desk staff and hospital client ----

export async function ensureFacilityStaff(db: Db, row: typeof facilityStaff.$inferInsert) {
  await db.insert(facilityStaff).values(row).onConflictDoNothing();
}

export async function ensureHospitalClient(db: Db, row: typeof hospitalClients.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(hospitalClients).values(row).onConflictDoNothing().returning({ id: hospitalClients.clientId });
  return inserted.length > 0;
}

export async function findHospitalClientId(db: Db, clientId: string) {
  const [row] = await db.select({ id: hospitalClients.clientId }).from(hospitalClients).where(eq(hospitalClients.clientId, clientId));
  return row?.id;
}
