// Queries only: no rules here. Free text arrives already folded by the service.
import { and, asc, count, desc, eq, gte, inArray, like, lte, min, or, type Placeholder, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { type Db, preparedOnce, preparedPerShape, preparedRows } from '../../db/connection.ts';
import type { AuditRow } from '../../platform/audit.ts';
import { agencyInForce } from '../registrations/repo.ts';
import { batcherPerHandle } from '../../platform/group-batcher.ts';
import {
  agencies,
  collectionPoints,
  communes,
  employers,
  facilities,
  lookupLog,
  oldCommuneMappings,
  oldDistricts,
  oldProvinces,
  people,
  provinces,
} from '../../db/schema.ts';

export interface Page {
  offset: number;
  limit: number;
}

export interface Point {
  lat: number;
  lon: number;
}

// ---- Administrative units ----

export function listProvinces(db: Db) {
  return db.select({ code: provinces.code, name: provinces.name }).from(provinces).orderBy(asc(provinces.code));
}

export function listCommunes(db: Db, provinceCode: string) {
  return db
    .select({ code: communes.code, name: communes.name, kind: communes.kind })
    .from(communes)
    .where(eq(communes.provinceCode, provinceCode))
    .orderBy(asc(communes.nameKey));
}

export async function findCommune(db: Db, code: string) {
  const [row] = await db
    .select({ code: communes.code, lat: communes.lat, lon: communes.lon })
    .from(communes)
    .where(eq(communes.code, code));
  return row;
}

const oldProvinceColumns = {
  code: oldProvinces.code,
  name: oldProvinces.name,
  newProvinceCode: oldProvinces.newProvinceCode,
  newProvinceName: provinces.name,
};

export function listOldProvinces(db: Db) {
  return db
    .select(oldProvinceColumns)
    .from(oldProvinces)
    .innerJoin(provinces, eq(provinces.code, oldProvinces.newProvinceCode))
    .orderBy(asc(oldProvinces.code));
}

export function listOldDistricts(db: Db, oldProvinceCode: string) {
  return db
    .select({ id: oldDistricts.id, name: oldDistricts.name })
    .from(oldDistricts)
    .where(eq(oldDistricts.oldProvinceCode, oldProvinceCode))
    .orderBy(asc(oldDistricts.nameKey));
}

export async function oldDistrictExists(db: Db, id: number): Promise<boolean> {
  const [row] = await db.select({ id: oldDistricts.id }).from(oldDistricts).where(eq(oldDistricts.id, id));
  return row !== undefined;
}

/** The new communes that took in (part of) an old district's land. */
function communesOfOldDistrict(db: Db, oldDistrictId: number) {
  return db
    .select({ code: oldCommuneMappings.newCommuneCode })
    .from(oldCommuneMappings)
    .where(eq(oldCommuneMappings.oldDistrictId, oldDistrictId));
}

// ---- Shared pieces ----

/** LIKE metacharacters in user text are literals. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Haversine in SQL, in km. The tables it runs on are small (offices, facilities, collection points: thousands), so
 * computing it for the filtered rows is cheaper than a spatial index and needs no extension.
 */
function distanceFrom(lat: PgColumn, lon: PgColumn, origin: Point | undefined): SQL<number | null> {
  if (!origin) return sql<null>`null::float8`;
  return sql<number>`2 * 6371.0088 * asin(least(1, sqrt(power(sin(radians(${lat} - ${origin.lat}) / 2), 2) + cos(radians(${origin.lat})) * cos(radians(${lat})) * power(sin(radians(${lon} - ${origin.lon}) / 2), 2))))`;
}

/**
 * The count of every match, carried by each row of a page (`count(*) over ()` is computed before the page is cut), so
 * a search page is one statement instead of a count and a page.
 */
const matchCount = sql<number>`count(*) over ()`.mapWith(Number);

/** A page past the end has no row to carry the count: only then is it counted apart. */
async function withTotal<T extends { total: number }>(rows: T[], page: Page, countAll: () => Promise<number>) {
  return { total: rows[0]?.total ?? (page.offset === 0 ? 0 : await countAll()), rows };
}

/** A page from a prepared statement whose rows carry the count; past the last page, its first row tells the count. */
async function preparedPage<Row extends { total: unknown }>(
  statement: { execute(values: Record<string, unknown>): Promise<Row[]> },
  values: Record<string, unknown>,
  page: Page,
) {
  const run = async (window: Page) => (await statement.execute({ ...values, ...window })).map((row) => ({ ...row, total: Number(row.total) }));
  return withTotal(await run(page), page, async () => (await run({ limit: 1, offset: 0 }))[0]?.total ?? 0);
}

// ---- Medical facilities ----

export interface FacilityFilter {
  provinceCode?: string | undefined;
  communeCode?: string | undefined;
  oldDistrictId?: number | undefined;
  /** Folded words that must all appear in the facility's name or address. */
  words: string[];
  level?: string | undefined;
  acceptsInitialRegistration?: boolean | undefined;
  issuesSickLeave?: boolean | undefined;
  origin?: Point | undefined;
  maxDistanceKm?: number | undefined;
}

export async function searchFacilities(db: Db, filter: FacilityFilter, page: Page) {
  if (filter.provinceCode !== undefined && filter.origin === undefined && filter.oldDistrictId === undefined) {
    return searchFacilitiesInProvince(db, { ...filter, provinceCode: filter.provinceCode }, page);
  }
  const distance = distanceFrom(facilities.lat, facilities.lon, filter.origin);
  const conditions: SQL[] = [];
  if (filter.provinceCode) conditions.push(eq(facilities.provinceCode, filter.provinceCode));
  if (filter.communeCode) conditions.push(eq(facilities.communeCode, filter.communeCode));
  if (filter.oldDistrictId !== undefined)
    conditions.push(inArray(facilities.communeCode, communesOfOldDistrict(db, filter.oldDistrictId)));
  if (filter.level) conditions.push(eq(facilities.level, filter.level));
  if (filter.acceptsInitialRegistration !== undefined)
    conditions.push(eq(facilities.acceptsInitialRegistration, filter.acceptsInitialRegistration));
  if (filter.issuesSickLeave !== undefined) conditions.push(eq(facilities.issuesSickLeave, filter.issuesSickLeave));
  // Each word is a substring test served by the trigram GIN index on search_key.
  for (const word of filter.words) conditions.push(like(facilities.searchKey, `%${escapeLike(word)}%`));
  if (filter.origin && filter.maxDistanceKm !== undefined) conditions.push(sql`${distance} <= ${filter.maxDistanceKm}`);
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const phrase = filter.words.join(' ');
  // Matches ranked by their name alone (name_key): named for the words before having them in the address.
  const order = filter.origin
    ? [asc(distance), asc(facilities.code)]
    : phrase
      ? [desc(sql`similarity(${facilities.nameKey}, ${phrase})`), asc(facilities.code)]
      : [asc(facilities.provinceCode), asc(facilities.searchKey), asc(facilities.code)];

  const rows = await db
    .select({
      total: matchCount,
      code: facilities.code,
      name: facilities.name,
      level: facilities.level,
      kind: facilities.kind,
      provinceCode: facilities.provinceCode,
      provinceName: provinces.name,
      communeCode: facilities.communeCode,
      communeName: communes.name,
      address: facilities.address,
      phone: facilities.phone,
      lat: facilities.lat,
      lon: facilities.lon,
      acceptsInitialRegistration: facilities.acceptsInitialRegistration,
      issuesSickLeave: facilities.issuesSickLeave,
      distanceKm: distance,
      isSynthetic: facilities.isSynthetic,
    })
    .from(facilities)
    .innerJoin(provinces, eq(provinces.code, facilities.provinceCode))
    .innerJoin(communes, eq(communes.code, facilities.communeCode))
    .where(where)
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset);
  return withTotal(rows, page, async () => (await db.select({ total: count() }).from(facilities).where(where))[0]?.total ?? 0);
}

/** A search within a province has its words ranked (by the name's similarity) or, without words, is listed by name. */
type ProvinceSearchShape = { ranked: boolean };

/**
 * Facilities of one province (the look-up tab's usual question, with or without words), prepared once per handle and
 * shape; every other filter is a parameter that may be null. Within a province PostgreSQL reads its few hundred
 * facilities by the province index and tests the words on them, so the words can be parameters too, and the generic
 * plan is the custom one (checked with EXPLAIN). Across the country the words must stay literals for the trigram index
 * to serve them (with them as parameters the generic plan PostgreSQL settled on was 5× slower, third round), so that
 * search is built per request above. The page is cut with its count and rank from the facilities alone and only its
 * rows are joined to their unit names: on the 1M bench the statement built per request cost PostgreSQL 0.49 ms of
 * planning and 2.4 ms of running (every match joined before the page was cut), this one 0.85 ms (eleventh round).
 * Most of that was the rank: similarity() over name and address (~14 µs a match, ~75 characters); over the name
 * alone it is about a third of that (thirteenth round).
 */
function provinceSearchStatement(db: Db, shape: ProvinceSearchShape) {
  const optional = <T>(name: string, type: string, column: PgColumn) =>
    sql<T>`(${sql.placeholder(name)}::${sql.raw(type)} is null or ${column} = ${sql.placeholder(name)})`;
  const rank = shape.ranked ? sql<number>`similarity(${facilities.nameKey}, ${sql.placeholder('phrase')})` : sql<number>`0`;
  const pageRows = db
    .select({
      total: sql<number>`count(*) over ()`.as('total'),
      rank: rank.as('rank'),
      code: facilities.code,
      name: facilities.name,
      searchKey: facilities.searchKey,
      level: facilities.level,
      kind: facilities.kind,
      provinceCode: facilities.provinceCode,
      communeCode: facilities.communeCode,
      address: facilities.address,
      phone: facilities.phone,
      lat: facilities.lat,
      lon: facilities.lon,
      acceptsInitialRegistration: facilities.acceptsInitialRegistration,
      issuesSickLeave: facilities.issuesSickLeave,
      isSynthetic: facilities.isSynthetic,
    })
    .from(facilities)
    .where(
      and(
        eq(facilities.provinceCode, sql.placeholder('provinceCode')),
        optional('communeCode', 'text', facilities.communeCode),
        optional('level', 'text', facilities.level),
        optional('acceptsInitialRegistration', 'boolean', facilities.acceptsInitialRegistration),
        optional('issuesSickLeave', 'boolean', facilities.issuesSickLeave),
        sql`${facilities.searchKey} like all (${sql.placeholder('patterns')}::text[])`,
      ),
    )
    .orderBy(...(shape.ranked ? [desc(rank), asc(facilities.code)] : [asc(facilities.searchKey), asc(facilities.code)]))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .as('page');
  return db
    .select({
      total: pageRows.total,
      code: pageRows.code,
      name: pageRows.name,
      level: pageRows.level,
      kind: pageRows.kind,
      provinceCode: pageRows.provinceCode,
      provinceName: provinces.name,
      communeCode: pageRows.communeCode,
      communeName: communes.name,
      address: pageRows.address,
      phone: pageRows.phone,
      lat: pageRows.lat,
      lon: pageRows.lon,
      acceptsInitialRegistration: pageRows.acceptsInitialRegistration,
      issuesSickLeave: pageRows.issuesSickLeave,
      distanceKm: sql<number | null>`null::float8`,
      isSynthetic: pageRows.isSynthetic,
    })
    .from(pageRows)
    .innerJoin(provinces, eq(provinces.code, pageRows.provinceCode))
    .innerJoin(communes, eq(communes.code, pageRows.communeCode))
    .orderBy(...(shape.ranked ? [desc(pageRows.rank), asc(pageRows.code)] : [asc(pageRows.searchKey), asc(pageRows.code)]))
    .prepare(`facilities_in_province_${shape.ranked ? 'ranked' : 'by_name'}`);
}

const provinceSearch = preparedPerShape(provinceSearchStatement);

async function searchFacilitiesInProvince(db: Db, filter: FacilityFilter & { provinceCode: string }, page: Page) {
  const phrase = filter.words.join(' ');
  const values = {
    provinceCode: filter.provinceCode,
    communeCode: filter.communeCode ?? null,
    level: filter.level ?? null,
    acceptsInitialRegistration: filter.acceptsInitialRegistration ?? null,
    issuesSickLeave: filter.issuesSickLeave ?? null,
    patterns: filter.words.map((word) => `%${escapeLike(word)}%`),
    phrase,
  };
  return preparedPage(provinceSearch(db, { ranked: phrase !== '' }), values, page);
}

// ---- BHXH offices ----

/**
 * Every office in force on `today` with its province's and commune's names, in the directory's order (province, kind,
 * name). Offices are reference data: a few hundred rows, changed by a reference load, read whole by the directory
 * (lookup/directories.ts) and kept for a minute, so no request plans or computes distances in the database.
 */
const agenciesInForceStatement = preparedOnce((db) =>
  db
    .select({
      code: agencies.code,
      kind: agencies.kind,
      name: agencies.name,
      provinceCode: agencies.provinceCode,
      provinceName: provinces.name,
      communeCode: agencies.communeCode,
      communeName: communes.name,
      address: agencies.address,
      phone: agencies.phone,
      email: agencies.email,
      openingHours: agencies.openingHours,
      lat: agencies.lat,
      lon: agencies.lon,
      isSynthetic: agencies.isSynthetic,
    })
    .from(agencies)
    .innerJoin(provinces, eq(provinces.code, agencies.provinceCode))
    .innerJoin(communes, eq(communes.code, agencies.communeCode))
    // Offices are superseded, not deleted, and their successors are loaded ahead of the day they open.
    .where(agencyInForce(sql`${sql.placeholder('today')}::date`))
    .orderBy(asc(agencies.provinceCode), asc(agencies.kind), asc(agencies.nameKey))
    .prepare('agencies_in_force'),
);

export type AgencyRow = Awaited<ReturnType<typeof agenciesInForce>>[number];

export function agenciesInForce(db: Db, today: string) {
  return agenciesInForceStatement(db).execute({ today });
}

// ---- Employer units ----

export interface EmployerFilter {
  /** Folded words that must all appear in the unit's name. */
  words: string[];
  taxCode?: string | undefined;
  provinceCode?: string | undefined;
}

export async function searchEmployers(db: Db, filter: EmployerFilter, page: Page) {
  const conditions: SQL[] = [];
  if (filter.taxCode) conditions.push(eq(employers.taxCode, filter.taxCode));
  if (filter.provinceCode) conditions.push(eq(employers.provinceCode, filter.provinceCode));
  // Served by the trigram GIN index on name_key.
  for (const word of filter.words) conditions.push(like(employers.nameKey, `%${escapeLike(word)}%`));
  const where = and(...conditions);
  const phrase = filter.words.join(' ');
  const rows = await db
    .select({
      total: matchCount,
      unitCode: employers.unitCode,
      taxCode: employers.taxCode,
      name: employers.name,
      kind: employers.kind,
      provinceCode: employers.provinceCode,
      provinceName: provinces.name,
      communeCode: employers.communeCode,
      communeName: communes.name,
      address: employers.address,
      representativeName: employers.representativeName,
      representativePhone: employers.representativePhone,
      representativeEmail: employers.representativeEmail,
      isSynthetic: employers.isSynthetic,
    })
    .from(employers)
    .innerJoin(provinces, eq(provinces.code, employers.provinceCode))
    .innerJoin(communes, eq(communes.code, employers.communeCode))
    .where(where)
    .orderBy(
      ...(phrase ? [desc(sql`similarity(${employers.nameKey}, ${phrase})`)] : []),
      asc(employers.nameKey),
      asc(employers.unitCode),
    )
    .limit(page.limit)
    .offset(page.offset);
  return withTotal(rows, page, async () => (await db.select({ total: count() }).from(employers).where(where))[0]?.total ?? 0);
}

// ---- Collection points and agents ----

export interface CollectionPointFilter {
  provinceCode?: string | undefined;
  oldDistrictId?: number | undefined;
  kind?: string | undefined;
  service?: 'voluntary_bhxh' | 'household_bhyt' | undefined;
  origin?: Point | undefined;
}

export async function searchCollectionPoints(db: Db, filter: CollectionPointFilter, page: Page) {
  const conditions: SQL[] = [];
  if (filter.provinceCode) conditions.push(eq(collectionPoints.provinceCode, filter.provinceCode));
  if (filter.oldDistrictId !== undefined)
    conditions.push(inArray(collectionPoints.communeCode, communesOfOldDistrict(db, filter.oldDistrictId)));
  if (filter.kind) conditions.push(eq(collectionPoints.kind, filter.kind));
  if (filter.service === 'voluntary_bhxh') conditions.push(eq(collectionPoints.acceptsVoluntaryBhxh, true));
  if (filter.service === 'household_bhyt') conditions.push(eq(collectionPoints.acceptsHouseholdBhyt, true));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const distance = distanceFrom(collectionPoints.lat, collectionPoints.lon, filter.origin);
  const rows = await db
    .select({
      total: matchCount,
      code: collectionPoints.code,
      name: collectionPoints.name,
      kind: collectionPoints.kind,
      provinceCode: collectionPoints.provinceCode,
      provinceName: provinces.name,
      communeCode: collectionPoints.communeCode,
      communeName: communes.name,
      address: collectionPoints.address,
      phone: collectionPoints.phone,
      lat: collectionPoints.lat,
      lon: collectionPoints.lon,
      acceptsVoluntaryBhxh: collectionPoints.acceptsVoluntaryBhxh,
      acceptsHouseholdBhyt: collectionPoints.acceptsHouseholdBhyt,
      distanceKm: distance,
      isSynthetic: collectionPoints.isSynthetic,
    })
    .from(collectionPoints)
    .innerJoin(provinces, eq(provinces.code, collectionPoints.provinceCode))
    .innerJoin(communes, eq(communes.code, collectionPoints.communeCode))
    .where(where)
    .orderBy(
      ...(filter.origin
        ? [asc(distance), asc(collectionPoints.code)]
        : [asc(collectionPoints.provinceCode), asc(communes.nameKey), asc(collectionPoints.code)]),
    )
    .limit(page.limit)
    .offset(page.offset);
  return withTotal(rows, page, async () => (await db.select({ total: count() }).from(collectionPoints).where(where))[0]?.total ?? 0);
}

// ---- The BHXH code look-up ----

export type PersonKey =
  | { kind: 'birth_date'; birthDate: string }
  | { kind: 'birth_year'; birthYear: number }
  | { kind: 'personal_id'; personalId: string }
  | { kind: 'old_id_number'; oldIdNumber: string };

export interface BhxhCodeFilter {
  /** The 2025 province searched. */
  provinceCode: string;
  /** The code as given, matched against the old-scheme province people were registered in. */
  oldProvinceCode: string;
  nameKey: string;
  key: PersonKey;
  limit: number;
}

type KeyValue = string | number | Placeholder;

function personKeyCondition(kind: PersonKey['kind'], keyValue: KeyValue): SQL {
  const value = sql`${keyValue}`;
  switch (kind) {
    case 'birth_date':
      return eq(people.birthDate, value);
    case 'birth_year':
      return eq(people.birthYear, value);
    case 'personal_id':
      return eq(people.personalId, value);
    case 'old_id_number':
      return eq(people.oldIdNumber, value);
  }
}

function keyValueOf(key: PersonKey): string | number {
  switch (key.kind) {
    case 'birth_date':
      return key.birthDate;
    case 'birth_year':
      return key.birthYear;
    case 'personal_id':
      return key.personalId;
    case 'old_id_number':
      return key.oldIdNumber;
  }
}

function candidatesQuery(
  db: Db,
  kind: PersonKey['kind'],
  values: { provinceCode: string | Placeholder; oldProvinceCode: string | Placeholder; nameKey: string | Placeholder; key: KeyValue; limit: number | Placeholder },
) {
  return db
    .select({
      personId: people.id,
      fullName: people.fullName,
      birthDate: people.birthDate,
      birthDatePrecision: people.birthDatePrecision,
      birthYear: people.birthYear,
      bhxhCode: people.bhxhCode,
      householdCode: people.householdCode,
      street: people.street,
      communeName: communes.name,
      provinceName: provinces.name,
    })
    .from(people)
    .innerJoin(communes, eq(communes.code, people.communeCode))
    .innerJoin(provinces, eq(provinces.code, people.provinceCode))
    .where(
      and(
        eq(people.nameKey, values.nameKey),
        personKeyCondition(kind, values.key),
        or(eq(people.provinceCode, values.provinceCode), eq(people.oldProvinceCode, values.oldProvinceCode)),
      ),
    )
    .orderBy(asc(people.birthDate), asc(people.bhxhCode))
    .limit(values.limit);
}

/**
 * People matching a look-up: equality on the folded name and one key, in the current or the old province. Each arm of
 * the OR is an index range scan on (province, birth date or year, name key) — or the ID number's own index — so it
 * stays a handful of page reads on 10 million rows. Returned unexecuted so that tests and the bench can EXPLAIN it.
 */
export function bhxhCodeCandidates(db: Db, filter: BhxhCodeFilter) {
  return candidatesQuery(db, filter.key.kind, { ...filter, key: keyValueOf(filter.key) });
}

const preparedCandidates = preparedPerShape((db: Db, kind: PersonKey['kind']) => {
  const value = (name: string) => sql.placeholder(name);
  return candidatesQuery(db, kind, {
    provinceCode: value('provinceCode'),
    oldProvinceCode: value('oldProvinceCode'),
    nameKey: value('nameKey'),
    key: value('key'),
    limit: value('limit'),
  }).prepare(`bhxh_code_candidates_${kind}`);
});

/**
 * The same query run as a statement prepared once per handle and key kind: planning it cost PostgreSQL more than
 * running it (0.4 against 0.3 ms), and drizzle building it was a large share of the look-up route's server CPU.
 */
export async function findBhxhCodeCandidates(db: Db, filter: BhxhCodeFilter) {
  return preparedCandidates(db, filter.key.kind).execute({ ...filter, key: keyValueOf(filter.key) });
}

const recentLookupCounts = preparedOnce((db) => {
  const fromIp = sql`${lookupLog.ipHash} = ${sql.placeholder('ipHash')}`;
  return db
    .select({
      network: count(),
      ip: sql<number>`count(*) filter (where ${fromIp})`.mapWith(Number),
      oldestNetwork: min(lookupLog.at),
      oldestIp: sql<Date | string | null>`min(${lookupLog.at}) filter (where ${fromIp})`,
    })
    .from(lookupLog)
    .where(and(eq(lookupLog.networkHash, sql.placeholder('networkHash')), gte(lookupLog.at, sql`${sql.placeholder('since')}::timestamptz`)))
    .prepare('recent_lookups');
});

/** Look-ups from one network (and from one address in it) since an instant. */
export async function recentLookups(db: Db, client: { ipHash: string; networkHash: string }, since: Date) {
  const [row] = await recentLookupCounts(db).execute({ ipHash: client.ipHash, networkHash: client.networkHash, since: since.toISOString() });
  return {
    network: row?.network ?? 0,
    ip: row?.ip ?? 0,
    oldestNetwork: row?.oldestNetwork ?? null,
    oldestIp: row?.oldestIp ? new Date(row.oldestIp) : null,
  };
}

/** A look-up to log: its row, its audit row's constant part, and the people it showed. */
export interface LookupToLog {
  row: typeof lookupLog.$inferInsert;
  audit: Omit<AuditRow, 'subjectId' | 'details'>;
  shownPersonIds: readonly number[];
}

/**
 * Look-ups' log rows and an audit row for each person shown, for many look-ups in one statement: one round-trip and
 * one commit (a transaction took three plus one a person until the ninth round; one statement a look-up until the
 * fourteenth). The log ids are drawn first, so each look-up knows its own. When a look-up's challenge was already
 * used (by an earlier look-up, or by another in the same batch) its insert does nothing, and its audit rows, made
 * from what was inserted, are none: nothing is written for it and it answers no id.
 */
const LOOKUP_LOGS_WITH_AUDITS = {
  name: 'insert_lookup_logs_with_audits',
  text: `
    with input as materialized (
      select t.*, nextval(pg_get_serial_sequence('lookup_log', 'id')) as log_id
        from unnest($1::int[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                    $8::int[], $9::bool[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                    $15::text[], $16::text[])
          as t(ord, at, ip_hash, network_hash, query_hash, key_kind, province_code, result_count, capped,
               challenge_id, request_id, actor_type, actor_id, action, subject_type, audit_request_id)
    ),
    logged as (
      insert into lookup_log (id, at, ip_hash, network_hash, query_hash, key_kind, province_code, result_count, capped,
                              challenge_id, request_id)
      select log_id, at, ip_hash, network_hash, query_hash, key_kind, province_code, result_count, capped,
             challenge_id, request_id
        from input order by ord
      on conflict do nothing
      returning id
    ),
    audited as (
      insert into audit_events (actor_type, actor_id, action, subject_type, subject_id, request_id, details)
      select i.actor_type, i.actor_id, i.action, i.subject_type, shown.person_id::text, i.audit_request_id,
             jsonb_build_object('lookupId', i.log_id, 'keyKind', i.key_kind)
        from unnest($17::int[], $18::bigint[]) with ordinality as shown(ord, person_id, n)
        join input i on i.ord = shown.ord
        join logged on logged.id = i.log_id
       order by shown.n
    )
    select i.ord, i.log_id from input i join logged on logged.id = i.log_id`,
};

/** Logs look-ups (LOOKUP_LOGS_WITH_AUDITS); for each, in order, its log id, or undefined when its challenge was used. */
export async function insertLookupLogsWithAudits(db: Db, lookups: readonly LookupToLog[]): Promise<Array<{ id: number } | undefined>> {
  const column = <T>(pick: (lookup: LookupToLog) => T) => lookups.map(pick);
  const shown = lookups.flatMap((lookup, ord) => lookup.shownPersonIds.map((personId) => [ord, personId] as const));
  const rows = await preparedRows<{ ord: number; log_id: string | number }>(db, LOOKUP_LOGS_WITH_AUDITS, [
    lookups.map((_, ord) => ord),
    column(({ row }) => row.at.toISOString()),
    column(({ row }) => row.ipHash),
    column(({ row }) => row.networkHash),
    column(({ row }) => row.queryHash),
    column(({ row }) => row.keyKind),
    column(({ row }) => row.provinceCode),
    column(({ row }) => row.resultCount),
    column(({ row }) => row.capped),
    column(({ row }) => row.challengeId ?? null),
    column(({ row }) => row.requestId ?? null),
    column(({ audit }) => audit.actorType),
    column(({ audit }) => audit.actorId),
    column(({ audit }) => audit.action),
    column(({ audit }) => audit.subjectType),
    column(({ audit }) => audit.requestId),
    shown.map(([ord]) => ord),
    shown.map(([, personId]) => personId),
  ]);
  const logged: Array<{ id: number } | undefined> = lookups.map(() => undefined);
  for (const row of rows) logged[row.ord] = { id: Number(row.log_id) };
  return logged;
}

/**
 * One log writer per database handle: what arrives while a batch commits goes together into the next (as the card
 * checks' ledger). A look-up answers only once its rows have committed, so no one sees a result that was not logged
 * and audited; a failed batch fails its look-ups.
 */
const lookupLogs = batcherPerHandle(insertLookupLogsWithAudits, { maxBatch: 100 });

/** Resolves once every look-up handed over so far is logged or failed (on shutdown). */
export function flushLookupLogs(db: Db): Promise<void> {
  return lookupLogs(db).flush();
}

/** Logs one look-up with its audit rows (batched with the others arriving meanwhile); undefined: challenge used. */
export function insertLookupLogWithAudits(
  db: Db,
  row: typeof lookupLog.$inferInsert,
  audit: Omit<AuditRow, 'subjectId' | 'details'>,
  shownPersonIds: readonly number[],
): Promise<{ id: number } | undefined> {
  return lookupLogs(db).submit({ row, audit, shownPersonIds });
}

/** Retention: the log is for throttling and abuse investigations, not a record of who looked for whom. */
export async function deleteLookupLogBefore(db: Db, before: Date): Promise<void> {
  await db.delete(lookupLog).where(lte(lookupLog.at, before));
}
