import { randomInt } from 'node:crypto';
import { isCalendarDate } from '../catalogue/identifiers';
import { shanghaiDate } from './vc';

/**
 * Licence numbers (证照编号):
 *
 *     JY 20260302 350100 7K3MQX R
 *     │  │        │      │      └ check character, ISO 7064 MOD 37,36 over everything before it
 *     │  │        │      └ 6 random characters, Crockford base 32 (no I, L, O, U: nothing to misread)
 *     │  │        └ 行政区划代码 of the issuing department
 *     │  └ issue date in China (yyyymmdd)
 *     └ type prefix, 1 to 4 letters (from the licence type's numberFormat, else the initials of its code)
 *
 * Readable and sortable by type, day and region, and drawn without a counter: 32⁶ ≈ 10⁹ values per type, day and
 * region, so the store writes a new number with a condition that it does not exist yet (attribute_not_exists) and
 * draws again on the rare collision. No single item takes every issuance, unlike a sequence.
 *
 * The check character catches every single wrong character and nearly every swap of two neighbours (ISO 7064
 * hybrid system; measured in the tests), so a mistyped number fails validation before any lookup. Hand-written:
 * ISO 7064 is a ten-line loop, not worth a dependency.
 */
export const LICENCE_NUMBER_RANDOM_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_LENGTH = 6;
const ISO7064_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const MODULUS = 36;

const SHAPE = /^([A-Z]{1,4})(\d{8})(\d{6})([0-9A-HJKMNP-TV-Z]{6})([0-9A-Z])$/;

export type LicenceNumberProblem = 'shape' | 'date' | 'checksum';

export interface LicenceNumberParts {
  readonly prefix: string;
  /** `YYYY-MM-DD`, the issue day in China. */
  readonly issuedOn: string;
  readonly region: string;
  readonly random: string;
}

/** ISO 7064 MOD 37,36 (hybrid system, alphanumeric): the check character completing `body` (digits and A–Z). */
export function iso7064Mod37_36(body: string): string {
  let product = MODULUS;
  for (const char of body) {
    const value = ISO7064_ALPHABET.indexOf(char);
    if (value < 0) throw new RangeError(`ISO 7064 MOD 37,36 takes 0-9 and A-Z, not "${char}"`);
    const sum = (product + value) % MODULUS || MODULUS;
    product = (sum * 2) % (MODULUS + 1);
  }
  return ISO7064_ALPHABET.charAt((MODULUS + 1 - product) % MODULUS);
}

/** Upper-case, without the spaces and hyphens people type to group the characters. */
export function normaliseLicenceNumber(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

/** The type prefix: the letters that start the type's numberFormat, else the initials of its code (FOOD_BUSINESS → FB). */
export function licencePrefix(type: { readonly code: string; readonly numberFormat?: string }): string {
  const fromFormat = /^[A-Z]+/.exec(type.numberFormat ?? '')?.[0];
  const initials = type.code
    .split(/[_-]/)
    .map((word) => /[A-Z]/.exec(word)?.[0] ?? '')
    .join('');
  const prefix = (fromFormat ?? initials).slice(0, 4);
  return prefix || 'L';
}

export interface NewLicenceNumber {
  readonly prefix: string;
  readonly issuedAt: Date;
  /** The 6-digit 行政区划代码 of the issuing department. */
  readonly region: string;
  /** For tests: the 6 random characters; drawn from a CSPRNG when absent. */
  readonly random?: string;
}

/** A new licence number. */
export function generateLicenceNumber(input: NewLicenceNumber): string {
  if (!/^[A-Z]{1,4}$/.test(input.prefix))
    throw new RangeError(`a licence prefix is 1 to 4 letters A-Z, not "${input.prefix}"`);
  if (!/^\d{6}$/.test(input.region)) throw new RangeError(`a region is a 6-digit 行政区划代码, not "${input.region}"`);
  const random =
    input.random ??
    Array.from({ length: RANDOM_LENGTH }, () =>
      LICENCE_NUMBER_RANDOM_ALPHABET.charAt(randomInt(LICENCE_NUMBER_RANDOM_ALPHABET.length)),
    ).join('');
  if (!new RegExp(`^[${LICENCE_NUMBER_RANDOM_ALPHABET}]{${RANDOM_LENGTH}}$`).test(random))
    throw new RangeError(`the random part is ${RANDOM_LENGTH} Crockford base-32 characters, not "${random}"`);
  const body = `${input.prefix}${shanghaiDate(input.issuedAt).replaceAll('-', '')}${input.region}${random}`;
  return `${body}${iso7064Mod37_36(body)}`;
}

/** The first problem with a licence number (after normalisation), or undefined when it is valid. */
export function licenceNumberProblem(input: string): LicenceNumberProblem | undefined {
  const parsed = SHAPE.exec(normaliseLicenceNumber(input));
  if (!parsed) return 'shape';
  const [, prefix = '', date = '', region = '', random = '', check] = parsed;
  if (!isCalendarDate(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`)) return 'date';
  return iso7064Mod37_36(`${prefix}${date}${region}${random}`) === check ? undefined : 'checksum';
}

export function isValidLicenceNumber(input: string): boolean {
  return licenceNumberProblem(input) === undefined;
}

/** The parts of a valid licence number, or undefined. */
export function parseLicenceNumber(input: string): LicenceNumberParts | undefined {
  if (!isValidLicenceNumber(input)) return undefined;
  const [, prefix = '', date = '', region = '', random = ''] = SHAPE.exec(normaliseLicenceNumber(input)) ?? [];
  return { prefix, issuedOn: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`, region, random };
}
