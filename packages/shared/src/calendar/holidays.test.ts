import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, computeHolidays, holidayLookup, isWorkingDay } from './holidays.ts';

const utcWeekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const datesOf = (year: number, kind: string) =>
  computeHolidays(year)
    .filter((h) => h.kind === kind)
    .map((h) => h.date);

function calendar(...years: number[]) {
  return holidayLookup(years.flatMap((year) => computeHolidays(year)));
}

describe('computeHolidays', () => {
  it('finds Tết from the Vietnamese lunar calendar (giao thừa + 4 days)', () => {
    const tet = (year: number) =>
      computeHolidays(year)
        .filter((h) => h.name.startsWith('Tết Âm lịch'))
        .map((h) => h.date);
    expect(tet(2025)).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01']);
    expect(tet(2026)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(tet(2030)).toEqual(['2030-02-01', '2030-02-02', '2030-02-03', '2030-02-04', '2030-02-05']);
    expect(computeHolidays(2026).find((h) => h.name.includes('mùng 1'))?.date).toBe('2026-02-17');
  });

  it('places Giỗ Tổ Hùng Vương on 10/3 lunar', () => {
    const gioTo = (year: number) => computeHolidays(year).find((h) => h.name.startsWith('Giỗ Tổ'))?.date;
    expect(gioTo(2025)).toBe('2025-04-07');
    expect(gioTo(2026)).toBe('2026-04-26');
    expect(gioTo(2027)).toBe('2027-04-16');
  });

  it('gives the fixed-date holidays and 1/9 + 2/9', () => {
    const dates = datesOf(2026, 'holiday');
    for (const date of ['2026-01-01', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02']) expect(dates).toContain(date);
    expect(dates).toHaveLength(11);
  });

  it('adds a compensatory weekday after a holiday on a weekend', () => {
    // Giỗ Tổ 2026 is a Sunday → Monday 27/4 off.
    expect(datesOf(2026, 'compensatory')).toEqual(['2026-04-27']);
    // Mùng 4 Tết 2025 is Saturday 1/2 → Monday 3/2.
    expect(datesOf(2025, 'compensatory')).toEqual(['2025-02-03']);
    // Tết 2030: mùng 1 Saturday, mùng 2 Sunday → the two weekdays after the Tết block (Wed 6/2, Thu 7/2).
    // 1/9/2030 is a Sunday → Tuesday 3/9 (Monday 2/9 is itself a holiday).
    expect(datesOf(2030, 'compensatory')).toEqual(['2030-02-06', '2030-02-07', '2030-09-03']);
  });

  it('is consistent for every year 2015–2035', () => {
    for (let year = 2015; year <= 2035; year++) {
      const entries = computeHolidays(year);
      const holidays = entries.filter((h) => h.kind === 'holiday');
      const compensatory = entries.filter((h) => h.kind === 'compensatory');
      expect(holidays).toHaveLength(11);
      expect(new Set(entries.map((h) => h.date)).size).toBe(entries.length);
      const weekendHolidays = holidays.filter((h) => [0, 6].includes(utcWeekday(h.date)));
      expect(compensatory).toHaveLength(weekendHolidays.length);
      for (const c of compensatory) {
        expect([0, 6]).not.toContain(utcWeekday(c.date));
        expect(c.date.startsWith(String(year))).toBe(true);
      }
      expect(entries.map((h) => h.date)).toEqual([...entries.map((h) => h.date)].sort());
    }
  });
});

describe('working days', () => {
  const holidays = calendar(2025, 2026, 2027);

  it('treats weekends, holidays and compensatory days as days off', () => {
    expect(isWorkingDay('2026-02-13', holidays)).toBe(true); // Friday before Tết
    expect(isWorkingDay('2026-02-14', holidays)).toBe(false); // Saturday
    expect(isWorkingDay('2026-02-17', holidays)).toBe(false); // mùng 1 Tết
    expect(isWorkingDay('2026-04-27', holidays)).toBe(false); // nghỉ bù Giỗ Tổ
    expect(isWorkingDay('2026-04-28', holidays)).toBe(true);
  });

  it('counts the 10th working day across Tết', () => {
    // Tue 10/2/2026 + 10 working days: 11, 12, 13/2, (Tết 16–20/2), 23–27/2, 2/3, 3/3.
    expect(addWorkingDays('2026-02-10', 10, holidays)).toBe('2026-03-03');
    // Without the calendar it would be 24/2.
    expect(addWorkingDays('2026-02-10', 10, new Set<string>())).toBe('2026-02-24');
    // Across Tết 2025 with its Saturday compensated on Monday 3/2.
    expect(addWorkingDays('2025-01-24', 10, holidays)).toBe('2025-02-14');
  });

  it('honours swapped working days (làm bù) and plain sets of days off', () => {
    const swapped = holidayLookup([
      ...computeHolidays(2025),
      { date: '2025-04-26', kind: 'workday' }, // Saturday worked
      { date: '2025-05-02', kind: 'compensatory' },
    ]);
    expect(isWorkingDay('2025-04-26', swapped)).toBe(true);
    expect(isWorkingDay('2025-05-02', swapped)).toBe(false);
    expect(addWorkingDays('2025-04-25', 1, swapped)).toBe('2025-04-26');
    expect(isWorkingDay('2025-01-01', new Set(['2025-01-01']))).toBe(false);
  });

  it('counts 0 and negative days, and ignores the host time zone', () => {
    expect(addWorkingDays('2026-02-14', 0, holidays)).toBe('2026-02-14');
    expect(addWorkingDays('2026-03-03', -10, holidays)).toBe('2026-02-10');
    expect(addWorkingDays('2026-12-31', 1, holidays)).toBe('2027-01-04');
    expect(() => addWorkingDays('2026-02-30', 1, holidays)).toThrow(RangeError);
  });

  it('round-trips: n working days forward then back returns to a working start day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 40 }), (offset, n) => {
        const start = new Date(Date.UTC(2025, 0, 2 + offset)).toISOString().slice(0, 10);
        const end = addWorkingDays(start, n, holidays);
        expect(isWorkingDay(end, holidays)).toBe(true);
        if (isWorkingDay(start, holidays)) expect(addWorkingDays(end, -n, holidays)).toBe(start);
      }),
    );
  });
});
