// Citizen accounts with a known password for the sign-in and refresh paths, written straight into the database: going
// through registration (form 01, OTP, officer approval) for thousands of accounts would measure something else. One
// argon2id hash, made with the server's own parameters, serves every account, so each verify costs what a real one
// does. Then the card-check fixtures: facility desk accounts, card holders, and app credentials signed by the server's
// own code; and those of the later paths: people with 30 years of records, dossier filers, people to look up.
import { type DeviceKeyAlgorithm, fromBase64Url, generateDeviceKey, toBase64Url, type WebCryptoKey } from '@vssid/shared';
import type { Database } from '../apps/server/src/db/connection.ts';
import { queryRows } from '../apps/server/src/db/seed/query.ts';
import { cardInForce } from '../apps/server/src/modules/dossiers/repo.ts';
import { withdrawDossier } from '../apps/server/src/modules/dossiers/service.ts';
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

/** The server's services as the bench server has them (its AUTH_SECRET): for fixtures made by the server's own code. */
function benchServices(database: Database) {
  return createServices(
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
 * checks (the next ones of the data set each time); and app credentials for up to `credentialCount` bench citizens,
 * issued by the server's own code (`issueCredential`, the card keyring sealed with BENCH_AUTH_SECRET) to device keys
 * made here. Idempotent: desks, staff rows and quotas are upserts; the bench citizens' earlier credentials are replaced.
 */
export async function ensureCardCheckFixtures(
  database: Database,
  options: { passwordHash: string; citizens: readonly string[]; deskCount: number; holderCount: number; credentialCount: number },
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
  // Each bench takes the next holders of the data set (then starts over at the end), and enough of them that one bench
  // checks each only a few times: a check reads the holder's checks of the last 4 hours (the two-facility flag), so
  // holders checked hundreds of times a day — by every run, or every earlier bench — would make each run slower than
  // the last, and measure a person nobody is (a real one is checked a few times a day). Keyset, not OFFSET: the
  // rounds walk the whole data set.
  const holderQuery = (afterId: number) =>
    queryRows<{ id: string; card_code: string; personal_id: string; full_name: string; birth_date: string; precision: string }>(
      database,
      `select p.id, card.card_code, p.personal_id, p.full_name, p.birth_date::text as birth_date, p.birth_date_precision as precision
         from people p ${currentActiveCard} and p.personal_id is not null and p.id > $2
        order by p.id limit $1`,
      [options.holderCount, afterId],
    );
  let holderRows = await holderQuery((await storedFixture<number>(database, 'holdersAfterId')) ?? 0);
  if (holderRows.length < options.holderCount) holderRows = await holderQuery(0);
  await storeFixture(database, 'holdersAfterId', Number(holderRows.at(-1)?.id ?? 0));
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
    [options.citizens, options.credentialCount],
  );
  await queryRows(database, `delete from card_credentials where account_id = any($1::bigint[])`, [citizens.map((c) => c.account_id)]);
  const services = benchServices(database);
  // Fifty at a time: each is a person read, a card read, an agency signature and a credential insert.
  const credentials: AppCredential[] = [];
  for (let start = 0; start < citizens.length; start += 50) {
    const batch = citizens.slice(start, start + 50).map(async (citizen): Promise<AppCredential> => {
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

// ---- What the later paths need: long histories, dossier filers, people to look up ----

/** Fixtures computed once per data set are kept beside the password hash (a reused data set does not recompute). */
async function storedFixture<T>(database: Database, field: string): Promise<T | undefined> {
  const [row] = await queryRows<{ value: T | null }>(database, `select value->($2::text) as value from app_meta where key = $1`, [FIXTURES_KEY, field]);
  return row?.value ?? undefined;
}

async function storeFixture(database: Database, field: string, value: unknown): Promise<void> {
  await queryRows(database, `update app_meta set value = value || jsonb_build_object($2::text, $3::jsonb) where key = $1`, [
    FIXTURES_KEY,
    field,
    JSON.stringify(value),
  ]);
}

/** A person who has a bench account already, or who can get one (a phone no other citizen account uses). */
const benchAccountPossible = `
  (exists (select 1 from accounts a where a.person_id = p.id and a.role = 'citizen' and a.password_hash = $1)
   or (p.phone is not null and not exists (select 1 from accounts a
         where a.person_id = p.id or a.login = p.bhxh_code or (a.role = 'citizen' and a.phone = p.phone))))`;

/** Gives each of these people a citizen account with the bench password, unless they have one. */
async function insertBenchAccounts(database: Database, passwordHash: string, personIds: readonly number[]): Promise<void> {
  await queryRows(
    database,
    `insert into accounts (role, login, person_id, display_name, phone, password_hash, must_change_password, password_changed_at)
     select 'citizen', p.bhxh_code, p.id, p.full_name, p.phone, $1, false, now()
       from people p
      where p.id = any($2::bigint[]) and p.phone is not null and not exists (select 1 from accounts a where a.person_id = p.id)
     on conflict do nothing`,
    [passwordHash, personIds],
  );
}

/** 30 years of BHXH months: the issue's long-history read. */
export const LONG_HISTORY_MONTHS = 360;

export interface LongHistories {
  /** Logins (BENCH_PASSWORD) of people with the longest BHXH histories of the data set. */
  logins: string[];
  /** Distinct BHXH months (compulsory + voluntary, as the app totals them) of the shortest and longest of them. */
  minMonths: number;
  maxMonths: number;
}

/**
 * Makes sure `count` people with ≥ LONG_HISTORY_MONTHS months of BHXH participation have a citizen account with the
 * bench password; on a data set with fewer, the longest histories there are. The people are chosen once per data set
 * (stored in app_meta): on 1M people the first `count` by id are found by walking people in id order through
 * participation_person_idx; only a data set with fewer such people ranks everyone.
 */
export async function ensureLongHistoryAccounts(database: Database, options: { passwordHash: string; count: number }): Promise<LongHistories> {
  const field = 'longHistoryPeople';
  let personIds = await storedFixture<number[]>(database, field);
  if (!personIds) {
    // Months of a period, both ends the first of a month, inclusive. Compulsory periods of one person do not overlap
    // (one job at a time, split by rate and arrears) and voluntary ones follow them, so the sum is the distinct months.
    const bhxhMonths = `coalesce((select sum((extract(year from pp.to_month) - extract(year from pp.from_month)) * 12
                                             + extract(month from pp.to_month) - extract(month from pp.from_month) + 1)
                                    from participation_periods pp
                                   where pp.person_id = p.id and pp.scheme in ('bhxh_compulsory', 'bhxh_voluntary')), 0)`;
    // 30 years of work started at 18 at the earliest.
    const oldEnough = `p.birth_date <= (current_date - interval '48 years')::date`;
    const found = await queryRows<{ id: string }>(
      database,
      `select p.id from people p where ${oldEnough} and ${benchAccountPossible} and ${bhxhMonths} >= $3 order by p.id limit $2`,
      [options.passwordHash, options.count, LONG_HISTORY_MONTHS],
    );
    const ranked =
      found.length >= options.count
        ? found
        : await queryRows<{ id: string }>(
            database,
            `select p.id from people p where ${benchAccountPossible} order by ${bhxhMonths} desc, p.id limit $2`,
            [options.passwordHash, options.count],
          );
    personIds = ranked.map((row) => Number(row.id));
    await storeFixture(database, field, personIds);
  }
  await insertBenchAccounts(database, options.passwordHash, personIds);
  // Counted the way the app counts them (distinct calendar months), longest first.
  const rows = await queryRows<{ login: string; months: string }>(
    database,
    `select a.login, coalesce(h.months, 0)::text as months
       from accounts a
       left join lateral (select count(distinct m) as months from participation_periods pp
                            cross join lateral generate_series(pp.from_month, pp.to_month, interval '1 month') m
                           where pp.person_id = a.person_id and pp.scheme like 'bhxh_%') h on true
      where a.person_id = any($2::bigint[]) and a.password_hash = $1 and a.role = 'citizen'
      order by 2::int desc, a.login`,
    [options.passwordHash, personIds],
  );
  const months = rows.map((row) => Number(row.months));
  return { logins: rows.map((row) => row.login), minMonths: Math.min(...months), maxMonths: Math.max(...months) };
}

export interface DossierFiler {
  login: string;
  /** A card reissue needs a card in force (the service's own check); a book reissue needs nothing. */
  cardInForce: boolean;
}

/**
 * Citizen accounts with the bench password that file dossiers in the dossier-submit path: new accounts for people
 * without one, topped up with the other bench accounts on a small data set; chosen once per data set (app_meta), and
 * added to when a bench wants more than were chosen.
 * Their dossiers still open from an earlier bench (one that stopped mid-run) are withdrawn here by the server's own
 * withdrawal, so every submission in the first run can be accepted.
 */
export async function ensureDossierFilers(
  database: Database,
  options: { passwordHash: string; count: number },
): Promise<{ filers: DossierFiler[]; withdrawn: number }> {
  const field = 'dossierAccounts';
  const stored = (await storedFixture<number[]>(database, field)) ?? [];
  let accountIds = stored;
  // Chosen once per data set; a bench that wants more filers than an earlier one chose adds them after those.
  if (stored.length < options.count) {
    const created = await queryRows<{ id: string }>(
      database,
      `insert into accounts (role, login, person_id, display_name, phone, password_hash, must_change_password, password_changed_at)
       select 'citizen', p.bhxh_code, p.id, p.full_name, p.phone, $1, false, now()
         from people p
        where p.phone is not null
          and p.birth_date <= (current_date - interval '18 years')::date
          and not exists (select 1 from accounts a
                           where a.person_id = p.id or a.login = p.bhxh_code or (a.role = 'citizen' and a.phone = p.phone))
        order by p.id
        limit $2
       on conflict do nothing
       returning id`,
      [options.passwordHash, options.count - stored.length],
    );
    const ids = [...stored, ...created.map((row) => Number(row.id))];
    const others = await queryRows<{ id: string }>(
      database,
      `select id from accounts where password_hash = $1 and role = 'citizen' and person_id is not null and id <> all($2::bigint[])
        order by id desc limit $3`,
      [options.passwordHash, ids, Math.max(0, options.count - ids.length)],
    );
    accountIds = [...ids, ...others.map((row) => Number(row.id))];
    await storeFixture(database, field, accountIds);
  }
  const services = benchServices(database);
  const open = await queryRows<{ id: string; account_id: string; person_id: string }>(
    database,
    `select id, account_id, person_id from dossiers where account_id = any($1::bigint[]) and status not in ('approved', 'rejected', 'withdrawn')`,
    [accountIds],
  );
  for (const dossier of open) {
    const principal = {
      accountId: Number(dossier.account_id),
      role: 'citizen' as const,
      sessionId: 'bench-fixtures',
      passwordChangeRequired: false,
      personId: Number(dossier.person_id),
    };
    await withdrawDossier(database.db, services, principal, Number(dossier.id), 'bench: closed before the next run', 'bench-fixtures');
  }
  const accounts = await queryRows<{ login: string; person_id: string }>(
    database,
    `select login, person_id from accounts where id = any($1::bigint[]) and status = 'active' order by id`,
    [accountIds],
  );
  const filers: DossierFiler[] = [];
  for (const account of accounts) filers.push({ login: account.login, cardInForce: (await cardInForce(database.db, Number(account.person_id))) !== undefined });
  return { filers, withdrawn: open.length };
}

export interface LookupSubject {
  /** The 2025 province the person lives in. */
  province: string;
  fullName: string;
  /** dd-mm-yyyy, as the look-up form takes it. */
  birthDate: string;
}

/** People with a full birth date, spread over the data set by id, to look up by province + name + birth date. */
export async function lookupSubjects(database: Database, options: { people: number; count: number }): Promise<LookupSubject[]> {
  const rows = await queryRows<{ province_code: string; full_name: string; birth_date: string }>(
    database,
    `select province_code, full_name, to_char(birth_date, 'DD-MM-YYYY') as birth_date from people
      where birth_date_precision <> 'year' and id % $2 = 0 order by id limit $1`,
    [options.count, Math.max(1, Math.floor(options.people / options.count))],
  );
  return rows.map((row) => ({ province: row.province_code, fullName: row.full_name, birthDate: row.birth_date }));
}
