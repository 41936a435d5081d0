import { proofProgress, solveProofOfWork } from '@vssid/shared';
import type { ChallengeSolver } from '../../api/lookup.ts';
import type { SolveMessage } from './proof-of-work.worker.ts';

/** Thrown when this browser cannot hash (no Web Crypto outside a secure context): the page says so. */
export class SolverUnavailableError extends Error {
  override readonly name = 'SolverUnavailableError';
}

/** Progress is reported every batch; a repaint per batch is plenty. */
const MAIN_THREAD_BATCH = 256;

/** In a Web Worker (the page stays responsive); on the main thread where workers are missing. */
export const solveChallenge: ChallengeSolver = (issued, onProgress, signal) => {
  if (!globalThis.crypto?.subtle) return Promise.reject(new SolverUnavailableError('Web Crypto is not available'));
  if (typeof Worker === 'undefined') {
    const sha256 = async (data: Uint8Array<ArrayBuffer>) => new Uint8Array(await crypto.subtle.digest('SHA-256', data));
    return solveProofOfWork(issued.challenge, issued.difficulty, sha256, {
      signal,
      batchSize: MAIN_THREAD_BATCH,
      onProgress: (attempts) => onProgress(proofProgress(attempts, issued.difficulty)),
    });
  }
  return new Promise<string>((resolve, reject) => {
    const worker = new Worker(new URL('./proof-of-work.worker.ts', import.meta.url), { type: 'module' });
    const stop = () => worker.terminate();
    signal.addEventListener('abort', () => {
      stop();
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    });
    worker.addEventListener('message', (event: MessageEvent<SolveMessage>) => {
      const message = event.data;
      if (message.type === 'progress') onProgress(message.share);
      else {
        stop();
        if (message.type === 'solved') resolve(message.nonce);
        else reject(new SolverUnavailableError('the worker could not hash'));
      }
    });
    worker.addEventListener('error', () => {
      stop();
      reject(new SolverUnavailableError('the worker did not start'));
    });
    worker.postMessage({ challenge: issued.challenge, difficulty: issued.difficulty });
  });
};
