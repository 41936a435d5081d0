import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OLD_PROVINCES } from '../admin-units/old-provinces.ts';
import { type LegacyQrCard, readLegacyQr, writeLegacyQr } from './legacy-qr.ts';
import { OBJECT_CODES } from './object-codes.ts';

const hex = (text: string) =>
  Array.from(new TextEncoder().encode(text), (byte) => byte.toString(16).padStart(2, '0')).join('');

// The old-form sample of DOMAIN-FACTS §2.3; its truncated address completed with a synthetic one.
const ADDRESS = 'Phường Láng Thượng, Quận Đống Đa, Hà Nội';
const OLD_SAMPLE = `HS4010120878837|56c5a9205875c3a26e204d696e68|07/09/2008|1|${hex(ADDRESS)}|01 - 028|24/01/2019|-|24/01/2019|$`;

// A synthetic 2021-form payload (invented person), laid out as the 17-item form.
const V2021_FIELDS = [
  '0120878837',
  hex('Đặng Thị Đào'),
  '1990',
  '2',
  '-',
  '01 – C54',
  '1/1/2024',
  '-',
  '01/01/2024',
  '01050120878837',
  hex('Đặng Văn Định'),
  '4',
  ' 01/10/2027',
  'a1b2c3d4e5f60718-0001',
  '4',
  hex('Quận Cầu Giấy, Thành phố Hà Nội'),
];
const V2021_SAMPLE = `${V2021_FIELDS.join('|')}|$`;

function readCard(payload: string): LegacyQrCard {
  const result = readLegacyQr(payload);
  if (!result.ok) throw new Error(`unreadable: ${result.reason}`);
  return result.card;
}

describe('readLegacyQr: old form', () => {
  it('reads the sample card', () => {
    expect(readLegacyQr(OLD_SAMPLE)).toEqual({
      ok: true,
      form: 'old',
      card: {
        cardCode: 'HS4010120878837',
        bhxhCode: '0120878837',
        fullName: 'Vũ Xuân Minh',
        birthDate: '2008-09-07',
        sex: 'male',
        address: ADDRESS,
        facilityCode: '01028',
        validFrom: '2019-01-24',
        validTo: null,
        issuedOn: '2019-01-24',
        managerCode: null,
        parentName: null,
        benefitLevel: null,
        fiveYearsDate: null,
        checksum: null,
        field14: null,
        issuingPlace: null,
      },
    });
  });

  it('writes the sample back byte for byte', () => {
    expect(writeLegacyQr(readCard(OLD_SAMPLE), 'old')).toBe(OLD_SAMPLE);
  });

  it('zero-pads d/M/yyyy dates', () => {
    const card = readCard(OLD_SAMPLE.replace('07/09/2008', '7/9/2008'));
    expect(card.birthDate).toBe('2008-09-07');
  });
});

describe('readLegacyQr: 2021 form', () => {
  it('reads every field, with year-only birth, en-dash facility and the leading-space date', () => {
    expect(readLegacyQr(V2021_SAMPLE)).toEqual({
      ok: true,
      form: 'v2021',
      card: {
        cardCode: null,
        bhxhCode: '0120878837',
        fullName: 'Đặng Thị Đào',
        birthDate: '1990',
        sex: 'female',
        address: null,
        facilityCode: '01C54',
        validFrom: '2024-01-01',
        validTo: null,
        issuedOn: '2024-01-01',
        managerCode: '01050120878837',
        parentName: 'Đặng Văn Định',
        benefitLevel: '4',
        fiveYearsDate: '2027-10-01',
        checksum: 'a1b2c3d4e5f60718-0001',
        field14: '4',
        issuingPlace: 'Quận Cầu Giấy, Thành phố Hà Nội',
      },
    });
  });

  it('never hex-decodes the card number, even when it is valid hex UTF-8', () => {
    // 3132333435 is the hex of "12345".
    const card = readCard(V2021_SAMPLE.replace('0120878837|', '3132333435|'));
    expect(card.bhxhCode).toBe('3132333435');
  });

  it('tolerates CR/LF after the terminator, a missing `$` and a missing last `|`', () => {
    const expected = readCard(V2021_SAMPLE);
    expect(readCard(`${V2021_SAMPLE}\r\n`)).toEqual(expected);
    expect(readCard(`${V2021_SAMPLE.slice(0, -1)}\n`)).toEqual(expected);
    expect(readCard(`${V2021_SAMPLE.slice(0, -2)}$`)).toEqual(expected);
    expect(readCard(V2021_SAMPLE.slice(0, -2))).toEqual(expected);
  });

  it('keeps text fields that are not even-length hex UTF-8 as raw text', () => {
    const withName = (name: string) => readCard(V2021_SAMPLE.replace(hex('Đặng Thị Đào'), name)).fullName;
    expect(withName('Nguyen Van A')).toBe('Nguyen Van A');
    expect(withName('abc')).toBe('abc'); // odd length
    expect(withName('cafe')).toBe('cafe'); // even-length hex, but 0xCA 0xFE is not UTF-8
    expect(withName('Đào')).toBe('Đào');
  });
});

describe('readLegacyQr: refusals', () => {
  const withField = (index: number, value: string) => {
    const fields = [...V2021_FIELDS];
    fields[index] = value;
    return readLegacyQr(`${fields.join('|')}|$`);
  };

  it('recognises the chip ID card QR and hands back its ID', () => {
    const sevenFields = '001099012345|123456789|Nguyễn Văn An|01011999|Nam|Số 1 Phố Mẫu, Hà Nội|01012021';
    expect(readLegacyQr(sevenFields)).toEqual({ ok: false, reason: 'cccd_chip_card', personalId: '001099012345' });
    const elevenFields = `${sevenFields}|Nguyễn Văn Ba|Trần Thị Ca||\r\n`;
    expect(readLegacyQr(elevenFields)).toMatchObject({ ok: false, reason: 'cccd_chip_card' });
  });

  it('says when the QR is not a BHYT card at all', () => {
    expect(readLegacyQr('')).toEqual({ ok: false, reason: 'not_a_card_qr' });
    expect(readLegacyQr('https://example.org/card')).toEqual({ ok: false, reason: 'not_a_card_qr' });
    expect(readLegacyQr('001099012345|a|b')).toEqual({ ok: false, reason: 'not_a_card_qr' });
  });

  it('says when fields are missing', () => {
    expect(readLegacyQr(`0120878837|${hex('An')}|1990$`)).toEqual({ ok: false, reason: 'missing_fields' });
  });

  it('names the field that cannot be read', () => {
    expect(withField(1, '-')).toEqual({ ok: false, reason: 'invalid_field', field: 'fullName' });
    expect(withField(2, '1990-01-01')).toEqual({ ok: false, reason: 'invalid_field', field: 'birthDate' });
    expect(withField(3, '3')).toEqual({ ok: false, reason: 'invalid_field', field: 'sex' });
    expect(withField(5, '01 - C5')).toEqual({ ok: false, reason: 'invalid_field', field: 'facilityCode' });
    expect(withField(6, '31/02/2024')).toEqual({ ok: false, reason: 'invalid_field', field: 'validFrom' });
    expect(withField(12, ' 2027')).toEqual({ ok: false, reason: 'invalid_field', field: 'fiveYearsDate' });
  });
});

describe('writeLegacyQr', () => {
  const card = readCard(V2021_SAMPLE);

  it('writes the 2021 form as 16 fields and the terminator', () => {
    const payload = writeLegacyQr(card, 'v2021');
    expect(payload.split('|')).toHaveLength(17);
    expect(payload).toBe(V2021_SAMPLE.replace('01 – C54', '01 - C54').replace('1/1/2024', '01/01/2024'));
  });

  it('leaves the address and end of validity off the 2021 form', () => {
    const payload = writeLegacyQr({ ...card, address: 'Hà Nội', validTo: '2026-12-31' }, 'v2021');
    expect(readCard(payload)).toMatchObject({ address: null, validTo: null });
  });

  it('hex-encodes text, so `|`, `$` and `-` in names survive', () => {
    const fullName = 'Lê | Văn $ Đức - Jr.';
    const payload = writeLegacyQr({ ...card, fullName }, 'v2021');
    expect(payload.split('|')).toHaveLength(17);
    expect(readCard(payload).fullName).toBe(fullName);
    expect(readCard(writeLegacyQr({ ...card, fullName: '-' }, 'v2021')).fullName).toBe('-');
  });

  it('computes field 13 with the injected function over fields 0–12', () => {
    const seen: string[] = [];
    const payload = writeLegacyQr(card, 'v2021', {
      checksum: (unsigned) => {
        seen.push(unsigned);
        return `ours-${unsigned.length}`;
      },
    });
    const fields = payload.split('|');
    expect(seen).toEqual([fields.slice(0, 13).join('|')]);
    expect(fields[13]).toBe(`ours-${seen[0]?.length}`);
  });

  it('refuses what it cannot encode faithfully', () => {
    expect(() => writeLegacyQr(card, 'old')).toThrow(/card code/);
    expect(() => writeLegacyQr({ ...card, cardCode: 'DN4010000000000' }, 'old')).toThrow(/card code/);
    expect(() => writeLegacyQr({ ...card, fullName: '' }, 'v2021')).toThrow(RangeError);
    expect(() => writeLegacyQr({ ...card, fullName: 'A\uD800' }, 'v2021')).toThrow(RangeError);
    expect(() => writeLegacyQr({ ...card, checksum: 'a|b' }, 'v2021')).toThrow(RangeError);
    expect(() => writeLegacyQr({ ...card, managerCode: '-' }, 'v2021')).toThrow(RangeError);
    expect(() => writeLegacyQr({ ...card, birthDate: '1990-02-30' }, 'v2021')).toThrow(RangeError);
    expect(() => writeLegacyQr({ ...card, facilityCode: '01-C54' }, 'v2021')).toThrow(RangeError);
    expect(() => writeLegacyQr(card, 'v2021', { checksum: () => '' })).not.toThrow();
  });
});

describe('read ∘ write is the identity', () => {
  const vietnamese = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ'];
  const letters = [...vietnamese, ...vietnamese.map((c) => c.toUpperCase()), ' ', '|', '$', '-', ',', '\n'];
  const text = fc.oneof(
    fc.string({ unit: fc.constantFrom(...letters), minLength: 1, maxLength: 40 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
  );
  const optionalText = fc.option(text, { nil: null });
  const isoDate = fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10));
  const optionalDate = fc.option(isoDate, { nil: null });
  const digits = (length: number) => fc.stringMatching(new RegExp(`^\\d{${length}}$`));
  const token = (pattern: RegExp) => fc.option(fc.stringMatching(pattern), { nil: null });

  const common = {
    bhxhCode: digits(10),
    fullName: text,
    birthDate: fc.oneof(isoDate, isoDate.map((date) => date.slice(0, 4))),
    sex: fc.constantFrom('male' as const, 'female' as const),
    facilityCode: fc.option(fc.stringMatching(/^\d{2}[0-9A-Z]{3}$/), { nil: null }),
    validFrom: optionalDate,
    issuedOn: optionalDate,
    managerCode: token(/^\d{14}$/),
    parentName: optionalText,
    benefitLevel: token(/^[1-5]$/),
    fiveYearsDate: optionalDate,
    checksum: token(/^[0-9a-f]{16}-\d{4}$/),
    field14: token(/^[1-5]$/),
    issuingPlace: optionalText,
  };

  it('for the old form', () => {
    const objectCode = fc.constantFrom(...OBJECT_CODES.map((entry) => entry.code));
    const province = fc.constantFrom(...OLD_PROVINCES.map((p) => p.code));
    const cards: fc.Arbitrary<LegacyQrCard> = fc
      .record({ ...common, objectCode, level: fc.integer({ min: 1, max: 5 }), province, address: optionalText, validTo: optionalDate })
      .map(({ objectCode: code, level, province: provinceCode, ...card }) => ({
        ...card,
        cardCode: `${code}${level}${provinceCode}${card.bhxhCode}`,
      }));
    fc.assert(
      fc.property(cards, (card) => {
        expect(readLegacyQr(writeLegacyQr(card, 'old'))).toEqual({ ok: true, card, form: 'old' });
      }),
    );
  });

  it('for the 2021 form', () => {
    const cards: fc.Arbitrary<LegacyQrCard> = fc
      .record(common)
      .map((card) => ({ ...card, cardCode: null, address: null, validTo: null }));
    fc.assert(
      fc.property(cards, (card) => {
        expect(readLegacyQr(writeLegacyQr(card, 'v2021'))).toEqual({ ok: true, card, form: 'v2021' });
      }),
    );
  });
});
