// A facility's card checks in the last minute (the per-minute limit) and today (the daily quota alert), as the check
// needs them — without counting the facility's rows in the database on every check. Counting is a range scan of the
// (facility, at) index plus a heap visit per row: today's rows grow all day (a hospital makes thousands of checks),
// and a busy facility's last minute holds as many rows as its limit allows.
//
// Each node reads the counts from the database at most COUNTS_MAX_AGE_MS ago (one read per facility, shared by the
// checks that need it meanwhile) and adds the checks it has let through there since. What a read has seen up to a
// settled line (a whole second SETTLE_MS back) is kept — the day's count, and a count per second for the last
// minute — and the next read scans only the rows from that line on: about SETTLE_MS + 1 s of the facility's rows,
// not the last minutes (a bench facility at 140 checks a second had 12,000 rows there and its read took 15 ms, with
// every check at that desk waiting on it). Why the line is safe: a check's row commits within milliseconds of its
// `at` (the ledger batch it joins is written at once), so by SETTLE_MS every row before the line is in; a row that
// commits later than that (a database stalled for seconds) is missed by these counts, which are an abuse estimate,
// never the ledger itself. The limit and the quota stay counted in the database for every node and channel; what a
// node does not see for up to a second is the checks *other* nodes let through in that second (at 300 a minute,
// about 5), and checks in flight were never counted before they committed either. The estimate never forgets this
// node's own checks, and a new day or a clock set back is read again from the day's start. The last minute is
// counted to the second (up to 61 s of checks). A refused check (429) is not counted, as it leaves no row.
import { type Db, perHandle } from '../../db/connection.ts';
import * as repo from './repo.ts';

export const COUNTS_MAX_AGE_MS = 1000;
/** How far back of a check's time its facility's rows are taken as all committed (see above). */
export const SETTLE_MS = 10_000;
const SECOND_MS = 1000;
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

/** What earlier reads saw of a facility's rows before `until` (a settled line), for the day that started at `dayFrom`. */
interface Settled {
  dayFrom: number;
  until: number;
  /** The day's checks before `until`. */
  today: number;
  /** Checks per second (its start, ms) for the seconds before `until` that a later read's last minute can reach. */
  perSecond: Map<number, number>;
}

const floorToSecond = (ms: number) => Math.floor(ms / SECOND_MS) * SECOND_MS;

export class FacilityCheckCounts {
  private readonly entries = new Map<string, Entry>();
  private readonly reading = new Map<string, Promise<Entry>>();
  private readonly settled = new Map<string, Settled>();

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
      pending = this.readFromDatabase(facilityCode, at.getTime(), dayFrom.getTime()).finally(() => this.reading.delete(key));
      this.reading.set(key, pending);
    }
    return pending;
  }

  private async readFromDatabase(facilityCode: string, at: number, day: number): Promise<Entry> {
    const minuteFrom = floorToSecond(at - MINUTE_MS);
    const line = Math.max(day, floorToSecond(at - SETTLE_MS));
    const known = this.settled.get(facilityCode);
    // A new day, or a clock set back: read the day again from its start (and the last minute, which may reach into
    // yesterday). Otherwise only what follows the settled line: the seconds before it are known.
    const fresh = !(known && known.dayFrom === day && known.until <= line);
    const base: Settled = fresh ? { dayFrom: day, until: day, today: 0, perSecond: new Map() } : known;
    const from = fresh ? Math.min(day, minuteFrom) : base.until;
    const rows = await repo.checkCountsBySecond(this.db, facilityCode, { from: new Date(from), secondsFrom: new Date(minuteFrom) });

    // The known seconds the last minute still reaches (all before the previous line), then what was read.
    const perSecond = new Map<number, number>();
    let lastMinute = 0;
    for (const [second, checks] of base.perSecond) {
      if (second < minuteFrom) continue;
      perSecond.set(second, checks);
      lastMinute += checks;
    }
    let settledToday = base.today;
    let unsettledToday = 0;
    for (const { second, checks } of rows) {
      // Before the last minute (and after the previous line, or the day's start): part of the day, settled.
      if (second === null) settledToday += checks;
      else {
        lastMinute += checks;
        const inDay = second >= day;
        if (second < line) {
          perSecond.set(second, checks);
          if (inDay) settledToday += checks;
        } else if (inDay) unsettledToday += checks;
      }
    }
    this.settled.set(facilityCode, { dayFrom: day, until: line, today: settledToday, perSecond });
    const entry: Entry = { lastMinute, today: settledToday + unsettledToday, dayFrom: day, readAt: at, readWall: Date.now(), since: 0 };
    this.entries.set(facilityCode, entry);
    return entry;
  }
}

/** One counter per database handle: the node's checks of every route (desk, hospital systems) add to it. */
export const facilityCheckCountsOf = perHandle((db) => new FacilityCheckCounts(db));
