// Sign-in, sessions and passwords. Rules live here; repo.ts only queries.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { AccountSummary, Role, SignInResponse } from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { auditRow, recordAudit } from '../../platform/audit.ts';
import { ACCESS_TOKEN_SECONDS, type Principal, type TokenClaims } from '../../platform/auth.ts';
import { MINUTE } from '../../platform/clock.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertPasswordPolicy, decoyPasswordHash, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import type { Services } from '../../platform/services.ts';
import { challengeAccountId, consumeOtp, decoyChallenge, issueOtp } from './otp.ts';
import * as repo from './repo.ts';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MS = 15 * MINUTE;
export const PASSWORD_MAX_AGE_MONTHS = 6;
export const SESSION_DAYS = 30;

type AccountRow = repo.AccountRow;
type SessionAccount = repo.SessionAccount;

function passwordExpired(account: SessionAccount, now: Date): boolean {
  const limit = new Date(account.passwordChangedAt);
  limit.setUTCMonth(limit.getUTCMonth() + PASSWORD_MAX_AGE_MONTHS);
  return now >= limit;
}

function roleOf(account: Pick<AccountRow, 'id' | 'role'>): Role {
  const role = (['citizen', 'officer', 'facility', 'employer', 'admin'] as const).find((r) => r === account.role);
  if (!role) throw new Error(`account ${account.id} has an unknown role`);
  return role;
}

async function summary(db: Db, account: SessionAccount, now: Date): Promise<AccountSummary> {
  const role = roleOf(account);
  return {
    id: account.id,
    role,
    displayName: account.displayName,
    login: account.login,
    mustChangePassword: account.mustChangePassword,
    passwordExpired: passwordExpired(account, now),
    scope: await repo.accountScope(db, account),
  };
}

function tokenHash(services: Services, token: string): string {
  return createHmac('sha256', services.secret).update(token).digest('base64url');
}

/** The refresh cookie's value: `<session id>.<random token>` (a UUID, and 32 random bytes in base64url). */
const REFRESH_COOKIE_SHAPE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

/** The refresh cookie's value: `<session id>.<random token>`. */
export interface IssuedSession extends SignInResponse {
  refreshCookie: string;
}

async function accessFor(db: Db, services: Services, account: SessionAccount, sessionId: string): Promise<SignInResponse> {
  const now = services.clock.now();
  const accountSummary = await summary(db, account, now);
  const principal: TokenClaims = {
    accountId: account.id,
    role: accountSummary.role,
    sessionId,
    passwordChangeRequired: accountSummary.mustChangePassword || accountSummary.passwordExpired,
  };
  return { accessToken: services.tokens.sign(principal), expiresIn: ACCESS_TOKEN_SECONDS, account: accountSummary };
}

/** A new session; `signedIn` (a sign-in with a password) also records its `session.started` audit row, in the same statement. */
async function startSession(
  db: Db,
  services: Services,
  account: AccountRow,
  device: string,
  signedIn?: { requestId: string },
): Promise<IssuedSession> {
  const now = services.clock.now();
  const sessionId = randomUUID();
  const token = randomBytes(32).toString('base64url');
  const session = {
    id: sessionId,
    accountId: account.id,
    refreshTokenHash: tokenHash(services, token),
    device: device.slice(0, 200),
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_DAYS * 24 * 60 * MINUTE),
  };
  if (signedIn) {
    const audit = auditRow({
      actorType: roleOf(account),
      actorId: account.id,
      action: 'session.started',
      subjectType: 'account',
      subjectId: account.id,
      requestId: signedIn.requestId,
    });
    await repo.insertSessionWithAudit(db, session, audit);
  }
  else await repo.insertSession(db, { ...session, lastUsedAt: now });
  return { ...(await accessFor(db, services, account, sessionId)), refreshCookie: `${sessionId}.${token}` };
}

async function findAccountForSignIn(db: Db, login: string, area: Role): Promise<AccountRow | undefined> {
  if (area === 'citizen' && /^\d{12}$/.test(login)) return repo.findCitizenByPersonalId(db, login);
  const account = await repo.findAccountByLogin(db, login);
  // A citizen cannot open the officer area with a citizen account, and so on: same answer as a wrong password.
  return account?.role === area ? account : undefined;
}

export async function signIn(
  db: Db,
  services: Services,
  input: { login: string; password: string; area: Role },
  context: { device: string; requestId: string },
): Promise<IssuedSession> {
  const now = services.clock.now();
  const account = await findAccountForSignIn(db, input.login, input.area);
  if (!account || account.status !== 'active') {
    // Same work and same answer as for a wrong password: no way to learn which logins exist.
    await verifyPassword(await decoyPasswordHash(), input.password);
    throw new AppError('INVALID_CREDENTIALS', 401);
  }
  if (account.lockedUntil && account.lockedUntil > now) {
    throw new AppError('ACCOUNT_LOCKED', 423, { params: { minutes: Math.ceil((account.lockedUntil.getTime() - now.getTime()) / MINUTE) } });
  }
  if (!(await verifyPassword(account.passwordHash, input.password))) {
    const failed = account.failedSignIns + 1;
    if (failed >= MAX_FAILED_SIGN_INS) {
      await repo.updateAccount(db, account.id, { failedSignIns: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MS) });
      await recordAudit(db, { actorType: 'public', action: 'account.locked', subjectType: 'account', subjectId: account.id, requestId: context.requestId });
      throw new AppError('ACCOUNT_LOCKED', 423, { params: { minutes: LOCKOUT_MS / MINUTE } });
    }
    await repo.updateAccount(db, account.id, { failedSignIns: failed });
    throw new AppError('INVALID_CREDENTIALS', 401);
  }
  if (account.failedSignIns > 0 || account.lockedUntil) {
    await repo.updateAccount(db, account.id, { failedSignIns: 0, lockedUntil: null });
  }
  return startSession(db, services, account, context.device, { requestId: context.requestId });
}

/** Rotates the refresh token. Presenting the previous token again means it was stolen: the session ends. */
export async function refreshSession(db: Db, services: Services, cookie: string | undefined): Promise<IssuedSession> {
  const now = services.clock.now();
  // Only the shape startSession hands out reaches the database: a rotation shares its statement with other people's
  // refreshes, and a value PostgreSQL refuses (a NUL from a %00 in the cookie) would fail theirs too.
  const [, sessionId, token] = REFRESH_COOKIE_SHAPE.exec(cookie ?? '') ?? [];
  if (!sessionId || !token) throw new AppError('SESSION_EXPIRED', 401);
  const presented = tokenHash(services, token);
  const next = randomBytes(32).toString('base64url');
  // The usual case is one statement (a refresh every 10 minutes of every open app); the rest only explains a refusal.
  const account = await repo.rotateRefreshToken(db, { sessionId, presentedHash: presented, nextHash: tokenHash(services, next), now });
  if (account) return { ...(await accessFor(db, services, account, sessionId)), refreshCookie: `${sessionId}.${next}` };

  const session = await repo.findSession(db, sessionId);
  if (!session || session.revokedAt || session.expiresAt <= now) throw new AppError('SESSION_EXPIRED', 401);
  const stolen = presented === session.previousTokenHash;
  // The token was right, so the account is why: it is no longer active.
  const accountGone = presented === session.refreshTokenHash;
  if (stolen || accountGone) await repo.updateSession(db, session.id, { revokedAt: now });
  throw new AppError('SESSION_EXPIRED', 401);
}

export async function signOut(db: Db, services: Services, principal: Principal, everywhere: boolean): Promise<void> {
  const now = services.clock.now();
  if (everywhere) await repo.revokeSessions(db, principal.accountId, now);
  else await repo.updateSession(db, principal.sessionId, { revokedAt: now });
}

export async function listSessions(db: Db, services: Services, principal: Principal) {
  const rows = await repo.activeSessions(db, principal.accountId, services.clock.now());
  return {
    items: rows.map((s) => ({
      id: s.id,
      current: s.id === principal.sessionId,
      device: s.device,
      createdAt: s.createdAt.toISOString(),
      lastUsedAt: s.lastUsedAt.toISOString(),
    })),
  };
}

export async function endSession(db: Db, services: Services, principal: Principal, sessionId: string): Promise<void> {
  const session = await repo.findSession(db, sessionId);
  // Someone else's session: not found, like one that does not exist.
  if (!session || session.accountId !== principal.accountId || session.revokedAt) throw notFound();
  await repo.updateSession(db, sessionId, { revokedAt: services.clock.now() });
}

async function accountOf(db: Db, principal: Principal): Promise<AccountRow> {
  const account = await repo.findAccountById(db, principal.accountId);
  if (!account) throw new AppError('SESSION_EXPIRED', 401);
  return account;
}

export async function requestPasswordChangeOtp(db: Db, services: Services, principal: Principal) {
  const account = await accountOf(db, principal);
  return issueOtp(db, services, { phone: account.phone, purpose: 'password_change', accountId: account.id });
}

export async function changePassword(
  db: Db,
  services: Services,
  principal: Principal,
  input: { currentPassword: string; newPassword: string; otpChallengeId: string; otpCode: string },
  requestId: string,
): Promise<IssuedSession> {
  const account = await accountOf(db, principal);
  assertPasswordPolicy(input.newPassword, account.login);
  if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
    throw new AppError('INVALID_CREDENTIALS', 400, { fields: { currentPassword: { key: 'invalidValue' } } });
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError('VALIDATION_FAILED', 400, { fields: { newPassword: { key: 'passwordPolicy' } } });
  }
  const otp = await consumeOtp(db, services, { challengeId: input.otpChallengeId, code: input.otpCode, purpose: 'password_change' });
  if (otp.accountId !== account.id) throw new AppError('OTP_EXPIRED', 400);
  const now = services.clock.now();
  const passwordHash = await hashPassword(input.newPassword);
  const issued = await db.transaction(async (tx) => {
    await repo.updateAccount(tx, account.id, { passwordHash, mustChangePassword: false, passwordChangedAt: now });
    // Other devices must sign in again with the new password; this one continues in a fresh session.
    await repo.revokeSessions(tx, account.id, now);
    const updated = { ...account, passwordHash, mustChangePassword: false, passwordChangedAt: now };
    await recordAudit(tx, { actorType: 'citizen', actorId: account.id, action: 'password.changed', subjectType: 'account', subjectId: account.id, requestId });
    return startSession(tx, services, updated, 'password change');
  });
  return issued;
}

/**
 * Throttle per login, the same for existing and unknown logins, so its answer leaks nothing. Kept per running app
 * (one map per services object); with several nodes each node throttles on its own, under the per-IP route limit.
 */
const forgotRequestsByApp = new WeakMap<Services, Map<string, number>>();

export async function forgotPassword(db: Db, services: Services, login: string) {
  const now = services.clock.now().getTime();
  let forgotRequests = forgotRequestsByApp.get(services);
  if (!forgotRequests) {
    forgotRequests = new Map();
    forgotRequestsByApp.set(services, forgotRequests);
  }
  const key = login.trim().toLowerCase();
  const last = forgotRequests.get(key);
  if (last !== undefined && now - last < MINUTE) {
    throw new AppError('OTP_RESEND_TOO_SOON', 429, { params: { seconds: Math.ceil((MINUTE - (now - last)) / 1000) } });
  }
  forgotRequests.set(key, now);
  if (forgotRequests.size > 100_000) forgotRequests.clear();
  const account = /^\d{12}$/.test(key) ? await repo.findCitizenByPersonalId(db, key) : await repo.findAccountByLogin(db, key);
  if (!account || account.status !== 'active') return decoyChallenge(services);
  try {
    return await issueOtp(db, services, { phone: account.phone, purpose: 'password_reset', accountId: account.id });
  } catch (error) {
    // The phone's own limits (another flow's resend window, the daily cap) must not reveal that the login exists.
    if (error instanceof AppError && error.statusCode === 429) return decoyChallenge(services);
    throw error;
  }
}

export async function resetPassword(
  db: Db,
  services: Services,
  input: { challengeId: string; otpCode: string; newPassword: string },
  requestId: string,
): Promise<void> {
  // The policy is checked before the code is used, so a weak password does not cost the person their code.
  const accountId = await challengeAccountId(db, input.challengeId);
  const account = accountId === null ? undefined : await repo.findAccountById(db, accountId);
  if (account) assertPasswordPolicy(input.newPassword, account.login);
  const otp = await consumeOtp(db, services, { challengeId: input.challengeId, code: input.otpCode, purpose: 'password_reset' });
  if (!account || otp.accountId !== account.id) throw new AppError('OTP_EXPIRED', 400);
  const now = services.clock.now();
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await repo.updateAccount(tx, account.id, {
      passwordHash,
      mustChangePassword: false,
      passwordChangedAt: now,
      failedSignIns: 0,
      lockedUntil: null,
    });
    await repo.revokeSessions(tx, account.id, now);
    await recordAudit(tx, { actorType: 'public', action: 'password.reset', subjectType: 'account', subjectId: account.id, requestId });
    await services.sms.send(
      account.phone,
      'Mat khau dang nhap Cong giao dich dien tu BHXH Viet Nam cua ban vua duoc dat lai. Neu khong phai ban thuc hien, hay goi 1900 9068.',
      'account',
      tx,
    );
  });
}
