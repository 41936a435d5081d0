import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OLD_PROVINCES } from '../admin-units/old-provinces.ts';
import {
  CARD_CODE_CHECK_RESULT,
  type CardCodeParts,
  formatBhxhCode,
  formatCardCode,
  formatCardCodeForDisplay,
  formatPersonalId,
  identifyCardInput,
  isPersonalId,
  issuingProvinceOf,
  parseBhxhCode,
  parseCardCode,
  parsePersonalId,
  type PersonalIdParts,
} from './codes.ts';
import { BENEFIT_LEVELS, OBJECT_CODES } from './object-codes.ts';

const provinceCodes = OLD_PROVINCES.map((province) => province.code);
const cardProvinceCodes = [
  ...OLD_PROVINCES.filter((province) => province.abolishedOn === undefined).map((province) => province.code),
  '97',
  '98',
];
const digits = (length: number) => fc.stringMatching(new RegExp(`^\\d{${length}}$`));

describe('BHXH code', () => {
  it('accepts 10 digits, with spaces or dashes as typed', () => {
    expect(parseBhxhCode('0120878837')).toEqual({ ok: true, value: '0120878837' });
    expect(parseBhxhCode(' 0120-878 837 ')).toEqual({ ok: true, value: '0120878837' });
  });

  it('never rejects a code for its province prefix', () => {
    expect(parseBhxhCode('0020878837')).toEqual({ ok: true, value: '0020878837' });
    expect(parseBhxhCode('9920878837').ok).toBe(true);
  });

  it('refuses a wrong length and non-digits with distinct reasons', () => {
    expect(parseBhxhCode('012087883')).toEqual({ ok: false, reason: 'wrong_length' });
    expect(parseBhxhCode('01208788371')).toEqual({ ok: false, reason: 'wrong_length' });
    expect(parseBhxhCode('01208788A7')).toEqual({ ok: false, reason: 'malformed' });
    expect(() => formatBhxhCode('01208788A7')).toThrow(RangeError);
  });

  it('names the old province of the issuing office, or null', () => {
    expect(issuingProvinceOf('0120878837')).toBe('01');
    expect(issuingProvinceOf('7912345678')).toBe('79');
    expect(issuingProvinceOf('2812345678')).toBe('28'); // Hà Tây: gone since 2008, its codes live on
    expect(issuingProvinceOf('0012345678')).toBeNull();
    expect(issuingProvinceOf('9912345678')).toBeNull();
    expect(issuingProvinceOf('79123')).toBeNull();
  });

  it('parse ∘ format is the identity', () => {
    fc.assert(
      fc.property(digits(10), (code) => {
        expect(parseBhxhCode(formatBhxhCode(code))).toEqual({ ok: true, value: code });
      }),
    );
  });
});

describe('personal ID (12 digits)', () => {
  it('reads birth province, sex and birth year', () => {
    expect(parsePersonalId('001099012345')).toEqual({
      ok: true,
      value: { provinceCode: '01', sex: 'male', birthYear: 1999, serial: '012345' },
    });
    expect(parsePersonalId('079304000123')).toEqual({
      ok: true,
      value: { provinceCode: '79', sex: 'female', birthYear: 2004, serial: '000123' },
    });
    expect(parsePersonalId('096100000001')).toEqual({
      ok: true,
      value: { provinceCode: '96', sex: 'female', birthYear: 1900, serial: '000001' },
    });
  });

  it('maps the century digit: 0/1 1900s, 2/3 2000s, 4/5 2100s', () => {
    const yearAndSex = (digit: number) => {
      const result = parsePersonalId(`001${digit}05000001`);
      return result.ok ? [result.value.birthYear, result.value.sex] : result.reason;
    };
    expect(yearAndSex(0)).toEqual([1905, 'male']);
    expect(yearAndSex(1)).toEqual([1905, 'female']);
    expect(yearAndSex(2)).toEqual([2005, 'male']);
    expect(yearAndSex(3)).toEqual([2005, 'female']);
    expect(yearAndSex(4)).toEqual([2105, 'male']);
    expect(yearAndSex(5)).toEqual([2105, 'female']);
  });

  it('refuses wrong length, non-digits and an unknown birth province', () => {
    expect(parsePersonalId('00109901234')).toEqual({ ok: false, reason: 'wrong_length' });
    expect(parsePersonalId('00109901234A')).toEqual({ ok: false, reason: 'malformed' });
    expect(parsePersonalId('003099012345')).toEqual({ ok: false, reason: 'unknown_province' });
    expect(parsePersonalId('101099012345')).toEqual({ ok: false, reason: 'unknown_province' });
    expect(isPersonalId('001099012345')).toBe(true);
    expect(isPersonalId('003099012345')).toBe(false);
  });

  it('formats only what the number can hold', () => {
    const parts: PersonalIdParts = { provinceCode: '01', sex: 'male', birthYear: 1999, serial: '012345' };
    expect(formatPersonalId(parts)).toBe('001099012345');
    expect(() => formatPersonalId({ ...parts, birthYear: 1899 })).toThrow(RangeError);
    expect(() => formatPersonalId({ ...parts, birthYear: 2400 })).toThrow(RangeError);
    expect(() => formatPersonalId({ ...parts, provinceCode: '03' })).toThrow(RangeError);
    expect(() => formatPersonalId({ ...parts, serial: '12345' })).toThrow(RangeError);
  });

  const personalIdParts: fc.Arbitrary<PersonalIdParts> = fc.record({
    provinceCode: fc.constantFrom(...provinceCodes),
    sex: fc.constantFrom('male' as const, 'female' as const),
    birthYear: fc.integer({ min: 1900, max: 2399 }),
    serial: digits(6),
  });

  it('parse ∘ format is the identity', () => {
    fc.assert(
      fc.property(personalIdParts, (parts) => {
        expect(parsePersonalId(formatPersonalId(parts))).toEqual({ ok: true, value: parts });
      }),
    );
  });

  it('format ∘ parse gives back every well-formed number', () => {
    const ids = fc
      .tuple(fc.constantFrom(...provinceCodes), digits(9))
      .map(([province, rest]) => `0${province}${rest}`);
    fc.assert(
      fc.property(ids, (id) => {
        const parsed = parsePersonalId(id);
        expect(parsed.ok && formatPersonalId(parsed.value)).toBe(id);
      }),
    );
  });
});

describe('15-character card code', () => {
  const sample: CardCodeParts = { objectCode: 'DN', benefitLevel: 4, provinceCode: '01', bhxhCode: '0120878837' };

  it('splits object code, level, province and BHXH code', () => {
    expect(parseCardCode('DN4010120878837')).toEqual({ ok: true, value: sample });
    expect(parseCardCode(' dn 4 01 0120878837 ')).toEqual({ ok: true, value: sample });
    expect(parseCardCode('DN-4-01-0120878837')).toEqual({ ok: true, value: sample });
  });

  it('does not tie the level to the object code', () => {
    expect(parseCardCode('HT2010120878837')).toMatchObject({ ok: true, value: { objectCode: 'HT', benefitLevel: 2 } });
  });

  it('accepts the armed forces’ own issuers 97 and 98', () => {
    expect(parseCardCode('QN5970120878837')).toMatchObject({ ok: true, value: { provinceCode: '97' } });
    expect(parseCardCode('CA5980120878837')).toMatchObject({ ok: true, value: { provinceCode: '98' } });
  });

  it('gives a distinct reason for each fault, mapped to the check service codes', () => {
    const reasonOf = (text: string) => {
      const result = parseCardCode(text);
      return result.ok ? 'ok' : result.reason;
    };
    expect(reasonOf('DN401012087883')).toBe('wrong_length');
    expect(reasonOf('DN40101208788370')).toBe('wrong_length');
    expect(reasonOf('1N4010120878837')).toBe('malformed');
    expect(reasonOf('DN4010120878A37')).toBe('malformed');
    expect(reasonOf('ZZ4010120878837')).toBe('unknown_object_code');
    expect(reasonOf('DN6010120878837')).toBe('benefit_level_out_of_range');
    expect(reasonOf('DN0010120878837')).toBe('benefit_level_out_of_range');
    expect(reasonOf('DN4030120878837')).toBe('unknown_province');
    expect(reasonOf('DN4280120878837')).toBe('unknown_province'); // Hà Tây no longer issued cards in 2015
    expect(CARD_CODE_CHECK_RESULT).toEqual({
      wrong_length: '051',
      malformed: '051',
      unknown_object_code: '051',
      unknown_province: '052',
      benefit_level_out_of_range: '053',
    });
  });

  it('checks the object code on a date when asked', () => {
    expect(parseCardCode('DN4010120878837', { on: '2025-07-01' }).ok).toBe(true);
    expect(parseCardCode('DN4010120878837', { on: '2010-01-01' })).toEqual({
      ok: false,
      reason: 'unknown_object_code',
    });
  });

  it('formats plain and grouped for display', () => {
    expect(formatCardCode(sample)).toBe('DN4010120878837');
    expect(formatCardCodeForDisplay(sample)).toBe('DN 4 01 0120878837');
    expect(() => formatCardCode({ ...sample, bhxhCode: '012087883' })).toThrow(RangeError);
    expect(() => formatCardCode({ ...sample, objectCode: 'dn' })).toThrow(RangeError);
    expect(() => formatCardCode({ ...sample, provinceCode: '1' })).toThrow(RangeError);
  });

  const cardCodeParts: fc.Arbitrary<CardCodeParts> = fc.record({
    objectCode: fc.constantFrom(...OBJECT_CODES.map((entry) => entry.code)),
    benefitLevel: fc.constantFrom(...BENEFIT_LEVELS),
    provinceCode: fc.constantFrom(...cardProvinceCodes),
    bhxhCode: digits(10),
  });

  it('parse ∘ format is the identity, plain and grouped', () => {
    fc.assert(
      fc.property(cardCodeParts, (parts) => {
        expect(parseCardCode(formatCardCode(parts))).toEqual({ ok: true, value: parts });
        expect(parseCardCode(formatCardCodeForDisplay(parts))).toEqual({ ok: true, value: parts });
      }),
    );
  });
});

describe('identifyCardInput', () => {
  it('classifies by shape after normalizing', () => {
    expect(identifyCardInput(' 0120 878 837 ')).toEqual({ kind: 'bhxh_code', normalized: '0120878837' });
    expect(identifyCardInput('dn 4 01 0120878837')).toEqual({ kind: 'card_code', normalized: 'DN4010120878837' });
    expect(identifyCardInput('001-099-012345')).toEqual({ kind: 'personal_id', normalized: '001099012345' });
    expect(identifyCardInput('0120–878—837')).toEqual({ kind: 'bhxh_code', normalized: '0120878837' });
  });

  it('answers unknown for anything else', () => {
    expect(identifyCardInput('').kind).toBe('unknown');
    expect(identifyCardInput('Nguyễn Văn A').kind).toBe('unknown');
    expect(identifyCardInput('01208788').kind).toBe('unknown');
    expect(identifyCardInput('D4010120878837').kind).toBe('unknown');
  });
});
