// The agency's Ed25519 keys that sign card credentials: created on first use, rotated every KEY_ROTATION_DAYS
// (or on demand by an administrator), published at /.well-known/jwks.json — retired keys too, until the last
// credential they signed has expired, so facility desks with a cached JWKS keep verifying through a rotation.
// Private keys rest in the database sealed with AES-256-GCM under a key derived from the server secret.
import { createCipheriv, createDecipheriv, createHash, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import { desc, gt, isNull, or, sql } from 'drizzle-orm';
import { type AgencyKeyResolver, type DeviceKeyAlgorithm, keyResolverFromJwks, type WebCryptoKey, type WebCryptoKeyPair } from '@vssid/shared';
import type { Db } from '../db/connection.ts';
import { cardSigningKeys } from '../db/schema.ts';
import type { Clock } from './clock.ts';

const DAY = 86_400_000;
/** How long a credential stays valid without the app coming online to refresh it. */
export const CREDENTIAL_LIFETIME_DAYS = 30;
export const KEY_ROTATION_DAYS = 90;
/** How long a node trusts its cached idea of the current key (another node may have rotated). */
const CURRENT_KEY_CACHE_MS = 60_000;

/**
 * The digest a credential is recorded under when it is handed out (card_credentials.credential_digest): sha256 of its
 * bytes, the body then the agency signature, as the QR carries them.
 */
export function credentialDigest(...parts: readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('base64url');
}

/**
 * A device proof's signature checked with node:crypto, synchronously: on a busy 2-core server a WebCrypto verify
 * costs a job handed to libuv's threads and back, and the thread switches on both sides, for a ~60 µs computation.
 * The key's raw bytes as a credential binds them (Ed25519: 32 bytes; ES256: the uncompressed point, 65 bytes), the
 * signature as WebCrypto makes it (ES256 in IEEE P1363 form). A key that is not a valid point verifies nothing.
 */
export function verifyDeviceSignature(alg: DeviceKeyAlgorithm, publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array): boolean {
  const raw = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength);
  try {
    if (alg === 'Ed25519') {
      const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
      return verify(null, message, key, signature);
    }
    if (raw.length !== 65 || raw[0] !== 4) return false;
    const key = createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url') },
      format: 'jwk',
    });
    return verify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}

export interface PublishedKey {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

interface SigningKey {
  kid: string;
  privateKey: WebCryptoKey;
  createdAt: Date;
}

function sealingKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'vssid-card-keys', 'aes-256-gcm v1', 32));
}

function seal(secret: string, plaintext: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(secret), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')).join('.');
}

function unseal(secret: string, sealed: string): Buffer {
  const [iv = '', tag = '', ciphertext = ''] = sealed.split('.');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(secret), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
}

export class CardKeyring {
  private cached: { key: SigningKey; until: number } | undefined;
  private resolver: { resolve: AgencyKeyResolver; until: number } | undefined;

  constructor(
    private readonly db: Db,
    private readonly secret: string,
    private readonly clock: Clock,
  ) {}

  /** The key that signs now: the newest unretired one, created when there is none (or its seal cannot be opened —
   *  the server secret changed — in which case the unreadable key is retired and stays published). */
  async signingKey(): Promise<SigningKey> {
    const now = this.clock.now();
    if (this.cached && this.cached.until > now.getTime()) return this.cached.key;
    const [row] = await this.db
      .select()
      .from(cardSigningKeys)
      .where(isNull(cardSigningKeys.retiredAt))
      .orderBy(desc(cardSigningKeys.createdAt))
      .limit(1);
    let key: SigningKey | undefined;
    if (row) {
      try {
        const privateKey = await crypto.subtle.importKey('pkcs8', unseal(this.secret, row.sealedPrivateKey), { name: 'Ed25519' }, false, [
          'sign',
        ]);
        key = { kid: row.kid, privateKey, createdAt: row.createdAt };
      } catch {
        key = undefined;
      }
    }
    key ??= await this.rotate();
    this.cached = { key, until: now.getTime() + CURRENT_KEY_CACHE_MS };
    return key;
  }

  /** Makes a new current key and retires the others (they stay published for a credential lifetime). */
  async rotate(): Promise<SigningKey> {
    const now = this.clock.now();
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as WebCryptoKeyPair;
    const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const kid = `card-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex')}`;
    await this.db.transaction(async (tx) => {
      // One rotation at a time across nodes.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('card-signing-keys'))`);
      await tx
        .update(cardSigningKeys)
        .set({ retiredAt: now, publishedUntil: new Date(now.getTime() + (CREDENTIAL_LIFETIME_DAYS + 1) * DAY) })
        .where(isNull(cardSigningKeys.retiredAt));
      await tx.insert(cardSigningKeys).values({
        kid,
        publicJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x ?? '' },
        sealedPrivateKey: seal(this.secret, pkcs8),
        createdAt: now,
      });
    });
    const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
    const key = { kid, privateKey, createdAt: now };
    this.cached = { key, until: now.getTime() + CURRENT_KEY_CACHE_MS };
    this.resolver = undefined;
    return key;
  }

  /** Scheduled: a new key once the current one is KEY_ROTATION_DAYS old. Returns the new kid, if any. */
  async rotateIfDue(): Promise<string | null> {
    const current = await this.signingKey();
    if (this.clock.now().getTime() - current.createdAt.getTime() < KEY_ROTATION_DAYS * DAY) return null;
    return (await this.rotate()).kid;
  }

  /** A verifier's key resolver over the published keys, imported once and refreshed like the current key: every
   *  online card check needs it, and a key withdrawn from the JWKS (or a rotation elsewhere) shows up within a minute. */
  async keyResolver(): Promise<AgencyKeyResolver> {
    const now = this.clock.now().getTime();
    if (!this.resolver || this.resolver.until <= now) {
      this.resolver = { resolve: keyResolverFromJwks({ keys: await this.publishedKeys() }), until: now + CURRENT_KEY_CACHE_MS };
    }
    return this.resolver.resolve;
  }

  /** The JWKS: the current key and retired keys still inside their publication window. */
  async publishedKeys(): Promise<PublishedKey[]> {
    const rows = await this.db
      .select({ kid: cardSigningKeys.kid, jwk: cardSigningKeys.publicJwk })
      .from(cardSigningKeys)
      .where(or(isNull(cardSigningKeys.retiredAt), gt(cardSigningKeys.publishedUntil, this.clock.now())))
      .orderBy(desc(cardSigningKeys.createdAt));
    return rows.map((row) => ({ kty: 'OKP', crv: 'Ed25519', x: row.jwk.x, kid: row.kid, alg: 'EdDSA', use: 'sig' }));
  }
}
