// Filing a public-service dossier: POST /api/v1/dossiers with a fresh Idempotency-Key per request. A book reissue
// (lost: no photo, no record check) for every filer, and a card reissue (lost: no photo; the service checks the card
// in force) for those with a card: the kinds that need no upload. Underneath: one read of all a filing needs (the
// account and person, the idempotency look-up, the open-dossier check, the provincial agency, the holiday calendar
// for the due date), then one statement with the filings that arrive while one commits (per-agency numbers, dossier,
// event, notification, audit), and the answer made from what was written.
//
// A person may have one open dossier per kind (409 DOSSIER_PENDING), so every (filer, kind) pair is filed once per
// run, and the run stops when the pairs are spent (autocannon's maxOverallRequests) rather than answer 409: with
// 3,000 filers that is ~5,700 dossiers a run (~6 s at the fifteenth round's rates, whatever --duration says). Before
// each run the dossiers of the previous one are withdrawn through the server's withdrawal route (the state machine's
// event, notification and audit entry, as a citizen would); the fixtures withdraw what an interrupted bench left open
// (bench/fixtures.ts). Never measured: signing the filers in
// (once per bench, their tokens renewed by a refresh), the withdrawals, the probe.
import { randomBytes } from 'node:crypto';
import type { HotPath, PathContext } from '../lib/types.ts';
import { cookieValue, expectOk, json } from './http.ts';

const COOKIE = 'vssid_refresh';
/** Access tokens live 10 minutes; older than this they are renewed before a run. */
const RENEW_AFTER_MS = 5 * 60_000;
/** Preparation requests in flight (sign-ins: argon2 runs on libuv's 4 threads). */
const PARALLEL = 4;

interface Session {
  login: string;
  cardInForce: boolean;
  authorization: string;
  cookie: string;
  renewedAt: number;
}

// Kept across the runs of one bench, by login: signing 3,000 filers in is 3,000 argon2 verifies.
const sessions = new Map<string, Session>();
/** Dossiers filed since the last withdrawal. */
let filed: Array<{ login: string; id: number }> = [];
/** Filers whose last request got no answer before a run stopped: the server may have filed it all the same. */
const unanswered = new Set<string>();

async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

async function sessionFrom(response: Response, base: Pick<Session, 'login' | 'cardInForce'>): Promise<Session> {
  const cookie = cookieValue(response.headers.getSetCookie(), COOKIE);
  if (!cookie) throw new Error(`dossier-submit: no refresh cookie for ${base.login}`);
  const { accessToken } = (await response.json()) as { accessToken: string };
  return { login: base.login, cardInForce: base.cardInForce, authorization: `Bearer ${accessToken}`, cookie, renewedAt: Date.now() };
}

/** Signs the filers in on the first run; later, renews the tokens that are getting old (a refresh, no argon2). */
async function freshSessions(context: PathContext): Promise<Session[]> {
  const { baseUrl } = context;
  await inParallel(context.dossierFilers, async (filer) => {
    const known = sessions.get(filer.login);
    if (known && Date.now() - known.renewedAt < RENEW_AFTER_MS) return;
    const response = await expectOk(
      known
        ? fetch(`${baseUrl}/api/v1/sessions/refresh`, { method: 'POST', headers: { cookie: `${COOKIE}=${known.cookie}` } })
        : fetch(`${baseUrl}/api/v1/sessions`, {
            method: 'POST',
            headers: json,
            body: JSON.stringify({ login: filer.login, password: context.password, area: 'citizen' }),
          }),
      `dossier-submit: ${known ? 'refresh' : 'sign-in'} of ${filer.login}`,
    );
    sessions.set(filer.login, await sessionFrom(response, filer));
  });
  return context.dossierFilers.map((filer) => {
    const session = sessions.get(filer.login);
    if (!session) throw new Error(`dossier-submit: no session for ${filer.login}`);
    return session;
  });
}

function authorizationOf(login: string): string {
  return sessions.get(login)?.authorization ?? '';
}

async function withdraw(baseUrl: string, entries: ReadonlyArray<{ login: string; id: number }>): Promise<void> {
  await inParallel(entries, async ({ login, id }) => {
    await expectOk(
      fetch(`${baseUrl}/api/v1/dossiers/${id}/withdrawal`, {
        method: 'POST',
        headers: { ...json, authorization: authorizationOf(login) },
        body: JSON.stringify({ note: 'bench: withdrawn before the next run' }),
      }),
      `dossier-submit: withdrawal of dossier ${id}`,
    );
  });
}

/** The open dossiers of filers whose last request went unanswered (at most one per connection per run). */
async function unansweredDossiers(baseUrl: string): Promise<Array<{ login: string; id: number }>> {
  const found: Array<{ login: string; id: number }> = [];
  for (const login of unanswered) {
    const response = await expectOk(
      fetch(`${baseUrl}/api/v1/dossiers?status=submitted&pageSize=100`, { headers: { authorization: authorizationOf(login) } }),
      `dossier-submit: dossiers of ${login}`,
    );
    const { items } = (await response.json()) as { items: Array<{ id: number }> };
    for (const item of items) found.push({ login, id: item.id });
  }
  unanswered.clear();
  return found;
}

const BOOK_REISSUE = JSON.stringify({ type: 'book_reissue', form: { reason: 'lost', delivery: 'at_agency' } });
const CARD_REISSUE = JSON.stringify({ type: 'card_reissue', form: { reason: 'lost' } });

/** The new dossier's id, from a 201's body (the detail starts with it). */
function dossierId(body: string): number | undefined {
  const match = /"id":(\d+)/.exec(body);
  return match ? Number(match[1]) : undefined;
}

export const dossierSubmit: HotPath = {
  name: 'dossier-submit',
  description:
    'POST /api/v1/dossiers (book or card reissue, lost: no upload), a new Idempotency-Key each: checks, numbered insert + event + notification + audit; each filer × kind once a run',
  baseline: 'fastify-pk-select',
  async prepare(context) {
    const { baseUrl } = context;
    const current = await freshSessions(context);
    await withdraw(baseUrl, filed);
    filed = [];
    // Listed after those withdrawals (so only the unknown ones are still submitted), by which time the server has long
    // finished whatever the last run left in flight.
    await withdraw(baseUrl, await unansweredDossiers(baseUrl));

    // Book reissues first, then card reissues: the same account comes back only after every other one.
    const pairs = [
      ...current.map((session) => ({ session, body: BOOK_REISSUE })),
      ...current.filter((session) => session.cardInForce).map((session) => ({ session, body: CARD_REISSUE })),
    ];
    const run = randomBytes(6).toString('base64url');
    let key = 0;
    const headers = (session: Session) => ({ ...json, authorization: session.authorization, 'idempotency-key': `bench-${run}-${key++}` });

    const [probe] = pairs;
    if (!probe) throw new Error('dossier-submit: no filer');
    const answer = await fetch(`${baseUrl}/api/v1/dossiers`, { method: 'POST', headers: headers(probe.session), body: probe.body });
    const probeBody = await answer.text();
    const probeId = dossierId(probeBody);
    if (answer.status !== 201 || probeId === undefined) throw new Error(`dossier-submit: the probe answered ${answer.status}, not 201: ${probeBody.slice(0, 500)}`);
    // Withdrawn at once, so the run has every pair.
    await withdraw(baseUrl, [{ login: probe.session.login, id: probeId }]);

    // One request in flight per connection: the context of a response is the one its request was set up with.
    const sessionOf = new WeakMap<object, Session>();
    let next = 0;
    return {
      requests: [
        {
          method: 'POST',
          path: '/api/v1/dossiers',
          setupRequest: (request, requestContext) => {
            const pair = pairs[next++ % pairs.length] ?? probe;
            sessionOf.set(requestContext, pair.session);
            unanswered.add(pair.session.login);
            return { ...request, headers: headers(pair.session), body: pair.body };
          },
          onResponse: (status, body, requestContext) => {
            const session = sessionOf.get(requestContext);
            const id = status === 201 ? dossierId(body) : undefined;
            if (!session) return;
            unanswered.delete(session.login);
            if (id !== undefined) filed.push({ login: session.login, id });
          },
        },
      ],
      // Every pair once: past that every answer would be 409 DOSSIER_PENDING.
      maxOverallRequests: pairs.length,
      // autocannon notices the end of the pool at its next sample: every 0.1 s instead of 1 s, so an early end does not
      // count up to a second of idling in the run's duration (and rate).
      sampleInt: 100,
    };
  },
};
