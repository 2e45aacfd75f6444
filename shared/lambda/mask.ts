/**
 * Masks personal data before anything is logged: ID numbers (居民身份证号), 统一社会信用代码, mobile numbers,
 * e-mail addresses, tokens and secrets. Two nets: by key name, and by value shape for strings under any key.
 */
const SECRET_KEYS = /(token|secret|password|authorization|signature|cookie|credential|private)/i;
const PERSONAL_KEYS = /^(idnumber|id_number|uscc|phone|mobile|email|name|address|holder)$/i;

// Digit-run boundaries rather than \b: an ID number right after letters ("ID3101...") or a mobile number after the
// country code ("+8613812345678") has no word boundary before it, and must still be masked.
const ID_NUMBER = /(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?![\dXx])/g;
const USCC = /(?<![0-9A-Z])([0-9A-HJ-NPQRTUWXY]{2})[0-9A-HJ-NPQRTUWXY]{14}([0-9A-HJ-NPQRTUWXY]{2})(?![0-9A-Z])/g;
const MOBILE = /(?<!\d)(?:\+?86[-\s]?)?(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const EMAIL = /\b([\w.+-])[\w.+-]*@([\w-]+\.[\w.-]+)\b/g;

export function maskString(value: string): string {
  return value
    .replace(ID_NUMBER, '$1********$2')
    .replace(USCC, '$1**************$2')
    .replace(MOBILE, '$1****$2')
    .replace(EMAIL, '$1***@$2');
}

/** A JSON.stringify replacer, for the logger and anywhere else we serialise logs (`this` is the value's holder). */
export function maskingReplacer(this: unknown, key: string, value: unknown): unknown {
  if (key && SECRET_KEYS.test(key) && value !== undefined && value !== null) return '[REDACTED]';
  // An error's class name ("ConditionalCheckFailedException") is not a person's: a holder with a stack is an error.
  if (key === 'name' && typeof value === 'string' && isErrorLike(this)) return maskString(value);
  if (key && PERSONAL_KEYS.test(key) && typeof value === 'string') return maskPersonalValue(value);
  if (typeof value === 'string') return maskString(value);
  return value;
}

const isErrorLike = (holder: unknown): boolean =>
  typeof holder === 'object' && holder !== null && typeof (holder as { stack?: unknown }).stack === 'string';

function maskPersonalValue(value: string): string {
  const masked = maskString(value);
  if (masked !== value) return masked;
  // A personal field whose value has no known shape (a name, an address): keep only its first character.
  return value.length <= 1 ? '*' : `${value[0]}${'*'.repeat(Math.min(value.length - 1, 8))}`;
}

export function maskDeep(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, maskingReplacer) ?? 'null');
}
