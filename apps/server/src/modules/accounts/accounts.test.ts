import { createHmac } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelope, otpChallenge, sessionList, signInResponse } from '@vssid/shared';
import type { Database } from '../../db/connection.ts';
import { accounts, auditEvents, households, people, sessions, smsMessages } from '../../db/schema.ts';
import { MINUTE } from '../../platform/clock.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { buildTestApp, testServices } from '../../test/app.ts';
import { createTestDatabase, testDrivers, type TestDatabase } from '../../test/database.ts';
import { givenAdminUnits } from '../../test/factories.ts';
import { rotateRefreshTokens, updateAccount } from './repo.ts';
import { REFRESH_COOKIE } from './routes.ts';

const PASSWORD = 'Lan@2026vui';

async function givenCitizen(database: Database, input: { bhxhCode: string; personalId: string; phone: string; mustChangePassword: boolean }) {
  await database.db.insert(households).values({ code: `H${input.bhxhCode.slice(1)}`, provinceCode: '01', communeCode: '00004', street: 'Số 1' }).onConflictDoNothing();
  const [person] = await database.db
    .insert(people)
    .values({
      bhxhCode: input.bhxhCode,
      personalId: input.personalId,
      fullName: 'Trần Thị Lan',
      nameKey: 'tran thi lan',
      birthDate: '1990-05-12',
      birthDatePrecision: 'day',
      birthYear: 1990,
      sex: 'female',
      phone: input.phone,
      householdCode: `H${input.bhxhCode.slice(1)}`,
      provinceCode: '01',
      communeCode: '00004',
      street: 'Số 1',
    })
    .returning({ id: people.id });
  const [account] = await database.db
    .insert(accounts)
    .values({
      role: 'citizen',
      login: input.bhxhCode,
      personId: person?.id,
      displayName: 'Trần Thị Lan',
      phone: input.phone,
      passwordHash: await hashPassword(PASSWORD),
      mustChangePassword: input.mustChangePassword,
      passwordChangedAt: new Date('2026-11-01T00:00:00Z'),
    })
    .returning();
  if (!account) throw new Error('no account');
  return account;
}

describe.each(testDrivers)('sign-in, sessions and passwords on %s', (driver) => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let services: ReturnType<typeof testServices>;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    await givenAdminUnits(testDb.database);
    services = testServices(testDb.database);
    app = await buildTestApp(testDb.database, {}, services);
  });

  afterAll(async () => {
    await app.close();
    await testDb.dispose();
  });

  let clientNumber = 0;
  // Each call from its own address: the per-IP route limits run on wall-clock time, which the fake clock does not move.
  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url,
      payload: payload as Record<string, unknown>,
      headers: { 'accept-language': 'en', ...headers },
      remoteAddress: `10.9.${Math.floor(++clientNumber / 250)}.${clientNumber % 250}`,
    });
  const signIn = (login: string, password: string, area = 'citizen') => post('/api/v1/sessions', { login, password, area });
  const bearer = (response: LightMyRequestResponse) => ({ authorization: `Bearer ${signInResponse.parse(response.json()).accessToken}` });
  const refreshCookieOf = (response: LightMyRequestResponse) => {
    const cookie = response.cookies.find((c) => c.name === REFRESH_COOKIE);
    if (!cookie) throw new Error('no refresh cookie');
    return cookie;
  };
  const lastCode = async (phone: string) => {
    const [message] = await testDb.database.db
      .select({ body: smsMessages.body })
      .from(smsMessages)
      .where(eq(smsMessages.phone, phone))
      .orderBy(desc(smsMessages.id))
      .limit(1);
    const code = /^(\d{6})\./.exec(message?.body ?? '')?.[1];
    if (!code) throw new Error(`no OTP in ${message?.body}`);
    return code;
  };

  it('First sign-in: Lan must change the one-time password (with an OTP) before anything else', async () => {
    await givenCitizen(testDb.database, { bhxhCode: '0112345671', personalId: '001190000001', phone: '0912000001', mustChangePassword: true });
    const first = await signIn('0112345671', PASSWORD);
    expect(first.statusCode).toBe(200);
    const session = signInResponse.parse(first.json());
    expect(session.account).toMatchObject({ role: 'citizen', mustChangePassword: true, login: '0112345671' });
    expect(refreshCookieOf(first)).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/sessions' });

    // Anything but the password change is refused until it is done.
    const blocked = await app.inject({ method: 'DELETE', url: `/api/v1/sessions/${crypto.randomUUID()}`, headers: bearer(first) });
    expect(errorEnvelope.parse(blocked.json()).error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const challenge = otpChallenge.parse((await post('/api/v1/password/change-otp', {}, bearer(first))).json());
    expect(challenge.maskedPhone).toBe('0912***001');
    const weak = await post('/api/v1/password/change', { currentPassword: PASSWORD, newPassword: 'abc', otpChallengeId: challenge.challengeId, otpCode: '000000' }, bearer(first));
    expect(weak.statusCode).toBe(400);
    expect(errorEnvelope.parse(weak.json()).error.fields).toHaveProperty('newPassword');

    const changed = await post(
      '/api/v1/password/change',
      { currentPassword: PASSWORD, newPassword: 'Hoa-sen-2027', otpChallengeId: challenge.challengeId, otpCode: await lastCode('0912000001') },
      bearer(first),
    );
    expect(changed.statusCode).toBe(200);
    expect(signInResponse.parse(changed.json()).account.mustChangePassword).toBe(false);
    // The session that changed the password was replaced; its old token no longer works.
    const old = await app.inject({ method: 'GET', url: '/api/v1/sessions', headers: bearer(first) });
    expect(errorEnvelope.parse(old.json()).error.code).toBe('SESSION_EXPIRED');
    expect((await signIn('0112345671', 'Hoa-sen-2027')).statusCode).toBe(200);
    expect(session.account.passwordExpired).toBe(false);
  });

  it('signs in with the personal ID too, and answers an unknown login exactly like a wrong password', async () => {
    const account = await givenCitizen(testDb.database, { bhxhCode: '0112345672', personalId: '001190000002', phone: '0912000002', mustChangePassword: false });
    const signedIn = await signIn('001190000002', PASSWORD);
    expect(signedIn.statusCode).toBe(200);
    // The session and its audit row are written together (one statement), the audit row naming the request.
    const [sessionId] = refreshCookieOf(signedIn).value.split('.');
    const [session] = await testDb.database.db.select().from(sessions).where(eq(sessions.id, sessionId ?? ''));
    expect(session).toMatchObject({ accountId: account.id, revokedAt: null });
    expect(session?.lastUsedAt).toEqual(session?.createdAt);
    const audit = await testDb.database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, String(account.id)));
    expect(audit.map((row) => [row.action, row.actorType, row.actorId, row.subjectType, row.requestId])).toEqual([
      ['session.started', 'citizen', String(account.id), 'account', signedIn.headers['x-request-id']],
    ]);
    const wrong = await signIn('0112345672', 'Nope@12345');
    const unknown = await signIn('0199999999', 'Nope@12345');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(unknown.json()).toEqual(wrong.json());
    // A citizen account does not open the officer area.
    expect((await signIn('0112345672', PASSWORD, 'officer')).statusCode).toBe(401);
  });

  it('stops the sessions of an account that is no longer active at once; a refresh meanwhile ends them', async () => {
    await givenCitizen(testDb.database, { bhxhCode: '0112345679', personalId: '001190000009', phone: '0912000009', mustChangePassword: false });
    const signedIn = await signIn('0112345679', PASSWORD);
    const card = () => app.inject({ method: 'GET', url: '/api/v1/people/me/card', headers: bearer(signedIn) });
    expect((await card()).statusCode).toBe(200);
    const [account] = await testDb.database.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.login, '0112345679'));
    // The gate has just kept this session as valid; a status change through the repository forgets it.
    await updateAccount(testDb.database.db, account?.id ?? 0, { status: 'disabled' });
    const refused = await card();
    expect(refused.statusCode).toBe(401);
    expect(errorEnvelope.parse(refused.json()).error.code).toBe('SESSION_EXPIRED');
    await updateAccount(testDb.database.db, account?.id ?? 0, { status: 'active' });
    expect((await card()).statusCode).toBe(200);

    // A refresh while the account is not active is refused and ends the session for good.
    const refresh = () => app.inject({ method: 'POST', url: '/api/v1/sessions/refresh', cookies: { [REFRESH_COOKIE]: refreshCookieOf(signedIn).value } });
    await updateAccount(testDb.database.db, account?.id ?? 0, { status: 'disabled' });
    expect((await refresh()).statusCode).toBe(401);
    await updateAccount(testDb.database.db, account?.id ?? 0, { status: 'active' });
    expect((await refresh()).statusCode).toBe(401);
    expect((await card()).statusCode).toBe(401);
    expect((await signIn('0112345679', PASSWORD)).statusCode).toBe(200);
  });

  it('locks the account at the 5th wrong password for exactly 15 minutes, and says so', async () => {
    await givenCitizen(testDb.database, { bhxhCode: '0112345673', personalId: '001190000003', phone: '0912000003', mustChangePassword: false });
    for (let i = 1; i <= 4; i++) expect((await signIn('0112345673', `Wrong@${i}xyz`)).statusCode).toBe(401);
    const fifth = await signIn('0112345673', 'Wrong@5xyz');
    expect(fifth.statusCode).toBe(423);
    expect(errorEnvelope.parse(fifth.json()).error).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(errorEnvelope.parse(fifth.json()).error.message).toContain('15 minutes');
    // Even the right password is refused while locked…
    services.clock.advance(15 * MINUTE - 1000);
    expect((await signIn('0112345673', PASSWORD)).statusCode).toBe(423);
    // …and accepted once the 15 minutes are over.
    services.clock.advance(1000);
    expect((await signIn('0112345673', PASSWORD)).statusCode).toBe(200);
  });

  it('asks for a new password once the current one is 6 months old', async () => {
    const account = await givenCitizen(testDb.database, { bhxhCode: '0112345674', personalId: '001190000004', phone: '0912000004', mustChangePassword: false });
    const now = services.clock.now();
    const sixMonthsAgo = new Date(now);
    sixMonthsAgo.setUTCMonth(sixMonthsAgo.getUTCMonth() - 6);
    await testDb.database.db.update(accounts).set({ passwordChangedAt: new Date(sixMonthsAgo.getTime() + 60_000) }).where(eq(accounts.id, account.id));
    expect(signInResponse.parse((await signIn('0112345674', PASSWORD)).json()).account.passwordExpired).toBe(false);
    await testDb.database.db.update(accounts).set({ passwordChangedAt: sixMonthsAgo }).where(eq(accounts.id, account.id));
    expect(signInResponse.parse((await signIn('0112345674', PASSWORD)).json()).account.passwordExpired).toBe(true);
  });

  it('rotates the refresh token, and a replayed old token ends the session', async () => {
    await givenCitizen(testDb.database, { bhxhCode: '0112345675', personalId: '001190000005', phone: '0912000005', mustChangePassword: false });
    const signedIn = await signIn('0112345675', PASSWORD);
    const firstCookie = refreshCookieOf(signedIn).value;
    const refresh = (cookie: string) => app.inject({ method: 'POST', url: '/api/v1/sessions/refresh', cookies: { [REFRESH_COOKIE]: cookie } });
    const refreshed = await refresh(firstCookie);
    expect(refreshed.statusCode).toBe(200);
    const secondCookie = refreshCookieOf(refreshed).value;
    expect(secondCookie).not.toBe(firstCookie);
    // A thief replays the first cookie: the whole session ends, for the thief and the owner.
    expect((await refresh(firstCookie)).statusCode).toBe(401);
    expect((await refresh(secondCookie)).statusCode).toBe(401);
    expect((await refresh('garbage')).statusCode).toBe(401);
  });

  it('rotates the refreshes that arrive together in one statement, each answered with its own account', async () => {
    const ha = await givenCitizen(testDb.database, { bhxhCode: '0112345681', personalId: '001190000081', phone: '0912000081', mustChangePassword: false });
    const minh = await givenCitizen(testDb.database, { bhxhCode: '0112345682', personalId: '001190000082', phone: '0912000082', mustChangePassword: false });
    const cookieOf = async (login: string) => refreshCookieOf(await signIn(login, PASSWORD)).value.split('.') as [string, string];
    const [haSession, haToken] = await cookieOf('0112345681');
    const [minhSession, minhToken] = await cookieOf('0112345682');
    const hash = (token: string) => createHmac('sha256', services.secret).update(token).digest('base64url');
    const rotation = (sessionId: string, token: string, next: string) => ({ sessionId, presentedHash: hash(token), nextHash: hash(next), now: services.clock.now() });

    // One batch: an unknown session first, a wrong token, then Hà's and Minh's right ones; each item gets its own answer.
    const answers = await rotateRefreshTokens(testDb.database.db, [
      rotation('no-such-session', haToken, 'n1'),
      rotation(minhSession, haToken, 'n2'),
      rotation(haSession, haToken, 'ha-next'),
      rotation(minhSession, minhToken, 'minh-next'),
    ]);
    expect(answers.map((account) => account?.id)).toEqual([undefined, undefined, ha.id, minh.id]);
    expect(answers[2]).toMatchObject({ role: 'citizen', login: '0112345681', displayName: 'Trần Thị Lan', agencyId: null, employerId: null });

    // Two items for one session with the same token (an app refreshing twice at once): it rotates once.
    const twice = await rotateRefreshTokens(testDb.database.db, [rotation(haSession, 'ha-next', 'a'), rotation(haSession, 'ha-next', 'b')]);
    expect(twice.filter((account) => account !== undefined)).toHaveLength(1);
    const [row] = await testDb.database.db.select().from(sessions).where(eq(sessions.id, haSession));
    expect(row?.previousTokenHash).toBe(hash('ha-next'));
    expect([hash('a'), hash('b')]).toContain(row?.refreshTokenHash);

    // Over HTTP, refreshes sent together each get a token for their own account; a cookie of another shape (here a NUL,
    // which PostgreSQL refuses in text) is turned away before the database and fails nobody else's refresh.
    const refresh = (cookie: string) => app.inject({ method: 'POST', url: '/api/v1/sessions/refresh', cookies: { [REFRESH_COOKIE]: cookie } });
    const [minhCookie, haCookie] = [refreshCookieOf(await signIn('0112345682', PASSWORD)).value, refreshCookieOf(await signIn('0112345681', PASSWORD)).value];
    const [forMinh, malformed, forHa] = await Promise.all([refresh(minhCookie), refresh(`${haSession}\u0000.${'x'.repeat(43)}`), refresh(haCookie)]);
    expect([forMinh.statusCode, forHa.statusCode]).toEqual([200, 200]);
    expect(signInResponse.parse(forMinh.json()).account).toMatchObject({ id: minh.id, login: '0112345682', role: 'citizen' });
    expect(signInResponse.parse(forHa.json()).account).toMatchObject({ id: ha.id, login: '0112345681', role: 'citizen' });
    expect(malformed.statusCode).toBe(401);
    expect((await refresh('no-such-session.x')).statusCode).toBe(401);
  });

  it('lists devices, signs out one session, and signs out everywhere at once', async () => {
    await givenCitizen(testDb.database, { bhxhCode: '0112345676', personalId: '001190000006', phone: '0912000006', mustChangePassword: false });
    const phone = await signIn('0112345676', PASSWORD);
    const laptop = await signIn('0112345676', PASSWORD);
    const list = await app.inject({ method: 'GET', url: '/api/v1/sessions', headers: bearer(phone) });
    const items = sessionList.parse(list.json()).items;
    expect(items).toHaveLength(2);
    expect(items.filter((s) => s.current)).toHaveLength(1);

    // Someone else's session id answers 404.
    const stranger = await givenCitizen(testDb.database, { bhxhCode: '0112345677', personalId: '001190000007', phone: '0912000007', mustChangePassword: false });
    expect(stranger.id).toBeGreaterThan(0);
    const strangerSession = await signIn('0112345677', PASSWORD);
    const notMine = items.find((s) => !s.current)?.id ?? '';
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/sessions/${notMine}`, headers: bearer(strangerSession) })).statusCode).toBe(404);

    expect((await app.inject({ method: 'DELETE', url: '/api/v1/sessions', headers: bearer(phone) })).statusCode).toBe(204);
    for (const session of [phone, laptop]) {
      const after = await app.inject({ method: 'GET', url: '/api/v1/sessions', headers: bearer(session) });
      expect(after.statusCode).toBe(401);
    }
    const [open] = await testDb.database.db.select({ n: sessions.id }).from(sessions).where(eq(sessions.device, 'x'));
    expect(open).toBeUndefined();
  });

  it('forgot password: the same answer for unknown logins; the OTP works until 5 minutes and for 5 tries only', async () => {
    await givenCitizen(testDb.database, { bhxhCode: '0112345678', personalId: '001190000008', phone: '0912000008', mustChangePassword: false });
    const unknown = await post('/api/v1/password/forgot', { login: '0100000000' });
    const known = await post('/api/v1/password/forgot', { login: '0112345678' });
    expect([unknown.statusCode, known.statusCode]).toEqual([200, 200]);
    expect(Object.keys(otpChallenge.parse(unknown.json())).sort()).toEqual(Object.keys(otpChallenge.parse(known.json())).sort());
    // Asking again within a minute is throttled for both alike.
    expect((await post('/api/v1/password/forgot', { login: '0100000000' })).statusCode).toBe(429);
    expect((await post('/api/v1/password/forgot', { login: '0112345678' })).statusCode).toBe(429);

    const challenge = otpChallenge.parse(known.json());
    const code = await lastCode('0912000008');
    const reset = (otpCode: string, newPassword = 'Mua-xuan-2027') =>
      post('/api/v1/password/reset', { challengeId: challenge.challengeId, otpCode, newPassword });
    // A weak password is refused before the code is used.
    expect((await reset(code, 'weak')).statusCode).toBe(400);
    // At 4:59 the code still works (checked below); at 5:00 it would not.
    services.clock.advance(5 * MINUTE - 1000);
    expect((await reset(code)).statusCode).toBe(204);
    expect((await reset(code)).statusCode).toBe(400);
    expect((await signIn('0112345678', 'Mua-xuan-2027')).statusCode).toBe(200);

    services.clock.advance(2 * MINUTE);
    const again = otpChallenge.parse((await post('/api/v1/password/forgot', { login: '0112345678' })).json());
    const expiredReset = await post('/api/v1/password/reset', { challengeId: again.challengeId, otpCode: await lastCode('0912000008'), newPassword: 'Thu-vang-2027' });
    expect(expiredReset.statusCode).toBe(204);

    services.clock.advance(2 * MINUTE);
    const third = otpChallenge.parse((await post('/api/v1/password/forgot', { login: '0112345678' })).json());
    services.clock.advance(5 * MINUTE);
    const late = await post('/api/v1/password/reset', { challengeId: third.challengeId, otpCode: await lastCode('0912000008'), newPassword: 'Dong-lanh-2027' });
    expect(errorEnvelope.parse(late.json()).error.code).toBe('OTP_EXPIRED');

    services.clock.advance(2 * MINUTE);
    const fourth = otpChallenge.parse((await post('/api/v1/password/forgot', { login: '0112345678' })).json());
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const wrong = await post('/api/v1/password/reset', { challengeId: fourth.challengeId, otpCode: '000000', newPassword: 'Dong-lanh-2027' });
      codes.push(errorEnvelope.parse(wrong.json()).error.code);
    }
    expect(codes).toEqual(['OTP_INVALID', 'OTP_INVALID', 'OTP_INVALID', 'OTP_INVALID', 'OTP_TOO_MANY_ATTEMPTS']);
    const right = await post('/api/v1/password/reset', { challengeId: fourth.challengeId, otpCode: await lastCode('0912000008'), newPassword: 'Dong-lanh-2027' });
    expect(errorEnvelope.parse(right.json()).error.code).toBe('OTP_TOO_MANY_ATTEMPTS');
  });
});
