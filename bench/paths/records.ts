// Reads of one's own records with a bearer token: the card (person + current card with its facility and agency), and
// the BHXH participation periods with their totals (distinct months over every period, arrears per fund). Tokens of
// 40 signed-in bench accounts rotate over the requests; an access token lives 10 minutes, longer than any run.
import type { HotPath, PathContext } from '../lib/types.ts';
import { bearerTokens, expectOk } from './http.ts';

/** A GET with the tokens of `logins` (by default 40 of the bench accounts) in turn. */
export function readPath(
  name: string,
  description: string,
  path: string,
  logins: (context: PathContext) => string[] = (context) => context.accounts.logins.slice(0, 40),
): HotPath {
  return {
    name,
    description,
    baseline: 'fastify-pk-select',
    async prepare(context) {
      const tokens = await bearerTokens(context.baseUrl, logins(context), context.password, 'citizen');
      await expectOk(fetch(`${context.baseUrl}${path}`, { headers: { authorization: tokens[0] ?? '' } }), name);
      let next = 0;
      return {
        requests: [{ method: 'GET', path, setupRequest: (request) => ({ ...request, headers: { authorization: tokens[next++ % tokens.length] ?? '' } }) }],
      };
    },
  };
}

export const profileCard = readPath(
  'profile-card',
  'GET /api/v1/people/me/card: session check, person, current card with facility and agency',
  '/api/v1/people/me/card',
);

export const participationHistory = readPath(
  'participation-history',
  'GET /api/v1/people/me/participation/periods?scheme=bhxh: periods page + count + distinct-month totals',
  '/api/v1/people/me/participation/periods?scheme=bhxh&pageSize=100',
);
