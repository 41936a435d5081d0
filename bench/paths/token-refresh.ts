// Refresh: the rotating refresh cookie buys a new access token and a new cookie (session row read, account read,
// session update, token). Each request must carry the cookie of the previous answer for that session, so sessions
// circulate through a queue: a request takes one, its answer puts the rotated cookie back. A connection has one
// request in flight, so no session is ever used twice at once (which the server would treat as token theft).
import type { HotPath } from '../lib/types.ts';
import { cookieValue, expectOk, json } from './http.ts';

const COOKIE = 'vssid_refresh';

export const tokenRefresh: HotPath = {
  name: 'token-refresh',
  description: 'POST /api/v1/sessions/refresh with the rotating cookie: the session rotated with its account (one statement, shared with the refreshes arriving meanwhile), token',
  baseline: 'fastify-pk-select',
  async prepare({ baseUrl, accounts, password }) {
    // Twice the connections, signed in afresh for every run: cookies in flight when a run stops are lost.
    const sessions = Math.min(accounts.logins.length, 40);
    const queue: string[] = [];
    for (let i = 0; i < sessions; i++) {
      const login = accounts.logins[accounts.logins.length - 1 - i] ?? '';
      const response = await expectOk(
        fetch(`${baseUrl}/api/v1/sessions`, { method: 'POST', headers: json, body: JSON.stringify({ login, password, area: 'citizen' }) }),
        'sign-in for refresh',
      );
      const cookie = cookieValue(response.headers.getSetCookie(), COOKIE);
      if (!cookie) throw new Error('sign-in answered without a refresh cookie');
      queue.push(cookie);
    }
    return {
      requests: [
        {
          method: 'POST',
          path: '/api/v1/sessions/refresh',
          setupRequest: (request) => {
            const cookie = queue.shift();
            // An empty queue sends no cookie: the 401 shows up in the non-2xx column instead of stalling the run.
            return { ...request, headers: cookie ? { cookie: `${COOKIE}=${cookie}` } : {} };
          },
          onResponse: (_status, _body, _context, headers) => {
            const cookie = cookieValue(headers?.['set-cookie'], COOKIE);
            if (cookie) queue.push(cookie);
          },
        },
      ],
    };
  },
};
