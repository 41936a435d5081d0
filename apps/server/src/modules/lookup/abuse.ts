// Abuse protection of the public BHXH-code look-up, the endpoint most worth scraping: a sliding window of look-ups per
// address and per network (counted from the look-up log, so every node agrees and the Clock drives it), a proof of
// work once the free look-ups are spent, and hard limits after that.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { z } from 'zod';
import { leadingZeroBits, proofInput, type LookupChallenge } from '@vssid/shared';
import type { LookupProtection } from '../../config.ts';
import type { Db } from '../../db/connection.ts';
import { MINUTE } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import * as repo from './repo.ts';

export const LOOKUP_WINDOW_MS = 10 * MINUTE;
/** How long look-ups are logged: enough to investigate scraping; the throttle itself needs only the window. */
export const LOOKUP_LOG_RETENTION_DAYS = 30;
/** A challenge must be solved and used within this time. */
export const CHALLENGE_TTL_MS = 5 * MINUTE;
/** Every 10 look-ups past the free ones double the work, twice at most. */
const EXTRA_BITS_EVERY = 10;
const MAX_EXTRA_BITS = 2;

/** The network an address belongs to for throttling: /24 for IPv4, /64 for IPv6 (one household or one office). */
export function networkOf(ip: string): string {
  const address = (ip.split('%')[0] ?? ip).toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  const v4 = mapped ?? address;
  if (isIPv4(v4)) return `${v4.split('.').slice(0, 3).join('.')}.0/24`;
  if (!isIPv6(address)) return address;
  const [head = '', tail] = address.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  // An embedded IPv4 tail (64:ff9b::1.2.3.4) takes two groups.
  const width = (parts: string[]) => parts.reduce((sum, part) => sum + (part.includes('.') ? 2 : 1), 0);
  const headGroups = groups(head);
  const tailGroups = tail === undefined ? [] : groups(tail);
  const full =
    tail === undefined ? headGroups : [...headGroups, ...Array<string>(8 - width(headGroups) - width(tailGroups)).fill('0'), ...tailGroups];
  return `${full
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

function hmac(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}\n${value}`).digest('base64url');
}

export interface ClientKeys {
  ipHash: string;
  networkHash: string;
}

/** Addresses are personal data: the log keeps only keyed hashes of them. */
export function clientKeys(secret: string, ip: string): ClientKeys {
  return { ipHash: hmac(secret, 'lookup-ip', ip), networkHash: hmac(secret, 'lookup-network', networkOf(ip)) };
}

/** The normalized query as an HMAC: the same query repeated is visible, the name and ID number are not. */
export function queryHash(secret: string, parts: readonly unknown[]): string {
  return hmac(secret, 'lookup-query', JSON.stringify(parts));
}

export interface Assessment {
  /** null: the free look-ups are not spent; otherwise the difficulty a challenge gets. */
  challengeBits: number | null;
}

/** Refuses (429) past the hard limits; otherwise says whether a proof of work is due, and how hard. */
export async function assessLookup(db: Db, policy: LookupProtection, client: ClientKeys, now: Date): Promise<Assessment> {
  const recent = await repo.recentLookups(db, client, new Date(now.getTime() - LOOKUP_WINDOW_MS));
  const limitedSince =
    recent.ip >= policy.maxPerIp ? recent.oldestIp : recent.network >= policy.maxPerNetwork ? recent.oldestNetwork : null;
  if (limitedSince) {
    const seconds = Math.max(1, Math.ceil((limitedSince.getTime() + LOOKUP_WINDOW_MS - now.getTime()) / 1000));
    throw new AppError('RATE_LIMITED', 429, { params: { seconds } });
  }
  const beyondIp = recent.ip - policy.freePerIp;
  const beyondNetwork = recent.network - policy.freePerNetwork;
  if (beyondIp < 0 && beyondNetwork < 0) return { challengeBits: null };
  const extra = Math.min(MAX_EXTRA_BITS, Math.floor(Math.max(beyondIp, 0) / EXTRA_BITS_EVERY));
  return { challengeBits: policy.challengeBits + extra };
}

const challengePayload = z.object({ id: z.string(), bits: z.number().int().min(1).max(32), exp: z.number(), net: z.string() });

/** A stateless challenge: its terms are signed, so any node can check it; the look-up log makes it single-use. */
export function issueChallenge(secret: string, client: ClientKeys, bits: number, now: Date): LookupChallenge {
  const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
  const payload = { id: randomBytes(12).toString('base64url'), bits, exp: expiresAt.getTime(), net: client.networkHash };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return { challenge: `v1.${body}.${hmac(secret, 'lookup-challenge', body)}`, difficulty: bits, expiresAt: expiresAt.toISOString() };
}

const invalidChallenge = () => new AppError('CHALLENGE_INVALID', 400);

/** Checks a solved challenge: our signature, not expired, issued to this network, enough zero bits. Returns its id. */
export function verifyProof(
  secret: string,
  proof: { challenge: string; nonce: string },
  client: ClientKeys,
  now: Date,
): { challengeId: string } {
  const [version, body = '', signature = ''] = proof.challenge.split('.');
  const expected = Buffer.from(hmac(secret, 'lookup-challenge', body));
  const given = Buffer.from(signature);
  if (version !== 'v1' || given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidChallenge();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw invalidChallenge();
  }
  const payload = challengePayload.safeParse(json);
  if (!payload.success || payload.data.exp <= now.getTime() || payload.data.net !== client.networkHash) throw invalidChallenge();
  const hash = createHash('sha256').update(proofInput(proof.challenge, proof.nonce)).digest();
  if (leadingZeroBits(hash) < payload.data.bits) throw invalidChallenge();
  return { challengeId: payload.data.id };
}

/** The nightly purge: the log never outlives its retention. */
export async function purgeLookupLog(db: Db, now: Date): Promise<void> {
  await repo.deleteLookupLogBefore(db, new Date(now.getTime() - LOOKUP_LOG_RETENTION_DAYS * 24 * 60 * MINUTE));
}
