// The facility's counts as a check sees them: what earlier reads saw up to a settled line plus what came after it, the
// last minute, this node's own checks since the read — equal to counting the rows, across minutes, days and a clock set
// back; and the line's edge: a row that commits more than SETTLE_MS behind its time is not seen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDrivers, type TestDatabase } from '../../test/database.ts';
import { givenAdminUnits, givenFacility } from '../../test/factories.ts';
import { FacilityCheckCounts, SETTLE_MS } from './check-counts.ts';
import { CheckLedgerWriter, type CheckRecord } from './ledger-writer.ts';

const DAY_START = new Date('2026-11-22T17:00:00Z'); // 00:00 on 23/11 in Vietnam
const NOON = new Date('2026-11-23T05:00:00Z');
const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

describe.each(testDrivers)('facility check counts on %s', (driver) => {
  let testDb: TestDatabase;
  let writer: CheckLedgerWriter;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    await givenAdminUnits(testDb.database);
    await givenFacility(testDb.database, { code: '01001', name: 'Bệnh viện Xanh Pôn', provinceCode: '01', communeCode: '00004' });
    writer = new CheckLedgerWriter(testDb.database.db);
  });
  afterAll(async () => testDb.dispose());

  const check = (when: Date): Promise<unknown> => {
    const record: CheckRecord = {
      at: when,
      facilityCode: '01001',
      channel: 'desk',
      accountId: null,
      clientId: null,
      sessionRef: 'counts-test',
      staffName: 'Nguyễn Thị Lan',
      staffPersonalId: null,
      inputKind: null,
      personId: null,
      cardId: null,
      resultCode: '205',
      flags: [],
      scannedAt: null,
      flagRows: [],
      accessEvent: null,
    };
    return writer.write(record);
  };

  it('counts the day and the last minute exactly, reading only what follows the settled line again', async () => {
    const counts = new FacilityCheckCounts(testDb.database.db);
    await check(at(DAY_START, -30)); // yesterday
    for (const seconds of [600, 601, 602]) await check(at(DAY_START, seconds));
    await check(at(NOON, -300));
    await check(at(NOON, -30));
    expect(await counts.counts('01001', NOON, DAY_START)).toEqual({ lastMinute: 1, today: 5 });
    // This node's own check is added at once; the database is read again only after a second.
    await check(at(NOON, 0));
    counts.counted('01001');
    expect(await counts.counts('01001', at(NOON, 0.5), DAY_START)).toEqual({ lastMinute: 2, today: 6 });
    // Another node's checks, then a read three minutes on: the settled line has moved past rows now in the day's count.
    await check(at(NOON, 100));
    await check(at(NOON, 170));
    expect(await counts.counts('01001', at(NOON, 180), DAY_START)).toEqual({ lastMinute: 1, today: 8 });
    // A clock set back counts the day again from its start (rows after it count, as a plain count would).
    expect(await counts.counts('01001', at(NOON, 20), DAY_START)).toEqual({ lastMinute: 4, today: 8 });
    // Just after midnight the last minute reaches into yesterday; the day does not.
    const nextDay = at(DAY_START, 86_400);
    await check(at(nextDay, -20));
    await check(at(nextDay, 10));
    expect(await counts.counts('01001', at(nextDay, 30), nextDay)).toEqual({ lastMinute: 2, today: 1 });
  });

  it('takes the rows before the settled line as read: one committed later than that is not seen, one on the line is', async () => {
    const day = new Date('2026-11-24T17:00:00Z');
    const noon = at(day, 5 * 3600);
    const counts = new FacilityCheckCounts(testDb.database.db);
    await check(at(noon, -5));
    expect(await counts.counts('01001', noon, day)).toEqual({ lastMinute: 1, today: 1 });
    // Two rows that commit after that read: one exactly on its settled line (a whole second SETTLE_MS back), one a
    // millisecond before it — as if its batch had stalled for ten seconds.
    await check(at(noon, -SETTLE_MS / 1000));
    await check(new Date(noon.getTime() - SETTLE_MS - 1));
    // A plain count would say 3.
    expect(await counts.counts('01001', at(noon, 2), day)).toEqual({ lastMinute: 2, today: 2 });
    // The last minute is counted to the second: 60.9 s on, the check of noon - 10 s still counts; 61 s on it does not
    // (a second counter, as the first would answer from its read of a tenth of a second before; it reads the day from
    // its start, so it sees the late row too).
    expect(await counts.counts('01001', at(noon, 50.9), day)).toEqual({ lastMinute: 2, today: 2 });
    expect(await new FacilityCheckCounts(testDb.database.db).counts('01001', at(noon, 51), day)).toEqual({ lastMinute: 1, today: 3 });
  });
});
