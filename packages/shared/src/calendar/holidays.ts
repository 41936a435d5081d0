// The statutory holiday calendar (Bộ luật Lao động 2019, Điều 112) and working-day arithmetic.
//
// The yearly schedule (which days around Tết, which weekend day is swapped) is decided every year by the Prime
// Minister / Ministry of Home Affairs; `computeHolidays` gives the computed default that seeds the `holidays` table,
// which admins then edit. Working-day arithmetic takes whatever calendar it is given (typically read from that table).
//
// Dates are 'YYYY-MM-DD' strings handled as UTC day numbers, so the host's time zone never shifts a day.
import * as vnLunar from '@dqcai/vn-lunar';

/** holiday (nghỉ lễ) | compensatory (nghỉ bù) | workday (làm bù: a weekend day that is worked). */
export type HolidayKind = 'holiday' | 'compensatory' | 'workday';

export interface HolidayEntry {
  date: string;
  kind: HolidayKind;
  name: string;
}

/**
 * A holiday calendar for working-day arithmetic: a map date → kind (as built by `holidayLookup`), or simply the set of
 * days off (every member counts as a non-working day).
 */
export type HolidaySet = ReadonlyMap<string, HolidayKind> | ReadonlySet<string>;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' → days since 1970-01-01 (UTC). Rejects malformed or impossible dates. */
function toDayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const day = ms / MS_PER_DAY;
  if (fromDayNumber(day) !== date) throw new RangeError(`Not a calendar date: ${date}`);
  return day;
}

function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function isWeekend(day: number): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}

/**
 * The library's bundled .d.ts uses extension-less relative imports that NodeNext resolution cannot follow, so its
 * types come through unresolved: describe the one call we use and check its result at run time.
 */
interface LunarLibrary {
  LunarCalendar: { fromLunar(day: number, month: number, year: number, leap?: boolean): { solarDate: unknown } };
}
const lunarLibrary = vnLunar as unknown as LunarLibrary;

function isSolarDate(value: unknown): value is { day: number; month: number; year: number } {
  if (typeof value !== 'object' || value === null) return false;
  const { day, month, year } = value as Record<string, unknown>;
  return Number.isInteger(day) && Number.isInteger(month) && Number.isInteger(year);
}

/** The solar date of a day of the Vietnamese lunar calendar (UTC+7 astronomy, as used in Vietnam). */
function solarOfLunar(day: number, month: number, lunarYear: number): string {
  const { solarDate } = lunarLibrary.LunarCalendar.fromLunar(day, month, lunarYear);
  if (!isSolarDate(solarDate)) throw new Error(`Lunar conversion failed for ${day}/${month}/${lunarYear}`);
  return isoDate(solarDate.year, solarDate.month, solarDate.day);
}

const TET_DAY_NAMES = ['Tết Âm lịch (mùng 1)', 'Tết Âm lịch (mùng 2)', 'Tết Âm lịch (mùng 3)', 'Tết Âm lịch (mùng 4)'];

/**
 * The computed default holiday calendar of a year (Labour Code 2019, Art. 112): 1/1; Tết Âm lịch as the last day of
 * the lunar year (giao thừa) plus the first four days of the new year; Giỗ Tổ Hùng Vương (10/3 lunar); 30/4; 1/5;
 * Quốc khánh 2/9 plus 1/9. A holiday on a Saturday or Sunday gives a compensatory day off (nghỉ bù) on the next
 * working day. No swapped working days are computed: those come from the yearly decision, entered by admins.
 */
export function computeHolidays(year: number): HolidayEntry[] {
  if (!Number.isInteger(year) || year < 1900 || year > 2199) throw new RangeError(`Unsupported year ${year}`);
  const tet = toDayNumber(solarOfLunar(1, 1, year));
  const holidays: Array<{ day: number; name: string }> = [
    { day: toDayNumber(isoDate(year, 1, 1)), name: 'Tết Dương lịch' },
    { day: tet - 1, name: 'Tết Âm lịch (giao thừa)' },
    ...TET_DAY_NAMES.map((name, offset) => ({ day: tet + offset, name })),
    { day: toDayNumber(solarOfLunar(10, 3, year)), name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { day: toDayNumber(isoDate(year, 4, 30)), name: 'Ngày Chiến thắng (30/4)' },
    { day: toDayNumber(isoDate(year, 5, 1)), name: 'Ngày Quốc tế Lao động (1/5)' },
    { day: toDayNumber(isoDate(year, 9, 1)), name: 'Quốc khánh (1/9)' },
    { day: toDayNumber(isoDate(year, 9, 2)), name: 'Quốc khánh (2/9)' },
  ];
  holidays.sort((a, b) => a.day - b.day);

  const taken = new Set(holidays.map((h) => h.day));
  const compensatory: Array<{ day: number; name: string }> = [];
  for (const holiday of holidays) {
    if (!isWeekend(holiday.day)) continue;
    // The next weekday that is neither a holiday nor already a compensatory day.
    let day = holiday.day + 1;
    while (isWeekend(day) || taken.has(day)) day += 1;
    taken.add(day);
    compensatory.push({ day, name: `Nghỉ bù ${holiday.name}` });
  }

  return [
    ...holidays.map((h) => ({ date: fromDayNumber(h.day), kind: 'holiday' as const, name: h.name })),
    ...compensatory.map((c) => ({ date: fromDayNumber(c.day), kind: 'compensatory' as const, name: c.name })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Builds the date → kind map that `isWorkingDay` and `addWorkingDays` read. */
export function holidayLookup(entries: Iterable<{ date: string; kind: HolidayKind }>): Map<string, HolidayKind> {
  const lookup = new Map<string, HolidayKind>();
  for (const entry of entries) lookup.set(entry.date, entry.kind);
  return lookup;
}

function kindOf(date: string, holidays: HolidaySet): HolidayKind | undefined {
  if ('get' in holidays) return holidays.get(date);
  return holidays.has(date) ? 'holiday' : undefined;
}

function workingDayNumber(day: number, holidays: HolidaySet): boolean {
  const kind = kindOf(fromDayNumber(day), holidays);
  if (kind === 'workday') return true;
  if (kind === 'holiday' || kind === 'compensatory') return false;
  return !isWeekend(day);
}

/** Monday–Friday, minus holidays and compensatory days off, plus weekend days declared as working days (làm bù). */
export function isWorkingDay(date: string, holidays: HolidaySet): boolean {
  return workingDayNumber(toDayNumber(date), holidays);
}

/**
 * The date `n` working days after `startDate` (the start date itself is not counted, whether or not it is a working
 * day): "the 10th working day after the complete dossier". `n = 0` returns the start date; a negative `n` counts
 * backwards.
 */
export function addWorkingDays(startDate: string, n: number, holidays: HolidaySet): string {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be an integer, got ${n}`);
  let day = toDayNumber(startDate);
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  while (remaining > 0) {
    day += step;
    if (workingDayNumber(day, holidays)) remaining -= 1;
  }
  return fromDayNumber(day);
}
