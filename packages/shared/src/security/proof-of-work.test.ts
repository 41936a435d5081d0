import { describe, expect, it } from 'vitest';
import { leadingZeroBits, proofInput, proofProgress, solveProofOfWork } from './proof-of-work.ts';

// The browser's hash (Web Crypto), which Node has too.
const sha256 = async (data: Uint8Array<ArrayBuffer>) => new Uint8Array(await crypto.subtle.digest('SHA-256', data));

describe('proof of work', () => {
  it('counts leading zero bits across bytes', () => {
    expect(leadingZeroBits(new Uint8Array([0xff]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0x01, 0xff]))).toBe(7);
    expect(leadingZeroBits(new Uint8Array([0x00, 0x10]))).toBe(11);
    expect(leadingZeroBits(new Uint8Array([0x00, 0x00]))).toBe(16);
  });

  it('finds a nonce whose hash has the required zero bits, and reports progress on the way', async () => {
    const progress: number[] = [];
    const nonce = await solveProofOfWork('v1.test-challenge', 10, sha256, { onProgress: (n) => progress.push(n) });
    expect(leadingZeroBits(await sha256(proofInput('v1.test-challenge', nonce)))).toBeGreaterThanOrEqual(10);
    expect(progress.every((n, i) => i === 0 || n > (progress[i - 1] ?? 0))).toBe(true);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('left the page'));
    await expect(solveProofOfWork('x', 30, sha256, { signal: controller.signal })).rejects.toThrow('left the page');
  });

  it('shows progress that grows towards 1 without reaching it', () => {
    expect(proofProgress(0, 16)).toBe(0);
    expect(proofProgress(2 ** 16, 16)).toBeCloseTo(0.632, 2);
    expect(proofProgress(2 ** 20, 16)).toBeLessThan(1);
  });
});
