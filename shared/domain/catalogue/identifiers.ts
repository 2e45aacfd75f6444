/**
 * Check-digit validators for the identifiers applicants type into forms. Pure functions, no dependencies: the form
 * engine's compiled checks (form-compile.ts) call them once per field per submission.
 *
 * - 居民身份证号 (resident ID number), GB 11643-1999: 6-digit area code, 8-digit birth date, 3-digit sequence, and a
 *   check character by ISO 7064 MOD 11-2.
 * - 统一社会信用代码 (unified social credit code), GB 32100-2015: registration department, organisation type,
 *   6-digit administrative division code, 9-character organisation code and a MOD 31 check character.
 * - Mainland mobile numbers: 11 digits, 1[3-9]xxxxxxxxx.
 */

/** What is wrong with an ID number, from the coarsest problem to the finest; `undefined` when it is valid. */
export type IdNumberProblem = 'length' | 'charset' | 'birthDate' | 'checksum';
/** What is wrong with a 统一社会信用代码; `undefined` when it is valid. */
export type UsccProblem = 'length' | 'charset' | 'checksum';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** ISO 7064 MOD 11-2: the check value is (12 − sum mod 11) mod 11, so a remainder r maps to ID_CHECK[r] (10 → X). */
const ID_CHECK = '10X98765432';
/** Birth years before this are taken as typing errors rather than people (the oldest ID holders were born in the 1880s). */
const EARLIEST_BIRTH_YEAR = 1800;

/** GB 32100 code set: digits and upper-case letters without I, O, Z, S, V; a character's value is its index. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const USCC_SHAPE = /^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/;

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether year, month and day name a day of the Gregorian calendar (29 February only in leap years). */
function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** Whether `s` is a calendar date written `YYYY-MM-DD` (e.g. 2024-02-29 yes, 2023-02-29 no). */
export function isCalendarDate(s: unknown): boolean {
  if (typeof s !== 'string') return false;
  const m = DATE_SHAPE.exec(s);
  return m !== null && isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The check character that completes the first 17 characters of an ID number, or undefined if they are not 17 digits. */
export function idNumberCheckChar(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11];
}

/**
 * The first problem found in an 18-character 居民身份证号, or undefined when it is valid. The birth date must be a real
 * date from 1800 on; when `today` (`YYYY-MM-DD`) is given it may not be after it. Only an upper-case X is accepted as
 * the check character.
 */
export function idNumberProblem(s: unknown, today?: string): IdNumberProblem | undefined {
  if (today !== undefined && !isCalendarDate(today))
    throw new TypeError(`today must be a date written YYYY-MM-DD, not ${today}`);
  if (typeof s !== 'string' || s.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(s)) return 'charset';
  const year = Number(s.slice(6, 10));
  if (year < EARLIEST_BIRTH_YEAR || !isRealDay(year, Number(s.slice(10, 12)), Number(s.slice(12, 14))))
    return 'birthDate';
  if (today !== undefined && `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}` > today) return 'birthDate';
  return idNumberCheckChar(s.slice(0, 17)) === s[17] ? undefined : 'checksum';
}

/** Whether `s` is a valid 18-character 居民身份证号 (GB 11643-1999); see idNumberProblem. */
export function isValidIdNumber(s: unknown, today?: string): boolean {
  return idNumberProblem(s, today) === undefined;
}

/** The check character that completes the first 17 characters of a 统一社会信用代码, or undefined if they cannot start one. */
export function usccCheckChar(first17: string): string | undefined {
  if (first17.length !== 17 || !USCC_SHAPE.test(`${first17}0`)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17.charAt(i)) * (USCC_WEIGHTS[i] ?? 0);
  const check = 31 - (sum % 31);
  return USCC_CHARSET[check === 31 ? 0 : check];
}

/**
 * The first problem found in an 18-character 统一社会信用代码 (GB 32100-2015), or undefined when it is valid: characters
 * 1 and 2 (registration department, organisation type) and 9 to 18 come from the code set, 3 to 8 (administrative
 * division) are digits, and the 18th is the MOD 31 check character. Letters must be upper case.
 */
export function usccProblem(s: unknown): UsccProblem | undefined {
  if (typeof s !== 'string' || s.length !== 18) return 'length';
  if (!USCC_SHAPE.test(s)) return 'charset';
  return usccCheckChar(s.slice(0, 17)) === s[17] ? undefined : 'checksum';
}

/** Whether `s` is a valid 统一社会信用代码; see usccProblem. */
export function isValidUscc(s: unknown): boolean {
  return usccProblem(s) === undefined;
}

/** Whether `s` is a mainland mobile number: 11 digits, starting 13 to 19 (no country code, no separators). */
export function isValidMobile(s: unknown): boolean {
  return typeof s === 'string' && /^1[3-9]\d{9}$/.test(s);
}
