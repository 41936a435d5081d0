// The group-commit writer of card checks: concurrent checks share batches and each gets its own ids, every row lands
// (check, ledger entry, notification, flags), and a failing batch fails all of its checks and stores none of them.
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessEvents, cardChecks, cardFlags, notifications } from '../../db/schema.ts';
import { createTestDatabase, testDrivers, type TestDatabase } from '../../test/database.ts';
import { givenAccount, givenAdminUnits, givenFacility, givenPerson } from '../../test/factories.ts';
import { type CheckRecord, CheckLedgerWriter } from './ledger-writer.ts';

describe.each(testDrivers)('card-check ledger writer on %s', (driver) => {
  let testDb: TestDatabase;
  const holders: Array<{ personId: number; accountId: number | null }> = [];

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    const { database } = testDb;
    await givenAdminUnits(database);
    await givenFacility(database, { code: '01001', name: 'Bệnh viện Xanh Pôn', provinceCode: '01', communeCode: '00004' });
    for (let i = 0; i < 12; i++) {
      const person = await givenPerson(database, { fullName: `Người Thử ${i}`, birthDate: '1985-03-15' });
      // Every other holder has an account (and gets a notification).
      const account = i % 2 === 0 ? await givenAccount(database, { role: 'citizen', personId: person.id, login: person.bhxhCode }) : null;
      holders.push({ personId: person.id, accountId: account?.id ?? null });
    }
  });
  afterAll(async () => testDb.dispose());

  const record = (i: number, overrides: Partial<CheckRecord> = {}): CheckRecord => {
    const holder = holders[i % holders.length];
    if (!holder) throw new Error('holder');
    return {
      at: new Date('2026-11-23T02:00:00Z'),
      facilityCode: '01001',
      channel: 'desk',
      accountId: null,
      clientId: null,
      sessionRef: `writer-test:${i}`,
      staffName: 'Nguyễn Thị Lan',
      staffPersonalId: '001190000001',
      inputKind: 'personal_id',
      personId: holder.personId,
      cardId: null,
      resultCode: '000',
      flags: i === 3 ? ['two_facilities'] : [],
      scannedAt: null,
      flagRows: i === 3 ? [{ kind: 'two_facilities', otherFacilityCode: null, agencyProvinceCode: '01' }] : [],
      accessEvent: {
        actorType: 'facility',
        actorName: 'Nguyễn Thị Lan',
        organisation: 'Bệnh viện Xanh Pôn',
        result: '000',
        requestId: `req-${i}`,
        notify: holder.accountId === null ? null : { accountId: holder.accountId, params: { facility: 'Bệnh viện Xanh Pôn', time: '09:00 23/11/2026' } },
      },
      ...overrides,
    };
  };

  it('writes concurrent checks in shared batches, each answered with its own committed rows', async () => {
    const { db } = testDb.database;
    const writer = new CheckLedgerWriter(db, { maxInFlight: 1, maxBatch: 8 });
    const stored = await Promise.all(Array.from({ length: 20 }, (_, i) => writer.write(record(i))));
    // The first check goes alone (an idle writer does not wait); the 19 that arrived meanwhile share 3 batches.
    expect(writer.stats).toEqual({ batches: 4, checks: 20 });
    expect(new Set(stored.map((s) => s.checkId)).size).toBe(20);
    const checks = await db.select().from(cardChecks).where(inArray(cardChecks.id, stored.map((s) => s.checkId)));
    const events = await db.select().from(accessEvents).where(inArray(accessEvents.id, stored.map((s) => s.accessEventId ?? 0)));
    for (const [i, ids] of stored.entries()) {
      const check = checks.find((c) => c.id === ids.checkId);
      expect(check).toMatchObject({ sessionRef: `writer-test:${i}`, personId: record(i).personId, resultCode: '000' });
      // Each check's ledger entry is the holder's, with this request's id.
      expect(events.find((e) => e.id === ids.accessEventId)).toMatchObject({ personId: record(i).personId, requestId: `req-${i}`, purpose: 'card_check' });
    }
    const notes = await db.select().from(notifications).where(inArray(notifications.accessEventId, stored.map((s) => s.accessEventId ?? 0)));
    expect(notes).toHaveLength(stored.filter((_, i) => record(i).accessEvent?.notify).length);
    for (const note of notes) {
      const i = stored.findIndex((s) => s.accessEventId === note.accessEventId);
      expect(note.accountId).toBe(record(i).accessEvent?.notify?.accountId);
    }
    const flags = await db.select().from(cardFlags).where(inArray(cardFlags.cardCheckId, stored.map((s) => s.checkId)));
    expect(flags).toEqual([expect.objectContaining({ kind: 'two_facilities', cardCheckId: stored[3]?.checkId, personId: record(3).personId })]);
  });

  it('fails every check of a failing batch and stores none of its rows; other batches are unaffected', async () => {
    const { db } = testDb.database;
    const writer = new CheckLedgerWriter(db, { maxInFlight: 1, maxBatch: 8 });
    // The first goes alone; the next five share a batch, one of which names a facility that does not exist.
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => writer.write(record(100 + i, i === 3 ? { facilityCode: 'XXXXX' } : {}))),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
    const refs = Array.from({ length: 6 }, (_, i) => `writer-test:${100 + i}`);
    const stored = await db.select({ ref: cardChecks.sessionRef }).from(cardChecks).where(inArray(cardChecks.sessionRef, refs));
    expect(stored.map((s) => s.ref)).toEqual(['writer-test:100']);
    const ledger = await db.select({ id: accessEvents.id }).from(accessEvents).where(inArray(accessEvents.requestId, ['req-101', 'req-102', 'req-104']));
    expect(ledger).toHaveLength(0);
    // The writer carries on.
    const after = await writer.write(record(110));
    expect(after.checkId).toBeGreaterThan(0);
  });

  it('flush waits until every check handed over is committed', async () => {
    const { db } = testDb.database;
    const writer = new CheckLedgerWriter(db, { maxInFlight: 2, maxBatch: 4 });
    const pending = Array.from({ length: 10 }, (_, i) => writer.write(record(200 + i)));
    await writer.flush();
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(cardChecks)
      .where(sql`${cardChecks.sessionRef} like 'writer-test:2__'`);
    expect(row?.n).toBe(10);
    await Promise.all(pending);
    await writer.flush();
  });
});
