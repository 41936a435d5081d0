// Queries only: no rules here. Free text arrives already folded by the service.
import { and, asc, count, desc, eq, isNull, gte, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { agencies, communes, facilities, provinces } from '../../db/schema.ts';

export function listProvinces(db: Db) {
  return db.select({ code: provinces.code, name: provinces.name }).from(provinces).orderBy(asc(provinces.code));
}

export async function findProvince(db: Db, code: string) {
  const [row] = await db.select({ code: provinces.code }).from(provinces).where(eq(provinces.code, code));
  return row;
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

/** LIKE metacharacters in user text are literals. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface FacilityFilter {
  provinceCode?: string | undefined;
  communeCode?: string | undefined;
  /** Folded words that must all appear in the facility's name or address. */
  words: string[];
  level?: string | undefined;
  acceptsInitialRegistration?: boolean | undefined;
  issuesSickLeave?: boolean | undefined;
}

export async function searchFacilities(db: Db, filter: FacilityFilter, page: { offset: number; limit: number }) {
  const conditions: SQL[] = [];
  if (filter.provinceCode) conditions.push(eq(facilities.provinceCode, filter.provinceCode));
  if (filter.communeCode) conditions.push(eq(facilities.communeCode, filter.communeCode));
  if (filter.level) conditions.push(eq(facilities.level, filter.level));
  if (filter.acceptsInitialRegistration !== undefined)
    conditions.push(eq(facilities.acceptsInitialRegistration, filter.acceptsInitialRegistration));
  if (filter.issuesSickLeave !== undefined) conditions.push(eq(facilities.issuesSickLeave, filter.issuesSickLeave));
  // Each word is a substring test served by the trigram GIN index on search_key.
  for (const word of filter.words) conditions.push(like(facilities.searchKey, `%${escapeLike(word)}%`));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const phrase = filter.words.join(' ');
  const order = phrase
    ? [desc(sql`similarity(${facilities.searchKey}, ${phrase})`), asc(facilities.code)]
    : [asc(facilities.provinceCode), asc(facilities.searchKey), asc(facilities.code)];

  const [totalRow] = await db.select({ total: count() }).from(facilities).where(where);
  const rows = await db
    .select({
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
      isSynthetic: facilities.isSynthetic,
    })
    .from(facilities)
    .innerJoin(provinces, eq(provinces.code, facilities.provinceCode))
    .innerJoin(communes, eq(communes.code, facilities.communeCode))
    .where(where)
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset);
  return { total: totalRow?.total ?? 0, rows };
}

export interface AgencyFilter {
  provinceCode?: string | undefined;
  kind?: string | undefined;
  origin?: { lat: number; lon: number } | undefined;
  today: string;
  limit: number;
}

export function findAgencies(db: Db, filter: AgencyFilter) {
  const conditions: SQL[] = [];
  if (filter.provinceCode) conditions.push(eq(agencies.provinceCode, filter.provinceCode));
  if (filter.kind) conditions.push(eq(agencies.kind, filter.kind));
  // Only offices in force today (offices are superseded, not deleted).
  conditions.push(or(isNull(agencies.validTo), gte(agencies.validTo, filter.today)) ?? sql`true`);
  const origin = filter.origin;
  // Haversine in SQL: a few hundred offices, so ordering by it is cheaper than an extra index.
  const distance = origin
    ? sql<number>`2 * 6371.0088 * asin(sqrt(power(sin(radians(${agencies.lat} - ${origin.lat}) / 2), 2) + cos(radians(${origin.lat})) * cos(radians(${agencies.lat})) * power(sin(radians(${agencies.lon} - ${origin.lon}) / 2), 2)))`
    : sql<null>`null`;
  return db
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
      distanceKm: distance,
      isSynthetic: agencies.isSynthetic,
    })
    .from(agencies)
    .innerJoin(provinces, eq(provinces.code, agencies.provinceCode))
    .innerJoin(communes, eq(communes.code, agencies.communeCode))
    .where(and(...conditions))
    .orderBy(...(origin ? [asc(distance)] : [asc(agencies.provinceCode), asc(agencies.kind), asc(agencies.nameKey)]))
    .limit(filter.limit);
}
