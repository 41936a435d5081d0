// The public BHXH-code look-up over HTTP: POST /api/v1/bhxh-code-lookups with a real person's province, full name and
// birth date (bench/fixtures.ts), each carrying a solved proof of work. Underneath: the province, the look-up window
// counts of the caller's address and network, the proof (signature, expiry, network, zero bits), the look-up query
// (bench/lookup-plan.ts times it alone), then a transaction with the look-up log row (single use of the challenge)
// and an audit row per person shown.
//
// From one address the route allows 5 free look-ups, then a proof each, and 30 in 10 minutes at most (429 after):
// no sustained load from 127.0.0.1. So the bench server runs as deployed behind a load balancer (TRUST_PROXY, see
// bench/run.ts) and every look-up comes from an address of its own (X-Forwarded-For, each in its own /24), the way
// many citizens each looking themselves up arrive; the look-up limits stay at their production defaults. What this
// measures: a look-up with a proof from a client that has made none before (window counts of ~0 rows). What it
// skips: the client's work at the production difficulty — the bench server asks for 8 bits instead of 16
// (LOOKUP_CHALLENGE_BITS, bench only; the server's check is one sha256 whatever the bits) — and the throttled
// answers (428 without a proof, 429 past the limits). The challenges are fetched and solved before the run, one per
// look-up (a challenge is valid for 5 minutes and for one look-up), enough for POOL_RATE look-ups a second; a server
// faster than that ends the run early when the pool is spent (autocannon's maxOverallRequests), never reuses one.
import { createHash } from 'node:crypto';
import { leadingZeroBits, proofInput } from '@vssid/shared';
import type { HotPath } from '../lib/types.ts';
import { expectOk, json } from './http.ts';

/** Look-ups a second the pool of solved challenges is made for. */
const POOL_RATE = 500;
const PARALLEL = 8;

// Across the runs of one bench: every look-up from a new address, the people in turn.
let clients = 0;
let subjects = 0;

/** The n-th client's address, alone in its /24 (the network the limits count): 10.0.0.1, 10.0.1.1 … 10.255.255.1, 11.0.0.1 … */
export function clientAddress(n: number): string {
  return `${10 + Math.floor(n / 65_536)}.${(n >> 8) & 255}.${n & 255}.1`;
}

/** The nonce the app would find: sha256(challenge + nonce) with `difficulty` leading zero bits. */
function solve(challenge: string, difficulty: number): string {
  for (let attempt = 0; ; attempt++) {
    const nonce = attempt.toString(36);
    if (leadingZeroBits(createHash('sha256').update(proofInput(challenge, nonce)).digest()) >= difficulty) return nonce;
  }
}

interface LookUp {
  address: string;
  body: string;
  fullName: string;
}

export const bhxhCodeLookupHttp: HotPath = {
  name: 'bhxh-code-lookup-http',
  description:
    'POST /api/v1/bhxh-code-lookups (province + name + birth date of a real person, a solved proof each, one client address each): window counts, proof, query, log + audit (one statement, shared with the look-ups arriving meanwhile)',
  baseline: 'fastify-pk-select',
  async prepare(context) {
    const { baseUrl, lookupSubjects } = context;
    const size = Math.ceil(context.runSeconds * POOL_RATE) + 1;
    const pool: LookUp[] = [];
    let next = 0;
    const worker = async () => {
      while (next < size) {
        next++;
        const address = clientAddress(clients++);
        const subject = lookupSubjects[subjects++ % lookupSubjects.length];
        if (!subject) throw new Error('bhxh-code-lookup-http: nobody to look up');
        const answer = await expectOk(
          fetch(`${baseUrl}/api/v1/bhxh-code-lookups/challenges`, { method: 'POST', headers: { 'x-forwarded-for': address } }),
          'bhxh-code-lookup-http: challenge',
        );
        const { challenge, difficulty } = (await answer.json()) as { challenge: string; difficulty: number };
        const proof = { challenge, nonce: solve(challenge, difficulty) };
        pool.push({ address, fullName: subject.fullName, body: JSON.stringify({ ...subject, proof }) });
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));

    const probe = pool.pop();
    if (!probe) throw new Error('bhxh-code-lookup-http: no look-up prepared');
    const answer = await expectOk(
      fetch(`${baseUrl}/api/v1/bhxh-code-lookups`, { method: 'POST', headers: { ...json, 'x-forwarded-for': probe.address }, body: probe.body }),
      'bhxh-code-lookup-http',
    );
    const { items } = (await answer.json()) as { items: Array<{ fullName: string }> };
    if (!items.some((item) => item.fullName === probe.fullName)) throw new Error(`bhxh-code-lookup-http: the probe did not find ${probe.fullName}`);

    let taken = 0;
    return {
      requests: [
        {
          method: 'POST',
          path: '/api/v1/bhxh-code-lookups',
          setupRequest: (request) => {
            const lookUp = pool[taken++ % pool.length] ?? probe;
            return { ...request, headers: { ...json, 'x-forwarded-for': lookUp.address }, body: lookUp.body };
          },
        },
      ],
      // Each challenge pays for one look-up: the run ends when the pool is spent.
      maxOverallRequests: pool.length,
      // autocannon notices the end of the pool at its next sample: every 0.1 s instead of 1 s, so an early end does not
      // count up to a second of idling in the run's duration (and rate).
      sampleInt: 100,
    };
  },
};
