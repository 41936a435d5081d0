// The signed BHYT card credential shown as the app's QR, and its verification — the same code runs on the server,
// in the citizen's app and, offline with cached keys, at the facility desk.
//
// Two signatures make one QR:
//  1. the agency signs the card's facts plus the public key of a key pair the citizen's device generated and keeps
//     (WebCrypto, private key non-extractable) — Ed25519, key id `kid`, keys published at /.well-known/jwks.json;
//  2. the device signs "now" together with the agency signature, every 30 seconds. A verifier accepts a proof
//     younger than ~2 minutes, so a screenshot forwarded to someone else stops working almost at once.
//
// Layout (binary, big-endian), chosen over a JWS because a QR must stay small enough to scan from a cheap phone's
// screen: a JWS of the same facts is ~600 bytes (QR version 18), this is ~250 bytes → 380 base45 characters
// (version 11–12).
//   credential = version(1)=1 | kidLength(1) kid | cardCode(15) | sex(1) | birth(4) | nameLength(1) name(UTF-8)
//                | facilityCode(5) | validFrom(4) | validTo(4) | fiveYears(4) | issuedAt(4) | expiresAt(4)
//                | deviceAlg(1) deviceKey(32 for Ed25519, 65 for ES256) | agencySignature(64)
//   QR text    = "VC1:" + base45(credential | proofAt(4) | deviceSignature(64))
// Dates are yyyymmdd numbers (0 = none; a year-only birth date is yyyy0000); instants are Unix seconds.
// The device signs PROOF_CONTEXT | agencySignature | proofAt.

import { decodeBase45, encodeBase45 } from './base45.ts';

/** WebCrypto's key type, named through `crypto.subtle` so the code type-checks both with DOM types and Node's. */
export type WebCryptoKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
export interface WebCryptoKeyPair {
  publicKey: WebCryptoKey;
  privateKey: WebCryptoKey;
}

export const CARD_QR_PREFIX = 'VC1:';
const FORMAT_VERSION = 1;
const SIGNATURE_BYTES = 64;
const PROOF_CONTEXT = new TextEncoder().encode('vssid-card-proof');

/** How long a device proof is accepted, and how far a phone's clock may run ahead of the verifier's. */
export const PROOF_MAX_AGE_SECONDS = 120;
export const PROOF_MAX_FUTURE_SECONDS = 30;
/** The app renews the device proof this often. */
export const PROOF_RENEW_SECONDS = 30;

export type DeviceKeyAlgorithm = 'Ed25519' | 'ES256';
const DEVICE_KEY_BYTES: Record<DeviceKeyAlgorithm, number> = { Ed25519: 32, ES256: 65 };
const DEVICE_ALG_CODE: Record<DeviceKeyAlgorithm, number> = { Ed25519: 1, ES256: 2 };
const DEVICE_ALG_OF_CODE = new Map<number, DeviceKeyAlgorithm>([
  [1, 'Ed25519'],
  [2, 'ES256'],
]);

/** The card's facts the credential carries. The BHXH code and benefit level are parts of the card code. */
export interface CredentialCard {
  cardCode: string;
  fullName: string;
  birthDate: string;
  birthDatePrecision: 'day' | 'year';
  sex: 'male' | 'female';
  facilityCode: string;
  validFrom: string;
  validTo: string | null;
  fiveYearsDate: string | null;
}

export interface CredentialClaims extends CredentialCard {
  kid: string;
  /** Unix seconds. */
  issuedAt: number;
  expiresAt: number;
  deviceKey: { alg: DeviceKeyAlgorithm; publicKey: Uint8Array };
}

export type CredentialFailure =
  | 'malformed'
  | 'unsupported_version'
  | 'unknown_key'
  | 'credential_signature_invalid'
  | 'device_signature_invalid'
  | 'proof_expired'
  | 'proof_in_future'
  | 'credential_expired';

export type CredentialVerification =
  | {
      ok: true;
      claims: CredentialClaims;
      bhxhCode: string;
      benefitLevel: number;
      /** When the device signed (Unix seconds). */
      proofAt: number;
    }
  | { ok: false; reason: CredentialFailure; claims?: CredentialClaims };

/** Finds the agency's verification key by id: from the live JWKS online, from the cached copy offline. */
export type AgencyKeyResolver = (kid: string) => Promise<WebCryptoKey | null>;

// ---- Encoding ----

function dateNumber(date: string | null, precision: 'day' | 'year' = 'day'): number {
  if (date === null) return 0;
  const [y = '0', m = '0', d = '0'] = date.split('-');
  return precision === 'year' ? Number(y) * 10_000 : Number(y) * 10_000 + Number(m) * 100 + Number(d);
}

function dateOfNumber(value: number): string | null {
  if (value === 0) return null;
  const y = Math.floor(value / 10_000);
  const m = Math.floor(value / 100) % 100;
  const d = value % 100;
  return `${String(y).padStart(4, '0')}-${String(m || 1).padStart(2, '0')}-${String(d || 1).padStart(2, '0')}`;
}

class Writer {
  private readonly parts: number[] = [];
  byte(value: number) {
    this.parts.push(value & 0xff);
  }
  uint32(value: number) {
    this.parts.push((value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
  }
  bytes(values: Uint8Array) {
    for (const value of values) this.parts.push(value);
  }
  ascii(text: string, length: number) {
    if (text.length !== length || !/^[\x20-\x7e]*$/.test(text)) throw new Error(`Expected ${length} ASCII characters`);
    for (let i = 0; i < length; i++) this.parts.push(text.charCodeAt(i));
  }
  shortText(text: string) {
    const encoded = new TextEncoder().encode(text);
    if (encoded.length > 255) throw new Error('Text longer than 255 bytes');
    this.byte(encoded.length);
    this.bytes(encoded);
  }
  done(): Uint8Array<ArrayBuffer> {
    return Uint8Array.from(this.parts);
  }
}

class Reader {
  offset = 0;
  constructor(private readonly data: Uint8Array) {}
  private take(length: number): Uint8Array {
    if (this.offset + length > this.data.length) throw new RangeError('truncated');
    const slice = this.data.slice(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }
  byte(): number {
    return this.take(1)[0] ?? 0;
  }
  uint32(): number {
    const b = this.take(4);
    return (((b[0] ?? 0) << 24) >>> 0) + ((b[1] ?? 0) << 16) + ((b[2] ?? 0) << 8) + (b[3] ?? 0);
  }
  bytes(length: number): Uint8Array<ArrayBuffer> {
    return Uint8Array.from(this.take(length));
  }
  ascii(length: number): string {
    return String.fromCharCode(...this.take(length));
  }
  shortText(): string {
    return new TextDecoder('utf-8', { fatal: true }).decode(this.take(this.byte()));
  }
  get remaining(): number {
    return this.data.length - this.offset;
  }
}

/** The bytes the agency signs. */
export function encodeCredentialBody(claims: CredentialClaims): Uint8Array<ArrayBuffer> {
  const w = new Writer();
  w.byte(FORMAT_VERSION);
  w.shortText(claims.kid);
  w.ascii(claims.cardCode, 15);
  w.byte(claims.sex === 'male' ? 1 : 2);
  w.uint32(dateNumber(claims.birthDate, claims.birthDatePrecision));
  w.shortText(claims.fullName);
  w.ascii(claims.facilityCode, 5);
  w.uint32(dateNumber(claims.validFrom));
  w.uint32(dateNumber(claims.validTo));
  w.uint32(dateNumber(claims.fiveYearsDate));
  w.uint32(claims.issuedAt);
  w.uint32(claims.expiresAt);
  const expected = DEVICE_KEY_BYTES[claims.deviceKey.alg];
  if (claims.deviceKey.publicKey.length !== expected) throw new Error(`A ${claims.deviceKey.alg} key has ${expected} bytes`);
  w.byte(DEVICE_ALG_CODE[claims.deviceKey.alg]);
  w.bytes(claims.deviceKey.publicKey);
  return w.done();
}

function readCredentialBody(r: Reader): CredentialClaims | 'unsupported_version' {
  if (r.byte() !== FORMAT_VERSION) return 'unsupported_version';
  const kid = r.shortText();
  const cardCode = r.ascii(15);
  const sex = r.byte() === 1 ? 'male' : 'female';
  const birth = r.uint32();
  const birthDatePrecision = birth % 10_000 === 0 ? 'year' : 'day';
  const fullName = r.shortText();
  const facilityCode = r.ascii(5);
  const validFrom = dateOfNumber(r.uint32()) ?? '';
  const validTo = dateOfNumber(r.uint32());
  const fiveYearsDate = dateOfNumber(r.uint32());
  const issuedAt = r.uint32();
  const expiresAt = r.uint32();
  const alg = DEVICE_ALG_OF_CODE.get(r.byte());
  if (!alg) throw new RangeError('device key algorithm');
  const publicKey = r.bytes(DEVICE_KEY_BYTES[alg]);
  return {
    kid,
    cardCode,
    sex,
    birthDate: dateOfNumber(birth) ?? '',
    birthDatePrecision,
    fullName,
    facilityCode,
    validFrom,
    validTo,
    fiveYearsDate,
    issuedAt,
    expiresAt,
    deviceKey: { alg, publicKey },
  };
}

/** Reads a credential (body + agency signature) without verifying it: for the app to show what it holds. */
export function readCredential(credential: Uint8Array): CredentialClaims | null {
  try {
    const r = new Reader(credential);
    const claims = readCredentialBody(r);
    return typeof claims === 'string' || r.remaining !== SIGNATURE_BYTES ? null : claims;
  } catch {
    return null;
  }
}

// ---- Keys and signatures (WebCrypto: the same in Node 20+ and browsers) ----

const ED25519 = { name: 'Ed25519' } as const;
const ES256_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ES256_SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

function deviceAlgorithms(alg: DeviceKeyAlgorithm) {
  return alg === 'Ed25519' ? { key: ED25519, sign: ED25519 } : { key: ES256_KEY, sign: ES256_SIGN };
}

/** The agency signs a credential body; returns body | signature. */
export async function signCredential(claims: CredentialClaims, agencyKey: WebCryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  const body = encodeCredentialBody(claims);
  const signature = new Uint8Array(await crypto.subtle.sign(ED25519, agencyKey, body));
  const out = new Uint8Array(body.length + signature.length);
  out.set(body);
  out.set(signature, body.length);
  return out;
}

/** Creates the device's key pair: Ed25519 where the browser has it, P-256 otherwise. The private key never leaves. */
export async function generateDeviceKey(): Promise<{ alg: DeviceKeyAlgorithm; keyPair: WebCryptoKeyPair; publicKey: Uint8Array<ArrayBuffer> }> {
  for (const alg of ['Ed25519', 'ES256'] as const) {
    try {
      const keyPair = (await crypto.subtle.generateKey(deviceAlgorithms(alg).key, false, ['sign', 'verify'])) as WebCryptoKeyPair;
      const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', keyPair.publicKey));
      return { alg, keyPair, publicKey };
    } catch {
      // Older WebCrypto without Ed25519: fall through to P-256.
    }
  }
  throw new Error('This browser cannot create signing keys');
}

/** Checks a device public key has the right shape and imports; null when it is not a valid key. */
export async function importDevicePublicKey(alg: DeviceKeyAlgorithm, publicKey: Uint8Array<ArrayBuffer>): Promise<WebCryptoKey | null> {
  if (publicKey.length !== DEVICE_KEY_BYTES[alg]) return null;
  try {
    return await crypto.subtle.importKey('raw', publicKey, deviceAlgorithms(alg).key, false, ['verify']);
  } catch {
    return null;
  }
}

function proofMessage(agencySignature: Uint8Array, proofAt: number): Uint8Array<ArrayBuffer> {
  const w = new Writer();
  w.bytes(PROOF_CONTEXT);
  w.bytes(agencySignature);
  w.uint32(proofAt);
  return w.done();
}

/** The QR text: the credential plus the device's signature over the current time. */
export async function presentCredential(
  credential: Uint8Array,
  device: { alg: DeviceKeyAlgorithm; privateKey: WebCryptoKey },
  now: Date,
): Promise<string> {
  const proofAt = Math.floor(now.getTime() / 1000);
  const agencySignature = credential.slice(credential.length - SIGNATURE_BYTES);
  const signature = new Uint8Array(
    await crypto.subtle.sign(deviceAlgorithms(device.alg).sign, device.privateKey, proofMessage(agencySignature, proofAt)),
  );
  const w = new Writer();
  w.bytes(credential);
  w.uint32(proofAt);
  w.bytes(signature);
  return CARD_QR_PREFIX + encodeBase45(w.done());
}

/** Whether scanned text is one of our signed card QRs (as opposed to a printed card's QR or a typed number). */
export function isCardCredentialQr(text: string): boolean {
  return text.trim().startsWith(CARD_QR_PREFIX);
}

/** A card QR taken apart, its signatures not yet checked: nothing in it is to be believed before verifyPresentation. */
export interface CardPresentation {
  claims: CredentialClaims;
  body: Uint8Array<ArrayBuffer>;
  agencySignature: Uint8Array<ArrayBuffer>;
  proofAt: number;
  deviceSignature: Uint8Array<ArrayBuffer>;
}

/** Takes the QR text apart (base45, the credential's fields, the proof); no signature is checked here. */
export function readCardPresentation(
  text: string,
): { ok: true; presentation: CardPresentation } | { ok: false; reason: 'malformed' | 'unsupported_version' } {
  const trimmed = text.trim();
  if (!trimmed.startsWith(CARD_QR_PREFIX)) return { ok: false, reason: 'malformed' };
  const data = decodeBase45(trimmed.slice(CARD_QR_PREFIX.length));
  if (!data) return { ok: false, reason: 'malformed' };
  try {
    const r = new Reader(data);
    const claims = readCredentialBody(r);
    if (claims === 'unsupported_version') return { ok: false, reason: 'unsupported_version' };
    const body = data.slice(0, r.offset);
    const agencySignature = r.bytes(SIGNATURE_BYTES);
    const proofAt = r.uint32();
    const deviceSignature = r.bytes(SIGNATURE_BYTES);
    if (r.remaining !== 0) return { ok: false, reason: 'malformed' };
    return { ok: true, presentation: { claims, body, agencySignature, proofAt, deviceSignature } };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

export interface PresentationVerifierOptions {
  resolveKey: AgencyKeyResolver;
  now: Date;
  maxAgeSeconds?: number;
  /**
   * The issuer's own answer (an online check): whether these exact bytes, body and agency signature, are on record as
   * a credential the agency handed out. When they are, the signature is the agency's own and is not verified again;
   * when not (or on error), it is verified as usual. The key must be published either way.
   */
  issuedByAgency?: Promise<boolean>;
  /**
   * The device proof's check in the caller's own crypto (a server's, synchronous), over the same inputs as WebCrypto's
   * verify: the device key's raw bytes as the credential binds them, the signature (IEEE P1363 for ES256), the message.
   * Without it the key is imported and the signature verified with WebCrypto.
   */
  verifyDeviceSignature?: (alg: DeviceKeyAlgorithm, publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array) => boolean;
}

/**
 * Verifies the QR text: agency signature with a known key, device signature with the key the credential binds, and
 * the proof's age. Each failure has its own reason so the desk can say what is wrong.
 */
export async function verifyCardPresentation(text: string, options: PresentationVerifierOptions): Promise<CredentialVerification> {
  const read = readCardPresentation(text);
  return read.ok ? verifyPresentation(read.presentation, options) : read;
}

/** verifyCardPresentation's checks on a QR already taken apart by readCardPresentation. */
export async function verifyPresentation(presentation: CardPresentation, options: PresentationVerifierOptions): Promise<CredentialVerification> {
  const { claims, body, agencySignature, proofAt, deviceSignature } = presentation;
  const issuedByAgency = (options.issuedByAgency ?? Promise.resolve(false)).catch(() => false);
  const agencyKey = await options.resolveKey(claims.kid);
  if (!agencyKey) return { ok: false, reason: 'unknown_key', claims };
  // Both signatures are checked at once (WebCrypto runs each off the caller's thread, so a browser waits for one
  // verify rather than two in turn); the device key is only trusted once the agency's signature over it holds.
  const agencySigned = issuedByAgency.then((issued) => issued || crypto.subtle.verify(ED25519, agencyKey, agencySignature, body));
  const message = proofMessage(agencySignature, proofAt);
  const { alg, publicKey } = claims.deviceKey;
  let deviceSigned: Promise<boolean>;
  if (options.verifyDeviceSignature) deviceSigned = Promise.resolve(options.verifyDeviceSignature(alg, publicKey, deviceSignature, message));
  else {
    const deviceKey = await importDevicePublicKey(alg, Uint8Array.from(publicKey));
    deviceSigned = deviceKey ? crypto.subtle.verify(deviceAlgorithms(alg).sign, deviceKey, deviceSignature, message) : Promise.resolve(false);
  }
  const [agencyValid, deviceValid] = await Promise.all([agencySigned, deviceSigned]);
  if (!agencyValid) return { ok: false, reason: 'credential_signature_invalid' };
  if (!deviceValid) return { ok: false, reason: 'device_signature_invalid', claims };

  const nowSeconds = Math.floor(options.now.getTime() / 1000);
  if (proofAt > nowSeconds + PROOF_MAX_FUTURE_SECONDS) return { ok: false, reason: 'proof_in_future', claims };
  if (nowSeconds - proofAt > (options.maxAgeSeconds ?? PROOF_MAX_AGE_SECONDS)) return { ok: false, reason: 'proof_expired', claims };
  if (nowSeconds > claims.expiresAt) return { ok: false, reason: 'credential_expired', claims };

  return {
    ok: true,
    claims,
    bhxhCode: claims.cardCode.slice(5),
    benefitLevel: Number(claims.cardCode[2]),
    proofAt,
  };
}

// ---- Agency keys as a JWKS ----

export interface AgencyJwk {
  kty: string;
  crv?: string;
  x?: string;
  kid: string;
}

/** A resolver over a JWKS (live or cached); imports each key once. */
export function keyResolverFromJwks(jwks: { keys: readonly AgencyJwk[] }): AgencyKeyResolver {
  const imported = new Map<string, Promise<WebCryptoKey | null>>();
  return (kid) => {
    let key = imported.get(kid);
    if (!key) {
      const jwk = jwks.keys.find((k) => k.kid === kid && k.kty === 'OKP' && k.crv === 'Ed25519');
      key = jwk
        ? crypto.subtle
            .importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, ED25519, false, ['verify'])
            .catch(() => null)
        : Promise.resolve(null);
      imported.set(kid, key);
    }
    return key;
  };
}

// ---- base64url for the API (the credential travels as base64url in JSON) ----

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}
