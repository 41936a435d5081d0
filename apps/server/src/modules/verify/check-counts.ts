// A facility's card checks in the last minute (the per-minute limit) and today (the daily quota alert), as the check
// needs them — without counting the facility's rows in the database on every check. Counting is a range scan of the
// (facility, at) index plus a heap visit per row: today's rows grow all day (a hospital makes thousands of checks),
// and a busy facility's last minute holds as many rows as its limit allows.
//
// Each node reads the counts from the database at most COUNTS_MAX_AGE_MS ago (one read per facility, shared by the
// checks that need it meanwhile) and adds the checks it has let through there since. The day's count is kept per
// facility up to a watermark (a minute boundary at least two minutes back, so every check before it has committed:
// a check's row is written within milliseconds of its time) and only what lies after the watermark is counted again:
// a read scans the last few minutes of the facility's rows, not the whole day. Why that is safe: the limit and
// the quota stay counted in the database for every node and channel, as before; what a node does not see for up to a
// second is the checks *other* nodes let through in that second (at 300 a minute, about 5), and checks in flight were
// never counted before they committed either. The estimate never forgets this node's own checks, and a window that
// slid (a new minute, a new day) is read again. A refused check (429) is not counted, as it leaves no row.
import type { Db } from '../../db/connection.ts';
import * as repo from './repo.ts';

export const COUNTS_MAX_AGE_MS = 1000;
const MINUTE_MS = 60_000;

interface Entry {
  /** What the database said, for the minute before `readAt` and the day that started at `dayFrom`. */
  lastMinute: number;
  today: number;
  dayFrom: number;
  /** When it was read, on the service clock (the windows) and the process clock (the age). */
  readAt: number;
  readWall: number;
  /** Checks let through on this node since. */
  since: number;
}

export class FacilityCheckCounts {
  private readonly entries = new Map<string, Entry>();
  private readonly reading = new Map<string, Promise<Entry>>();
  /** Per facility: the day's checks before `until` (a watermark), for the day that started at `dayFrom`. */
  private readonly dayBases = new Map<string, { dayFrom: number; until: number; count: number }>();

  constructor(private readonly db: Db) {}

  /** The counts for a check at `at` (its minute and day windows), read again when older than COUNTS_MAX_AGE_MS. */
  async counts(facilityCode: string, at: Date, dayFrom: Date): Promise<{ lastMinute: number; today: number }> {
    let entry = this.entries.get(facilityCode);
    const fresh =
      entry !== undefined &&
      entry.dayFrom === dayFrom.getTime() &&
      at.getTime() >= entry.readAt &&
      at.getTime() - entry.readAt < COUNTS_MAX_AGE_MS &&
      Date.now() - entry.readWall < COUNTS_MAX_AGE_MS;
    if (!fresh) entry = await this.read(facilityCode, at, dayFrom);
    if (!entry) throw new Error('facility counts not read');
    return { lastMinute: entry.lastMinute + entry.since, today: entry.today + entry.since };
  }

  /** A check at the facility was let through (it will be stored). */
  counted(facilityCode: string): void {
    const entry = this.entries.get(facilityCode);
    if (entry) entry.since += 1;
  }

  private read(facilityCode: string, at: Date, dayFrom: Date): Promise<Entry> {
    const key = `${facilityCode}@${dayFrom.getTime()}`;
    let pending = this.reading.get(key);
    if (!pending) {
      const day = dayFrom.getTime();
      const watermark = Math.max(day, Math.floor((at.getTime() - 2 * MINUTE_MS) / MINUTE_MS) * MINUTE_MS);
      const known = this.dayBases.get(facilityCode);
      // A new day, or a clock that went back: count the day again from its start.
      const base = known && known.dayFrom === day && known.until <= watermark ? known : { dayFrom: day, until: day, count: 0 };
      pending = repo
        .checkCountsSince(this.db, facilityCode, { baseFrom: new Date(base.until), watermark: new Date(watermark), minuteFrom: new Date(at.getTime() - MINUTE_MS) })
        .then((counts) => {
          const dayBase = { dayFrom: day, until: watermark, count: base.count + counts.beforeWatermark };
          this.dayBases.set(facilityCode, dayBase);
          const entry = {
            lastMinute: counts.lastMinute,
            today: dayBase.count + counts.sinceWatermark,
            dayFrom: day,
            readAt: at.getTime(),
            readWall: Date.now(),
            since: 0,
          };
          this.entries.set(facilityCode, entry);
          return entry;
        })
        .finally(() => this.reading.delete(key));
      this.reading.set(key, pending);
    }
    return pending;
  }
}

const counters = new WeakMap<Db, FacilityCheckCounts>();

/** One counter per database handle: the node's checks of every route (desk, hospital systems) add to it. */
export function facilityCheckCountsOf(db: Db): FacilityCheckCounts {
  let counter = counters.get(db);
  if (!counter) counters.set(db, (counter = new FacilityCheckCounts(db)));
  return counter;
}
