// Authentication and the one authorization gate. Every /api route needs a signed-in caller unless it is declared
// `config: { public: true }` — deny by default — and a route may narrow the roles it serves with `config.roles`.
import { createHmac, webcrypto } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors as joseErrors, jwtVerify } from 'jose';
import type { Role } from '@vssid/shared';
import type { Db } from '../db/connection.ts';
import { accounts, sessions } from '../db/schema.ts';
import type { Clock } from './clock.ts';
import { AppError } from './errors.ts';

/** What an access token says about its holder. */
export interface TokenClaims {
  accountId: number;
  role: Role;
  sessionId: string;
  /** First sign-in or expired password: only the password-change routes answer. */
  passwordChangeRequired: boolean;
}

/** The signed-in caller of a request: the token's claims and what the gate read with the session. */
export interface Principal extends TokenClaims {
  /** The citizen's own person (null for staff accounts and for citizens not linked to a person). */
  personId: number | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Open to anyone (rate-limited): look-ups, registration, sign-in. */
    public?: boolean;
    /** Roles allowed; omitted = any signed-in role. */
    roles?: readonly Role[];
    /** Reachable while a password change is pending (the change itself, sign-out). */
    allowPendingPasswordChange?: boolean;
  }
}

export const ACCESS_TOKEN_SECONDS = 10 * 60;
const ISSUER = 'vssid';
const ROLES: readonly Role[] = ['citizen', 'officer', 'facility', 'employer', 'admin'];

/** Verified tokens kept per node (a bound on memory: one entry per signed-in caller seen in a token's lifetime). */
const VERIFIED_TOKENS_MAX = 20_000;

/** The protected header of every access token, base64url-encoded once. */
const TOKEN_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');

export class AccessTokens {
  /** Imported once for jose's verify: given the raw bytes, jose imports the key again (WebCrypto) on every verify. */
  private readonly key: Promise<webcrypto.CryptoKey>;
  private readonly secret: Buffer;
  /**
   * Tokens whose signature and claims were verified, until they expire: every request of a signed-in caller presents
   * the same token for up to ACCESS_TOKEN_SECONDS, and verifying it (an HMAC through WebCrypto, the claims) is most of
   * the gate's CPU. Safe: a token is immutable, so its signature and claims verify the same every time; what can change
   * — its expiry, and whether its session was revoked — is still checked on every request (`exp` against the clock
   * here, the session row by the gate).
   */
  private readonly verified = new Map<string, { principal: TokenClaims; expiresAt: number }>();
  constructor(
    secret: string,
    private readonly clock: Clock,
  ) {
    this.secret = Buffer.from(secret);
    this.key = webcrypto.subtle.importKey('raw', this.secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  /**
   * A compact HS256 JWS, as jose's SignJWT makes it, but with node:crypto's HMAC in this thread: through WebCrypto
   * (jose's only way) the HMAC is a job on libuv's four threads, where at a sign-in it waits behind the argon2
   * hashes of the sign-ins before it. Verifying stays with jose (the header, algorithm and claims rules).
   */
  sign(principal: TokenClaims): string {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const claims = {
      role: principal.role,
      sid: principal.sessionId,
      pcr: principal.passwordChangeRequired,
      sub: String(principal.accountId),
      iss: ISSUER,
      iat: now,
      exp: now + ACCESS_TOKEN_SECONDS,
    };
    const signingInput = `${TOKEN_HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${signingInput}.${createHmac('sha256', this.secret).update(signingInput).digest('base64url')}`;
  }

  async verify(token: string): Promise<TokenClaims | null> {
    const now = this.clock.now();
    const known = this.verified.get(token);
    // jose's rule for `exp`: expired once the clock reaches it.
    if (known && Math.floor(now.getTime() / 1000) < known.expiresAt) return known.principal;
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        currentDate: now,
      });
      const role = ROLES.find((r) => r === payload.role);
      const accountId = Number(payload.sub);
      if (!role || !Number.isSafeInteger(accountId) || typeof payload.sid !== 'string') return null;
      const principal = { accountId, role, sessionId: payload.sid, passwordChangeRequired: payload.pcr === true };
      if (typeof payload.exp === 'number') {
        this.verified.delete(token);
        this.verified.set(token, { principal, expiresAt: payload.exp });
        // The oldest entry goes first (a Map keeps insertion order).
        if (this.verified.size > VERIFIED_TOKENS_MAX) this.verified.delete(this.verified.keys().next().value ?? '');
      }
      return principal;
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) return null;
      throw error;
    }
  }
}

/**
 * Sessions the gate found valid, kept for SESSION_CHECK_MS: every request of a signed-in caller reads its session row
 * with its account (active? whose person?), a round-trip and most of the gate's database work. Why that is safe: a
 * session is revoked by sign-out, by a password change or reset, or when a reused refresh token shows theft, and every
 * revocation — and every change of an account's status — goes through accounts/repo.ts, which forgets this node's
 * cached sessions before the update — so on the node that makes it, the change holds at once, as before; on other
 * nodes within SESSION_CHECK_MS (a second). The session's own expiry is still compared with the clock on every
 * request. Only valid sessions of active accounts are kept; anything else is read again every time.
 */
const SESSION_CHECK_MS = 1000;
const SESSION_CACHE_MAX = 20_000;
const validSessions = new Map<string, { expiresAt: Date; personId: number | null; until: number }>();

/** Forgets this process's cached answer for one session, or for all (sessions are about to change). */
export function forgetCachedSessions(sessionId?: string): void {
  if (sessionId === undefined) validSessions.clear();
  else validSessions.delete(sessionId);
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
}

export function registerAuthGate(app: FastifyInstance, tokens: AccessTokens, db: Db, clock: Clock) {
  // The session of the token's account, with the account when it is active (the join fails otherwise).
  const sessionById = db
    .select({ revokedAt: sessions.revokedAt, expiresAt: sessions.expiresAt, personId: accounts.personId })
    .from(sessions)
    .innerJoin(accounts, and(eq(accounts.id, sessions.accountId), eq(accounts.status, 'active')))
    .where(and(eq(sessions.id, sql.placeholder('id')), eq(sessions.accountId, sql.placeholder('accountId'))))
    .prepare('auth_session_by_id');
  app.decorateRequest('principal', null);
  // onRequest: before the body is parsed, so an anonymous caller learns nothing from validation answers.
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    const path = request.routeOptions.url ?? '';
    if (!path.startsWith('/api/') || config.public) return;
    const token = bearerToken(request);
    const claims = token ? await tokens.verify(token) : null;
    if (!claims) throw new AppError('UNAUTHORIZED', 401);
    // One primary-key read (prepared; its answer kept a second, see validSessions): a signed-out or revoked session
    // stops working at once, not when its token expires.
    let session = validSessions.get(claims.sessionId);
    if (!session || session.until <= Date.now()) {
      const [row] = await sessionById.execute({ id: claims.sessionId, accountId: claims.accountId });
      if (!row || row.revokedAt) throw new AppError('SESSION_EXPIRED', 401);
      session = { expiresAt: row.expiresAt, personId: row.personId, until: Date.now() + SESSION_CHECK_MS };
      validSessions.delete(claims.sessionId);
      validSessions.set(claims.sessionId, session);
      if (validSessions.size > SESSION_CACHE_MAX) validSessions.delete(validSessions.keys().next().value ?? '');
    }
    if (session.expiresAt <= clock.now()) throw new AppError('SESSION_EXPIRED', 401);
    const principal: Principal = { ...claims, personId: session.personId };
    if (config.roles && !config.roles.includes(principal.role)) throw new AppError('FORBIDDEN', 403);
    if (principal.passwordChangeRequired && !config.allowPendingPasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 403);
    }
    request.principal = principal;
  });
}

/** The signed-in caller of a protected route (the gate has already refused anyone else). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHORIZED', 401);
  return request.principal;
}
