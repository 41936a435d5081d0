// The BHXH-code look-up must stay an index look-up on 10 million people: EXPLAIN the query the service runs, on a
// table big enough (and analyzed) that the planner would rather scan if no index served it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/seed/query.ts';
import { createTestDatabase, testDrivers, type TestDatabase } from '../../test/database.ts';
import { givenAdminUnits } from '../../test/factories.ts';
import { bhxhCodeCandidates, type BhxhCodeFilter } from './repo.ts';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

const PEOPLE = 30_000;
const INDEX_SCANS = ['Index Scan', 'Index Only Scan', 'Bitmap Index Scan'];

describe.each(testDrivers)('the plan of the BHXH code look-up on %s', (driver) => {
  let testDb: TestDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    const units = await givenAdminUnits(testDb.database);
    const communeOf = (province: string) => units.communes.find((c) => c.provinceCode === province)?.code ?? '';
    const provinces = ['01', '79', '31', '48'];
    await queryRows(testDb.database, `insert into households (code, province_code, commune_code, street) values ('0100000000', '01', '00004', 'Thôn Một')`);
    // People spread over four provinces, 25,000 birth dates and 997 names; half with an old ID card, some from Hà Tây.
    await queryRows(
      testDb.database,
      `insert into people (bhxh_code, personal_id, old_id_number, full_name, name_key, birth_date, birth_date_precision,
         birth_year, sex, household_code, province_code, commune_code, street, old_province_code)
       select lpad(i::text, 10, '0'), lpad(i::text, 12, '0'), case when i % 2 = 0 then lpad(i::text, 9, '0') end,
         'Người Thứ ' || (i % 997), 'nguoi thu ' || (i % 997), date '1940-01-01' + (i % 25000), 'day',
         extract(year from date '1940-01-01' + (i % 25000))::int, 'male', '0100000000',
         ($1::text[])[1 + i % 4], ($2::text[])[1 + i % 4], 'Thôn Một', case when i % 4 = 0 and i % 3 = 0 then '28' else ($1::text[])[1 + i % 4] end
       from generate_series(1, ${PEOPLE}) as i`,
      [provinces, provinces.map(communeOf)],
    );
    await queryRows(testDb.database, 'analyze people');
  });

  afterAll(async () => {
    await testDb.dispose();
  });

  async function planOf(filter: BhxhCodeFilter): Promise<PlanNode[]> {
    const { sql, params } = bhxhCodeCandidates(testDb.database.db, filter).toSQL();
    const [row] = await queryRows<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(testDb.database, `explain (format json) ${sql}`, params);
    const plan = row?.['QUERY PLAN'][0]?.Plan;
    if (!plan) throw new Error('no plan');
    return nodesOf(plan);
  }

  const base = { provinceCode: '01', oldProvinceCode: '01', nameKey: 'nguoi thu 12', limit: 11 };

  it.each([
    ['a birth date', { key: { kind: 'birth_date', birthDate: '1980-05-09' } }, ['people_lookup_by_date_idx', 'people_lookup_by_old_date_idx']],
    ['a birth year', { key: { kind: 'birth_year', birthYear: 1980 } }, ['people_lookup_by_year_idx', 'people_lookup_by_old_year_idx']],
    ['an old province (Hà Tây)', { oldProvinceCode: '28', key: { kind: 'birth_year', birthYear: 1980 } }, ['people_lookup_by_year_idx', 'people_lookup_by_old_year_idx']],
    ['a citizen ID', { key: { kind: 'personal_id', personalId: '000000012345' } }, ['people_personal_id_unique']],
    ['an old ID card', { key: { kind: 'old_id_number', oldIdNumber: '000012346' } }, ['people_old_id_number_idx']],
  ] as const)('finds people by %s through an index, never a scan of people', async (_name, overrides, indexes) => {
    const nodes = await planOf({ ...base, ...overrides });
    const used = nodes.filter((n) => INDEX_SCANS.includes(n['Node Type']) && n['Index Name']?.startsWith('people_')).map((n) => n['Index Name']);
    expect(used.sort()).toEqual([...indexes].sort());
    expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'people')).toEqual([]);
  });
});
