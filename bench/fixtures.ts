// Citizen accounts with a known password for the sign-in and refresh paths, written straight into the database: going
// through registration (form 01, OTP, officer approval) for thousands of accounts would measure something else. One
// argon2id hash, made with the server's own parameters, serves every account, so each verify costs what a real one
// does.
import type { Database } from '../apps/server/src/db/connection.ts';
import { queryRows } from '../apps/server/src/db/seed/query.ts';
import { hashPassword } from '../apps/server/src/platform/passwords.ts';

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
