// Effective-dated rules (DOMAIN-FACTS §4.1–4.7) as plain data: the seed loads them into the rule tables, and the
// population generator computes every contribution and benefit from these same numbers, so the two cannot disagree.
import { computeHolidays } from '@vssid/shared';
import { bulkInsert } from '../bulk.ts';
import type { Database } from '../connection.ts';

export interface BaseSalaryRule {
  effectiveFrom: string;
  amount: number;
  instrument: string;
}

/** Lương cơ sở (also the reference level, mức tham chiếu, while it exists). The announced 2026 rise is left out. */
export const BASE_SALARIES: readonly BaseSalaryRule[] = [
  { effectiveFrom: '2013-07-01', amount: 1_150_000, instrument: 'Nghị định 66/2013/NĐ-CP' },
  { effectiveFrom: '2016-05-01', amount: 1_210_000, instrument: 'Nghị định 47/2016/NĐ-CP' },
  { effectiveFrom: '2017-07-01', amount: 1_300_000, instrument: 'Nghị định 47/2017/NĐ-CP' },
  { effectiveFrom: '2018-07-01', amount: 1_390_000, instrument: 'Nghị định 72/2018/NĐ-CP' },
  { effectiveFrom: '2019-07-01', amount: 1_490_000, instrument: 'Nghị định 38/2019/NĐ-CP' },
  { effectiveFrom: '2023-07-01', amount: 1_800_000, instrument: 'Nghị định 24/2023/NĐ-CP' },
  { effectiveFrom: '2024-07-01', amount: 2_340_000, instrument: 'Nghị định 73/2024/NĐ-CP' },
];

export interface MinimumWageRule {
  effectiveFrom: string;
  /** Monthly amounts for regions I–IV. */
  monthly: readonly [number, number, number, number];
  hourly: readonly [number, number, number, number] | null;
  instrument: string;
}

/** Mức lương tối thiểu vùng. */
export const REGIONAL_MINIMUM_WAGES: readonly MinimumWageRule[] = [
  {
    effectiveFrom: '2020-01-01',
    monthly: [4_420_000, 3_920_000, 3_430_000, 3_070_000],
    hourly: null,
    instrument: 'Nghị định 90/2019/NĐ-CP',
  },
  {
    effectiveFrom: '2022-07-01',
    monthly: [4_680_000, 4_160_000, 3_640_000, 3_250_000],
    hourly: [22_500, 20_000, 17_500, 15_600],
    instrument: 'Nghị định 38/2022/NĐ-CP',
  },
  {
    effectiveFrom: '2024-07-01',
    monthly: [4_960_000, 4_410_000, 3_860_000, 3_450_000],
    hourly: [23_800, 21_200, 18_600, 16_600],
    instrument: 'Nghị định 74/2024/NĐ-CP',
  },
  {
    effectiveFrom: '2026-01-01',
    monthly: [5_310_000, 4_730_000, 4_140_000, 3_700_000],
    hourly: [25_500, 22_700, 20_000, 17_800],
    instrument: 'Nghị định 293/2025/NĐ-CP',
  },
];

export type Fund = 'sickness_maternity' | 'pension_survivorship' | 'occupational' | 'bhyt' | 'bhtn' | 'voluntary_bhxh';

export interface ContributionRateRule {
  effectiveFrom: string;
  fund: Fund;
  /** Percent of the salary base. */
  employerRate: number;
  employeeRate: number;
}

/**
 * Today's rates (DOMAIN-FACTS §4.6). Simplification: each fund's current rate applies from the fund's start in this
 * data set (1995 for BHXH and BHYT, 2008 voluntary BHXH, 2009 BHTN, 1/7/2016 the separate TNLĐ-BNN fund of the 2014
 * Law); the historic step-ups of the pension rate before 2014 are not modelled.
 */
export const CONTRIBUTION_RATES: readonly ContributionRateRule[] = [
  { effectiveFrom: '1995-01-01', fund: 'sickness_maternity', employerRate: 3, employeeRate: 0 },
  { effectiveFrom: '1995-01-01', fund: 'pension_survivorship', employerRate: 14, employeeRate: 8 },
  { effectiveFrom: '1995-01-01', fund: 'bhyt', employerRate: 3, employeeRate: 1.5 },
  { effectiveFrom: '2008-01-01', fund: 'voluntary_bhxh', employerRate: 0, employeeRate: 22 },
  { effectiveFrom: '2009-01-01', fund: 'bhtn', employerRate: 1, employeeRate: 1 },
  { effectiveFrom: '2016-07-01', fund: 'occupational', employerRate: 0.5, employeeRate: 0 },
];

export type Scheme = 'bhxh_compulsory' | 'bhxh_voluntary' | 'bhyt' | 'bhtn' | 'bhtnld_bnn';

/** Which funds a participation scheme's monthly amount pays into. */
export const SCHEME_FUNDS: Readonly<Record<Scheme, readonly Fund[]>> = {
  bhxh_compulsory: ['sickness_maternity', 'pension_survivorship'],
  bhxh_voluntary: ['voluntary_bhxh'],
  bhyt: ['bhyt'],
  bhtn: ['bhtn'],
  bhtnld_bnn: ['occupational'],
};

/** Voluntary BHXH: the chosen income may not be below the rural poverty line. */
export const VOLUNTARY_MIN_INCOME = 1_500_000;

/** Pension rises decided by the Government (illustrative synthetic values used only to make adjustment rows). */
export const PENSION_ADJUSTMENTS: ReadonlyArray<{ effectiveFrom: string; percent: number }> = [
  { effectiveFrom: '2016-05-01', percent: 8 },
  { effectiveFrom: '2017-07-01', percent: 7.44 },
  { effectiveFrom: '2018-07-01', percent: 6.9 },
  { effectiveFrom: '2019-07-01', percent: 7.19 },
  { effectiveFrom: '2022-01-01', percent: 7.4 },
  { effectiveFrom: '2023-07-01', percent: 12.5 },
  { effectiveFrom: '2024-07-01', percent: 15 },
];

// ---------------------------------------------------------------------------------------------------------------
// Look-ups. Months are 'YYYY-MM-01' strings; comparisons on ISO strings are chronological.
// ---------------------------------------------------------------------------------------------------------------

function latest<T extends { effectiveFrom: string }>(rules: readonly T[], date: string): T | undefined {
  let found: T | undefined;
  for (const rule of rules) if (rule.effectiveFrom <= date) found = rule;
  return found;
}

/** The base salary in force on a date, or undefined before the first encoded value (1/7/2013). */
export function baseSalaryAt(date: string): number | undefined {
  return latest(BASE_SALARIES, date)?.amount;
}

/** The regional minimum wage in force on a date (region 1–4), or undefined before 2020. */
export function minimumWageAt(date: string, region: number): number | undefined {
  const rule = latest(REGIONAL_MINIMUM_WAGES, date);
  if (!rule) return undefined;
  const amount = rule.monthly[region - 1];
  if (amount === undefined) throw new RangeError(`No wage region ${region}`);
  return amount;
}

/** Employer + employee percent of a fund in force on a date (0 when the fund did not exist yet). */
export function fundRateAt(fund: Fund, date: string): number {
  let rate = 0;
  for (const rule of CONTRIBUTION_RATES) {
    if (rule.fund === fund && rule.effectiveFrom <= date) rate = rule.employerRate + rule.employeeRate;
  }
  return rate;
}

/** The total percent a scheme collects on a date. */
export function schemeRateAt(scheme: Scheme, date: string): number {
  let total = 0;
  for (const fund of SCHEME_FUNDS[scheme]) total += fundRateAt(fund, date);
  return total;
}

/** The monthly contribution of a scheme: salary base × the rates in force, rounded to the đồng. */
export function monthlyContribution(scheme: Scheme, salaryBase: number, month: string): number {
  return Math.round((salaryBase * schemeRateAt(scheme, month)) / 100);
}

/** Dates on which a scheme's rate changes (its period rows are split there so one row has one rate). */
export function schemeRateChanges(scheme: Scheme): string[] {
  const funds = SCHEME_FUNDS[scheme];
  return [...new Set(CONTRIBUTION_RATES.filter((r) => funds.includes(r.fund)).map((r) => r.effectiveFrom))].sort();
}

// ---------------------------------------------------------------------------------------------------------------
// Retirement and pension (DOMAIN-FACTS §4.1, §4.2), simplified.
// ---------------------------------------------------------------------------------------------------------------

/** Retirement age (in months) that applies in a calendar year (Labour Code 2019 Art. 169, Decree 135/2020). */
export function retirementAgeMonths(year: number, sex: 'male' | 'female'): number {
  if (sex === 'male') {
    if (year < 2021) return 60 * 12;
    return Math.min(62 * 12, 60 * 12 + 3 * (year - 2020));
  }
  if (year < 2021) return 55 * 12;
  return Math.min(60 * 12, 55 * 12 + 4 * (year - 2020));
}

/** 'YYYY-MM-DD' plus whole months, as the first day of the resulting month. */
export function addMonthsToMonth(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const y = year + Math.floor(month / 12);
  const m = ((month % 12) + 12) % 12;
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * The month a person reaches retirement age: the first calendar year Y in which birth + target(Y) falls in Y.
 * Returned as the first day of the month in which the age is reached.
 */
export function retirementMonth(birthDate: string, sex: 'male' | 'female'): string {
  const birthYear = Number(birthDate.slice(0, 4));
  for (let year = birthYear + 55; ; year++) {
    const reached = addMonthsToMonth(birthDate, retirementAgeMonths(year, sex));
    if (Number(reached.slice(0, 4)) <= year) return reached;
  }
}

/** Minimum contribution years for a pension as used in this data set (men 20, women 15). */
export function minimumPensionYears(sex: 'male' | 'female'): number {
  return sex === 'male' ? 20 : 15;
}

/** Pension rate in percent for whole years of contributions (Art. 66, simplified). */
export function pensionRatePercent(years: number, sex: 'male' | 'female'): number {
  if (sex === 'female') return years < 15 ? 0 : Math.min(75, 45 + 2 * (years - 15));
  if (years < 15) return 0;
  if (years < 20) return 40 + (years - 15);
  return Math.min(75, 45 + 2 * (years - 20));
}

/** How many final years the average salary covers, by the year contributions started (Art. 72). */
export function averagingYears(startYear: number): number | null {
  if (startYear < 1995) return 5;
  if (startYear <= 2000) return 6;
  if (startYear <= 2006) return 8;
  if (startYear <= 2015) return 10;
  if (startYear <= 2019) return 15;
  if (startYear <= 2024) return 20;
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// BHYT benefit levels (DOMAIN-FACTS §2.2, §5).
// ---------------------------------------------------------------------------------------------------------------

// The fund's share of a visit is a rule the desk applies too: it lives in @vssid/shared.
export { bhytShare } from '@vssid/shared';

export const HOLIDAY_YEARS = { from: 2015, to: 2030 } as const;

export async function loadRules(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  counts.base_salaries = await bulkInsert(
    database,
    'base_salaries',
    ['effective_from', 'amount', 'instrument'],
    BASE_SALARIES.map((r) => [r.effectiveFrom, r.amount, r.instrument]),
  );
  counts.regional_minimum_wages = await bulkInsert(
    database,
    'regional_minimum_wages',
    ['effective_from', 'region', 'monthly_amount', 'hourly_amount', 'instrument'],
    REGIONAL_MINIMUM_WAGES.flatMap((r) =>
      r.monthly.map((amount, i) => [r.effectiveFrom, i + 1, amount, r.hourly?.[i] ?? null, r.instrument]),
    ),
  );
  counts.contribution_rates = await bulkInsert(
    database,
    'contribution_rates',
    ['effective_from', 'fund', 'employer_rate', 'employee_rate'],
    CONTRIBUTION_RATES.map((r) => [r.effectiveFrom, r.fund, r.employerRate, r.employeeRate]),
  );
  const holidayRows: Array<[string, number, string, string, string]> = [];
  for (let year = HOLIDAY_YEARS.from; year <= HOLIDAY_YEARS.to; year++) {
    for (const h of computeHolidays(year)) holidayRows.push([h.date, year, h.kind, h.name, 'computed']);
  }
  counts.holidays = await bulkInsert(database, 'holidays', ['date', 'year', 'kind', 'name', 'source'], holidayRows);
  return counts;
}
