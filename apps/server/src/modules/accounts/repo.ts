// Queries only.
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { type Db, preparedOnce, preparedRows } from '../../db/connection.ts';
import type { AuditRow } from '../../platform/audit.ts';
import { forgetCachedSessions } from '../../platform/auth.ts';
import { batcherPerHandle } from '../../platform/group-batcher.ts';
import { accounts, agencies, employers, people, sessions } from '../../db/schema.ts';

export type AccountRow = typeof accounts.$inferSelect;

export async function findAccountById(db: Db, id: number): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  return row;
}

// The sign-in reads are prepared once per handle (preparedOnce): sign-in is what a storm of app openings hits, and
// whatever else it costs is CPU taken from the password hashing.
const accountByLogin = preparedOnce((db) =>
  db.select().from(accounts).where(eq(accounts.login, sql.placeholder('login'))).prepare('account_by_login'),
);

export async function findAccountByLogin(db: Db, login: string): Promise<AccountRow | undefined> {
  const [row] = await accountByLogin(db).execute({ login });
  return row;
}

const citizenByPersonalId = preparedOnce((db) =>
  db
    .select({ account: accounts })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(and(eq(people.personalId, sql.placeholder('personalId')), eq(accounts.role, 'citizen')))
    .prepare('citizen_by_personal_id'),
);

/** Citizens may sign in with their 12-digit personal ID instead of the BHXH code. */
export async function findCitizenByPersonalId(db: Db, personalId: string): Promise<AccountRow | undefined> {
  const [row] = await citizenByPersonalId(db).execute({ personalId });
  return row?.account;
}

export async function accountScope(db: Db, account: Pick<AccountRow, 'agencyId' | 'employerId' | 'facilityCode'>) {
  const [agency] = account.agencyId
    ? await db.select({ code: agencies.code }).from(agencies).where(eq(agencies.id, account.agencyId))
    : [];
  const [employer] = account.employerId
    ? await db.select({ unitCode: employers.unitCode }).from(employers).where(eq(employers.id, account.employerId))
    : [];
  return {
    agencyCode: agency?.code ?? null,
    facilityCode: account.facilityCode,
    employerUnitCode: employer?.unitCode ?? null,
  };
}

export function updateAccount(db: Db, id: number, values: Partial<typeof accounts.$inferInsert>) {
  // The auth gate keeps an account's sessions a second only while it is active (see forgetCachedSessions).
  if (values.status !== undefined) forgetCachedSessions();
  return db.update(accounts).set(values).where(eq(accounts.id, id));
}

export function insertSession(db: Db, values: typeof sessions.$inferInsert) {
  return db.insert(sessions).values(values);
}

type NewSession = { id: string; accountId: number; refreshTokenHash: string; device: string; createdAt: Date; expiresAt: Date };

/** A sign-in's session and its audit row in one statement: one round-trip and one commit. */
const SESSION_WITH_AUDIT = {
  name: 'insert_session_with_audit',
  text: `
    with started as (
      insert into sessions (id, account_id, refresh_token_hash, device, created_at, last_used_at, expires_at)
      values ($1, $2, $3, $4, $5, $5, $6)
    )
    insert into audit_events (actor_type, actor_id, action, subject_type, subject_id, request_id, details)
    values ($7, $8, $9, $10, $11, $12, $13::jsonb)`,
};

export async function insertSessionWithAudit(db: Db, session: NewSession, audit: AuditRow): Promise<void> {
  await preparedRows(db, SESSION_WITH_AUDIT, [
    session.id,
    session.accountId,
    session.refreshTokenHash,
    session.device,
    session.createdAt.toISOString(),
    session.expiresAt.toISOString(),
    audit.actorType,
    audit.actorId,
    audit.action,
    audit.subjectType,
    audit.subjectId,
    audit.requestId,
    audit.details === null ? null : JSON.stringify(audit.details),
  ]);
}

export async function findSession(db: Db, id: string) {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
  return row;
}

export function updateSession(db: Db, id: string, values: Partial<typeof sessions.$inferInsert>) {
  // The auth gate keeps valid sessions a second; this node forgets one before it changes (revocation, rotation).
  forgetCachedSessions(id);
  return db.update(sessions).set(values).where(eq(sessions.id, id));
}

/** What a session's access token and the account summary are made from (a refresh reads no more). */
export type SessionAccount = Pick<
  AccountRow,
  'id' | 'role' | 'login' | 'displayName' | 'mustChangePassword' | 'passwordChangedAt' | 'agencyId' | 'facilityCode' | 'employerId'
>;

export interface Rotation {
  sessionId: string;
  presentedHash: string;
  nextHash: string;
  now: Date;
}

/**
 * Refresh-token rotations, many in one statement: each session moves to its next token only if the presented one is
 * its current token, the session is neither revoked nor expired and its account is active; each rotated session
 * answers its account (what the new access token needs). No row for an item: nothing changed for it, and the caller
 * finds out why. Two items for one session (an app refreshing twice at once) rotate it once: PostgreSQL updates a row
 * once per statement, so one wins and the other sees no row, as the row lock decided between two statements before.
 */
const ROTATION_BATCH = {
  name: 'rotate_refresh_tokens',
  text: `
    update sessions s
       set previous_token_hash = v.presented_hash, refresh_token_hash = v.next_hash, last_used_at = v.now
      from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
             as v(ord, session_id, presented_hash, next_hash, now),
           accounts a
     where s.id = v.session_id and s.refresh_token_hash = v.presented_hash and s.revoked_at is null
       and s.expires_at > v.now and a.id = s.account_id and a.status = 'active'
    returning v.ord, a.id, a.role, a.login, a.display_name, a.must_change_password, a.password_changed_at,
              a.agency_id, a.facility_code, a.employer_id`,
};

interface RotatedRow {
  ord: number;
  id: string | number;
  role: string;
  login: string;
  display_name: string;
  must_change_password: boolean;
  password_changed_at: Date | string;
  agency_id: number | null;
  facility_code: string | null;
  employer_id: number | null;
}

/** Runs rotations in one statement (ROTATION_BATCH); for each item, in order, its account or undefined. */
export async function rotateRefreshTokens(db: Db, items: readonly Rotation[]): Promise<Array<SessionAccount | undefined>> {
  const rows = await preparedRows<RotatedRow>(db, ROTATION_BATCH, [
    items.map((_, ord) => ord),
    items.map((item) => item.sessionId),
    items.map((item) => item.presentedHash),
    items.map((item) => item.nextHash),
    items.map((item) => item.now.toISOString()),
  ]);
  const rotated: Array<SessionAccount | undefined> = items.map(() => undefined);
  for (const row of rows) {
    rotated[row.ord] = {
      id: Number(row.id),
      role: row.role,
      login: row.login,
      displayName: row.display_name,
      mustChangePassword: row.must_change_password,
      passwordChangedAt: new Date(row.password_changed_at),
      agencyId: row.agency_id,
      facilityCode: row.facility_code,
      employerId: row.employer_id,
    };
  }
  return rotated;
}

/**
 * One rotation batcher per database handle. Every open app refreshes every 10 minutes, and each rotation is a commit:
 * what arrives while a batch commits goes into the next one, one statement and one WAL flush for all of them (as the
 * card checks' ledger). Durability is unchanged: a refresh answers only once its batch has committed, so a new
 * refresh cookie is never handed out for a rotation a crash could lose. A failed batch fails its refreshes (500; the
 * app keeps its old cookie, still current, and tries again).
 */
const rotations = batcherPerHandle(rotateRefreshTokens, { maxBatch: 200 });

/** Resolves once every rotation handed over so far has committed or failed (on shutdown). */
export function flushRefreshRotations(db: Db): Promise<void> {
  return rotations(db).flush();
}

/** Rotates a session's refresh token (see ROTATION_BATCH); its account, or undefined when nothing changed. */
export function rotateRefreshToken(db: Db, rotation: Rotation): Promise<SessionAccount | undefined> {
  forgetCachedSessions(rotation.sessionId);
  return rotations(db).submit(rotation);
}

export function activeSessions(db: Db, accountId: number, now: Date) {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(sessions.createdAt);
}

export function revokeSessions(db: Db, accountId: number, now: Date, exceptSessionId?: string) {
  const conditions = [eq(sessions.accountId, accountId), isNull(sessions.revokedAt)];
  if (exceptSessionId) conditions.push(ne(sessions.id, exceptSessionId));
  forgetCachedSessions();
  return db.update(sessions).set({ revokedAt: now }).where(and(...conditions));
}
