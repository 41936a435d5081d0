// One-time passwords by SMS: 6 digits, valid 5 minutes, single use, at most 5 tries, resend throttled, stored as an
// HMAC so that a database reader cannot use them.
import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, count, desc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import type { OtpChallenge } from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { otpChallenges } from '../../db/schema.ts';
import { MINUTE } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/sms.ts';
import type { Services } from '../../platform/services.ts';

export const OTP_TTL_MS = 5 * MINUTE;
export const OTP_MAX_ATTEMPTS = 5;
export const OTP_RESEND_AFTER_MS = MINUTE;
/** Per phone and day: stops SMS pumping through our gateway. */
export const OTP_DAILY_LIMIT = 10;

export type OtpPurpose = 'registration' | 'password_change' | 'password_reset';

const MESSAGES: Record<OtpPurpose, (code: string) => string> = {
  // The seeds' wording, without diacritics.
  registration: (code) =>
    `${code}. Ban dang thuc hien dang ky giao dich dien tu voi BHXH Viet Nam. Ma xac thuc co hieu luc trong vong 5 phut`,
  password_change: (code) =>
    `${code}. Ban dang thuc hien doi mat khau dang nhap Cong giao dich dien tu BHXH Viet Nam. Ma xac thuc co hieu luc trong vong 5 phut`,
  password_reset: (code) =>
    `${code}. Ban dang thuc hien xin cap lai mat khau dang nhap Cong giao dich dien tu BHXH Viet Nam. Ma xac thuc co hieu luc trong vong 5 phut`,
};

function codeHash(secret: string, challengeId: string, code: string): string {
  return createHmac('sha256', secret).update(`${challengeId}:${code}`).digest('base64url');
}

export async function issueOtp(
  db: Db,
  services: Services,
  input: { phone: string; purpose: OtpPurpose; accountId?: number },
): Promise<OtpChallenge> {
  const now = services.clock.now();
  const [last] = await db
    .select({ createdAt: otpChallenges.createdAt })
    .from(otpChallenges)
    .where(and(eq(otpChallenges.phone, input.phone), eq(otpChallenges.purpose, input.purpose)))
    .orderBy(desc(otpChallenges.createdAt))
    .limit(1);
  if (last && now.getTime() - last.createdAt.getTime() < OTP_RESEND_AFTER_MS) {
    const seconds = Math.ceil((OTP_RESEND_AFTER_MS - (now.getTime() - last.createdAt.getTime())) / 1000);
    throw new AppError('OTP_RESEND_TOO_SOON', 429, { params: { seconds } });
  }
  const [today] = await db
    .select({ sent: count() })
    .from(otpChallenges)
    .where(and(eq(otpChallenges.phone, input.phone), gte(otpChallenges.createdAt, new Date(now.getTime() - 24 * 60 * MINUTE))));
  if ((today?.sent ?? 0) >= OTP_DAILY_LIMIT) throw new AppError('RATE_LIMITED', 429, { params: { seconds: 3600 } });

  const id = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + OTP_TTL_MS);
  await db.insert(otpChallenges).values({
    id,
    phone: input.phone,
    purpose: input.purpose,
    accountId: input.accountId ?? null,
    codeHash: codeHash(services.secret, id, code),
    createdAt: now,
    expiresAt,
  });
  await services.sms.send(input.phone, MESSAGES[input.purpose](code), 'otp', db);
  return {
    challengeId: id,
    expiresAt: expiresAt.toISOString(),
    resendAfter: new Date(now.getTime() + OTP_RESEND_AFTER_MS).toISOString(),
    maskedPhone: maskPhone(input.phone),
  };
}

/** A challenge id that leads nowhere, for answers that must not reveal whether an account exists. */
export function decoyChallenge(services: Services): OtpChallenge {
  const now = services.clock.now().getTime();
  return {
    challengeId: randomUUID(),
    expiresAt: new Date(now + OTP_TTL_MS).toISOString(),
    resendAfter: new Date(now + OTP_RESEND_AFTER_MS).toISOString(),
    maskedPhone: '***',
  };
}

/**
 * Checks a code and consumes the challenge. Runs on its own (not in the caller's transaction) so that a wrong try
 * is counted even when the caller's work is rolled back.
 */
export async function consumeOtp(
  db: Db,
  services: Services,
  input: { challengeId: string; code: string; purpose: OtpPurpose },
): Promise<{ phone: string; accountId: number | null }> {
  const now = services.clock.now();
  const [challenge] = await db.select().from(otpChallenges).where(eq(otpChallenges.id, input.challengeId));
  // Unknown, other purpose, used or past its 5 minutes: the same answer.
  if (!challenge || challenge.purpose !== input.purpose || challenge.consumedAt || now >= challenge.expiresAt) {
    throw new AppError('OTP_EXPIRED', 400, { fields: { otpCode: { key: 'otpCode' } } });
  }
  if (challenge.attempts >= OTP_MAX_ATTEMPTS) throw new AppError('OTP_TOO_MANY_ATTEMPTS', 400);
  const expected = Buffer.from(challenge.codeHash);
  const given = Buffer.from(codeHash(services.secret, challenge.id, input.code));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    const [updated] = await db
      .update(otpChallenges)
      .set({ attempts: sql`${otpChallenges.attempts} + 1` })
      .where(eq(otpChallenges.id, challenge.id))
      .returning({ attempts: otpChallenges.attempts });
    const attempts = updated?.attempts ?? OTP_MAX_ATTEMPTS;
    if (attempts >= OTP_MAX_ATTEMPTS) throw new AppError('OTP_TOO_MANY_ATTEMPTS', 400);
    throw new AppError('OTP_INVALID', 400, { params: { attemptsLeft: OTP_MAX_ATTEMPTS - attempts } });
  }
  // Conditional update: two simultaneous uses of one code cannot both succeed.
  const [consumed] = await db
    .update(otpChallenges)
    .set({ consumedAt: now })
    .where(and(eq(otpChallenges.id, challenge.id), isNull(otpChallenges.consumedAt), lt(otpChallenges.attempts, OTP_MAX_ATTEMPTS)))
    .returning({ phone: otpChallenges.phone, accountId: otpChallenges.accountId });
  if (!consumed) throw new AppError('OTP_EXPIRED', 400);
  return consumed;
}

/** The account a challenge was issued for, without touching it (to check a new password before using the code). */
export async function challengeAccountId(db: Db, challengeId: string): Promise<number | null> {
  const [row] = await db.select({ accountId: otpChallenges.accountId }).from(otpChallenges).where(eq(otpChallenges.id, challengeId));
  return row?.accountId ?? null;
}
