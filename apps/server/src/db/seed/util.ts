// Small deterministic helpers shared by the reference and population generators.
import { seededRandom } from './random.ts';

export type Random = () => number;

export function pick<T>(items: readonly T[], random: Random): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`No item at ${index} of ${items.length}`);
  return item;
}

/** Integer in [min, max]. */
export function int(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function chance(random: Random, p: number): boolean {
  return random() < p;
}

/** Picks by weight from [value, weight] pairs. */
export function weighted<T>(pairs: ReadonlyArray<readonly [T, number]>, random: Random): T {
  let total = 0;
  for (const [, w] of pairs) total += w;
  let target = random() * total;
  for (const [value, w] of pairs) {
    target -= w;
    if (target < 0) return value;
  }
  const last = pairs[pairs.length - 1];
  if (!last) throw new Error('weighted pick from an empty list');
  return last[0];
}

/** A sampler over a fixed weighted list: O(log n) per draw (cumulative weights + binary search). */
export function weightedSampler<T>(items: readonly T[], weightOf: (item: T) => number): (random: Random) => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) {
    total += weightOf(item);
    cumulative.push(total);
  }
  return (random) => {
    const target = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at(cumulative, mid) > target) hi = mid;
      else lo = mid + 1;
    }
    return at(items, lo);
  };
}

/** Poisson-distributed count (Knuth; fine for the small means used here). */
export function poisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k += 1;
    p *= random();
  }
  return k;
}

function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/**
 * A keyed bijection of [0, modulus) (a 4-round Feistel network with cycle walking): turns a running index into a
 * random-looking but collision-free number, so codes are unique without remembering the ones already issued.
 */
export function permutation(modulus: number, key: string): (x: number) => number {
  let bits = Math.max(2, Math.ceil(Math.log2(modulus)));
  if (bits % 2 === 1) bits += 1;
  if (bits > 30) throw new RangeError('permutation domain too large');
  const half = bits / 2;
  const mask = (1 << half) - 1;
  const random = seededRandom(`perm:${key}:${modulus}`);
  const keys = [0, 1, 2, 3].map(() => Math.floor(random() * 0x7fffffff));
  const round = (value: number, k: number) => {
    let h = Math.imul(value ^ k, 0x45d9f3b);
    h ^= h >>> 16;
    h = Math.imul(h, 0x45d9f3b);
    h ^= h >>> 16;
    return h & mask;
  };
  const encrypt = (x: number) => {
    let left = x >>> half;
    let right = x & mask;
    for (const k of keys) {
      const next = left ^ round(right, k);
      left = right;
      right = next;
    }
    return left * (mask + 1) + right;
  };
  return (x) => {
    if (x < 0 || x >= modulus || !Number.isInteger(x)) throw new RangeError(`${x} outside [0, ${modulus})`);
    let y = encrypt(x);
    while (y >= modulus) y = encrypt(y);
    return y;
  };
}

export function digits(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Stable small hash of a string in [0, 1) (for choices that must not consume a generator). */
export function unitHash(text: string): number {
  return hashString(text) / 4294967296;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates as day numbers (UTC days since 1970-01-01) and months as 'YYYY-MM-01' strings.
// ---------------------------------------------------------------------------------------------------------------

// Civil-calendar conversions without Date objects (H. Hinnant's algorithms): millions of calls on large seeds.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${digits(year, 4)}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** 'YYYY-MM-DD' → days since 1970-01-01. */
export function dayNumber(date: string): number {
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** Cache of formatted dates for 1900-01-01 … 2099-12-31 (the range the data set uses). */
const CACHE_FIRST = daysFromCivil(1900, 1, 1);
const CACHE_LAST = daysFromCivil(2099, 12, 31);
const dateCache: Array<string | undefined> = [];

/** Days since 1970-01-01 → 'YYYY-MM-DD'. */
export function dateOf(day: number): string {
  if (day < CACHE_FIRST || day > CACHE_LAST) return civilFromDays(day);
  const index = day - CACHE_FIRST;
  let text = dateCache[index];
  if (text === undefined) {
    text = civilFromDays(day);
    dateCache[index] = text;
  }
  return text;
}

/** Month index: months since January of year 0 (so 2026-01 = 2026 × 12). */
export function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

const monthCache = new Map<number, string>();

export function monthOf(index: number): string {
  let text = monthCache.get(index);
  if (text === undefined) {
    const year = Math.floor(index / 12);
    text = `${digits(year, 4)}-${digits((index % 12) + 1, 2)}-01`;
    monthCache.set(index, text);
  }
  return text;
}

/** The same day n months later, clamped to the end of a shorter month. */
export function addMonths(date: string, n: number): string {
  const index = monthIndex(date) + n;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const lastDay = daysFromCivil(month === 11 ? year + 1 : year, month === 11 ? 1 : month + 2, 1) - daysFromCivil(year, month + 1, 1);
  const day = Math.min(Number(date.slice(8, 10)), lastDay);
  return `${digits(year, 4)}-${digits(month + 1, 2)}-${digits(day, 2)}`;
}

export function addYears(date: string, n: number): string {
  return addMonths(date, 12 * n);
}

/** Last day of the month of a date. */
export function endOfMonth(date: string): string {
  return dateOf(dayNumber(monthOf(monthIndex(date) + 1)) - 1);
}

/** Whole years between two dates (age on `on` of someone born on `birth`). */
export function yearsBetween(birth: string, on: string): number {
  let years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  if (on.slice(5) < birth.slice(5)) years -= 1;
  return years;
}
