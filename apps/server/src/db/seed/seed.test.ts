import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../connection.ts';
import { createTestDatabase, type Driver, testDrivers } from '../../test/database.ts';
import { readAdminUnits } from './admin-units.ts';
import { DATA_AS_OF, demoPeople, holdsData, isSeeded, resetDatabase, seedDatabase, type SeedReport } from './index.ts';
import { GIVEN_NAMES, MIDDLE_NAMES, SURNAMES } from './names.ts';
import { COLUMNS, createPopulationContext, generateBlocks, generateChunkData, type PopulationTable } from './population.ts';
import { checkForeignKeys, copyLine, copyText, plainCopyLine } from './copy.ts';
import { buildDeferredIndexes, dropDeferrableIndexes, pendingIndexes } from './indexes.ts';
import { queryRows } from './query.ts';
import { buildReference } from './reference.ts';

const SEED = 'seed-test';
const PEOPLE = 300;

const count = async (database: Database, text: string, params: unknown[] = []) => {
  const [row] = await queryRows<{ n: number | string }>(database, text, params);
  return Number(row?.n ?? 0);
};

/** The retirement-age roadmap of DOMAIN-FACTS §4.2, encoded here independently of rules.ts. */
function retirementReached(birthDate: string, sex: string): string {
  const target = (year: number) => {
    if (sex === 'male') return year < 2021 ? 720 : Math.min(744, [723, 726, 729, 732, 735, 738, 741][year - 2021] ?? 744);
    return year < 2021 ? 660 : Math.min(720, 660 + 4 * (year - 2020));
  };
  const by = Number(birthDate.slice(0, 4));
  const bm = Number(birthDate.slice(5, 7)) - 1;
  for (let year = by + 50; year < by + 70; year++) {
    const months = by * 12 + bm + target(year);
    const y = Math.floor(months / 12);
    if (y <= year) return `${y}-${String((months % 12) + 1).padStart(2, '0')}-01`;
  }
  throw new Error('no retirement year');
}

function seedSuite(driver: Driver) {
  describe(`seed on ${driver}`, () => {
    let database: Database;
    let cleanup: () => Promise<void>;
    let report: SeedReport;

    beforeAll(async () => {
      const testDb = await createTestDatabase(driver);
      ({ database } = testDb);
      cleanup = () => testDb.dispose();
      report = await seedDatabase(database, { people: PEOPLE, seed: SEED });
    });
    afterAll(async () => {
      await cleanup();
    });

    it('loads every table and records the seed', async () => {
      expect(report.counts.people).toBe(PEOPLE);
      expect(await count(database, 'select count(*)::int as n from people')).toBe(PEOPLE);
      for (const table of ['households', 'bhyt_cards', 'participation_periods', 'benefit_payments', 'medical_visits', 'holidays']) {
        expect(await count(database, `select count(*)::int as n from ${table}`), table).toBeGreaterThan(0);
      }
      expect(await isSeeded(database)).toBe(true);
      const [meta] = await queryRows<{ value: { seed: string; people: number; version: number } }>(
        database,
        "select value from app_meta where key = 'seed'",
      );
      expect(meta?.value).toMatchObject({ seed: SEED, people: PEOPLE, version: 1 });
      const facilities = await count(database, 'select count(*)::int as n from facilities');
      expect(facilities).toBeGreaterThanOrEqual(1500);
      expect(facilities).toBeLessThanOrEqual(3500);
      expect(await count(database, 'select count(*)::int as n from agencies where kind = $1', ['provincial'])).toBe(34);
      expect(await count(database, 'select count(*)::int as n from employers')).toBeGreaterThanOrEqual(100);
    });

    it('builds card codes from object code, level, old province digits and the BHXH code', async () => {
      expect(
        await count(
          database,
          `select count(*)::int as n from bhyt_cards c join people p on p.id = c.person_id
            where c.card_code <> c.object_code || c.benefit_level::text || c.old_province_digits || p.bhxh_code
               or length(c.card_code) <> 15`,
        ),
      ).toBe(0);
      // The province digits are an old (pre-2025) province code of the person's commune.
      expect(
        await count(
          database,
          `select count(*)::int as n from bhyt_cards c join people p on p.id = c.person_id
             join old_provinces o on o.code = c.old_province_digits
            where o.new_province_code <> p.province_code`,
        ),
      ).toBe(0);
      const covered = await count(database, 'select count(*)::int as n from bhyt_cards');
      expect(covered / PEOPLE).toBeGreaterThan(0.85);
      expect(covered / PEOPLE).toBeLessThan(0.99);
    });

    it('gives TE cards to children under 6 only, and HT cards to pensioners only', async () => {
      const sixYearsAgo = `${Number(DATA_AS_OF.slice(0, 4)) - 6}${DATA_AS_OF.slice(4)}`;
      expect(
        await count(
          database,
          `select count(*)::int as n from bhyt_cards c join people p on p.id = c.person_id
            where (c.object_code = 'TE') <> (p.birth_date > $1)`,
          [sixYearsAgo],
        ),
      ).toBe(0);
      expect(
        await count(
          database,
          `select count(*)::int as n from bhyt_cards c
            where (c.object_code = 'TE' and c.benefit_level <> 1) or (c.object_code = 'HT' and c.benefit_level <> 3)`,
        ),
      ).toBe(0);
      expect(
        await count(
          database,
          `select count(*)::int as n from bhyt_cards c
            where (c.object_code = 'HT') <> exists (select 1 from benefit_payments b where b.person_id = c.person_id and b.kind = 'pension')`,
        ),
      ).toBe(0);
      expect(await count(database, "select count(*)::int as n from bhyt_cards where valid_from > $1 or valid_to < $1 or status <> 'active'", [DATA_AS_OF])).toBe(0);
    });

    it('pays pensions only to people past retirement age with enough contribution years', async () => {
      const pensioners = await queryRows<{ id: number; sex: string; birth_date: string; from_date: string; months: number; last_month: string }>(
        database,
        `select p.id, p.sex, p.birth_date, b.from_date,
                (select count(distinct m)::int from participation_periods pp
                   cross join lateral generate_series(pp.from_month, pp.to_month, interval '1 month') m
                  where pp.person_id = p.id and pp.scheme in ('bhxh_compulsory', 'bhxh_voluntary')) as months,
                (select max(to_month) from participation_periods pp where pp.person_id = p.id) as last_month
           from people p join benefit_payments b on b.person_id = p.id and b.kind = 'pension'`,
      );
      expect(pensioners.length).toBeGreaterThan(0);
      for (const person of pensioners) {
        const reached = retirementReached(person.birth_date, person.sex);
        expect(person.from_date > reached, `person ${person.id}`).toBe(true);
        expect(person.months, `person ${person.id}`).toBeGreaterThanOrEqual(person.sex === 'male' ? 240 : 180);
        expect(person.last_month < reached, `person ${person.id} contributed past retirement`).toBe(true);
      }
    });

    it('keeps salaries between the regional minimum wage and 20 × base salary, and amounts at the rates in force', async () => {
      expect(
        await count(
          database,
          `select count(*)::int as n from participation_periods pp
             join employers e on e.id = pp.employer_id
             join regional_minimum_wages r on r.region = e.wage_region and r.effective_from <= pp.to_month
            where pp.salary_base < r.monthly_amount`,
        ),
      ).toBe(0);
      expect(
        await count(
          database,
          `select count(*)::int as n from participation_periods pp
            where pp.salary_base > 20 * (select amount from base_salaries b where b.effective_from <= pp.from_month
                                          order by b.effective_from desc limit 1)`,
        ),
      ).toBe(0);
      expect(await count(database, "select count(*)::int as n from participation_periods where scheme = 'bhxh_voluntary' and salary_base < 1500000")).toBe(0);
      const rates = await queryRows<{ effective_from: string; fund: string; total: string }>(
        database,
        'select effective_from, fund, (employer_rate + employee_rate)::text as total from contribution_rates',
      );
      const funds: Record<string, string[]> = {
        bhxh_compulsory: ['sickness_maternity', 'pension_survivorship'],
        bhxh_voluntary: ['voluntary_bhxh'],
        bhyt: ['bhyt'],
        bhtn: ['bhtn'],
        bhtnld_bnn: ['occupational'],
      };
      const rateAt = (fund: string, month: string) =>
        rates
          .filter((r) => r.fund === fund && r.effective_from <= month)
          .sort((a, b) => a.effective_from.localeCompare(b.effective_from))
          .map((r) => Number(r.total))
          .pop() ?? 0;
      const periods = await queryRows<{ scheme: string; from_month: string; to_month: string; salary_base: string; monthly_amount: string }>(
        database,
        'select scheme, from_month, to_month, salary_base::text, monthly_amount::text from participation_periods',
      );
      for (const period of periods) {
        const fundsOf = funds[period.scheme] ?? [];
        const atStart = fundsOf.reduce((sum, fund) => sum + rateAt(fund, period.from_month), 0);
        const atEnd = fundsOf.reduce((sum, fund) => sum + rateAt(fund, period.to_month), 0);
        expect(atEnd, `one rate per period row (${period.scheme} ${period.from_month})`).toBe(atStart);
        expect(Number(period.monthly_amount)).toBe(Math.round((Number(period.salary_base) * atStart) / 100));
      }
    });

    it('never overlaps periods of one scheme for a person', async () => {
      expect(
        await count(
          database,
          `select count(*)::int as n from participation_periods a join participation_periods b
             on a.person_id = b.person_id and a.scheme = b.scheme and a.id < b.id
            where a.from_month <= b.to_month and b.from_month <= a.to_month`,
        ),
      ).toBe(0);
      expect(await count(database, 'select count(*)::int as n from participation_periods where from_month > to_month')).toBe(0);
      expect(await count(database, "select count(*)::int as n from participation_periods where status not in ('paid', 'arrears')")).toBe(0);
    });

    it('splits visit costs by the card benefit level', async () => {
      expect(await count(database, 'select count(*)::int as n from medical_visits where bhyt_paid + patient_paid <> total_cost or bhyt_paid < 0 or patient_paid < 0')).toBe(0);
      const visits = await queryRows<{ total: string; paid: string; level: number; station: boolean; base: string }>(
        database,
        `select v.total_cost::text as total, v.bhyt_paid::text as paid, c.benefit_level as level,
                f.kind = 'commune_station' as station,
                (select amount from base_salaries b where b.effective_from <= (v.admitted_at at time zone 'Asia/Ho_Chi_Minh')::date
                  order by b.effective_from desc limit 1)::text as base
           from medical_visits v join bhyt_cards c on c.card_code = v.card_code and c.person_id = v.person_id
           join facilities f on f.code = v.facility_code`,
      );
      expect(visits.length).toBe(await count(database, 'select count(*)::int as n from medical_visits'));
      const percent: Record<number, number> = { 1: 100, 2: 100, 3: 95, 4: 80, 5: 100 };
      for (const visit of visits) {
        const total = Number(visit.total);
        const free = visit.station || total < 0.15 * Number(visit.base);
        expect(Number(visit.paid)).toBe(free ? total : Math.round((total * (percent[visit.level] ?? 0)) / 100));
      }
      expect(await count(database, "select count(*)::int as n from medical_visits where admitted_at < '2017-01-01' or admitted_at > $1", [DATA_AS_OF])).toBe(0);
      expect(await count(database, 'select count(*)::int as n from medical_visits where discharged_at < admitted_at')).toBe(0);
    });

    it('references existing communes, facilities, employers and agencies', async () => {
      // Foreign keys hold by construction (the database checks them); these also cover columns without one.
      expect(await count(database, 'select count(*)::int as n from medical_visits v left join bhyt_cards c on c.card_code = v.card_code where c.id is null or c.person_id <> v.person_id')).toBe(0);
      expect(await count(database, 'select count(*)::int as n from people p join households h on h.code = p.household_code where h.commune_code <> p.commune_code')).toBe(0);
      expect(await count(database, 'select count(*)::int as n from bhyt_cards c join facilities f on f.code = c.facility_code where not f.accepts_initial_registration')).toBe(0);
      expect(await count(database, 'select count(*)::int as n from bhyt_cards c join people p on p.id = c.person_id join facilities f on f.code = c.facility_code where f.province_code <> p.province_code')).toBe(0);
      expect(await count(database, 'select count(*)::int as n from employers e join agencies a on a.id = e.agency_id where a.province_code <> e.province_code')).toBe(0);
      expect(await count(database, "select count(*)::int as n from facilities where code !~ '^[0-9]{2}[0-9A-Z]{3}$' or substr(code, 1, 2) not in (select code from old_provinces)")).toBe(0);
      expect(await count(database, "select count(*)::int as n from facilities where search_key like '%benh vien da khoa%'")).toBeGreaterThan(34);
    });

    it('issues well-formed unique identifiers', async () => {
      expect(await count(database, "select count(*)::int as n from people where bhxh_code !~ '^[0-9]{10}$' or substr(bhxh_code, 1, 2) not in (select code from old_provinces)")).toBe(0);
      expect(
        await count(
          database,
          `select count(*)::int as n from people where personal_id is not null and (
             personal_id !~ '^0[0-9]{11}$'
             or substr(personal_id, 5, 2) <> lpad((birth_year % 100)::text, 2, '0')
             or substr(personal_id, 4, 1)::int <> (case when birth_year >= 2000 then 2 else 0 end) + (case when sex = 'female' then 1 else 0 end))`,
        ),
      ).toBe(0);
      expect(await count(database, "select count(*)::int as n from people where phone is not null and phone !~ '^0[35789][0-9]{8}$'")).toBe(0);
      expect(await count(database, 'select (count(phone) - count(distinct phone))::int as n from people')).toBe(0);
      expect(await count(database, "select count(*)::int as n from people where birth_date_precision = 'year' and (to_char(birth_date, 'MM-DD') <> '01-01' or birth_date > '1957-01-01')")).toBe(0);
      expect(await count(database, "select count(*)::int as n from people where email is not null and email not like '%@mail.example.vn'")).toBe(0);
    });

    it('finds broken references in the bulk foreign-key check', async () => {
      expect(await checkForeignKeys(database, ['people', 'bhyt_cards', 'medical_visits'])).toEqual([]);
      if (database.driver !== 'pglite') return; // one session: the trigger switch below stays on this connection
      await queryRows(database, 'SET session_replication_role = replica');
      try {
        await queryRows(database, "update bhyt_cards set facility_code = 'ZZ999' where id = (select min(id) from bhyt_cards)");
        expect(await checkForeignKeys(database, ['bhyt_cards'])).toEqual(['bhyt_cards.facility_code → facilities: 1 missing']);
      } finally {
        await queryRows(
          database,
          `update bhyt_cards c set facility_code = f.code from facilities f
            where c.facility_code = 'ZZ999' and f.code = (select min(code) from facilities where accepts_initial_registration
              and province_code = (select province_code from people where id = c.person_id))`,
        );
        await queryRows(database, 'RESET session_replication_role');
      }
      expect(await checkForeignKeys(database, ['bhyt_cards'])).toEqual([]);
    });

    it('builds the indexes it deferred during the load, and those an interrupted seed left dropped', async () => {
      const indexNames = async () =>
        (
          await queryRows<{ name: string }>(
            database,
            `select indexname as name from pg_indexes where schemaname = 'public' and tablename = any($1) order by 1`,
            [['households', 'people', 'bhyt_cards', 'participation_periods', 'benefit_payments', 'medical_visits']],
          )
        ).map((r) => r.name);
      const complete = await indexNames();
      // Random-order keys are deferred; primary keys, keys a foreign key relies on and person_id-led indexes stay.
      expect(complete).toEqual(expect.arrayContaining(['people_bhxh_code_unique', 'people_lookup_by_date_idx', 'bhyt_cards_card_code_uq']));
      expect(await pendingIndexes(database)).toEqual([]);
      const deferred = await dropDeferrableIndexes(database, ['people', 'bhyt_cards']);
      expect(deferred.map((d) => d.name).sort()).toEqual([
        'bhyt_cards_card_code_idx',
        'bhyt_cards_card_code_uq',
        'people_bhxh_code_unique',
        'people_household_idx',
        'people_lookup_by_date_idx',
        'people_lookup_by_old_date_idx',
        'people_lookup_by_old_year_idx',
        'people_lookup_by_year_idx',
        'people_old_id_number_idx',
        'people_personal_id_unique',
      ]);
      expect(await indexNames()).not.toContain('people_bhxh_code_unique');
      // What the next seed or reset finds and rebuilds.
      await buildDeferredIndexes(database, await pendingIndexes(database));
      expect(await indexNames()).toEqual(complete);
      expect(await pendingIndexes(database)).toEqual([]);
      const [constraint] = await queryRows<{ n: number }>(
        database,
        "select count(*)::int as n from pg_constraint where conname = 'people_bhxh_code_unique' and contype = 'u'",
      );
      expect(constraint?.n).toBe(1);
    });

    it('returns deterministic demo people', async () => {
      const demo = await demoPeople(database, 3);
      expect(demo).toHaveLength(3);
      for (const person of demo) {
        expect(person.bhxhCode).toMatch(/^\d{10}$/);
        expect(person.birthDate <= `${Number(DATA_AS_OF.slice(0, 4)) - 18}${DATA_AS_OF.slice(4)}`).toBe(true);
      }
    });
  });
}

for (const driver of testDrivers) seedSuite(driver);

describe.each(testDrivers)('reset on %s', (driver) => {
  it('counts a freshly migrated database as empty, and keeps the migrations’ reference data through a reset', async () => {
    const testDb = await createTestDatabase(driver);
    try {
      const { database } = testDb;
      const banks = async () => (await queryRows<{ n: number }>(database, 'select count(*)::int as n from banks'))[0]?.n;
      expect(await holdsData(database)).toBe(false);
      expect(await banks()).toBe(10);
      await queryRows(database, "insert into app_meta (key, value) values ('seed', '{}')");
      expect(await holdsData(database)).toBe(true);
      await resetDatabase(database);
      expect(await holdsData(database)).toBe(false);
      expect(await banks()).toBe(10);
    } finally {
      await testDb.dispose();
    }
  });
});

describe('generator', () => {
  const units = readAdminUnits();
  const generate = (seed: string, people: number, blocks = 5) => {
    const ctx = createPopulationContext(buildReference(units, { seed, people }), { seed, people });
    return generateBlocks(ctx, 0, blocks);
  };

  it('is deterministic for a seed, and person i does not depend on the data set size', () => {
    const a = generate('det', 300);
    const b = generate('det', 300);
    expect(b).toEqual(a);
    const bigger = generate('det', 5000);
    expect(bigger.people.slice(0, 300)).toEqual(a.people);
    expect(generate('other', 300).people).not.toEqual(a.people);
  });

  it('streams the same rows as COPY data (the fast serialiser agrees with the escaping one)', () => {
    const seed = 'bytes';
    const ctx = createPopulationContext(buildReference(units, { seed, people: 400 }), { seed, people: 400 });
    const rows = generateBlocks(ctx, 0, 7);
    const data = generateChunkData(ctx, 0, 7);
    const decoder = new TextDecoder();
    for (const table of Object.keys(COLUMNS) as PopulationTable[]) {
      expect(decoder.decode(data[table].data), table).toBe(copyText(rows[table]));
      expect(data[table].rows).toBe(rows[table].length);
      for (const row of rows[table]) expect(row).toHaveLength(COLUMNS[table].length);
    }
    for (const row of [...rows.medical_visits, ...rows.participation_periods]) expect(plainCopyLine(row)).toBe(copyLine(row));
  });

  it('writes names in Vietnamese order: surname, middle name, given name', () => {
    const { people } = generate('names', 320);
    const surnames = new Set(SURNAMES.map(([name]) => name));
    for (const row of people) {
      const fullName = typeof row[4] === 'string' ? row[4] : '';
      const sex = row[9] === 'female' ? 'female' : 'male';
      const [surname, middle, given, ...rest] = fullName.split(' ');
      expect(rest).toEqual([]);
      expect(surnames.has(surname ?? '')).toBe(true);
      expect(MIDDLE_NAMES[sex]).toContain(middle);
      expect(GIVEN_NAMES[sex]).toContain(given);
    }
  });

  it('draws a plausible age pyramid', () => {
    const { people } = generate('ages', 20_000, 300);
    const ages = people.map((row) => Number(DATA_AS_OF.slice(0, 4)) - Number(row[8]));
    const share = (test: (age: number) => boolean) => ages.filter(test).length / ages.length;
    expect(share((a) => a < 15)).toBeGreaterThan(0.15);
    expect(share((a) => a < 15)).toBeLessThan(0.32);
    expect(share((a) => a >= 60)).toBeGreaterThan(0.1);
    expect(share((a) => a >= 60)).toBeLessThan(0.3);
    expect(Math.max(...ages)).toBeLessThanOrEqual(97);
  });
});
