import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase45, encodeBase45 } from './base45.ts';
import {
  CARD_QR_PREFIX,
  type CredentialClaims,
  encodeCredentialBody,
  fromBase64Url,
  generateDeviceKey,
  keyResolverFromJwks,
  presentCredential,
  readCredential,
  signCredential,
  toBase64Url,
  verifyCardPresentation,
} from './card-credential.ts';

async function agencyKey(kid: string) {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']));
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { kid, privateKey: pair.privateKey, jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x ?? '', kid } };
}

const NOW = new Date('2026-11-23T02:12:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

async function claimsFor(kid: string, device: { alg: 'Ed25519' | 'ES256'; publicKey: Uint8Array }): Promise<CredentialClaims> {
  return {
    kid,
    cardCode: 'DN4010120878837',
    fullName: 'Trần Thị Đào',
    birthDate: '1988-03-07',
    birthDatePrecision: 'day',
    sex: 'female',
    facilityCode: '01C54',
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    fiveYearsDate: '2027-10-01',
    issuedAt: nowSeconds - 3600,
    expiresAt: nowSeconds + 30 * 86_400,
    deviceKey: device,
  };
}

async function setup(alg: 'Ed25519' | 'ES256' = 'Ed25519') {
  const agency = await agencyKey('card-2026-11');
  const device =
    alg === 'Ed25519'
      ? await generateDeviceKey()
      : await (async () => {
          const keyPair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']));
          return { alg, keyPair, publicKey: new Uint8Array(await crypto.subtle.exportKey('raw', keyPair.publicKey)) };
        })();
  const claims = await claimsFor(agency.kid, { alg: device.alg, publicKey: device.publicKey });
  const credential = await signCredential(claims, agency.privateKey);
  const resolveKey = keyResolverFromJwks({ keys: [agency.jwk] });
  return { agency, device, claims, credential, resolveKey };
}

/** Vietnamese letters (precomposed and combining), plain ASCII, separators and a few wide characters. */
const nameCharacter = fc.constantFrom(
  ...'AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYaăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ',
  ' ', '-', "'", '|', '$', '\u0301', '中', '한', '😀',
);

describe('base45', () => {
  it('round-trips any bytes and uses only QR alphanumeric characters', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = encodeBase45(bytes);
        expect(text).toMatch(/^[0-9A-Z $%*+\-./:]*$/);
        expect(decodeBase45(text)).toEqual(bytes);
      }),
    );
  });

  it('matches the RFC 9285 examples and refuses invalid text', () => {
    expect(encodeBase45(new TextEncoder().encode('AB'))).toBe('BB8');
    expect(encodeBase45(new TextEncoder().encode('Hello!!'))).toBe('%69 VD92EX0');
    expect(new TextDecoder().decode(decodeBase45('QED8WEX0') ?? new Uint8Array())).toBe('ietf!');
    expect(decodeBase45('GGW')).toBeNull(); // 65536: out of range
    expect(decodeBase45('A')).toBeNull();
    expect(decodeBase45('ab')).toBeNull();
    expect(decodeBase45('::')).toBeNull(); // a two-character tail above 255
    expect(decodeBase45('BBa')).toBeNull(); // a bad character in a chunk's third place
    expect(decodeBase45('BBĐ')).toBeNull(); // outside ASCII
    expect(decodeBase45('BB\u007f')).toBeNull();
    expect(decodeBase45('')).toEqual(new Uint8Array());
  });
});

describe('card credential', () => {
  it('verifies a fresh presentation and returns the card facts', async () => {
    const { device, claims, credential, resolveKey } = await setup();
    const qr = await presentCredential(credential, { alg: device.alg, privateKey: device.keyPair.privateKey }, NOW);
    expect(qr.startsWith(CARD_QR_PREFIX)).toBe(true);
    expect(qr).toMatch(/^[0-9A-Z $%*+\-./:]*$/); // all QR alphanumeric mode
    const result = await verifyCardPresentation(qr, { resolveKey, now: new Date(NOW.getTime() + 90_000) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.bhxhCode).toBe('0120878837');
    expect(result.benefitLevel).toBe(4);
    expect(result.claims.fullName).toBe(claims.fullName);
    expect(result.claims.validTo).toBe('2026-12-31');
  });

  it('also works with a P-256 device key (browsers without Ed25519)', async () => {
    const { device, credential, resolveKey } = await setup('ES256');
    const qr = await presentCredential(credential, { alg: 'ES256', privateKey: device.keyPair.privateKey }, NOW);
    expect((await verifyCardPresentation(qr, { resolveKey, now: NOW })).ok).toBe(true);
  });

  it('rejects a proof older than two minutes, but not one at exactly two minutes', async () => {
    const { device, credential, resolveKey } = await setup();
    const qr = await presentCredential(credential, { alg: device.alg, privateKey: device.keyPair.privateKey }, NOW);
    const at = (seconds: number) => verifyCardPresentation(qr, { resolveKey, now: new Date(NOW.getTime() + seconds * 1000) });
    expect((await at(120)).ok).toBe(true);
    expect(await at(121)).toMatchObject({ ok: false, reason: 'proof_expired' });
    expect(await at(-31)).toMatchObject({ ok: false, reason: 'proof_in_future' });
  });

  it('rejects a changed byte in the signed facts', async () => {
    const { device, credential, resolveKey } = await setup();
    const tampered = Uint8Array.from(credential);
    const nameAt = new TextDecoder('latin1').decode(tampered).indexOf('Tr');
    tampered[nameAt] = 'B'.charCodeAt(0);
    const qr = await presentCredential(tampered, { alg: device.alg, privateKey: device.keyPair.privateKey }, NOW);
    expect(await verifyCardPresentation(qr, { resolveKey, now: NOW })).toMatchObject({ ok: false, reason: 'credential_signature_invalid' });
  });

  it("checks the device proof with the caller's own verifier when given one, over WebCrypto's inputs", async () => {
    const { device, credential, resolveKey } = await setup();
    const signer = { alg: device.alg, privateKey: device.keyPair.privateKey };
    const qr = await presentCredential(credential, signer, NOW);
    const calls: Array<{ alg: string; publicKey: Uint8Array; signature: Uint8Array; message: Uint8Array }> = [];
    const answering = (answer: boolean) => (alg: string, publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array) => {
      calls.push({ alg, publicKey, signature, message });
      return answer;
    };
    expect(await verifyCardPresentation(qr, { resolveKey, now: NOW, verifyDeviceSignature: answering(true) })).toMatchObject({ ok: true });
    const [call] = calls;
    expect(call?.alg).toBe(device.alg);
    expect(Array.from(call?.publicKey ?? [])).toEqual(Array.from(device.publicKey));
    // What the caller is handed is what WebCrypto would verify: the real signature over the real message holds.
    const key = await crypto.subtle.importKey('raw', Uint8Array.from(call?.publicKey ?? []), { name: 'Ed25519' }, false, ['verify']);
    expect(await crypto.subtle.verify('Ed25519', key, Uint8Array.from(call?.signature ?? []), Uint8Array.from(call?.message ?? []))).toBe(true);
    expect(await verifyCardPresentation(qr, { resolveKey, now: NOW, verifyDeviceSignature: answering(false) })).toMatchObject({
      ok: false,
      reason: 'device_signature_invalid',
    });
    // The agency signature is still verified: the caller's verifier only replaces the device proof's.
    const tampered = Uint8Array.from(credential);
    tampered[new TextDecoder('latin1').decode(tampered).indexOf('Tr')] = 'B'.charCodeAt(0);
    const forged = await presentCredential(tampered, signer, NOW);
    expect(await verifyCardPresentation(forged, { resolveKey, now: NOW, verifyDeviceSignature: answering(true) })).toMatchObject({
      ok: false,
      reason: 'credential_signature_invalid',
    });
  });

  it("takes the issuer's record of a credential for its agency signature, but still checks the key, the device and the age", async () => {
    const { device, credential, resolveKey } = await setup();
    const signer = { alg: device.alg, privateKey: device.keyPair.privateKey };
    // Bytes whose agency signature does not hold: only the record vouches for them.
    const unsigned = Uint8Array.from(credential);
    unsigned[unsigned.length - 1] = (unsigned[unsigned.length - 1] ?? 0) ^ 1;
    const qr = await presentCredential(unsigned, signer, NOW);
    expect(await verifyCardPresentation(qr, { resolveKey, now: NOW, issuedByAgency: Promise.resolve(true) })).toMatchObject({ ok: true });
    // Not on record, or the record could not be read: the signature is verified.
    expect(await verifyCardPresentation(qr, { resolveKey, now: NOW, issuedByAgency: Promise.resolve(false) })).toMatchObject({
      ok: false,
      reason: 'credential_signature_invalid',
    });
    expect(await verifyCardPresentation(qr, { resolveKey, now: NOW, issuedByAgency: Promise.reject(new Error('read failed')) })).toMatchObject({
      ok: false,
      reason: 'credential_signature_invalid',
    });
    const onRecord = { now: NOW, issuedByAgency: Promise.resolve(true) };
    const withdrawn = keyResolverFromJwks({ keys: [] });
    expect(await verifyCardPresentation(qr, { ...onRecord, resolveKey: withdrawn })).toMatchObject({ ok: false, reason: 'unknown_key' });
    const thief = await generateDeviceKey();
    const stolen = await presentCredential(unsigned, { alg: thief.alg, privateKey: thief.keyPair.privateKey }, NOW);
    expect(await verifyCardPresentation(stolen, { ...onRecord, resolveKey })).toMatchObject({ ok: false, reason: 'device_signature_invalid' });
    const old = await presentCredential(unsigned, signer, new Date(NOW.getTime() - 3 * 60_000));
    expect(await verifyCardPresentation(old, { ...onRecord, resolveKey })).toMatchObject({ ok: false, reason: 'proof_expired' });
  });

  it('rejects a credential signed by a key the verifier does not know', async () => {
    const { device, credential } = await setup();
    const other = await agencyKey('card-2026-11');
    const qr = await presentCredential(credential, { alg: device.alg, privateKey: device.keyPair.privateKey }, NOW);
    const unknownKid = keyResolverFromJwks({ keys: [{ ...other.jwk, kid: 'other' }] });
    expect(await verifyCardPresentation(qr, { resolveKey: unknownKid, now: NOW })).toMatchObject({ ok: false, reason: 'unknown_key' });
    // Same kid, different key material: a forged credential.
    const forged = keyResolverFromJwks({ keys: [other.jwk] });
    expect(await verifyCardPresentation(qr, { resolveKey: forged, now: NOW })).toMatchObject({
      ok: false,
      reason: 'credential_signature_invalid',
    });
  });

  it('rejects a presentation signed by another device than the one the credential binds', async () => {
    const { credential, resolveKey } = await setup();
    const thief = await generateDeviceKey();
    const qr = await presentCredential(credential, { alg: thief.alg, privateKey: thief.keyPair.privateKey }, NOW);
    expect(await verifyCardPresentation(qr, { resolveKey, now: NOW })).toMatchObject({ ok: false, reason: 'device_signature_invalid' });
  });

  it('rejects an expired credential and garbage', async () => {
    const { device, credential, resolveKey, claims } = await setup();
    const qr = await presentCredential(credential, { alg: device.alg, privateKey: device.keyPair.privateKey }, new Date((claims.expiresAt + 10) * 1000));
    expect(await verifyCardPresentation(qr, { resolveKey, now: new Date((claims.expiresAt + 20) * 1000) })).toMatchObject({
      ok: false,
      reason: 'credential_expired',
    });
    expect(await verifyCardPresentation('VC1:AAAA', { resolveKey, now: NOW })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(await verifyCardPresentation('HS4010120878837|...', { resolveKey, now: NOW })).toMatchObject({ ok: false, reason: 'malformed' });
    const truncated = qr.slice(0, -3);
    expect(await verifyCardPresentation(truncated, { resolveKey, now: NOW })).toMatchObject({ ok: false });
  });

  it('stays small enough for a QR version 12 at error correction M (419 alphanumeric characters)', async () => {
    const { device, credential } = await setup();
    const qr = await presentCredential(credential, { alg: device.alg, privateKey: device.keyPair.privateKey }, NOW);
    expect(qr.length).toBeLessThanOrEqual(419);
  });

  it('encodes and reads back any card facts (property)', async () => {
    const device = await generateDeviceKey();
    const letters = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    const day = fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.record({
          object: fc.tuple(letters, letters).map(([a, b]) => a + b),
          level: fc.integer({ min: 1, max: 5 }),
          code: fc.integer({ min: 0, max: 999_999_999 }).map((n) => String(n).padStart(12, '0')),
          fullName: fc.string({ unit: nameCharacter, minLength: 1, maxLength: 40 }),
          birth: day,
          precision: fc.constantFrom('day' as const, 'year' as const),
          sex: fc.constantFrom('male' as const, 'female' as const),
          validTo: fc.option(day, { nil: null }),
          fiveYears: fc.option(day, { nil: null }),
        }),
        (input) => {
          const claims: CredentialClaims = {
            kid: 'k1',
            cardCode: `${input.object}${input.level}${input.code}`,
            fullName: input.fullName,
            birthDate: input.precision === 'year' ? `${input.birth.slice(0, 4)}-01-01` : input.birth,
            birthDatePrecision: input.precision,
            sex: input.sex,
            facilityCode: '79024',
            validFrom: input.birth,
            validTo: input.validTo,
            fiveYearsDate: input.fiveYears,
            issuedAt: 1_700_000_000,
            expiresAt: 1_800_000_000,
            deviceKey: { alg: device.alg, publicKey: device.publicKey },
          };
          const body = encodeCredentialBody(claims);
          const withSignature = new Uint8Array(body.length + 64);
          withSignature.set(body);
          expect(readCredential(withSignature)).toEqual(claims);
        },
      ),
    );
  });

  it('carries credentials as base64url', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
    expect(fromBase64Url('not base64!')).toBeNull();
  });
});
