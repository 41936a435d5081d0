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
import { type Db, preparedOnce, preparedPerShape, preparedRows } from '../../db/connection.ts';
import type { AuditRow } from '../../platform/audit.ts';
import { batcherPerHandle } from '../../platform/group-batcher.ts';
import { dossierNumberSql } from '../registrations/dossier-number.ts';
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

/** A dossier to file: the dossier, its first event, the filer's notice and the audit row; the number is taken with it. */
export interface Filing {
  numbering: { series: 'DV'; year: number };
  dossier: Required<Pick<typeof dossiers.$inferInsert, 'id' | 'type' | 'status' | 'personId' | 'accountId' | 'agencyId' | 'idempotencyKey' | 'requestHash' | 'form' | 'submittedAt' | 'dueOn'>>;
  event: { at: Date; action: string; status: string; actorAccountId: number };
  /** Its params' dossierNumber is set by the statement. */
  notice: DossierNotice;
  audit: AuditRow;
}

/**
 * Files dossiers in one statement: for each agency and year among them, the next numbers of its DV series (one upsert
 * of its counter row by as many as it files, then the numbers in the filings' order), and for each filing the dossier,
 * its first event, the filer's notice (which quotes the number) and the audit row; answers each filing's number.
 * The counter rows are locked from the upsert to the commit, in the order of their keys (so that two batches never wait
 * for each other's rows in turn): numbers without gaps, since a statement that fails gives all its numbers back, and
 * the next filing with such an agency waits for the commit. Outside a transaction it is one round-trip and commits by
 * itself, so a row is held only while it runs and its commit is flushed (as a transaction of the number and then the
 * rest it was held for two round-trips and the commit: the upsert waited 3.3 ms on average at ~250 filings a second on
 * the 1M bench). One text for any number of filings (the rows travel as arrays), so it is prepared once.
 */
const FILE_DOSSIERS = {
  name: 'file_dossiers',
  text: `
    with filing as materialized (
      select *
        from unnest($1::int[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::int[], $8::int[],
                    $9::text[], $10::text[], $11::text[], $12::timestamptz[], $13::date[], $14::timestamptz[], $15::text[],
                    $16::text[], $17::bigint[], $18::bigint[], $19::timestamptz[], $20::text[], $21::text[], $22::text[],
                    $23::text[], $24::text[], $25::text[], $26::text[], $27::text[], $28::text[])
          as t(ord, id, type, status, person_id, account_id, agency_id, year, idempotency_key, request_hash, form,
               submitted_at, due_on, event_at, event_action, event_status, event_actor_id, notice_account_id, notice_at,
               notice_kind, notice_params, audit_actor_type, audit_actor_id, audit_action, audit_subject_type,
               audit_subject_id, audit_request_id, audit_details)
    ),
    wanted as (
      select agency_id, year, count(*)::int as taken from filing group by agency_id, year
    ),
    sequence as (
      insert into dossier_sequences (agency_id, series, year, last)
      select agency_id, 'DV', year, taken from wanted order by agency_id, year
      on conflict (agency_id, series, year) do update set last = dossier_sequences.last + excluded.last
      returning agency_id, year, last
    ),
    numbered as materialized (
      select f.*, ${dossierNumberSql({
        sequence: '(s.last - w.taken + row_number() over (partition by f.agency_id, f.year order by f.ord))::text',
        series: "'DV'",
        year: 'f.year',
        agencyId: 'f.agency_id',
      })} as dossier_number
        from filing f
        join wanted w on w.agency_id = f.agency_id and w.year = f.year
        join sequence s on s.agency_id = f.agency_id and s.year = f.year
    ),
    dossier as (
      insert into dossiers (id, dossier_number, type, status, person_id, account_id, agency_id, idempotency_key,
                            request_hash, form, submitted_at, due_on)
      select id, dossier_number, type, status, person_id, account_id, agency_id, idempotency_key, request_hash,
             form::jsonb, submitted_at, due_on
        from numbered order by ord
    ),
    event as (
      insert into dossier_events (dossier_id, at, action, status, actor_account_id)
      select id, event_at, event_action, event_status, event_actor_id from numbered order by ord
    ),
    notice as (
      insert into notifications (account_id, at, kind, params)
      select notice_account_id, notice_at, notice_kind,
             jsonb_set(notice_params::jsonb, '{dossierNumber}', to_jsonb(dossier_number))
        from numbered order by ord
    ),
    audit as (
      insert into audit_events (actor_type, actor_id, action, subject_type, subject_id, request_id, details)
      select audit_actor_type, audit_actor_id, audit_action, audit_subject_type, audit_subject_id, audit_request_id,
             audit_details::jsonb
        from numbered order by ord
    )
    select ord, dossier_number from numbered`,
};

/** Files dossiers together (FILE_DOSSIERS), on any handle (a transaction's too); their numbers, in order. */
export async function fileDossiers(db: Db, filings: readonly Filing[]): Promise<string[]> {
  const column = <T>(pick: (filing: Filing) => T) => filings.map(pick);
  const rows = await preparedRows<{ ord: number; dossier_number: string }>(db, FILE_DOSSIERS, [
    filings.map((_, ord) => ord),
    column(({ dossier }) => dossier.id),
    column(({ dossier }) => dossier.type),
    column(({ dossier }) => dossier.status),
    column(({ dossier }) => dossier.personId),
    column(({ dossier }) => dossier.accountId),
    column(({ dossier }) => dossier.agencyId),
    column(({ numbering }) => numbering.year),
    column(({ dossier }) => dossier.idempotencyKey),
    column(({ dossier }) => dossier.requestHash),
    column(({ dossier }) => JSON.stringify(dossier.form)),
    column(({ dossier }) => dossier.submittedAt.toISOString()),
    column(({ dossier }) => dossier.dueOn),
    column(({ event }) => event.at.toISOString()),
    column(({ event }) => event.action),
    column(({ event }) => event.status),
    column(({ event }) => event.actorAccountId),
    column(({ notice }) => notice.accountId),
    column(({ notice }) => notice.at.toISOString()),
    column(({ notice }) => notice.kind),
    column(({ notice }) => JSON.stringify(notice.params)),
    column(({ audit }) => audit.actorType),
    column(({ audit }) => audit.actorId),
    column(({ audit }) => audit.action),
    column(({ audit }) => audit.subjectType),
    column(({ audit }) => audit.subjectId),
    column(({ audit }) => audit.requestId),
    column(({ audit }) => (audit.details === null ? null : JSON.stringify(audit.details))),
  ]);
  if (rows.length !== filings.length) throw new Error(`the filing statement answered ${rows.length} numbers for ${filings.length} filings`);
  const numbers: string[] = [];
  for (const row of rows) numbers[row.ord] = row.dossier_number;
  return numbers;
}

/**
 * The filings that arrive while one batch commits go together in the next: one statement, one commit (a WAL flush)
 * and one hold of each agency's counter row for all of them, where each filing waited for the flush of the one before
 * it at the same agency (twelfth round: 53% of a filing's time in the WAL flush, 25% waiting for that row). A batch
 * PostgreSQL refuses is filed again one filing at a time (`retryAlone`): what fails a batch is usually one filing's own
 * conflict (a retry racing its first attempt under the same key, two of a type at once), which then fails alone, with
 * its own constraint, and the rest are filed.
 */
const filingBatches = batcherPerHandle(fileDossiers, { maxBatch: 100, retryAlone: true });

/** Waits for the filings handed over so far (on shutdown). */
export function flushFilings(db: Db): Promise<void> {
  return filingBatches(db).flush();
}

/**
 * Files a dossier without uploads (see filingBatches; a filing with uploads uses fileDossiers in its transaction).
 * Answers its number once its batch has committed; rejects with the database's error for this filing.
 */
export function fileDossier(db: Db, filing: Filing): Promise<string> {
  return filingBatches(db).submit(filing);
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
