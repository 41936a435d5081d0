import { describe, expect, it } from 'vitest';
import { vietnamDate } from './vietnam-date.ts';

describe('vietnamDate', () => {
  it('is already the next day in Vietnam at 17:00 UTC (UTC+7)', () => {
    expect(vietnamDate(new Date('2026-11-23T16:59:59Z'))).toBe('2026-11-23');
    expect(vietnamDate(new Date('2026-11-23T17:00:00Z'))).toBe('2026-11-24');
  });
});
