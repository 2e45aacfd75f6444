import {
  idNumberCheckChar,
  idNumberProblem,
  isCalendarDate,
  isValidIdNumber,
  isValidMobile,
  isValidUscc,
  usccCheckChar,
  usccProblem,
} from '../../shared/domain/catalogue/identifiers';

/*
 * 居民身份证号, GB 11643-1999. The check character: S = Σ digit(i) × weight(i) over the first 17 digits, with weights
 * 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; then S mod 11 = 0 1 2 3 4 5 6 7 8 9 10 gives 1 0 X 9 8 7 6 5 4 3 2.
 * All numbers below are fictitious people.
 */
const VALID_ID_NUMBERS: readonly [string, string][] = [
  // The standard's own example. 1×7 + 1×9 + 0×10 + 1×5 + 0×8 + 5×4 + 1×2 + 9×1 + 4×6 + 9×3 + 1×7 + 2×9 + 3×10 + 1×5
  // + 0×8 + 0×4 + 2×2 = 167; 167 mod 11 = 2 → X.
  ['11010519491231002X', 'the GB 11643 example, check character X'],
  // 3×7 + 1×9 + 0×10 + 1×5 + 1×8 + 5×4 + 1×2 + 9×1 + 8×6 + 8×3 + 0×7 + 6×9 + 1×10 + 5×5 + 4×8 + 0×4 + 2×2 = 271;
  // 271 mod 11 = 7 → 5.
  ['310115198806154025', 'check character 5'],
  // Born 29 February 2000 (a leap year: divisible by 400). 4×7 + 4×9 + 0×10 + 3×5 + 0×8 + 4×4 + 2×2 + 0×1 + 0×6
  // + 0×3 + 0×7 + 2×9 + 2×10 + 9×5 + 0×8 + 0×4 + 3×2 = 188; 188 mod 11 = 1 → 0.
  ['440304200002290030', 'a leap-day birth date, check character 0'],
  // 3×7 + 2×9 + 0×10 + 1×5 + 0×8 + 2×4 + 1×2 + 9×1 + 7×6 + 8×3 + 0×7 + 5×9 + 2×10 + 3×5 + 1×8 + 0×4 + 7×2 = 231;
  // 231 mod 11 = 0 → 1.
  ['320102197805231071', 'check character 1 (remainder 0)'],
  // 4×7 + 3×9 + 0×10 + 1×5 + 0×8 + 2×4 + 2×2 + 0×1 + 0×6 + 3×3 + 0×7 + 3×9 + 0×10 + 3×5 + 0×8 + 1×4 + 2×2 = 131;
  // 131 mod 11 = 10 → 2.
  ['430102200303030122', 'check character 2 (remainder 10)'],
];

/*
 * 统一社会信用代码, GB 32100-2015. Characters take their index in 0123456789ABCDEFGHJKLMNPQRTUWXY (A=10 … H=17, J=18 …
 * N=22, P=23, Q=24, R=25, T=26, U=27, W=28, X=29, Y=30). S = Σ value(i) × weight(i) over the first 17, weights
 * 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28; the check value is 31 − (S mod 31), with 31 written 0.
 */
const VALID_USCCS: readonly [string, string][] = [
  // The code printed in many guides. 9×1 + 1×3 + 3×9 + 5×27 + 0×19 + 1×26 + 0×16 + 0×17 + M(21)×20 + 0×29 + 0×25
  // + 0×13 + 1×8 + 0×24 + 0×10 + Y(30)×30 + 4×28 = 1640; 1640 mod 31 = 28; 31 − 28 = 3 → 3.
  ['91350100M000100Y43', 'the well-known example 91350100M000100Y43'],
  // Found: the published code of 华为技术有限公司 (Shenzhen). 9×1 + 1×3 + 4×9 + 4×27 + 0×19 + 3×26 + 0×16 + 0×17 + 1×20
  // + 9×29 + 2×25 + 2×13 + 0×8 + 3×24 + 8×10 + 2×30 + 1×28 = 831; 831 mod 31 = 25; 31 − 25 = 6 → 6.
  ['914403001922038216', 'a published enterprise code, numeric check'],
  // Found: the published code of 腾讯科技（深圳）有限公司. 9×1 + 1×3 + 4×9 + 4×27 + 0×19 + 3×26 + 0×16 + 0×17 + 7×20
  // + 0×29 + 8×25 + 4×13 + 6×8 + 1×24 + 1×10 + 3×30 + 6×28 = 966; 966 mod 31 = 5; 31 − 5 = 26 → T.
  ['91440300708461136T', 'a published enterprise code, letter check'],
  // Constructed. 9×1 + 1×3 + 1×9 + 1×27 + 0×19 + 1×26 + 0×16 + 8×17 + M(21)×20 + A(10)×29 + 0×25 + 1×13 + C(12)×8
  // + 4×24 + X(29)×10 + 1×30 + B(11)×28 = 1753; 1753 mod 31 = 17; 31 − 17 = 14 → E.
  ['91110108MA01C4X1BE', 'a constructed enterprise code, check E'],
  // Constructed 个体工商户 (92). 9×1 + 2×3 + 3×9 + 2×27 + 0×19 + 5×26 + 0×16 + 6×17 + M(21)×20 + A(10)×29 + 1×25
  // + W(28)×13 + 0×8 + 0×24 + 0×10 + 0×30 + 0×28 = 1427; 1427 mod 31 = 1; 31 − 1 = 30 → Y.
  ['92320506MA1W00000Y', 'a constructed sole-trader code, check Y'],
  // Constructed. 9×1 + 1×3 + 3×9 + 2×27 + 0×19 + 1×26 + 0×16 + 2×17 + M(21)×20 + A(10)×29 + 1×25 + X(29)×13 + 5×8
  // + R(25)×24 + 5×10 + 2×30 + 0×28 = 2015 = 65 × 31; 2015 mod 31 = 0; 31 − 0 = 31, written 0.
  ['91320102MA1X5R5200', 'a constructed code whose check value 31 is written 0'],
  // Constructed 社会团体 (51). 5×1 + 1×3 + 3×9 + 1×27 + 0×19 + 1×26 + 0×16 + 4×17 + M(21)×20 + J(18)×29 + 4×25 + 8×13
  // + 1×8 + 9×24 + 2×10 + 7×30 + 6×28 = 1924; 1924 mod 31 = 2; 31 − 2 = 29 → X.
  ['51310104MJ4819276X', 'a constructed social-organisation code, check X'],
];

describe('isValidIdNumber (GB 11643-1999)', () => {
  it.each(VALID_ID_NUMBERS)('accepts %s (%s)', (id) => {
    expect(isValidIdNumber(id)).toBe(true);
    expect(idNumberProblem(id)).toBeUndefined();
  });

  it('computes the check character the examples end with', () => {
    for (const [id] of VALID_ID_NUMBERS) expect(idNumberCheckChar(id.slice(0, 17))).toBe(id[17]);
  });

  it('refuses a wrong check character', () => {
    expect(idNumberProblem('110105194912310021')).toBe('checksum');
    expect(idNumberProblem('310115198806154024')).toBe('checksum');
    expect(idNumberProblem('44030420000229003X')).toBe('checksum');
  });

  it('refuses a lower-case x as the check character', () => {
    expect(isValidIdNumber('11010519491231002x')).toBe(false);
    expect(idNumberProblem('11010519491231002x')).toBe('charset');
  });

  it('refuses letters or other characters among the first 17', () => {
    expect(idNumberProblem('1101051949123100X2')).toBe('charset');
    expect(idNumberProblem('11010519491231 02X')).toBe('charset');
  });

  // Each of these has the check character its first 17 digits call for, so only the date can be wrong.
  it('refuses a birth date that is not a real day', () => {
    expect(idNumberProblem('110105190002290017')).toBe('birthDate'); // 1900-02-29: 1900 is not a leap year (S = 137 → 7)
    expect(idNumberProblem('110105199013010018')).toBe('birthDate'); // month 13 (S = 147 → 8)
    expect(idNumberProblem('110105179912310016')).toBe('birthDate'); // 1799, before any living holder (S = 193 → 6)
    expect(idNumberProblem('110105202402290011')).toBeUndefined(); // 2024-02-29 is real (S = 154 → 1)
  });

  it('refuses a birth date after the given today, and ignores the future when no today is given', () => {
    const bornIn2030 = '11010520300101001X'; // S = 79 → X
    expect(isValidIdNumber(bornIn2030)).toBe(true);
    expect(idNumberProblem(bornIn2030, '2025-06-30')).toBe('birthDate');
    expect(isValidIdNumber('110105202506300018', '2025-06-30')).toBe(true); // born today (S = 158 → 8)
    expect(isValidIdNumber('110105202507010012', '2025-06-30')).toBe(false); // born tomorrow (S = 142 → 2)
  });

  it('throws when today is not a date, rather than silently skipping the check', () => {
    expect(() => isValidIdNumber('11010519491231002X', '2025/06/30')).toThrow(TypeError);
  });

  it('refuses the wrong length, including the old 15-digit numbers, and non-strings', () => {
    expect(idNumberProblem('11010519491231002')).toBe('length');
    expect(idNumberProblem('11010519491231002X0')).toBe('length');
    expect(idNumberProblem('110105491231002')).toBe('length');
    expect(idNumberProblem('')).toBe('length');
    expect(isValidIdNumber(110105194912310020)).toBe(false);
    expect(isValidIdNumber(undefined)).toBe(false);
  });
});

describe('isValidUscc (GB 32100-2015)', () => {
  it.each(VALID_USCCS)('accepts %s (%s)', (code) => {
    expect(isValidUscc(code)).toBe(true);
    expect(usccProblem(code)).toBeUndefined();
  });

  it('computes the check character the examples end with', () => {
    for (const [code] of VALID_USCCS) expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('refuses a wrong check character', () => {
    expect(usccProblem('91350100M000100Y44')).toBe('checksum');
    expect(usccProblem('91440300708461136U')).toBe('checksum');
    expect(usccProblem('91320102MA1X5R520Y')).toBe('checksum'); // 0, not Y, stands for 31
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('refuses the letter %s, which the code set leaves out', (letter) => {
    expect(usccProblem(`91350100M000100${letter}43`)).toBe('charset');
  });

  it('refuses lower-case letters and letters in the administrative-division digits', () => {
    expect(usccProblem('91350100m000100y43')).toBe('charset');
    expect(usccProblem('9135010AM000100Y43')).toBe('charset');
    expect(usccProblem('91350100M000100Y4-')).toBe('charset');
  });

  it('refuses the wrong length, including the old 15-digit registration numbers, and non-strings', () => {
    expect(usccProblem('91350100M000100Y4')).toBe('length');
    expect(usccProblem('91350100M000100Y430')).toBe('length');
    expect(usccProblem('350100100012345')).toBe('length');
    expect(isValidUscc(null)).toBe(false);
  });
});

describe('isValidMobile', () => {
  it.each(['13812345678', '15000000000', '16612345678', '19912345678'])('accepts %s', (mobile) => {
    expect(isValidMobile(mobile)).toBe(true);
  });

  it.each([
    ['12812345678', 'second digit below 3'],
    ['10012345678', 'second digit 0'],
    ['23812345678', 'not starting with 1'],
    ['1381234567', '10 digits'],
    ['138123456789', '12 digits'],
    ['+8613812345678', 'a country code'],
    ['138 1234 5678', 'spaces'],
    ['1381234567a', 'a letter'],
  ])('refuses %s (%s)', (mobile) => {
    expect(isValidMobile(mobile)).toBe(false);
  });

  it('refuses a number that is not a string', () => {
    expect(isValidMobile(13812345678)).toBe(false);
  });
});

describe('isCalendarDate', () => {
  it('accepts real YYYY-MM-DD dates and refuses impossible or differently written ones', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2100-02-29')).toBe(false);
    expect(isCalendarDate('2024-04-31')).toBe(false);
    expect(isCalendarDate('2024-00-10')).toBe(false);
    expect(isCalendarDate('2024-1-5')).toBe(false);
    expect(isCalendarDate('2024/01/05')).toBe(false);
    expect(isCalendarDate('2024-01-05T00:00:00Z')).toBe(false);
  });
});
