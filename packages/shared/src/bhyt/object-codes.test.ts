import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../i18n/languages.ts';
import { NON_PROVINCE_CARD_ISSUERS } from './codes.ts';
import {
  BENEFIT_LEVELS,
  benefitLevelInfo,
  isKnownObjectCode,
  OBJECT_CODES,
  type ObjectCodeEntry,
  objectCodeAt,
} from './object-codes.ts';
import { BHYT_TEXT_TREES, BHYT_TEXTS, type BhytTextKey } from './texts.ts';

describe('object-code table', () => {
  it('holds each code once, as two capital letters', () => {
    const codes = OBJECT_CODES.map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z]{2}$/);
  });

  it('gives the usual level of DOMAIN-FACTS §2.2 to every code', () => {
    const byLevel = (level: number) =>
      OBJECT_CODES.filter((entry) => entry.defaultLevel === level)
        .map((entry) => entry.code)
        .sort();
    expect(byLevel(1)).toEqual(['CC', 'TE']);
    expect(byLevel(2)).toEqual(['BT', 'CB', 'CK', 'DK', 'DT', 'HN', 'KC', 'TS', 'XD']);
    expect(byLevel(3)).toEqual(['CN', 'HT', 'TC']);
    expect(byLevel(5)).toEqual(['CA', 'CY', 'QN']);
    expect(byLevel(4)).toHaveLength(OBJECT_CODES.length - 17);
    expect(byLevel(4)).toEqual(expect.arrayContaining(['DN', 'HS', 'SV', 'GD', 'TN', 'TQ', 'TA', 'TY', 'PV']));
  });

  it('finds the code in force on a date', () => {
    expect(objectCodeAt('DN', '2024-01-01')).toMatchObject({ code: 'DN', defaultLevel: 4, payerGroup: 1 });
    expect(objectCodeAt('te', '2024-01-01')).toMatchObject({ code: 'TE', defaultLevel: 1 });
    expect(objectCodeAt('ZZ', '2024-01-01')).toBeNull();
    expect(objectCodeAt('DN', '2015-11-15')).toBeNull();
    expect(objectCodeAt('DN', '2015-11-16')).not.toBeNull();
    expect(() => objectCodeAt('DN', '01/01/2024')).toThrow(RangeError);
    expect(isKnownObjectCode('gd')).toBe(true);
    expect(isKnownObjectCode('ZZ')).toBe(false);
  });

  it('treats validTo as the last day a code is in force', () => {
    const table: ObjectCodeEntry[] = [
      { code: 'XX', group: 'bhyt.object.DN', payerGroup: 1, defaultLevel: 4, validFrom: '2015-11-16', validTo: '2025-06-30' },
      { code: 'XX', group: 'bhyt.object.GB', payerGroup: 4, defaultLevel: 3, validFrom: '2025-07-01', validTo: null },
    ];
    expect(objectCodeAt('XX', '2025-06-30', table)?.defaultLevel).toBe(4);
    expect(objectCodeAt('XX', '2025-07-01', table)?.defaultLevel).toBe(3);
  });
});

describe('benefit levels', () => {
  it('says what the fund pays at each level', () => {
    expect(BENEFIT_LEVELS.map((level) => benefitLevelInfo(level).fundPercent)).toEqual([100, 100, 95, 80, 100]);
    expect(BENEFIT_LEVELS.filter((level) => benefitLevelInfo(level).includesOutOfScope)).toEqual([5]);
    expect(BENEFIT_LEVELS.filter((level) => !benefitLevelInfo(level).capsApply)).toEqual([1, 5]);
    expect(BENEFIT_LEVELS.filter((level) => benefitLevelInfo(level).coversTransport)).toEqual([1, 2]);
    expect(benefitLevelInfo(4).meaning).toBe('bhyt.level.4');
  });
});

describe('BHYT texts', () => {
  const referenced: BhytTextKey[] = [
    ...OBJECT_CODES.map((entry) => entry.group),
    ...BENEFIT_LEVELS.map((level) => benefitLevelInfo(level).meaning),
    ...Object.values(NON_PROVINCE_CARD_ISSUERS),
  ];

  it('has a text for every key the tables use, in all five languages', () => {
    for (const language of LANGUAGES) {
      for (const key of referenced) expect(BHYT_TEXTS[language][key], `${language} ${key}`).toBeTruthy();
    }
  });

  it('has the same keys in every language and no empty text', () => {
    const keys = Object.keys(BHYT_TEXTS.vi).sort();
    for (const language of LANGUAGES) {
      expect(Object.keys(BHYT_TEXTS[language]).sort()).toEqual(keys);
      for (const text of Object.values(BHYT_TEXTS[language])) expect(text.trim()).not.toBe('');
    }
  });

  it('is translated, not copied: each language differs from Vietnamese', () => {
    for (const language of LANGUAGES.filter((l) => l !== 'vi')) {
      expect(BHYT_TEXTS[language]['bhyt.level.4']).not.toBe(BHYT_TEXTS.vi['bhyt.level.4']);
      expect(BHYT_TEXTS[language]['bhyt.object.DN']).not.toBe(BHYT_TEXTS.vi['bhyt.object.DN']);
    }
  });

  it('resolves the same dotted key in the tree form', () => {
    expect(BHYT_TEXT_TREES.en.bhyt.level[4]).toBe(BHYT_TEXTS.en['bhyt.level.4']);
    expect(BHYT_TEXT_TREES.ja.bhyt.object.HS).toBe(BHYT_TEXTS.ja['bhyt.object.HS']);
    expect(BHYT_TEXTS.vi['bhyt.level.4']).toContain('80%');
  });
});
