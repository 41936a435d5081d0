// The national population database (CSDLQG về dân cư) adapter. The local default answers from our own people and
// registry_relations tables (seeded with the synthetic population); the http adapter calls the real service.
import { and, eq } from 'drizzle-orm';
import { foldVietnamese } from '@vssid/shared';
import type { Db } from '../db/connection.ts';
import { people, registryRelations } from '../db/schema.ts';

export interface IdentityClaim {
  personalId: string;
  fullName: string;
  birthDate: string;
}

export type IdentityField = 'personalId' | 'fullName' | 'birthDate';

export interface PopulationRegistry {
  /** Which of the claimed fields disagree with the registry's record for that ID number (all three when unknown). */
  checkIdentity(claim: IdentityClaim): Promise<{ matched: boolean; mismatches: IdentityField[] }>;
  /** Whether the registry records this parent (or guardian) for this child. */
  isParentOf(parentPersonalId: string, childBhxhCode: string): Promise<boolean>;
}

export class LocalPopulationRegistry implements PopulationRegistry {
  constructor(private readonly db: Db) {}

  async checkIdentity(claim: IdentityClaim) {
    const [record] = await this.db
      .select({ nameKey: people.nameKey, birthDate: people.birthDate })
      .from(people)
      .where(eq(people.personalId, claim.personalId));
    if (!record) return { matched: false, mismatches: ['personalId' as const] };
    const mismatches: IdentityField[] = [];
    if (record.nameKey !== foldVietnamese(claim.fullName)) mismatches.push('fullName');
    if (record.birthDate !== claim.birthDate) mismatches.push('birthDate');
    return { matched: mismatches.length === 0, mismatches };
  }

  async isParentOf(parentPersonalId: string, childBhxhCode: string) {
    const [parent] = await this.db.select({ id: people.id }).from(people).where(eq(people.personalId, parentPersonalId));
    const [child] = await this.db.select({ id: people.id }).from(people).where(eq(people.bhxhCode, childBhxhCode));
    if (!parent || !child) return false;
    const [relation] = await this.db
      .select({ relation: registryRelations.relation })
      .from(registryRelations)
      .where(and(eq(registryRelations.parentPersonId, parent.id), eq(registryRelations.childPersonId, child.id)));
    return relation !== undefined;
  }
}

/**
 * The real service, behind the government's integration platform (NDXP): POST /identity/verify and
 * /relations/verify with a client certificate or token. Both answer { matched, mismatches? }.
 */
export class HttpPopulationRegistry implements PopulationRegistry {
  constructor(private readonly baseUrl: string, private readonly token: string | undefined) {}

  private async post<T>(path: string, body: unknown): Promise<T> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`Population registry answered ${response.status}`);
    return (await response.json()) as T;
  }

  async checkIdentity(claim: IdentityClaim) {
    const answer = await this.post<{ matched?: boolean; mismatches?: IdentityField[] }>('identity/verify', claim);
    return { matched: answer.matched === true, mismatches: answer.mismatches ?? [] };
  }

  async isParentOf(parentPersonalId: string, childBhxhCode: string) {
    const answer = await this.post<{ matched?: boolean }>('relations/verify', { parentPersonalId, childBhxhCode });
    return answer.matched === true;
  }
}
