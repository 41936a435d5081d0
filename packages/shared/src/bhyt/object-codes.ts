// BHYT object codes (mã đối tượng, the two letters that open a 15-character card code) and benefit levels (mức hưởng,
// the digit after them).
//
// The list is QĐ 1351/QĐ-BHXH of 16/11/2015 as reproduced by a public parser (DOMAIN-FACTS §2.2); the official
// appendix was not opened. It is data with effective dates because the 2024 BHYT law (in force 1/7/2025) added
// participant groups whose codes are not known yet: they are added here as rows, and retired codes get a `validTo`.
// A card's level digit is not fixed by its object code (`HT2`, `CN2` exist), so `defaultLevel` is only the usual one.
import type { BhytTextKey } from './texts.ts';

/** Mức hưởng: the digit after the object code. */
export type BenefitLevel = 1 | 2 | 3 | 4 | 5;

export const BENEFIT_LEVELS: readonly BenefitLevel[] = [1, 2, 3, 4, 5];

/**
 * Who pays the contribution: the five participant groups of the BHYT law (Art. 12), in the order QĐ 1351 lists the
 * codes. 1 employee and employer, 2 the social-insurance fund, 3 the state budget, 4 state-supported, 5 household.
 */
export type PayerGroup = 1 | 2 | 3 | 4 | 5;

export interface ObjectCodeEntry {
  code: string;
  /** i18n key of the plain-language name of the participant group, e.g. `bhyt.object.DN`. */
  group: BhytTextKey;
  payerGroup: PayerGroup;
  defaultLevel: BenefitLevel;
  /** First day the code is in use ('YYYY-MM-DD'). */
  validFrom: string;
  /** Last day the code is in use ('YYYY-MM-DD', inclusive), or null while it still is. */
  validTo: string | null;
}

export interface BenefitLevelInfo {
  level: BenefitLevel;
  /** Share of the cost within BHYT scope that the fund pays, at the correct route. */
  fundPercent: number;
  /** Level 5 (armed forces): the fund also pays costs outside BHYT scope. */
  includesOutOfScope: boolean;
  /** Whether the usual payment caps on some high-tech services, drugs and supplies apply. */
  capsApply: boolean;
  /** Levels 1 and 2 also get transport costs on referral. */
  coversTransport: boolean;
  /** i18n key of the plain-language explanation, e.g. `bhyt.level.4`. */
  meaning: BhytTextKey;
}

/** The date QĐ 1351/QĐ-BHXH set the current code list; earlier use of the same letters is not modelled. */
const QD_1351 = '2015-11-16';

// [code, payer group, default level]
const QD_1351_ROWS = [
  // 1 — paid by employee and employer
  ['DN', 1, 4], ['HX', 1, 4], ['CH', 1, 4], ['NN', 1, 4], ['TK', 1, 4], ['HC', 1, 4], ['XK', 1, 4],
  // 2 — paid by the social-insurance fund
  ['HT', 2, 3], ['TB', 2, 4], ['NO', 2, 4], ['CT', 2, 4], ['XB', 2, 4], ['TN', 2, 4], ['CS', 2, 4],
  // 3 — paid by the state budget
  ['QN', 3, 5], ['CA', 3, 5], ['CY', 3, 5], ['XN', 3, 4], ['MS', 3, 4], ['CC', 3, 1], ['CK', 3, 2],
  ['CB', 3, 2], ['KC', 3, 2], ['HD', 3, 4], ['TE', 3, 1], ['BT', 3, 2], ['HN', 3, 2], ['DT', 3, 2],
  ['DK', 3, 2], ['XD', 3, 2], ['TS', 3, 2], ['TC', 3, 3], ['TQ', 3, 4],
  // TV is in the parser's list of valid codes but not in its level table: level 4 like the other relatives.
  ['TV', 3, 4],
  ['TA', 3, 4], ['TY', 3, 4], ['HG', 3, 4], ['LS', 3, 4], ['PV', 3, 4],
  // 4 — supported by the state budget
  ['CN', 4, 3], ['HS', 4, 4], ['SV', 4, 4], ['GB', 4, 4],
  // 5 — by household
  ['GD', 5, 4],
] as const satisfies ReadonlyArray<readonly [string, PayerGroup, BenefitLevel]>;

/** The object codes this table knows, each with a plain-language text in every language. */
export type KnownObjectCode = (typeof QD_1351_ROWS)[number][0];

export const OBJECT_CODES: readonly ObjectCodeEntry[] = QD_1351_ROWS.map(
  ([code, payerGroup, defaultLevel]): ObjectCodeEntry => ({
    code,
    group: `bhyt.object.${code}`,
    payerGroup,
    defaultLevel,
    validFrom: QD_1351,
    validTo: null,
  }),
);

function level(
  level: BenefitLevel,
  fundPercent: number,
  flags: { includesOutOfScope: boolean; capsApply: boolean; coversTransport: boolean },
): BenefitLevelInfo {
  return { level, fundPercent, ...flags, meaning: `bhyt.level.${level}` };
}

const BENEFIT_LEVEL_INFO: Readonly<Record<BenefitLevel, BenefitLevelInfo>> = {
  1: level(1, 100, { includesOutOfScope: false, capsApply: false, coversTransport: true }),
  2: level(2, 100, { includesOutOfScope: false, capsApply: true, coversTransport: true }),
  3: level(3, 95, { includesOutOfScope: false, capsApply: true, coversTransport: false }),
  4: level(4, 80, { includesOutOfScope: false, capsApply: true, coversTransport: false }),
  // Armed forces: everything, including costs outside BHYT scope.
  5: level(5, 100, { includesOutOfScope: true, capsApply: false, coversTransport: false }),
};

export function isBenefitLevel(value: unknown): value is BenefitLevel {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5;
}

/** What the fund pays at a benefit level. */
export function benefitLevelInfo(level: BenefitLevel): BenefitLevelInfo {
  return BENEFIT_LEVEL_INFO[level];
}

/**
 * The fund's share of one visit: 100% for a visit costing less than 15% of the base salary in force, or at a commune
 * station (Luật BHYT Art. 22); otherwise the benefit level's percentage (rounded to the đồng). The 5-year co-payment
 * cap is not modelled.
 */
export function bhytShare(totalCost: number, benefitLevel: number, baseSalary: number, atCommuneStation: boolean): number {
  if (atCommuneStation || totalCost < baseSalary * 0.15) return totalCost;
  if (!isBenefitLevel(benefitLevel)) throw new RangeError(`No benefit level ${benefitLevel}`);
  return Math.round((totalCost * benefitLevelInfo(benefitLevel).fundPercent) / 100);
}

/**
 * The object code in force on a date ('YYYY-MM-DD'), or null when the code is unknown or not valid then. The table
 * can be passed in (for example one loaded from the database with newer rows).
 */
export function objectCodeAt(
  code: string,
  date: string,
  table: readonly ObjectCodeEntry[] = OBJECT_CODES,
): ObjectCodeEntry | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const wanted = code.toUpperCase();
  return (
    table.find(
      (entry) => entry.code === wanted && entry.validFrom <= date && (entry.validTo === null || date <= entry.validTo),
    ) ?? null
  );
}

/** Whether the code has ever been in the list: a card being read may predate a code's retirement. */
export function isKnownObjectCode(code: string): boolean {
  const wanted = code.toUpperCase();
  return OBJECT_CODES.some((entry) => entry.code === wanted);
}
