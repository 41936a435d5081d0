import { createHmac } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_SECONDS, AccessTokens, type TokenClaims } from './auth.ts';
import { FakeClock } from './clock.ts';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const principal: TokenClaims = { accountId: 42, role: 'citizen', sessionId: 'session-1', passwordChangeRequired: false };

function setup() {
  const clock = new FakeClock(new Date('2026-11-23T02:00:00Z'));
  return { clock, tokens: new AccessTokens(SECRET, clock) };
}

const part = (token: string, index: number) => token.split('.')[index] ?? '';
const json = (encoded: string): unknown => JSON.parse(Buffer.from(encoded, 'base64url').toString());

describe('access tokens', () => {
  it('are HS256 JWTs that jose verifies with the secret, carrying the holder, session and expiry', async () => {
    const { tokens } = setup();
    const token = tokens.sign(principal);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256' });
    const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRET), { issuer: 'vssid', algorithms: ['HS256'], currentDate: new Date('2026-11-23T02:00:00Z') });
    const issuedAt = Date.parse('2026-11-23T02:00:00Z') / 1000;
    expect(payload).toEqual({ role: 'citizen', sid: 'session-1', pcr: false, sub: '42', iss: 'vssid', iat: issuedAt, exp: issuedAt + ACCESS_TOKEN_SECONDS });
    expect(await tokens.verify(token)).toEqual(principal);
  });

  it('expire when the clock reaches exp, not a second before', async () => {
    const { clock, tokens } = setup();
    const token = tokens.sign({ ...principal, passwordChangeRequired: true });
    clock.advance((ACCESS_TOKEN_SECONDS - 1) * 1000);
    expect(await tokens.verify(token)).toEqual({ ...principal, passwordChangeRequired: true });
    clock.advance(1000);
    expect(await tokens.verify(token)).toBeNull();
  });

  it('refuse a changed payload, another secret, and the "none" algorithm', async () => {
    const { tokens } = setup();
    const token = tokens.sign(principal);
    const [header, payload] = [part(token, 0), part(token, 1)];
    const admin = Buffer.from(JSON.stringify({ ...(json(payload) as object), role: 'admin' })).toString('base64url');
    expect(await tokens.verify(`${header}.${admin}.${part(token, 2)}`)).toBeNull();

    const otherSecret = createHmac('sha256', 'another-secret-of-at-least-thirty-two-chars').update(`${header}.${payload}`).digest('base64url');
    expect(await tokens.verify(`${header}.${payload}.${otherSecret}`)).toBeNull();

    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    expect(await tokens.verify(`${none}.${payload}.`)).toBeNull();
    expect(await setup().tokens.verify(token)).toEqual(principal); // the same token, on a node with the same secret
  });
});
