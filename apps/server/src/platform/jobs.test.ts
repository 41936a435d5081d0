// The job system's schedules: the statistics refresh is scheduled only where the server keeps the statistics, and
// unscheduled when it no longer needs to (autovacuum turned on), so no queue fills with jobs nobody works.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import { createJobs, QUEUES, type ScheduledWork, startJobs } from './jobs.ts';

const quietLog = { error: () => undefined };
const nothing = async () => undefined;

describe('background job schedules (PGlite)', () => {
  let testDb: TestDatabase;

  beforeEach(async () => {
    testDb = await createTestDatabase('pglite');
  });

  afterEach(async () => {
    await testDb.dispose();
  });

  async function scheduledNames(work: ScheduledWork): Promise<string[]> {
    const jobs = createJobs(testDb.database, undefined);
    await startJobs(jobs, work, quietLog);
    try {
      return (await jobs.getSchedules()).map((schedule) => schedule.name).sort();
    } finally {
      await jobs.stop({ graceful: false, wait: true });
    }
  }

  it('schedules the statistics refresh only while the server keeps the statistics', async () => {
    const base: ScheduledWork = { expireRegistrations: nothing, purgeUploads: nothing, purgeLookupLog: nothing };
    expect(await scheduledNames({ ...base, refreshStatistics: nothing })).toEqual(
      [QUEUES.lookupLogPurge, QUEUES.registrationExpiry, QUEUES.statisticsRefresh, QUEUES.uploadPurge].sort(),
    );
    expect(await scheduledNames(base)).toEqual([QUEUES.lookupLogPurge, QUEUES.registrationExpiry, QUEUES.uploadPurge].sort());
  });
});
