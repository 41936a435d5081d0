// Sign-in with a BHXH code and password: account look-up, argon2id verify, session insert, audit row, access token.
// Logins rotate over the bench accounts (bench/fixtures.ts), so no account sees enough traffic to matter; every
// password is right, so the lockout never triggers.
import type { HotPath } from '../lib/types.ts';
import { expectOk, json } from './http.ts';

export const signIn: HotPath = {
  name: 'sign-in',
  description: 'POST /api/v1/sessions (citizen, password): account row, argon2id verify, session + audit inserts, token',
  baseline: 'argon2-verify',
  async prepare({ baseUrl, accounts, password }) {
    const body = (login: string) => JSON.stringify({ login, password, area: 'citizen' });
    await expectOk(fetch(`${baseUrl}/api/v1/sessions`, { method: 'POST', headers: json, body: body(accounts.logins[0] ?? '') }), 'sign-in');
    let next = 0;
    return {
      requests: [
        {
          method: 'POST',
          path: '/api/v1/sessions',
          headers: json,
          setupRequest: (request) => ({ ...request, body: body(accounts.logins[next++ % accounts.logins.length] ?? '') }),
        },
      ],
    };
  },
};
