// Queries only.
import { and, eq, getTableColumns, gt, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { forgetCachedSessions } from '../../platform/auth.ts';
import { accounts, agencies, employers, people, sessions } from '../../db/schema.ts';

export type AccountRow = typeof accounts.$inferSelect;

export async function findAccountById(db: Db, id: number): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  return row;
}

export async function findAccountByLogin(db: Db, login: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.login, login));
  return row;
}

/** Citizens may sign in with their 12-digit personal ID instead of the BHXH code. */
export async function findCitizenByPersonalId(db: Db, personalId: string): Promise<AccountRow | undefined> {
  const [row] = await db
    .select({ account: accounts })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(and(eq(people.personalId, personalId), eq(accounts.role, 'citizen')));
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
export async function rotateRefreshToken(
  db: Db,
  values: { sessionId: string; presentedHash: string; nextHash: string; now: Date },
): Promise<AccountRow | undefined> {
  forgetCachedSessions(values.sessionId);
  const [account] = await db
    .update(sessions)
    .set({ previousTokenHash: values.presentedHash, refreshTokenHash: values.nextHash, lastUsedAt: values.now })
    .from(accounts)
    .where(
      and(
        eq(sessions.id, values.sessionId),
        eq(sessions.refreshTokenHash, values.presentedHash),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, values.now),
        eq(accounts.id, sessions.accountId),
        eq(accounts.status, 'active'),
      ),
    )
    .returning(getTableColumns(accounts));
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
