// Queries of the dossier engine. Officer reads are always scoped by agency: a dossier of another agency is not found.
import {
  and,
  asc,
  count,
  desc,
  eq,
  inArray,
  isNull,
  lt,
  ne,
  notInArray,
  or,
  sql,
  type Placeholder,
  type SQL,
} from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { FINAL_DOSSIER_STATUSES, type DossierStatus, type DossierType } from '@vssid/shared';
import { type Db, preparedOnce, preparedPerShape, sqlRows } from '../../db/connection.ts';
import type { AuditRow } from '../../platform/audit.ts';
import { dossierNumberFromLast, takeSequence } from '../registrations/dossier-number.ts';
import { holidaysOfYearsQuery, provincialAgencyQuery } from '../registrations/repo.ts';
import type { DossierNotice } from './engine.ts';
import {
  accounts,
  agencies,
  bankAccountDirectory,
  banks,
  benefitPayments,
  bhytCards,
  communes,
  dossierAttachments,
  dossierEvents,
  dossiers,
  paymentArrangements,
  people,
  provinces,
} from '../../db/schema.ts';

const receivedBy = alias(accounts, 'received_by');
const claimedBy = alias(accounts, 'claimed_by');

const dossierColumns = {
  id: dossiers.id,
  dossierNumber: dossiers.dossierNumber,
  type: dossiers.type,
  status: dossiers.status,
  personId: dossiers.personId,
  accountId: dossiers.accountId,
  agencyId: dossiers.agencyId,
  agencyName: agencies.name,
  idempotencyKey: dossiers.idempotencyKey,
  requestHash: dossiers.requestHash,
  form: dossiers.form,
  submittedAt: dossiers.submittedAt,
  dueOn: dossiers.dueOn,
  receivedByAccountId: dossiers.receivedByAccountId,
  claimedByAccountId: dossiers.claimedByAccountId,
  decidedByAccountId: dossiers.decidedByAccountId,
  decidedAt: dossiers.decidedAt,
  reasonCode: dossiers.reasonCode,
  effect: dossiers.effect,
  fullName: people.fullName,
  bhxhCode: people.bhxhCode,
  receivedBy: receivedBy.displayName,
  claimedBy: claimedBy.displayName,
};

function dossierSelect(db: Db) {
  return db
    .select(dossierColumns)
    .from(dossiers)
    .innerJoin(agencies, eq(agencies.id, dossiers.agencyId))
    .innerJoin(people, eq(people.id, dossiers.personId))
    .leftJoin(receivedBy, eq(receivedBy.id, dossiers.receivedByAccountId))
    .leftJoin(claimedBy, eq(claimedBy.id, dossiers.claimedByAccountId));
}

export type DossierRow = Awaited<ReturnType<typeof dossierSelect>>[number];

type DossierScope = { accountId: number } | { agencyId: number };
type ScopeKind = 'accountId' | 'agencyId';

const scopeOf = (scope: DossierScope): { kind: ScopeKind; scopeId: number } =>
  'accountId' in scope ? { kind: 'accountId', scopeId: scope.accountId } : { kind: 'agencyId', scopeId: scope.agencyId };

/** The column a scope is held by: the filer's account, or the agency. */
const scopeColumn = (kind: ScopeKind) => (kind === 'accountId' ? dossiers.accountId : dossiers.agencyId);

const inScope = (kind: ScopeKind) => and(eq(dossiers.id, sql.placeholder('id')), eq(scopeColumn(kind), sql.placeholder('scopeId')));

// A dossier's reads, prepared once per handle and scope (preparedPerShape). Built per request, drizzle's building
// cost the server CPU and PostgreSQL planned the read with its names on about every other call (0.4–0.7 ms; the
// withdrawals and every officer's step read a dossier this way, and lock it first). Inside a transaction the handle is
// new, but node-postgres finds the statement already prepared on its connection by name.
const scopedDossier = preparedPerShape((db, kind: ScopeKind) => dossierSelect(db).where(inScope(kind)).prepare(`dossier_by_${kind}`));
const lockedDossier = preparedPerShape((db, kind: ScopeKind) =>
  db.select({ id: dossiers.id }).from(dossiers).where(inScope(kind)).for('update').prepare(`dossier_lock_by_${kind}`),
);

/** A dossier by id within a scope (its filer, or its agency); `forUpdate` locks it for a transition. */
export async function findDossier(
  db: Db,
  id: number,
  scope: DossierScope,
  options: { forUpdate?: boolean } = {},
): Promise<DossierRow | undefined> {
  const { kind, scopeId } = scopeOf(scope);
  if (options.forUpdate) {
    // Lock the dossier row alone (the joined rows are only read), then read it with its names.
    const [locked] = await lockedDossier(db, kind).execute({ id, scopeId });
    if (!locked) return undefined;
  }
  const [row] = await scopedDossier(db, kind).execute({ id, scopeId });
  return row;
}

/** The caller's dossier filed under an idempotency key, with its request's hash; a query to embed. */
const dossierByIdempotencyKeyQuery = (db: Db, accountId: Placeholder | AnyPgColumn, key: Placeholder) =>
  db
    .select({ id: dossiers.id, requestHash: dossiers.requestHash })
    .from(dossiers)
    .where(and(eq(dossiers.accountId, accountId), eq(dossiers.idempotencyKey, key)));

const dossierByIdempotencyKey = preparedOnce((db) =>
  dossierByIdempotencyKeyQuery(db, sql.placeholder('accountId'), sql.placeholder('key')).prepare('dossier_by_idempotency_key'),
);

export async function findByIdempotencyKey(db: Db, accountId: number, key: string) {
  const [row] = await dossierByIdempotencyKey(db).execute({ accountId, key });
  return row;
}

/** The person's dossier of a type that is still open (at most one: dossiers_one_open_uq); a query to embed. */
const openDossierOfTypeQuery = (db: Db, personId: AnyPgColumn, type: Placeholder) =>
  db
    .select({ id: dossiers.id })
    .from(dossiers)
    .where(and(eq(dossiers.personId, personId), eq(dossiers.type, type), notInArray(dossiers.status, [...FINAL_DOSSIER_STATUSES])))
    .limit(1);

/**
 * All a filing reads before it files, in one round-trip (up to eight before the twelfth round): the caller's account
 * and person as citizenOf reads them, the dossier already filed under the idempotency key, the person's open dossier of
 * the type, whether they hold a card in force, the province's agency in force, the holiday rows around today, and the
 * new dossier's id (drawn even when the filing stops short: ids may have gaps, dossier numbers may not). The
 * subqueries are the standalone statements' builders. No row when the account does not exist.
 */
const filingContextStatement = preparedOnce((db) => {
  const earlier = dossierByIdempotencyKeyQuery(db, accounts.id, sql.placeholder('key')).as('earlier');
  const agency = provincialAgencyQuery(db, people.provinceCode, sql.placeholder('today')).as('agency');
  const holidayRows = holidaysOfYearsQuery(db, sql.placeholder('fromYear'), sql.placeholder('toYear')).as('holiday');
  return db
    .select({
      account: accounts,
      person: filerColumns,
      earlier: { id: earlier.id, requestHash: earlier.requestHash },
      agency: { id: agency.id, code: agency.code, name: agency.name },
      openDossierId: sql<number | null>`(${openDossierOfTypeQuery(db, people.id, sql.placeholder('type'))})`,
      hasCardInForce: sql<boolean>`exists (${cardInForceQuery(db, people.id)})`,
      holidays: sql<Array<{ date: string; kind: string }>>`(select coalesce(json_agg(holiday), '[]'::json) from ${holidayRows})`,
      newDossierId: sql<number>`nextval(pg_get_serial_sequence('dossiers', 'id'))`.mapWith(Number),
    })
    .from(accounts)
    .leftJoin(people, eq(people.id, accounts.personId))
    .leftJoinLateral(earlier, sql`true`)
    .leftJoinLateral(agency, sql`true`)
    .where(eq(accounts.id, sql.placeholder('accountId')))
    .prepare('dossier_filing_context');
});

export async function filingContext(
  db: Db,
  filing: { accountId: number; idempotencyKey: string; type: DossierType; today: string; fromYear: number; toYear: number },
) {
  const [row] = await filingContextStatement(db).execute({ ...filing, key: filing.idempotencyKey });
  return row;
}

/**
 * Files a dossier in one statement: its number (the agency's next in the year's series), the dossier, its first event,
 * the filer's notice (which quotes the number) and the audit row; answers the number. The agency's numbering row is
 * locked from the number's upsert to the commit (numbers without gaps: a filing that fails gives its number back), and
 * the next filing with that agency waits for it. Outside a transaction this statement is one round-trip and commits by
 * itself, so the row is held only while it runs and its commit is flushed; as a transaction of the number and then the
 * rest, it was held for two round-trips and the commit (the upsert waited 3.3 ms on average at ~250 filings a second on
 * the 1M bench, pg_stat_statements). Hand-written: building the inserts in drizzle cost more than the statement.
 * The sequence is taken and formatted by registrations/dossier-number.ts (takeSequence, dossierNumberFromLast).
 */
export async function fileDossier(
  db: Db,
  filed: {
    numbering: { series: 'DV'; year: number };
    dossier: Required<Pick<typeof dossiers.$inferInsert, 'id' | 'type' | 'status' | 'personId' | 'accountId' | 'agencyId' | 'idempotencyKey' | 'requestHash' | 'form' | 'submittedAt' | 'dueOn'>>;
    event: { at: Date; action: string; status: string; actorAccountId: number };
    /** Its params' dossierNumber is set by the statement. */
    notice: DossierNotice;
    audit: AuditRow;
  },
): Promise<string> {
  const { numbering, dossier, event, notice, audit } = filed;
  const [row] = await sqlRows<{ dossier_number: string }>(
    db,
    sql`
    with sequence as (${takeSequence(dossier.agencyId, numbering.series, numbering.year)}),
    number as (select ${dossierNumberFromLast(numbering.series, numbering.year, dossier.agencyId)} as dossier_number from sequence),
    dossier as (
      insert into dossiers (id, dossier_number, type, status, person_id, account_id, agency_id, idempotency_key,
                            request_hash, form, submitted_at, due_on)
      select ${dossier.id}, number.dossier_number, ${dossier.type}, ${dossier.status}, ${dossier.personId},
             ${dossier.accountId}, ${dossier.agencyId}, ${dossier.idempotencyKey}, ${dossier.requestHash},
             ${JSON.stringify(dossier.form)}::jsonb, ${dossier.submittedAt.toISOString()}::timestamptz, ${dossier.dueOn}::date
      from number
    ), event as (
      insert into dossier_events (dossier_id, at, action, status, actor_account_id)
      values (${dossier.id}, ${event.at.toISOString()}::timestamptz, ${event.action}, ${event.status}, ${event.actorAccountId})
    ), notice as (
      insert into notifications (account_id, at, kind, params)
      select ${notice.accountId}, ${notice.at.toISOString()}::timestamptz, ${notice.kind},
             jsonb_set(${JSON.stringify(notice.params)}::jsonb, '{dossierNumber}', to_jsonb(number.dossier_number))
      from number
    ), audit as (
      insert into audit_events (actor_type, actor_id, action, subject_type, subject_id, request_id, details)
      values (${audit.actorType}, ${audit.actorId}, ${audit.action}, ${audit.subjectType}, ${audit.subjectId}, ${audit.requestId},
              ${audit.details === null ? null : JSON.stringify(audit.details)}::jsonb)
    )
    select dossier_number from number`,
  );
  if (!row) throw new Error('the filing statement answered no number');
  return row.dossier_number;
}

/** Moves a dossier on, only from the status it was read in (a concurrent transition makes this a no-op). */
export async function updateDossier(
  db: Db,
  id: number,
  fromStatus: DossierStatus,
  values: Partial<typeof dossiers.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(dossiers)
    .set(values)
    .where(and(eq(dossiers.id, id), eq(dossiers.status, fromStatus)))
    .returning({ id: dossiers.id });
  return rows.length === 1;
}

export async function insertEvent(db: Db, values: typeof dossierEvents.$inferInsert) {
  await db.insert(dossierEvents).values(values);
}

const eventsOfDossier = preparedOnce((db) =>
  db
    .select({
      at: dossierEvents.at,
      action: dossierEvents.action,
      status: dossierEvents.status,
      actorAccountId: dossierEvents.actorAccountId,
      actorName: accounts.displayName,
      actorRole: accounts.role,
      reasonCode: dossierEvents.reasonCode,
      note: dossierEvents.note,
    })
    .from(dossierEvents)
    .innerJoin(accounts, eq(accounts.id, dossierEvents.actorAccountId))
    .where(eq(dossierEvents.dossierId, sql.placeholder('dossierId')))
    .orderBy(asc(dossierEvents.at), asc(dossierEvents.id))
    .prepare('dossier_events_of'),
);

export function eventsOf(db: Db, dossierId: number) {
  return eventsOfDossier(db).execute({ dossierId });
}

export async function insertAttachments(db: Db, rows: Array<typeof dossierAttachments.$inferInsert>) {
  if (rows.length > 0) await db.insert(dossierAttachments).values(rows);
}

const attachmentsOfDossier = preparedOnce((db) =>
  db
    .select({ fileId: dossierAttachments.fileId, purpose: dossierAttachments.purpose })
    .from(dossierAttachments)
    .where(eq(dossierAttachments.dossierId, sql.placeholder('dossierId')))
    .orderBy(asc(dossierAttachments.addedAt), asc(dossierAttachments.fileId))
    .prepare('dossier_attachments_of'),
);

export function attachmentsOf(db: Db, dossierId: number) {
  return attachmentsOfDossier(db).execute({ dossierId });
}

export async function attachmentOf(db: Db, dossierId: number, fileId: string) {
  const [row] = await db
    .select({ fileId: dossierAttachments.fileId })
    .from(dossierAttachments)
    .where(and(eq(dossierAttachments.dossierId, dossierId), eq(dossierAttachments.fileId, fileId)));
  return row;
}

// ---- Lists ----

export interface ListFilter {
  scope: DossierScope;
  type?: DossierType | undefined;
  status?: DossierStatus | undefined;
  /** Only open dossiers due before this date. */
  overdueBefore?: string | undefined;
}

function listWhere(filter: ListFilter): SQL | undefined {
  const { kind, scopeId } = scopeOf(filter.scope);
  return and(
    eq(scopeColumn(kind), scopeId),
    filter.type ? eq(dossiers.type, filter.type) : undefined,
    filter.status ? eq(dossiers.status, filter.status) : undefined,
    filter.overdueBefore ? lt(dossiers.dueOn, filter.overdueBefore) : undefined,
  );
}

/** Officers see the oldest deadline first (open dossiers, then the closed ones); citizens their newest first. */
export async function listDossiers(db: Db, filter: ListFilter, page: { limit: number; offset: number }) {
  const where = listWhere(filter);
  const order =
    'agencyId' in filter.scope
      ? [sql`${dossiers.dueOn} is null`, asc(dossiers.dueOn), asc(dossiers.id)]
      : [desc(dossiers.submittedAt), desc(dossiers.id)];
  const [rows, [total]] = await Promise.all([
    dossierSelect(db)
      .where(where)
      .orderBy(...order)
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(dossiers).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

// ---- Numbers ----

// ---- Records a decision changes ----

/** The filer as the dossier routes use them. */
const filerColumns = {
  id: people.id,
  fullName: people.fullName,
  nameKey: people.nameKey,
  bhxhCode: people.bhxhCode,
  provinceCode: people.provinceCode,
  communeCode: people.communeCode,
  street: people.street,
};

const personOfStatement = preparedOnce((db) =>
  db.select(filerColumns).from(people).where(eq(people.id, sql.placeholder('personId'))).prepare('dossier_person_of'),
);

export async function personOf(db: Db, personId: number) {
  const [row] = await personOfStatement(db).execute({ personId });
  return row;
}

/** The person's card in force (the latest not revoked); a query to embed (the filing's context). */
const cardInForceQuery = (db: Db, personId: Placeholder | AnyPgColumn) =>
  db
    .select()
    .from(bhytCards)
    .where(and(eq(bhytCards.personId, personId), notInArray(bhytCards.status, ['revoked'])))
    .orderBy(desc(bhytCards.validFrom), desc(bhytCards.id))
    .limit(1);

const cardInForceStatement = preparedOnce((db) => cardInForceQuery(db, sql.placeholder('personId')).prepare('card_in_force'));

export async function cardInForce(db: Db, personId: number) {
  const [row] = await cardInForceStatement(db).execute({ personId });
  return row;
}

export async function revokeCard(db: Db, cardId: number) {
  await db.update(bhytCards).set({ status: 'revoked' }).where(eq(bhytCards.id, cardId));
}

export async function insertCard(db: Db, values: typeof bhytCards.$inferInsert): Promise<number> {
  const [row] = await db.insert(bhytCards).values(values).returning({ id: bhytCards.id });
  if (!row) throw new Error('card insert returned nothing');
  return row.id;
}

/**
 * Monthly benefits being paid to a person (pensions and monthly allowances): a monthly amount, not ended. A pension
 * adjustment is the same pension at a new amount, not another benefit: the pension is listed once, at its latest
 * adjusted amount, and its pay place is the pension's.
 */
export async function monthlyBenefits(db: Db, personId: number, today: string) {
  return db
    .select({
      id: benefitPayments.id,
      kind: benefitPayments.kind,
      monthlyAmount: sql<number | null>`coalesce((
        select a.monthly_amount from benefit_payments a
        where a.person_id = benefit_payments.person_id and a.kind = 'pension_adjustment' and benefit_payments.kind = 'pension'
          and a.from_date <= ${today}
        order by a.from_date desc limit 1), ${benefitPayments.monthlyAmount})`.mapWith(Number),
      fromDate: benefitPayments.fromDate,
      agencyId: benefitPayments.agencyId,
    })
    .from(benefitPayments)
    .where(
      and(
        eq(benefitPayments.personId, personId),
        sql`${benefitPayments.monthlyAmount} is not null`,
        ne(benefitPayments.kind, 'pension_adjustment'),
        or(isNull(benefitPayments.toDate), sql`${benefitPayments.toDate} >= ${today}`),
      ),
    )
    .orderBy(asc(benefitPayments.fromDate), asc(benefitPayments.id));
}
export type MonthlyBenefitRow = Awaited<ReturnType<typeof monthlyBenefits>>[number];

/** The arrangements in force for these benefits (to_month null). */
export async function arrangementsInForce(db: Db, benefitPaymentIds: number[]) {
  if (benefitPaymentIds.length === 0) return [];
  return db
    .select()
    .from(paymentArrangements)
    .where(
      and(
        inArray(paymentArrangements.benefitPaymentId, benefitPaymentIds),
        isNull(paymentArrangements.toMonth),
      ),
    );
}

export async function closeArrangement(db: Db, id: number, toMonth: string) {
  await db.update(paymentArrangements).set({ toMonth }).where(eq(paymentArrangements.id, id));
}

export async function insertArrangement(
  db: Db,
  values: typeof paymentArrangements.$inferInsert,
): Promise<number> {
  const [row] = await db.insert(paymentArrangements).values(values).returning({ id: paymentArrangements.id });
  if (!row) throw new Error('arrangement insert returned nothing');
  return row.id;
}

export async function placeNames(db: Db, communeCodes: string[]) {
  if (communeCodes.length === 0) return [];
  return db
    .select({
      communeCode: communes.code,
      communeName: communes.name,
      provinceCode: provinces.code,
      provinceName: provinces.name,
    })
    .from(communes)
    .innerJoin(provinces, eq(provinces.code, communes.provinceCode))
    .where(inArray(communes.code, communeCodes));
}

export async function agencyNames(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, ids));
}

export async function listBanks(db: Db) {
  return db.select().from(banks).orderBy(asc(banks.code));
}

export async function bankByCode(db: Db, code: string) {
  const [row] = await db.select().from(banks).where(eq(banks.code, code));
  return row;
}

/** Citizen accounts (the filer) and staff names for events. */
export async function accountName(db: Db, accountId: number) {
  const [row] = await db
    .select({ displayName: accounts.displayName, role: accounts.role, agencyId: accounts.agencyId })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row;
}

// ---- Demo data ----

/** A pensioner for the demo: paid a monthly pension now, with a phone, an ID number and a card in force. */
export async function firstPensionerWithPhone(db: Db, excludePersonId: number | null) {
  const [row] = await db
    .select({
      id: people.id,
      fullName: people.fullName,
      bhxhCode: people.bhxhCode,
      phone: people.phone,
      email: people.email,
      provinceCode: people.provinceCode,
    })
    .from(people)
    .where(
      and(
        sql`${people.phone} is not null and ${people.personalId} is not null and ${people.id} <= 20000`,
        excludePersonId === null ? undefined : sql`${people.id} <> ${excludePersonId}`,
        sql`exists (select 1 from benefit_payments b where b.person_id = ${people.id} and b.kind = 'pension'
                    and b.monthly_amount is not null and b.to_date is null)`,
        sql`exists (select 1 from bhyt_cards c where c.person_id = ${people.id} and c.status = 'active')`,
      ),
    )
    .orderBy(sql`${people.provinceCode} = '01' desc`, asc(people.id))
    .limit(1);
  return row;
}

/** The demo pensioner's account at a bank, known to the local account-holder inquiry. */
export async function ensureDirectoryAccount(
  db: Db,
  values: { bankCode: string; accountNumber: string; holderName: string },
) {
  await db.insert(bankAccountDirectory).values(values).onConflictDoNothing();
}
