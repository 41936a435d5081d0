// Citizen accounts with a known password for the sign-in and refresh paths, written straight into the database: going
// through registration (form 01, OTP, officer approval) for thousands of accounts would measure something else. One
// argon2id hash, made with the server's own parameters, serves every account, so each verify costs what a real one
// does. Then the card-check fixtures: facility desk accounts, card holders, and app credentials signed by the server's
// own code.
import { type DeviceKeyAlgorithm, fromBase64Url, generateDeviceKey, toBase64Url, type WebCryptoKey } from '@vssid/shared';
import type { Database } from '../apps/server/src/db/connection.ts';
import { queryRows } from '../apps/server/src/db/seed/query.ts';
import { issueCredential } from '../apps/server/src/modules/people/service.ts';
import { hashPassword } from '../apps/server/src/platform/passwords.ts';
import { createServices } from '../apps/server/src/platform/services.ts';

export const BENCH_PASSWORD = 'Bench@2026-vssid';

/** app_meta key holding the hash, so a reused data set keeps its accounts (and other people's accounts are never used). */
const FIXTURES_KEY = 'bench_fixtures';

export interface BenchAccounts {
  /** Logins (BHXH codes) that sign in with BENCH_PASSWORD. */
  logins: string[];
  passwordHash: string;
}

async function benchPasswordHash(database: Database): Promise<string> {
  const [stored] = await queryRows<{ hash: string }>(database, `select value->>'passwordHash' as hash from app_meta where key = $1`, [
    FIXTURES_KEY,
  ]);
  if (stored?.hash) return stored.hash;
  const hash = await hashPassword(BENCH_PASSWORD);
  await queryRows(database, `insert into app_meta (key, value) values ($1, $2::jsonb)`, [FIXTURES_KEY, JSON.stringify({ passwordHash: hash })]);
  return hash;
}

/**
 * Makes sure `count` adults of the data set have an active citizen account with BENCH_PASSWORD (fewer when the data
 * set has fewer adults with a phone). People who already have an account, or whose phone another citizen uses, are
 * skipped. Lockouts and password age are reset, so every run starts alike.
 */
export async function ensureBenchAccounts(database: Database, count: number): Promise<BenchAccounts> {
  const passwordHash = await benchPasswordHash(database);
  await queryRows(
    database,
    `insert into accounts (role, login, person_id, display_name, phone, password_hash, must_change_password, password_changed_at)
     select 'citizen', p.bhxh_code, p.id, p.full_name, p.phone, $1, false, now()
       from people p
      where p.phone is not null
        and p.birth_date <= (current_date - interval '18 years')::date
        and not exists (select 1 from accounts a
                         where a.person_id = p.id or a.login = p.bhxh_code or (a.role = 'citizen' and a.phone = p.phone))
      order by p.id
      limit greatest(0, $2::int - (select count(*) from accounts where password_hash = $1))
     on conflict do nothing`,
    [passwordHash, count],
  );
  await queryRows(
    database,
    `update accounts set failed_sign_ins = 0, locked_until = null, status = 'active', password_changed_at = now()
      where password_hash = $1`,
    [passwordHash],
  );
  const rows = await queryRows<{ login: string }>(
    database,
    `select login from accounts where password_hash = $1 and role = 'citizen' order by id limit $2`,
    [passwordHash, count],
  );
  return { logins: rows.map((r) => r.login), passwordHash };
}

// ---- Card checks at the facility desk ----

/** The server's AUTH_SECRET in the bench (bench/run.ts): the card-signing key the fixtures create is sealed with it,
 *  so the server under test signs and verifies with the same key. Never used in service. */
export const BENCH_AUTH_SECRET = 'bench-only-secret-never-used-in-service-0001';

const DESK_LOGIN_PREFIX = 'bench.desk.';
/** A daily quota no bench day reaches: over quota every check would add a flag (the production default is 3,000). */
const BENCH_DAILY_CHECK_QUOTA = 1_000_000_000;

export interface CardHolder {
  /** Index into CardCheckFixtures.desks: a person is always checked at the same desk (no two-facility flags). */
  desk: number;
  cardCode: string;
  personalId: string;
  fullName: string;
  /** dd/mm/yyyy, or yyyy for a year-only birth record, as a desk types it. */
  birthDate: string;
}

export interface AppCredential {
  desk: number;
  /** The agency-signed credential as the app holds it (POST /people/me/card/credential). */
  credential: Uint8Array;
  device: { alg: DeviceKeyAlgorithm; privateKey: WebCryptoKey };
}

export interface CardCheckFixtures {
  /** Logins of the desk accounts (BENCH_PASSWORD, area `facility`), one per facility. */
  desks: string[];
  /** People with a personal ID and a current, active, valid card: the typed card-number and personal-ID checks. */
  holders: CardHolder[];
  /** Credentials of bench citizens with a current, active card: the signed-QR check (the proof is made per run). */
  credentials: AppCredential[];
}

/**
 * Desk accounts (role `facility`, on the facility's registered staff list, so checks get past 054) at `deskCount`
 * round-the-clock facilities, whose daily quota is raised for the bench; `holderCount` card holders for the typed
 * checks; and app credentials for up to `holderCount` bench citizens, issued by the server's own code
 * (`issueCredential`, the card keyring sealed with BENCH_AUTH_SECRET) to device keys made here. Idempotent: desks,
 * staff rows and quotas are upserts; the bench citizens' earlier credentials are replaced.
 */
export async function ensureCardCheckFixtures(
  database: Database,
  options: { passwordHash: string; citizens: readonly string[]; deskCount: number; holderCount: number },
): Promise<CardCheckFixtures> {
  const facilities = await queryRows<{ code: string; name: string }>(
    database,
    `select code, name from facilities where opening_hours is null order by code limit $1`,
    [options.deskCount],
  );
  const desks: string[] = [];
  for (const [index, facility] of facilities.entries()) {
    const login = `${DESK_LOGIN_PREFIX}${String(index + 1).padStart(2, '0')}`;
    const [account] = await queryRows<{ id: string }>(
      database,
      `insert into accounts (role, login, facility_code, display_name, phone, password_hash, must_change_password, password_changed_at)
       values ('facility', $1, $2, $3, '0240000000', $4, false, now())
       on conflict (login) do update set facility_code = excluded.facility_code, password_hash = excluded.password_hash,
         status = 'active', failed_sign_ins = 0, locked_until = null, password_changed_at = now()
       returning id`,
      [login, facility.code, `Quầy tiếp đón ${index + 1}`, options.passwordHash],
    );
    const personalId = `0990000000${String(index + 1).padStart(2, '0')}`;
    await queryRows(database, `delete from facility_staff where account_id = $1 and facility_code <> $2`, [account?.id, facility.code]);
    await queryRows(
      database,
      `insert into facility_staff (facility_code, personal_id, full_name, account_id, active) values ($1, $2, $3, $4, true)
       on conflict (facility_code, personal_id) do update set account_id = excluded.account_id, active = true`,
      [facility.code, personalId, `Nhân viên tiếp đón ${index + 1}`, account?.id],
    );
    desks.push(login);
  }
  await queryRows(database, `update facilities set daily_check_quota = $2 where code = any($1::text[])`, [
    facilities.map((f) => f.code),
    BENCH_DAILY_CHECK_QUOTA,
  ]);
  if (desks.length === 0) throw new Error('The data set has no round-the-clock facility for the desk accounts.');

  // The current card of a person is the newest by validity start (as the check reads it).
  const currentActiveCard = `
    join lateral (select c.card_code, c.status, c.valid_from, c.valid_to from bhyt_cards c
                   where c.person_id = p.id order by c.valid_from desc, c.id desc limit 1) card on true
   where card.status = 'active' and card.valid_from <= current_date and (card.valid_to is null or card.valid_to >= current_date)`;
  const holderRows = await queryRows<{ id: string; card_code: string; personal_id: string; full_name: string; birth_date: string; precision: string }>(
    database,
    `select p.id, card.card_code, p.personal_id, p.full_name, p.birth_date::text as birth_date, p.birth_date_precision as precision
       from people p ${currentActiveCard} and p.personal_id is not null
      order by p.id limit $1`,
    [options.holderCount],
  );
  const deskOf = (personId: number) => personId % desks.length;
  const holders = holderRows.map((row) => {
    const [year = '', month = '', day = ''] = row.birth_date.split('-');
    return {
      desk: deskOf(Number(row.id)),
      cardCode: row.card_code,
      personalId: row.personal_id,
      fullName: row.full_name,
      birthDate: row.precision === 'year' ? year : `${day}/${month}/${year}`,
    };
  });

  const citizens = await queryRows<{ person_id: string; account_id: string }>(
    database,
    `select p.id as person_id, a.id as account_id from accounts a join people p on p.id = a.person_id ${currentActiveCard}
        and a.login = any($1::text[]) order by a.id limit $2`,
    [options.citizens, options.holderCount],
  );
  await queryRows(database, `delete from card_credentials where account_id = any($1::bigint[])`, [citizens.map((c) => c.account_id)]);
  const services = createServices(
    {
      env: 'production',
      authSecret: BENCH_AUTH_SECRET,
      dataDir: 'memory://',
      filesDir: 'memory://',
      sms: { adapter: 'outbox' },
      populationRegistry: { adapter: 'local', url: undefined, token: undefined },
    },
    database,
  );
  // Ten at a time, as the app would ask for them: each is a person read, a card read and a credential insert.
  const credentials: AppCredential[] = [];
  for (let start = 0; start < citizens.length; start += 10) {
    const batch = citizens.slice(start, start + 10).map(async (citizen): Promise<AppCredential> => {
      const device = await generateDeviceKey();
      const issued = await issueCredential(
        database.db,
        services,
        { personId: Number(citizen.person_id), reader: null, requestId: 'bench-fixtures' },
        { deviceKey: { alg: device.alg, publicKey: toBase64Url(device.publicKey) } },
      );
      const credential = fromBase64Url(issued.credential);
      if (!credential) throw new Error('issueCredential answered an unreadable credential');
      return { desk: deskOf(Number(citizen.person_id)), credential, device: { alg: device.alg, privateKey: device.keyPair.privateKey } };
    });
    credentials.push(...(await Promise.all(batch)));
  }
  return { desks, holders, credentials };
}
