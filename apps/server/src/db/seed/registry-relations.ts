// The synthetic population registry's parent–child relations, derived from households: what the national population
// database would answer for "is this person the parent of that child" (population-registry.ts reads this table).
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../connection.ts';
import { DATA_AS_OF } from './population.ts';

const countResult = z.object({ rows: z.array(z.object({ inserted: z.coerce.number() })) });

/**
 * For every child under 18 on `asOf`, at most one mother and one father: the adult of that sex in the same household
 * who is 16 to 50 years older, the one closest to a 28-year gap (so a grandparent loses to a parent). One statement;
 * re-running adds nothing new. Returns the rows inserted.
 */
export async function seedRegistryRelations(db: Db, asOf: string = DATA_AS_OF): Promise<number> {
  const result = await db.execute(sql`
    with added as (
    insert into registry_relations (parent_person_id, child_person_id, relation)
    select distinct on (child.id, parent.sex)
      parent.id, child.id, case when parent.sex = 'female' then 'mother' else 'father' end
    from people child
    join people parent on parent.household_code = child.household_code and parent.id <> child.id
    where child.birth_date > ${asOf}::date - interval '18 years'
      and parent.birth_date <= child.birth_date - interval '16 years'
      and parent.birth_date >= child.birth_date - interval '50 years'
    order by child.id, parent.sex, abs((child.birth_date - parent.birth_date) - 10227), parent.id
    on conflict do nothing
    returning 1)
    select count(*) as inserted from added`);
  // Both drivers answer { rows }; count(*) is a bigint, which node-postgres gives as a string.
  return countResult.parse(result).rows[0]?.inserted ?? 0;
}
