/**
 * Proof of work for the public BHXH-code look-up: after a few look-ups from one address the server hands out a signed
 * challenge with a difficulty k, and the client must find a nonce such that sha256(challenge + nonce) starts with k
 * zero bits. One look-up then costs a phone a second or two and a scraper millions of hashes — no third-party captcha.
 * Pure code: the hash function is passed in (node:crypto on the server, crypto.subtle in the browser).
 */

/** Number of leading zero bits of a hash. */
export function leadingZeroBits(bytes: Uint8Array): number {
  let bits = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** The bytes that are hashed: the challenge string followed by the nonce, UTF-8. */
export function proofInput(challenge: string, nonce: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(challenge + nonce);
}

export type Sha256 = (data: Uint8Array<ArrayBuffer>) => Promise<Uint8Array> | Uint8Array;

export interface SolveOptions {
  /** Called now and then with the number of nonces tried so far. */
  onProgress?: (attempts: number) => void;
  signal?: AbortSignal;
  /** Hashes started together (crypto.subtle is asynchronous: a batch keeps it busy). */
  batchSize?: number;
}

/** Tries nonces 0, 1, 2… (in base 36) until one meets the difficulty; about 2^difficulty tries on average. */
export async function solveProofOfWork(
  challenge: string,
  difficulty: number,
  sha256: Sha256,
  options: SolveOptions = {},
): Promise<string> {
  const batchSize = options.batchSize ?? 64;
  for (let start = 0; ; start += batchSize) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
    const nonces = Array.from({ length: batchSize }, (_, offset) => (start + offset).toString(36));
    const hashes = await Promise.all(nonces.map(async (nonce) => sha256(proofInput(challenge, nonce))));
    const found = hashes.findIndex((hash) => leadingZeroBits(hash) >= difficulty);
    if (found >= 0) return nonces[found] ?? '';
    options.onProgress?.(start + batchSize);
  }
}

/** A share of the expected work done, for a progress bar: approaches 1 without reaching it (the search is random). */
export function proofProgress(attempts: number, difficulty: number): number {
  return 1 - Math.exp(-attempts / 2 ** difficulty);
}
