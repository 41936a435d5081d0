import { describe, expect, it } from 'vitest';
import {
  baseSalaryAt,
  bhytShare,
  minimumWageAt,
  monthlyContribution,
  pensionRatePercent,
  retirementAgeMonths,
  retirementMonth,
  schemeRateAt,
} from './rules.ts';
import { permutation } from './util.ts';

describe('rules', () => {
  it('reads the rate tables by effective date', () => {
    expect(baseSalaryAt('2013-06-30')).toBeUndefined();
    expect(baseSalaryAt('2024-06-30')).toBe(1_800_000);
    expect(baseSalaryAt('2024-07-01')).toBe(2_340_000);
    expect(minimumWageAt('2019-12-01', 1)).toBeUndefined();
    expect(minimumWageAt('2025-12-31', 1)).toBe(4_960_000);
    expect(minimumWageAt('2026-01-01', 4)).toBe(3_700_000);
    // 32% in total for an employee today: 25 BHXH + 4.5 BHYT + 2 BHTN + 0.5 TNLĐ-BNN.
    const today = '2026-10-01';
    const total = (['bhxh_compulsory', 'bhyt', 'bhtn', 'bhtnld_bnn'] as const).reduce((sum, s) => sum + schemeRateAt(s, today), 0);
    expect(total).toBe(32);
    expect(schemeRateAt('bhtn', '2008-12-01')).toBe(0);
    expect(schemeRateAt('bhtnld_bnn', '2016-06-01')).toBe(0);
    expect(monthlyContribution('bhyt', 5_310_000, today)).toBe(238_950);
    expect(monthlyContribution('bhxh_voluntary', 1_500_000, today)).toBe(330_000);
  });

  it('follows the retirement-age roadmap', () => {
    expect(retirementAgeMonths(2020, 'male')).toBe(720);
    expect(retirementAgeMonths(2026, 'male')).toBe(738); // 61y6m
    expect(retirementAgeMonths(2040, 'male')).toBe(744);
    expect(retirementAgeMonths(2026, 'female')).toBe(684); // 57y
    expect(retirementAgeMonths(2035, 'female')).toBe(720);
    // DOMAIN-FACTS §4.2: a man born 10/1961 misses the 2021 target and retires at 60y6m in 4/2022.
    expect(retirementMonth('1961-10-15', 'male')).toBe('2022-04-01');
    expect(retirementMonth('1950-03-02', 'female')).toBe('2005-03-01');
  });

  it('computes pension rates (Luật BHXH 2024 Art. 66)', () => {
    expect(pensionRatePercent(24, 'female')).toBe(63);
    expect(pensionRatePercent(24, 'male')).toBe(53);
    expect(pensionRatePercent(17, 'male')).toBe(42);
    expect(pensionRatePercent(40, 'male')).toBe(75);
    expect(pensionRatePercent(14, 'female')).toBe(0);
  });

  it('splits visit costs by benefit level, free under 15% of base salary', () => {
    expect(bhytShare(350_000, 4, 2_340_000, false)).toBe(350_000);
    expect(bhytShare(1_000_000, 4, 2_340_000, false)).toBe(800_000);
    expect(bhytShare(1_000_000, 3, 2_340_000, false)).toBe(950_000);
    expect(bhytShare(1_000_000, 2, 2_340_000, false)).toBe(1_000_000);
    expect(bhytShare(1_000_000, 4, 2_340_000, true)).toBe(1_000_000);
  });

  it('permutes indexes without collisions', () => {
    const permute = permutation(100_000, 'test');
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(permute(i));
    expect(seen.size).toBe(100_000);
    expect(Math.max(...seen)).toBe(99_999);
  });
});
