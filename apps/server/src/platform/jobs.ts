// Background jobs in the database (pg-boss): they survive restarts and need no extra infrastructure. On PGlite
// pg-boss talks through a small adapter, since PGlite is one in-process connection.
import PgBoss from 'pg-boss';
import type { Database } from '../db/connection.ts';

export type Jobs = PgBoss;

function pgliteAdapter(database: Extract<Database, { driver: 'pglite' }>) {
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      // pg-boss sends its schema scripts as several statements without parameters; query() takes one statement.
      if (values.length === 0) {
        const results = await database.client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      const result = await database.client.query(text, values);
      return { rows: result.rows };
    },
  };
}

export function createJobs(database: Database, connectionString: string | undefined): Jobs {
  const options: PgBoss.ConstructorOptions =
    database.driver === 'pglite'
      ? { db: pgliteAdapter(database), schema: 'pgboss' }
      : { connectionString, schema: 'pgboss', max: 4 };
  return new PgBoss(options);
}

export const QUEUES = {
  registrationExpiry: 'registration-expiry',
  uploadPurge: 'upload-purge',
  smsDelivery: 'sms-delivery',
  lookupLogPurge: 'lookup-log-purge',
  statisticsRefresh: 'statistics-refresh',
} as const;

export interface ScheduledWork {
  expireRegistrations: () => Promise<unknown>;
  purgeUploads: () => Promise<unknown>;
  /** Look-up log retention (30 days). */
  purgeLookupLog: () => Promise<unknown>;
  /** Only where nothing else keeps the planner's statistics (db/maintenance.ts): analyze the tables that grew. */
  refreshStatistics?: () => Promise<unknown>;
  /** Only with the http SMS adapter: deliver one stored message (throws to be retried). */
  deliverSms?: (messageId: number) => Promise<void>;
}

/**
 * Starts pg-boss and its workers: the expiry check runs every hour (a form expires after its 10th working day,
 * so an hourly pass cancels it within the hour the day turns), stale uploads and old look-up log rows are purged
 * nightly, SMS deliveries are retried with backoff, and (PGlite; PostgreSQL without autovacuum) the tables that grew
 * are analyzed every 10 minutes.
 */
export async function startJobs(jobs: Jobs, work: ScheduledWork, log: { error: (obj: unknown, msg: string) => void }) {
  jobs.on('error', (error) => log.error({ err: error }, 'job system error'));
  await jobs.start();
  for (const queue of Object.values(QUEUES)) await jobs.createQueue(queue);
  await jobs.schedule(QUEUES.registrationExpiry, '5 * * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
  await jobs.schedule(QUEUES.uploadPurge, '30 2 * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
  await jobs.schedule(QUEUES.lookupLogPurge, '45 2 * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
  await jobs.work(QUEUES.registrationExpiry, async () => {
    await work.expireRegistrations();
  });
  await jobs.work(QUEUES.uploadPurge, async () => {
    await work.purgeUploads();
  });
  await jobs.work(QUEUES.lookupLogPurge, async () => {
    await work.purgeLookupLog();
  });
  const refreshStatistics = work.refreshStatistics;
  if (refreshStatistics) {
    await jobs.schedule(QUEUES.statisticsRefresh, '*/10 * * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
    await jobs.work(QUEUES.statisticsRefresh, async () => {
      await refreshStatistics();
    });
  } else {
    // Not needed (autovacuum is on now): no schedule left filling a queue nobody works.
    await jobs.unschedule(QUEUES.statisticsRefresh);
  }
  const deliver = work.deliverSms;
  if (deliver) {
    await jobs.work<{ messageId: number }>(QUEUES.smsDelivery, async ([job]) => {
      if (job) await deliver(job.data.messageId);
    });
  }
}

/** The http SMS adapter's dispatcher: one retried job per message. */
export function smsJobDispatcher(jobs: Jobs) {
  return {
    dispatch: async (messageId: number) => {
      await jobs.send(QUEUES.smsDelivery, { messageId }, { retryLimit: 6, retryDelay: 30, retryBackoff: true });
    },
  };
}
