// The device proof's check with node:crypto (verifyDeviceSignature) against what a phone makes with WebCrypto: both
// key kinds the app creates, a signature or message changed by one bit, another device's key, keys that are no key.
import { describe, expect, it } from 'vitest';
import type { WebCryptoKeyPair } from '@vssid/shared';
import { verifyDeviceSignature } from './card-keys.ts';

const message = new TextEncoder().encode('vssid card proof: agency signature and time');

async function deviceSignature(alg: 'Ed25519' | 'ES256') {
  const algorithm = alg === 'Ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256' };
  const signing = alg === 'Ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
  const keyPair = (await crypto.subtle.generateKey(algorithm, false, ['sign', 'verify'])) as WebCryptoKeyPair;
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', keyPair.publicKey));
  const signature = new Uint8Array(await crypto.subtle.sign(signing, keyPair.privateKey, message));
  return { publicKey, signature };
}

function flipped(bytes: Uint8Array, index: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[index] = (copy[index] ?? 0) ^ 1;
  return copy;
}

describe('verifyDeviceSignature', () => {
  for (const alg of ['Ed25519', 'ES256'] as const) {
    it(`accepts a ${alg} proof made with WebCrypto and refuses any change to it`, async () => {
      const { publicKey, signature } = await deviceSignature(alg);
      expect(verifyDeviceSignature(alg, publicKey, signature, message)).toBe(true);
      expect(verifyDeviceSignature(alg, publicKey, flipped(signature, 5), message)).toBe(false);
      expect(verifyDeviceSignature(alg, publicKey, signature, flipped(message, 0))).toBe(false);
      const other = await deviceSignature(alg);
      expect(verifyDeviceSignature(alg, other.publicKey, signature, message)).toBe(false);
      // A view into a larger buffer reads only its own bytes (the credential's key sits inside the QR's bytes).
      const framed = new Uint8Array(publicKey.length + 7);
      framed.set(publicKey, 3);
      expect(verifyDeviceSignature(alg, framed.subarray(3, 3 + publicKey.length), signature, message)).toBe(true);
    });
  }

  it('verifies nothing with a key that is no key: wrong length, not a point on the curve, the other algorithm', async () => {
    const ed = await deviceSignature('Ed25519');
    const ec = await deviceSignature('ES256');
    expect(verifyDeviceSignature('Ed25519', ed.publicKey.subarray(0, 31), ed.signature, message)).toBe(false);
    expect(verifyDeviceSignature('ES256', ec.publicKey.subarray(0, 64), ec.signature, message)).toBe(false);
    expect(verifyDeviceSignature('ES256', flipped(ec.publicKey, 40), ec.signature, message)).toBe(false);
    expect(verifyDeviceSignature('ES256', new Uint8Array(65), ec.signature, message)).toBe(false);
    expect(verifyDeviceSignature('ES256', ed.publicKey, ed.signature, message)).toBe(false);
  });
});
