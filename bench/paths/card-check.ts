// Card checks at the facility desk: POST /api/v1/facility/checks from 20 signed-in desk accounts, each answered
// with the result code and the card facts, and each leaving its traces (the check row, the card holder's access-ledger
// entry, a notification when the holder has an account). Every holder is always checked at the same desk (fixtures),
// so no check raises the two-facility flag; the facilities' daily quota is raised by the fixtures and the per-minute
// limit by the server's environment (bench/run.ts).
import { presentCredential } from '@vssid/shared';
import type { HotPath, PathContext } from '../lib/types.ts';
import { bearerTokens, expectOk, json } from './http.ts';

interface Check {
  desk: number;
  body: string;
}

function checkPath(name: string, description: string, checks: (context: PathContext) => Promise<Check[]>): HotPath {
  return {
    name,
    description,
    baseline: 'fastify-pk-select',
    async prepare(context) {
      // The desks' tokens, in the order of CardCheckFixtures.desks.
      const tokens = await bearerTokens(context.baseUrl, context.cardChecks.desks, context.password, 'facility');
      const all = await checks(context);
      const first = all[0];
      if (!first) throw new Error(`${name}: no card to check`);
      const answer = await expectOk(
        fetch(`${context.baseUrl}/api/v1/facility/checks`, {
          method: 'POST',
          headers: { ...json, authorization: tokens[first.desk] ?? '' },
          body: first.body,
        }),
        name,
      );
      const { resultCode } = (await answer.json()) as { resultCode: string };
      // A valid card ('000') is the work to measure: the flags, the card facts and the portrait are looked up then.
      if (resultCode !== '000') throw new Error(`${name}: the first check answered ${resultCode}, not 000`);
      let next = 0;
      return {
        requests: [
          {
            method: 'POST',
            path: '/api/v1/facility/checks',
            setupRequest: (request) => {
              const check = all[next++ % all.length] ?? first;
              return { ...request, headers: { ...json, authorization: tokens[check.desk] ?? '' }, body: check.body };
            },
          },
        ],
      };
    },
  };
}

export const cardCheckQr = checkPath(
  'card-check-qr',
  'POST /api/v1/facility/checks with an app QR: credential + device signatures, card, person, flags, check + ledger + notification',
  // The device proof is valid for 2 minutes: made afresh before every run, as the app renews it every 30 s.
  async ({ cardChecks }) => {
    const now = new Date();
    return Promise.all(
      cardChecks.credentials.map(async ({ desk, credential, device }) => ({
        desk,
        body: JSON.stringify({ input: await presentCredential(credential, device, now) }),
      })),
    );
  },
);

export const cardCheckCardNumber = checkPath(
  'card-check-card-number',
  'POST /api/v1/facility/checks with a typed card code + name + birth date: card, person, current card, flags, check + ledger',
  async ({ cardChecks }) =>
    cardChecks.holders.map((h) => ({ desk: h.desk, body: JSON.stringify({ input: h.cardCode, fullName: h.fullName, birthDate: h.birthDate }) })),
);

export const cardCheckPersonalId = checkPath(
  'card-check-personal-id',
  'POST /api/v1/facility/checks with a typed personal ID + name + birth date: person, current card, flags, check + ledger',
  async ({ cardChecks }) =>
    cardChecks.holders.map((h) => ({ desk: h.desk, body: JSON.stringify({ input: h.personalId, fullName: h.fullName, birthDate: h.birthDate }) })),
);
