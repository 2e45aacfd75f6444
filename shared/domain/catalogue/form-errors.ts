import type * as z from 'zod';

/**
 * The form engine's errors of a submission: one per problem, each with its path under `form.`, a stable rule name and
 * a message in English and Chinese (一次性告知). The compiled checks (form-compile.ts) put their rule on the issue.
 */

export const FORM_RULES = [
  'required',
  'type',
  'minLength',
  'maxLength',
  'pattern',
  'min',
  'max',
  'integer',
  'enum',
  'checksum',
  'format',
  'minItems',
  'maxItems',
  'unknown',
] as const;
export type FormRule = (typeof FORM_RULES)[number];

/** One problem with a submission: where (`form.shareholders.1.uscc`), which rule, and what to do, in English and Chinese. */
export interface FormError {
  path: string;
  rule: FormRule;
  message: string;
  messageZh: string;
}
export type FormValidationResult = { ok: true; value: Record<string, unknown> } | { ok: false; errors: FormError[] };
export type FormValidator = (value: unknown) => FormValidationResult;

/** A rule broken and what to do, in English and Chinese; the compiled checks' messages. */
export interface Message {
  readonly rule: FormRule;
  readonly en: string;
  readonly zh: string;
}
export const msg = (rule: FormRule, en: string, zh: string): Message => ({ rule, en, zh });

export const REQUIRED = msg('required', 'This field is required', '请填写此项');
const CHECKSUM = msg('checksum', 'The check digit is wrong', '校验位不正确');
const UNKNOWN = msg('unknown', 'This field is not part of the form', '表单中没有此项');
const TYPE: Record<string, Message> = {
  string: msg('type', 'Must be text', '应填写文字'),
  number: msg('type', 'Must be a number', '应填写数字'),
  boolean: msg('type', 'Must be yes or no (true or false)', '应选择是或否'),
  array: msg('type', 'Must be a list', '应为列表'),
  object: msg('type', 'Must be an object with the sub-fields', '应包含各子项'),
};
const OTHER_TYPE = msg('type', 'The value has the wrong type', '填写的内容类型不正确');

export const ID_NUMBER_MESSAGES = {
  length: msg('format', 'An ID number has 18 characters', '身份证号码应为18位'),
  charset: msg(
    'format',
    'An ID number is 17 digits followed by a digit or an upper-case X',
    '身份证号码应为17位数字加1位数字或大写X',
  ),
  lowerX: msg('format', 'The last character X must be upper case', '身份证号码末位的X应大写'),
  birthDate: msg('format', 'The birth date in the ID number is not a valid date', '身份证号码中的出生日期无效'),
  checksum: CHECKSUM,
} as const;
export const USCC_MESSAGES = {
  length: msg('format', 'A unified social credit code has 18 characters', '统一社会信用代码应为18位'),
  charset: msg(
    'format',
    'A unified social credit code uses digits and upper-case letters other than I, O, Z, S and V, with digits in places 3 to 8',
    '统一社会信用代码由数字和大写字母组成（不使用I、O、Z、S、V），第3至8位为数字',
  ),
  checksum: CHECKSUM,
} as const;
export const MOBILE_FORMAT = msg(
  'format',
  'A mobile number has 11 digits and starts with 13 to 19',
  '手机号码应为11位数字，以13至19开头',
);
export const DATE_FORMAT = msg('format', 'Must be a date written YYYY-MM-DD', '日期格式应为YYYY-MM-DD，且为有效日期');
export const INTEGER = msg('integer', 'Must be a whole number', '应填写整数');
export const NOT_AN_OPTION = msg('enum', 'Not one of the options', '不是可选的选项');
export const CHOSEN_TWICE = msg('enum', 'This option is chosen twice', '此选项重复选择');

/** The parameters a compiled check puts on its issue, so the issue translates to a FormError without guesswork. */
export const issueOf = (m: Message) => ({ message: m.en, params: { rule: m.rule, zh: m.zh } });

/** Translates zod issues (from a compiled form schema) into FormErrors under `root`, in order, one per problem. */
export function toFormErrors(issues: readonly z.core.$ZodIssue[], root = 'form'): FormError[] {
  return issues.flatMap((issue): FormError[] => {
    const path = [root, ...issue.path.map(String)].join('.');
    const error = (m: Message, at = path): FormError => ({ path: at, rule: m.rule, message: m.en, messageZh: m.zh });
    switch (issue.code) {
      case 'custom': {
        const params = issue.params as { rule?: FormRule; zh?: string } | undefined;
        if (params?.rule)
          return [{ path, rule: params.rule, message: issue.message, messageZh: params.zh ?? issue.message }];
        return [error(OTHER_TYPE)];
      }
      case 'unrecognized_keys':
        return issue.keys.map((key) => error(UNKNOWN, `${path}.${key}`));
      case 'invalid_type':
        return [issue.expected === 'nonoptional' ? error(REQUIRED) : error(TYPE[issue.expected] ?? OTHER_TYPE)];
      default:
        return [error(OTHER_TYPE)];
    }
  });
}
