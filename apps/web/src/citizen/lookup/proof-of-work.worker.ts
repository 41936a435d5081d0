// Finds the proof of work of a BHXH-code look-up off the main thread, so the page stays responsive on a cheap phone.
// Only the proof-of-work module: the worker stays a few kilobytes.
import { proofProgress, solveProofOfWork } from '@vssid/shared/proof-of-work';

export interface SolveRequest {
  challenge: string;
  difficulty: number;
}

export type SolveMessage = { type: 'progress'; share: number } | { type: 'solved'; nonce: string } | { type: 'failed' };

const sha256 = async (data: Uint8Array<ArrayBuffer>) => new Uint8Array(await crypto.subtle.digest('SHA-256', data));

addEventListener('message', (event: MessageEvent<SolveRequest>) => {
  const { challenge, difficulty } = event.data;
  const report = (message: SolveMessage) => postMessage(message);
  solveProofOfWork(challenge, difficulty, sha256, {
    onProgress: (attempts) => report({ type: 'progress', share: proofProgress(attempts, difficulty) }),
  }).then(
    (nonce) => report({ type: 'solved', nonce }),
    () => report({ type: 'failed' }),
  );
});
