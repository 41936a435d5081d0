// The agency's Ed25519 keys that sign card credentials: created on first use, rotated every KEY_ROTATION_DAYS
// (or on demand by an administrator), published at /.well-known/jwks.json — retired keys too, until the last
// credential they signed has expired, so facility desks with a cached JWKS keep verifying through a rotation.
// Private keys rest in the database sealed with AES-256-GCM under a key derived from the server secret.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { desc, gt, isNull, or, sql } from 'drizzle-orm';
import { type AgencyKeyResolver, keyResolverFromJwks, type VerifiedCredentials, type WebCryptoKey, type WebCryptoKeyPair } from '@vssid/shared';
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

/** Credentials verified under one key resolver (a minute), bounded: the oldest go first. */
class VerifiedCredentialCache implements VerifiedCredentials {
  private readonly entries = new Map<string, WebCryptoKey>();
  get(credential: string): WebCryptoKey | undefined {
    return this.entries.get(credential);
  }
  set(credential: string, deviceKey: WebCryptoKey): void {
    this.entries.set(credential, deviceKey);
    if (this.entries.size > VERIFIED_CREDENTIALS_MAX) this.entries.delete(this.entries.keys().next().value ?? '');
  }
}
const VERIFIED_CREDENTIALS_MAX = 50_000;

export class CardKeyring {
  private cached: { key: SigningKey; until: number } | undefined;
  private resolver: { resolve: AgencyKeyResolver; verified: VerifiedCredentialCache; until: number } | undefined;

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
   *  online card check needs it, and a rotation elsewhere shows up within a minute. */
  async keyResolver(): Promise<AgencyKeyResolver> {
    return (await this.verifier()).resolveKey;
  }

  /**
   * The key resolver with the credentials verified under it (verifyCardPresentation's options): both are replaced
   * together, so a credential's agency signature is taken as checked only while the keys it was checked against are
   * the published ones — a key withdrawn from the JWKS stops verifying within the same minute as before. The device
   * proof, its age and the credential's expiry are checked on every presentation.
   */
  async verifier(): Promise<{ resolveKey: AgencyKeyResolver; verifiedCredentials: VerifiedCredentials }> {
    const now = this.clock.now().getTime();
    if (!this.resolver || this.resolver.until <= now) {
      const resolve = keyResolverFromJwks({ keys: await this.publishedKeys() });
      this.resolver = { resolve, verified: new VerifiedCredentialCache(), until: now + CURRENT_KEY_CACHE_MS };
    }
    return { resolveKey: this.resolver.resolve, verifiedCredentials: this.resolver.verified };
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
