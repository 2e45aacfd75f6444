import {
  generateLicenceNumber,
  isValidLicenceNumber,
  iso7064Mod37_36,
  LICENCE_NUMBER_RANDOM_ALPHABET,
  licenceNumberProblem,
  licencePrefix,
  parseLicenceNumber,
} from '../../shared/domain/licences/licence-number';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
// 10:15 in Fuzhou on 2 March 2026.
const ISSUED_AT = new Date('2026-03-02T02:15:00Z');

describe('ISO 7064 MOD 37,36', () => {
  it('gives the published check character of a GRid (A1-2425G-ABC1234002-M)', () => {
    expect(iso7064Mod37_36('A12425GABC1234002')).toBe('M');
  });

  it('refuses characters outside 0-9 and A-Z', () => {
    expect(() => iso7064Mod37_36('AB-1')).toThrow(RangeError);
    expect(() => iso7064Mod37_36('ab1')).toThrow(RangeError);
  });
});

describe('generateLicenceNumber', () => {
  it('writes prefix, the issue day in China, region, random part and check character', () => {
    const number = generateLicenceNumber({ prefix: 'JY', issuedAt: ISSUED_AT, region: '350100', random: '7K3MQX' });
    const body = 'JY202603023501007K3MQX';
    expect(number).toBe(`${body}${iso7064Mod37_36(body)}`);
    expect(parseLicenceNumber(number)).toEqual({
      prefix: 'JY',
      issuedOn: '2026-03-02',
      region: '350100',
      random: '7K3MQX',
    });
  });

  it('takes the date in China, not in UTC: 20:00 UTC on 1 March is 2 March in Fuzhou', () => {
    const number = generateLicenceNumber({
      prefix: 'WS',
      issuedAt: new Date('2026-03-01T20:00:00Z'),
      region: '350102',
    });
    expect(parseLicenceNumber(number)?.issuedOn).toBe('2026-03-02');
  });

  it('draws different, valid numbers from the Crockford alphabet (no I, L, O, U)', () => {
    const numbers = Array.from({ length: 500 }, () =>
      generateLicenceNumber({ prefix: 'SB', issuedAt: ISSUED_AT, region: '350100' }),
    );
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const number of numbers) {
      expect(isValidLicenceNumber(number)).toBe(true);
      const random = parseLicenceNumber(number)?.random ?? '';
      expect([...random].every((c) => LICENCE_NUMBER_RANDOM_ALPHABET.includes(c))).toBe(true);
      expect(random).not.toMatch(/[ILOU]/);
    }
  });

  it('refuses a bad prefix, region or random part', () => {
    expect(() => generateLicenceNumber({ prefix: 'jy', issuedAt: ISSUED_AT, region: '350100' })).toThrow(RangeError);
    expect(() => generateLicenceNumber({ prefix: 'ABCDE', issuedAt: ISSUED_AT, region: '350100' })).toThrow(RangeError);
    expect(() => generateLicenceNumber({ prefix: 'JY', issuedAt: ISSUED_AT, region: '35010' })).toThrow(RangeError);
    expect(() =>
      generateLicenceNumber({ prefix: 'JY', issuedAt: ISSUED_AT, region: '350100', random: 'OOOOOO' }),
    ).toThrow(RangeError);
  });
});

describe('validating a typed licence number', () => {
  const number = generateLicenceNumber({ prefix: 'JY', issuedAt: ISSUED_AT, region: '350100', random: 'R2RCEH' });

  it('accepts lower case, spaces and hyphens', () => {
    const grouped =
      `${number.slice(0, 2)}-${number.slice(2, 10)} ${number.slice(10, 16)}-${number.slice(16)}`.toLowerCase();
    expect(isValidLicenceNumber(grouped)).toBe(true);
  });

  it('catches every single wrong character, at every position', () => {
    for (let i = 0; i < number.length; i++) {
      for (const c of ALPHANUMERIC) {
        if (c === number[i]) continue;
        const typo = `${number.slice(0, i)}${c}${number.slice(i + 1)}`;
        expect([typo, isValidLicenceNumber(typo)]).toEqual([typo, false]);
      }
    }
  });

  it('catches nearly every swap of two neighbouring characters (measured over 2,000 numbers)', () => {
    let swaps = 0;
    let caught = 0;
    for (let n = 0; n < 2000; n++) {
      const sample = generateLicenceNumber({
        prefix: 'GG',
        issuedAt: new Date(ISSUED_AT.getTime() + n * 86_400_000),
        region: '350102',
      });
      for (let i = 0; i + 1 < sample.length; i++) {
        if (sample[i] === sample[i + 1]) continue;
        swaps += 1;
        if (!isValidLicenceNumber(`${sample.slice(0, i)}${sample[i + 1]}${sample[i]}${sample.slice(i + 2)}`))
          caught += 1;
      }
    }
    expect(caught / swaps).toBeGreaterThan(0.99);
  });

  it('names the problem: shape, an impossible date (with a correct check character), checksum', () => {
    expect(licenceNumberProblem('JY2026')).toBe('shape');
    expect(licenceNumberProblem(`${number}X`)).toBe('shape');
    expect(licenceNumberProblem(number.replace(/^JY/, 'J1'))).toBe('shape');
    const feb30 = 'JY202602303501007K3MQX';
    expect(licenceNumberProblem(`${feb30}${iso7064Mod37_36(feb30)}`)).toBe('date');
    const wrongCheck = number.slice(0, -1) + (number.endsWith('A') ? 'B' : 'A');
    expect(licenceNumberProblem(wrongCheck)).toBe('checksum');
    expect(licenceNumberProblem(number)).toBeUndefined();
    expect(parseLicenceNumber(wrongCheck)).toBeUndefined();
  });
});

describe('licencePrefix', () => {
  it('takes the letters that start the type numberFormat', () => {
    expect(licencePrefix({ code: 'FOOD_BUSINESS_LICENCE', numberFormat: 'JY{region}{seq:7}' })).toBe('JY');
    expect(licencePrefix({ code: 'PUBLIC_HYGIENE_LICENCE', numberFormat: 'WS{region}{yyyy}{seq:6}' })).toBe('WS');
  });

  it('falls back to the initials of the type code, at most four', () => {
    expect(licencePrefix({ code: 'BUSINESS_LICENCE', numberFormat: '{region}{yyyy}{seq:8}' })).toBe('BL');
    expect(licencePrefix({ code: 'REAL_ESTATE_CERTIFICATE' })).toBe('REC');
    expect(licencePrefix({ code: 'A_B_C_D_E' })).toBe('ABCD');
    expect(licencePrefix({ code: '12-34' })).toBe('L');
  });
});
