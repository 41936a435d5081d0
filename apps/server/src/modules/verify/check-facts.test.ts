// The batched facts read of card checks (repo.checkFacts): look-ups made at the same time share statements, and each
// still gets its own card, person, account and portrait flag — never a neighbour's; and each key's statement finds its
// rows through the indexes (a code compared as the wrong type would scan the whole table).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/connection.ts';
import { cardCredentials, cardSigningKeys } from '../../db/schema.ts';
import { createTestDatabase, testDrivers, type TestDatabase } from '../../test/database.ts';
import { givenAccount, givenAdminUnits, givenAgency, givenCard, givenFacility, givenPerson } from '../../test/factories.ts';
import { checkFacts, factsBatchStatement, type FactsKey } from './repo.ts';

/** The plan of a statement with sequential scans made as dear as they get: any left had no index to use. */
async function planOf(database: Database, text: string, params: unknown[]): Promise<string> {
  const explain = `explain ${text}`;
  if (database.driver === 'pglite') {
    await database.client.exec('set enable_seqscan = off');
    try {
      return (await database.client.query<{ 'QUERY PLAN': string }>(explain, params)).rows.map((row) => row['QUERY PLAN']).join('\n');
    } finally {
      await database.client.exec('reset enable_seqscan');
    }
  }
  const client = await database.pool.connect();
  try {
    await client.query('set enable_seqscan = off');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(explain, params);
    await client.query('reset enable_seqscan');
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  } finally {
    client.release();
  }
}

describe.each(testDrivers)('card-check facts on %s', (driver) => {
  let testDb: TestDatabase;
  const holders: Array<{ personId: number; bhxhCode: string; personalId: string; cardId: number; cardCode: string; accountId: number | null }> = [];
  const since = new Date('2026-11-23T00:00:00Z');

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    const { database } = testDb;
    await givenAdminUnits(database);
    await givenFacility(database, { code: '01001', name: 'Bệnh viện Xanh Pôn', provinceCode: '01', communeCode: '00004' });
    const agency = await givenAgency(database, { code: '01', name: 'BHXH thành phố Hà Nội', provinceCode: '01', communeCode: '00004', lat: 21.03, lon: 105.85 });
    for (let i = 0; i < 8; i++) {
      const person = await givenPerson(database, { fullName: `Người Thử ${i}`, birthDate: '1985-03-15' });
      const card = await givenCard(database, { personId: person.id, bhxhCode: person.bhxhCode, facilityCode: '01001', issuingAgencyId: agency.id });
      // Every other holder has an account.
      const account = i % 2 === 0 ? await givenAccount(database, { role: 'citizen', personId: person.id, login: person.bhxhCode }) : null;
      holders.push({
        personId: person.id,
        bhxhCode: person.bhxhCode,
        personalId: person.personalId ?? '',
        cardId: card.id,
        cardCode: card.cardCode,
        accountId: account?.id ?? null,
      });
    }
  });
  afterAll(async () => testDb.dispose());

  it('answers look-ups made at the same time each with its own person, card and account', async () => {
    const { db } = testDb.database;
    const lookups = holders.flatMap((holder) => [
      { holder, key: 'personalId' as const, lookup: { cardCode: null, personKey: holder.personalId } },
      { holder, key: 'card' as const, lookup: { cardCode: holder.cardCode, personKey: null } },
      { holder, key: 'bhxhCode' as const, lookup: { cardCode: holder.cardCode, personKey: holder.bhxhCode } },
    ]);
    const answers = await Promise.all(lookups.map(({ key, lookup }) => checkFacts(db, key, lookup, '01001', since)));
    answers.forEach((facts, index) => {
      const { holder, key } = lookups[index] ?? { holder: undefined, key: undefined };
      expect(facts.person?.id, `${key} of ${holder?.bhxhCode}`).toBe(holder?.personId);
      expect(facts.currentCard?.cardCode).toBe(holder?.cardCode);
      expect(facts.card?.cardCode).toBe(key === 'personalId' ? undefined : holder?.cardCode);
      expect(facts.accountId).toBe(holder?.accountId ?? undefined);
      expect(facts.hasPortrait).toBe(false);
      expect(facts.elsewhere).toBeUndefined();
    });
  });

  it('answers an unknown code with nothing, beside look-ups that find their person', async () => {
    const { db } = testDb.database;
    const [unknown, known] = await Promise.all([
      checkFacts(db, 'personalId', { cardCode: null, personKey: '099999999999' }, '01001', since),
      checkFacts(db, 'personalId', { cardCode: null, personKey: holders[1]?.personalId ?? '' }, '01001', since),
    ]);
    expect(unknown).toEqual({
      card: undefined,
      person: undefined,
      currentCard: undefined,
      accountId: undefined,
      hasPortrait: false,
      elsewhere: undefined,
      credentialIssued: false,
    });
    expect(known?.person?.id).toBe(holders[1]?.personId);
  });

  it("says whether each app QR's credential is on record as handed out, look-ups made at the same time each its own", async () => {
    const { db } = testDb.database;
    const at = new Date('2026-11-23T02:00:00Z');
    await db.insert(cardSigningKeys).values({ kid: 'card-test', publicJwk: { kty: 'OKP', crv: 'Ed25519', x: 'AA' }, sealedPrivateKey: 'sealed', createdAt: at });
    await db.insert(cardCredentials).values(
      [0, 1].map((i) => ({
        cardId: holders[i]?.cardId ?? 0,
        accountId: holders[0]?.accountId ?? 0,
        deviceKeyThumbprint: `device-${i}`,
        kid: 'card-test',
        issuedAt: at,
        expiresAt: at,
        credentialDigest: `digest-${i}`,
      })),
    );
    const lookups = [
      { holder: holders[0], digest: 'digest-0', issued: true },
      { holder: holders[1], digest: 'digest-0-other', issued: false },
      { holder: holders[1], digest: 'digest-1', issued: true },
      { holder: holders[2], digest: undefined, issued: false },
    ];
    const answers = await Promise.all(
      lookups.map(({ holder, digest }) => checkFacts(db, 'card', { cardCode: holder?.cardCode ?? '', personKey: null, credentialDigest: digest }, '01001', since)),
    );
    expect(answers.map((facts) => facts.credentialIssued)).toEqual(lookups.map((l) => l.issued));
    expect(answers.map((facts) => facts.person?.id)).toEqual(lookups.map((l) => l.holder?.personId));
  });

  it.each<FactsKey>(['card', 'bhxhCode', 'personalId'])('finds people and cards by %s through the indexes', async (key) => {
    const holder = holders[0];
    const input = [
      {
        ord: 0,
        card_code: holder?.cardCode,
        person_key: key === 'bhxhCode' ? holder?.bhxhCode : holder?.personalId,
        facility_code: '01001',
        elsewhere_since: since.toISOString(),
        credential_digest: key === 'card' ? 'digest-0' : null,
      },
    ];
    const plan = await planOf(testDb.database, factsBatchStatement(key).text, [JSON.stringify(input)]);
    expect(plan).toContain('Index');
    expect(plan).not.toMatch(/Seq Scan on (people|bhyt_cards|card_checks|accounts|card_credentials)\b/);
  });
});
