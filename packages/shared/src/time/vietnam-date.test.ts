import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vietnamDate, vietnamWallClock } from './vietnam-date.ts';

describe('vietnamDate', () => {
  it('is already the next day in Vietnam at 17:00 UTC (UTC+7)', () => {
    expect(vietnamDate(new Date('2026-11-23T16:59:59Z'))).toBe('2026-11-23');
    expect(vietnamDate(new Date('2026-11-23T17:00:00Z'))).toBe('2026-11-24');
  });

  it('agrees with the time-zone database at every instant, before and after 1976 (UTC+8 until June 1975)', () => {
    const zone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });
    expect(vietnamDate(new Date('1970-01-01T16:30:00Z'))).toBe('1970-01-02');
    expect(vietnamDate(new Date('1975-12-31T16:59:59Z'))).toBe('1975-12-31');
    expect(vietnamDate(new Date('1975-12-31T17:00:00Z'))).toBe('1976-01-01');
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }), (instant) => {
        expect(vietnamDate(instant)).toBe(zone.format(instant));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('vietnamWallClock', () => {
  it('reads the hour and minute in Vietnam (UTC+7), across midnight', () => {
    expect(vietnamWallClock(new Date('2026-11-23T16:59:59Z'))).toBe('2026-11-23T23:59');
    expect(vietnamWallClock(new Date('2026-11-23T17:00:00Z'))).toBe('2026-11-24T00:00');
  });

  it('agrees with the time-zone database at every instant, before and after 1976 (UTC+8 until June 1975)', () => {
    // Swedish writes 'YYYY-MM-DD HH:MM', the same fields as the wall clock.
    const zone = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });
    const expected = (instant: Date) => zone.format(instant).replace(' ', 'T');
    expect(vietnamWallClock(new Date('1970-01-01T16:30:00Z'))).toBe('1970-01-02T00:30');
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }), (instant) => {
        expect(vietnamWallClock(instant)).toBe(expected(instant));
      }),
      { numRuns: 2000 },
    );
  });
});
