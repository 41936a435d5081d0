// Queries only.
import { and, eq, getTableColumns, gt, isNull, ne, sql } from 'drizzle-orm';
import { type Db, preparedOnce, preparedRows } from '../../db/connection.ts';
import type { AuditRow } from '../../platform/audit.ts';
import { forgetCachedSessions } from '../../platform/auth.ts';
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

export async function accountScope(db: Db, account: AccountRow) {
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

/**
 * The refresh token's rotation, in one statement: the session moves to the next token only if the presented one is
 * its current token, the session is neither revoked nor expired and its account is active; the account is returned
 * (what the new access token needs). No row: nothing changed, and the caller finds out why. Under concurrent refreshes
 * with the same token the row lock lets one win; the other sees the token already rotated.
 */
const rotation = preparedOnce((db) =>
  db
    .update(sessions)
    .set({
      previousTokenHash: sql`${sql.placeholder('presentedHash')}`,
      refreshTokenHash: sql`${sql.placeholder('nextHash')}`,
      lastUsedAt: sql`${sql.placeholder('now')}::timestamptz`,
    })
    .from(accounts)
    .where(
      and(
        eq(sessions.id, sql.placeholder('sessionId')),
        eq(sessions.refreshTokenHash, sql.placeholder('presentedHash')),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`${sql.placeholder('now')}::timestamptz`),
        eq(accounts.id, sessions.accountId),
        eq(accounts.status, 'active'),
      ),
    )
    .returning(getTableColumns(accounts))
    .prepare('rotate_refresh_token'),
);

export async function rotateRefreshToken(
  db: Db,
  values: { sessionId: string; presentedHash: string; nextHash: string; now: Date },
): Promise<AccountRow | undefined> {
  forgetCachedSessions(values.sessionId);
  // Prepared once (every open app refreshes every 10 minutes): planning it cost PostgreSQL twice its execution.
  const [account] = await rotation(db).execute({ ...values, now: values.now.toISOString() });
  return account;
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
