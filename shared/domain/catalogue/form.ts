import * as z from 'zod';
import { idNumberProblem, isCalendarDate, isValidMobile, usccProblem } from './identifiers';

/**
 * The form engine. Every matter (and every 一件事 bundle) has a declarative form: admins write it as JSON, the
 * catalogue stores it and returns it in the public guide, and at run time it is compiled, once, into a zod schema that
 * checks applicants' submissions. Every problem is reported at once (一次性告知), each naming its path under `form.`,
 * a stable rule name, and a message in English and Chinese.
 *
 * Three layers:
 * - formDefinitionSchema: the SHAPE of a definition (drafts must have it; defaults are filled in).
 * - formProblems: the definition-level checks (duplicate keys, min > max, bad regex, empty enum, nesting, conditions
 *   naming an earlier enum/boolean sibling and its values), which the publish check runs; a draft may still have such
 *   problems.
 *
 * Conditional fields: `visibleWhen: { field, in }` asks a field (or a group) only when an earlier sibling's answer is
 * one of the values (hiddenFields says which are not asked). A field not asked is not required, and its answer is
 * ignored: left out of the validated value, unchecked (see objectSchema for why not refused).
 * - compileForm / compileFormSchema: a sound definition turned into a validator; an unsound one throws.
 */

// ---------------------------------------------------------------------------------------------------------------
// The definition

export const FIELD_TYPES = ['text', 'number', 'date', 'enum', 'boolean', 'idNumber', 'uscc', 'mobile', 'address', 'group'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const PROFILE_PREFILLS = ['profile.name', 'profile.idNumber', 'profile.uscc', 'profile.mobile', 'profile.address'] as const;
/** Fields nest at most this many levels: the form's own fields, a group's fields, a group-in-a-group's fields. */
export const MAX_FIELD_LEVELS = 3;
export const DEFAULT_TEXT_MAX_LENGTH = 500;
export const DEFAULT_GROUP_MAX_ITEMS = 50;
/** The limits of an address's parts, in characters. */
export const ADDRESS_PARTS = { province: [1, 50], city: [1, 50], district: [1, 50], detail: [2, 200] } as const;

const KEY = /^[a-z][a-zA-Z0-9]*$/;
/** `licence:<licence type code>.<content field key>`: pre-filled from the applicant's e-licence of that type. */
const LICENCE_PREFILL = /^licence:[A-Z0-9][A-Z0-9_-]{1,39}\.[a-z][a-zA-Z0-9]*$/;
const DATE_BOUND = /^(today|\d{4}-\d{2}-\d{2})$/;

const localisedSchema = z.strictObject({ zh: z.string().trim().min(1), en: z.string().trim().min(1) });
export type Localised = z.infer<typeof localisedSchema>;

const keySchema = z
  .string()
  .max(64)
  .regex(KEY, 'a key starts with a lower-case letter and holds only letters and digits, e.g. idNumber')
  // A key such as `constructor` would read Object.prototype's member when the applicant leaves the field out.
  .refine((key) => !(key in Object.prototype), { message: 'this key is reserved (a member of every JavaScript object)' });
const prefillSchema = z
  .string()
  .refine((p) => (PROFILE_PREFILLS as readonly string[]).includes(p) || LICENCE_PREFILL.test(p), {
    message: `prefill is one of ${PROFILE_PREFILLS.join(', ')} or licence:<licenceTypeCode>.<field>`,
  });
const nonNegativeInt = z.number().int().min(0);

/**
 * `visibleWhen`: the field (or group) is asked only when an earlier sibling field, an enum or a yes/no question, has
 * one of these values (for a multiple choice: when one of them is chosen). The shape follows a fee item's `when`.
 */
const conditionSchema = z.strictObject({
  field: z.string().min(1).max(64),
  in: z.array(z.union([z.string().min(1).max(100), z.boolean()])).min(1),
});
export type FieldCondition = z.output<typeof conditionSchema>;
const dateBoundSchema = z.string().regex(DATE_BOUND, "a date written YYYY-MM-DD, or 'today'");

const commonShape = {
  key: keySchema,
  label: localisedSchema,
  required: z.boolean().default(true),
  help: localisedSchema.optional(),
  prefill: prefillSchema.optional(),
  visibleWhen: conditionSchema.optional(),
};
const commonSchema = z.strictObject(commonShape);

const textFieldSchema = z.strictObject({
  type: z.literal('text'),
  ...commonShape,
  minLength: nonNegativeInt.optional(),
  maxLength: z.number().int().min(1).default(DEFAULT_TEXT_MAX_LENGTH),
  /** Matched against the whole value with the `u` flag, as the HTML `pattern` attribute does. */
  pattern: z.string().min(1).optional(),
  patternMessage: localisedSchema.optional(),
});
const numberFieldSchema = z.strictObject({
  type: z.literal('number'),
  ...commonShape,
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().default(false),
});
const dateFieldSchema = z.strictObject({ type: z.literal('date'), ...commonShape, min: dateBoundSchema.optional(), max: dateBoundSchema.optional() });
const enumFieldSchema = z.strictObject({
  type: z.literal('enum'),
  ...commonShape,
  options: z.array(z.strictObject({ value: z.string().min(1).max(100), label: localisedSchema })),
  multiple: z.boolean().default(false),
});
const booleanFieldSchema = z.strictObject({ type: z.literal('boolean'), ...commonShape });
const idNumberFieldSchema = z.strictObject({ type: z.literal('idNumber'), ...commonShape });
const usccFieldSchema = z.strictObject({ type: z.literal('uscc'), ...commonShape });
const mobileFieldSchema = z.strictObject({ type: z.literal('mobile'), ...commonShape });
const addressFieldSchema = z.strictObject({ type: z.literal('address'), ...commonShape });

export type TextField = z.output<typeof textFieldSchema>;
export type NumberField = z.output<typeof numberFieldSchema>;
export type DateField = z.output<typeof dateFieldSchema>;
export type EnumField = z.output<typeof enumFieldSchema>;
export type BooleanField = z.output<typeof booleanFieldSchema>;
export type IdNumberField = z.output<typeof idNumberFieldSchema>;
export type UsccField = z.output<typeof usccFieldSchema>;
export type MobileField = z.output<typeof mobileFieldSchema>;
export type AddressField = z.output<typeof addressFieldSchema>;
/** A repeating group (e.g. 股东 shareholders): its value is an array of objects with the group's fields. */
export interface GroupField extends z.output<typeof commonSchema> {
  type: 'group';
  fields: FormField[];
  /** Absent: 1 when the group is required, else 0. */
  minItems?: number | undefined;
  maxItems: number;
}
export type FormField =
  | TextField
  | NumberField
  | DateField
  | EnumField
  | BooleanField
  | IdNumberField
  | UsccField
  | MobileField
  | AddressField
  | GroupField;

interface GroupFieldInput extends z.input<typeof commonSchema> {
  type: 'group';
  fields: FormFieldInput[];
  minItems?: number | undefined;
  maxItems?: number | undefined;
}
/** A field as admins write it (defaults not yet filled in). */
export type FormFieldInput =
  | z.input<typeof textFieldSchema>
  | z.input<typeof numberFieldSchema>
  | z.input<typeof dateFieldSchema>
  | z.input<typeof enumFieldSchema>
  | z.input<typeof booleanFieldSchema>
  | z.input<typeof idNumberFieldSchema>
  | z.input<typeof usccFieldSchema>
  | z.input<typeof mobileFieldSchema>
  | z.input<typeof addressFieldSchema>
  | GroupFieldInput;

const groupFieldSchema = z.strictObject({
  type: z.literal('group'),
  ...commonShape,
  get fields(): z.ZodArray<z.ZodType<FormField, FormFieldInput>> {
    return z.array(formFieldSchema);
  },
  minItems: nonNegativeInt.optional(),
  maxItems: z.number().int().min(1).default(DEFAULT_GROUP_MAX_ITEMS),
});

/** One field of a form definition: a discriminated union on `type`. Defaults: required true, text maxLength 500, group maxItems 50. */
export const formFieldSchema: z.ZodType<FormField, FormFieldInput> = z.discriminatedUnion('type', [
  textFieldSchema,
  numberFieldSchema,
  dateFieldSchema,
  enumFieldSchema,
  booleanFieldSchema,
  idNumberFieldSchema,
  usccFieldSchema,
  mobileFieldSchema,
  addressFieldSchema,
  groupFieldSchema,
]).meta({ id: 'FormField', description: 'One field of a form definition (recursive: a group holds fields)' });

/** The shape of a form definition as admins write it; formProblems adds the checks that need the whole definition. */
export const formDefinitionSchema = z.strictObject({ fields: z.array(formFieldSchema) });
export type FormDefinition = z.output<typeof formDefinitionSchema>;
export type FormDefinitionInput = z.input<typeof formDefinitionSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Definition-level checks

/** A problem with a form definition: a dotted path into it (e.g. `fields.2.key`) and what is wrong. */
export interface FormProblem {
  readonly path: string;
  readonly message: string;
}

/** Thrown by compileForm for a definition that formProblems would refuse: a platform fault, not the applicant's. */
export class FormDefinitionError extends Error {
  override readonly name = 'FormDefinitionError';
  constructor(readonly problems: readonly FormProblem[]) {
    super(`the form definition has ${problems.length} problem(s): ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}

/** The pattern as the validator runs it: anchored to the whole value, with the `u` flag. Throws if it does not compile. */
function compilePattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u');
}

/** Which field types each profile pre-fill may fill. */
const PREFILL_TYPES: Record<(typeof PROFILE_PREFILLS)[number], readonly FieldType[]> = {
  'profile.name': ['text'],
  'profile.idNumber': ['idNumber'],
  'profile.uscc': ['uscc'],
  'profile.mobile': ['mobile'],
  'profile.address': ['address'],
};

function structuralProblems(issues: readonly z.core.$ZodIssue[]): FormProblem[] {
  return issues.flatMap((issue): FormProblem[] => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: `${key} is not a property of this field or form` }));
    }
    if (issue.code === 'invalid_union' && 'discriminator' in issue) {
      return [{ path, message: `type must be one of ${FIELD_TYPES.join(', ')}` }];
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) return [{ path, message: `${path} is required` }];
    return [{ path, message: issue.message }];
  });
}

/**
 * A condition may only name an earlier sibling (so the form reads top to bottom and no condition goes in a circle)
 * that is an enum or a yes/no question, and only values that field can have.
 */
function conditionProblems(fields: readonly FormField[], i: number, at: string, out: FormProblem[]): void {
  const condition = fields[i]!.visibleWhen;
  if (condition === undefined) return;
  const index = fields.findIndex((f) => f.key === condition.field);
  const controller = fields[index];
  if (controller === undefined) {
    out.push({ path: `${at}.visibleWhen.field`, message: `visibleWhen names ${condition.field}, which is not a field at this level of the form` });
    return;
  }
  if (index >= i) {
    out.push({ path: `${at}.visibleWhen.field`, message: `visibleWhen names ${condition.field}, which does not come before this field; a condition names an earlier field` });
    return;
  }
  if (controller.type === 'boolean') {
    condition.in.forEach((value, j) => {
      if (typeof value !== 'boolean') out.push({ path: `${at}.visibleWhen.in.${j}`, message: `${condition.field} is a yes/no question: its values are true and false, not ${JSON.stringify(value)}` });
    });
  } else if (controller.type === 'enum') {
    const options = controller.options.map((o) => o.value);
    condition.in.forEach((value, j) => {
      if (typeof value !== 'string' || !options.includes(value)) {
        out.push({ path: `${at}.visibleWhen.in.${j}`, message: `${JSON.stringify(value)} is not an option of ${condition.field} (${options.join(', ')})` });
      }
    });
  } else {
    out.push({ path: `${at}.visibleWhen.field`, message: `visibleWhen names ${condition.field}, a field of type ${controller.type}; a condition names an enum or a boolean field` });
  }
}

function fieldsProblems(fields: readonly FormField[], path: string, level: number, out: FormProblem[]): void {
  const seen = new Map<string, number>();
  fields.forEach((field, i) => {
    const at = `${path}.${i}`;
    const first = seen.get(field.key);
    if (first === undefined) seen.set(field.key, i);
    else out.push({ path: `${at}.key`, message: `the key ${field.key} is already used by ${path}.${first}; keys must be unique among siblings` });
    conditionProblems(fields, i, at, out);

    if (field.prefill !== undefined) {
      const fits = PREFILL_TYPES[field.prefill as keyof typeof PREFILL_TYPES];
      if (field.type === 'group') out.push({ path: `${at}.prefill`, message: 'a group cannot be pre-filled' });
      else if (fits && !fits.includes(field.type)) {
        out.push({ path: `${at}.prefill`, message: `${field.prefill} fills a field of type ${fits.join(' or ')}, not ${field.type}` });
      }
    }

    switch (field.type) {
      case 'text':
        if (field.minLength !== undefined && field.minLength > field.maxLength) {
          out.push({ path: `${at}.minLength`, message: `minLength (${field.minLength}) is greater than maxLength (${field.maxLength})` });
        }
        if (field.pattern !== undefined) {
          try {
            compilePattern(field.pattern);
          } catch (error) {
            out.push({ path: `${at}.pattern`, message: `pattern is not a valid regular expression: ${(error as Error).message}` });
          }
        } else if (field.patternMessage !== undefined) {
          out.push({ path: `${at}.patternMessage`, message: 'patternMessage is given without a pattern' });
        }
        break;
      case 'number':
        if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
          out.push({ path: `${at}.min`, message: `min (${field.min}) is greater than max (${field.max})` });
        }
        break;
      case 'date':
        for (const bound of ['min', 'max'] as const) {
          const value = field[bound];
          if (value !== undefined && value !== 'today' && !isCalendarDate(value)) out.push({ path: `${at}.${bound}`, message: `${value} is not a calendar date` });
        }
        if (field.min !== undefined && field.max !== undefined && field.min !== 'today' && field.max !== 'today' && field.min > field.max) {
          out.push({ path: `${at}.min`, message: `min (${field.min}) is later than max (${field.max})` });
        }
        break;
      case 'enum': {
        if (field.options.length === 0) out.push({ path: `${at}.options`, message: 'an enum needs at least one option' });
        const values = new Map<string, number>();
        field.options.forEach((option, j) => {
          const earlier = values.get(option.value);
          if (earlier === undefined) values.set(option.value, j);
          else out.push({ path: `${at}.options.${j}.value`, message: `the option value ${option.value} is already used by ${at}.options.${earlier}` });
        });
        break;
      }
      case 'group':
        if (field.minItems !== undefined && field.minItems > field.maxItems) {
          out.push({ path: `${at}.minItems`, message: `minItems (${field.minItems}) is greater than maxItems (${field.maxItems})` });
        }
        if (level >= MAX_FIELD_LEVELS) {
          out.push({ path: `${at}.fields`, message: `forms nest at most ${MAX_FIELD_LEVELS} levels of fields; this group's fields would be level ${level + 1}` });
        } else if (field.fields.length === 0) {
          out.push({ path: `${at}.fields`, message: 'a group needs at least one field' });
        } else {
          fieldsProblems(field.fields, `${at}.fields`, level + 1, out);
        }
        break;
      default:
        break;
    }
  });
}

/**
 * Every problem with a form definition, each naming its path (e.g. `fields.3.options.1.value`): its shape first, and
 * when the shape is sound the definition-level checks. An empty list means the form may be published and compiled.
 */
export function formProblems(definition: unknown): FormProblem[] {
  // reportInput tells a missing property from one of the wrong type; the problems never repeat the input.
  const parsed = formDefinitionSchema.safeParse(definition, { reportInput: true });
  if (!parsed.success) return structuralProblems(parsed.error.issues);
  const out: FormProblem[] = [];
  fieldsProblems(parsed.data.fields, 'fields', 1, out);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Submissions: errors

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

export interface CompileOptions {
  /** Today's date (`YYYY-MM-DD`), or a function giving it; default: the current date in Asia/Shanghai, read per submission. */
  today?: string | (() => string);
}

interface Message {
  readonly rule: FormRule;
  readonly en: string;
  readonly zh: string;
}
const msg = (rule: FormRule, en: string, zh: string): Message => ({ rule, en, zh });

const REQUIRED = msg('required', 'This field is required', '请填写此项');
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

const ID_NUMBER_MESSAGES = {
  length: msg('format', 'An ID number has 18 characters', '身份证号码应为18位'),
  charset: msg('format', 'An ID number is 17 digits followed by a digit or an upper-case X', '身份证号码应为17位数字加1位数字或大写X'),
  lowerX: msg('format', 'The last character X must be upper case', '身份证号码末位的X应大写'),
  birthDate: msg('format', 'The birth date in the ID number is not a valid date', '身份证号码中的出生日期无效'),
  checksum: CHECKSUM,
} as const;
const USCC_MESSAGES = {
  length: msg('format', 'A unified social credit code has 18 characters', '统一社会信用代码应为18位'),
  charset: msg(
    'format',
    'A unified social credit code uses digits and upper-case letters other than I, O, Z, S and V, with digits in places 3 to 8',
    '统一社会信用代码由数字和大写字母组成（不使用I、O、Z、S、V），第3至8位为数字',
  ),
  checksum: CHECKSUM,
} as const;
const MOBILE_FORMAT = msg('format', 'A mobile number has 11 digits and starts with 13 to 19', '手机号码应为11位数字，以13至19开头');
const DATE_FORMAT = msg('format', 'Must be a date written YYYY-MM-DD', '日期格式应为YYYY-MM-DD，且为有效日期');
const INTEGER = msg('integer', 'Must be a whole number', '应填写整数');
const NOT_AN_OPTION = msg('enum', 'Not one of the options', '不是可选的选项');
const CHOSEN_TWICE = msg('enum', 'This option is chosen twice', '此选项重复选择');

/** The parameters a compiled check puts on its issue, so the issue translates to a FormError without guesswork. */
const issueOf = (m: Message) => ({ message: m.en, params: { rule: m.rule, zh: m.zh } });

/** Translates zod issues (from a compiled form schema) into FormErrors under `root`, in order, one per problem. */
export function toFormErrors(issues: readonly z.core.$ZodIssue[], root = 'form'): FormError[] {
  return issues.flatMap((issue): FormError[] => {
    const path = [root, ...issue.path.map(String)].join('.');
    const error = (m: Message, at = path): FormError => ({ path: at, rule: m.rule, message: m.en, messageZh: m.zh });
    switch (issue.code) {
      case 'custom': {
        const params = issue.params as { rule?: FormRule; zh?: string } | undefined;
        if (params?.rule) return [{ path, rule: params.rule, message: issue.message, messageZh: params.zh ?? issue.message }];
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

// ---------------------------------------------------------------------------------------------------------------
// Submissions: compiling

type Today = () => string;

/** Today's date in Asia/Shanghai (UTC+8 all year), which is what dates on the platform mean. */
const shanghaiToday: Today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The number of characters (code points) of `s`: a 生僻字 outside the BMP counts once. */
function charCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
    n++;
  }
  return n;
}

const isBlankString = (v: unknown) => typeof v === 'string' && v.trim() === '';
const notBlank = () => false;

/**
 * Wraps a field's value schema with presence: absent, null and blank values are `required` errors for a required
 * field; for an optional one, absent stays absent and a blank value becomes null. Present values go on to `inner`.
 */
function withPresence(required: boolean, inner: z.ZodType, isBlank: (v: unknown) => boolean): z.ZodType {
  return z.preprocess(
    (v, ctx) => {
      if (v !== undefined && v !== null && !isBlank(v)) return v;
      if (required) ctx.addIssue({ code: 'custom', ...issueOf(REQUIRED) });
      return v === undefined ? undefined : null;
    },
    required ? inner : inner.nullable().optional(),
  );
}

interface TextRules {
  minLength?: number | undefined;
  maxLength: number;
  pattern?: RegExp | undefined;
  patternMessage?: Localised | undefined;
}

function textSchema(rules: TextRules): z.ZodType {
  const { minLength, maxLength, pattern } = rules;
  const tooShort = minLength === undefined ? undefined : msg('minLength', `At least ${minLength} characters`, `至少${minLength}个字`);
  const tooLong = msg('maxLength', `At most ${maxLength} characters`, `最多${maxLength}个字`);
  const noMatch = rules.patternMessage
    ? msg('pattern', rules.patternMessage.en, rules.patternMessage.zh)
    : msg('pattern', 'Does not have the required format', '格式不符合要求');
  return z
    .string()
    .trim()
    .superRefine((s, ctx) => {
      const count = charCount(s);
      if (tooShort && minLength !== undefined && count < minLength) ctx.addIssue({ code: 'custom', ...issueOf(tooShort) });
      if (count > maxLength) ctx.addIssue({ code: 'custom', ...issueOf(tooLong) });
      if (pattern && !pattern.test(s)) ctx.addIssue({ code: 'custom', ...issueOf(noMatch) });
    });
}

function numberSchema(field: NumberField): z.ZodType {
  const { min, max, integer } = field;
  const tooSmall = msg('min', `Must be at least ${min}`, `不能小于${min}`);
  const tooBig = msg('max', `Must be at most ${max}`, `不能大于${max}`);
  return z.number().superRefine((n, ctx) => {
    if (integer && !Number.isInteger(n)) ctx.addIssue({ code: 'custom', ...issueOf(INTEGER) });
    if (min !== undefined && n < min) ctx.addIssue({ code: 'custom', ...issueOf(tooSmall) });
    if (max !== undefined && n > max) ctx.addIssue({ code: 'custom', ...issueOf(tooBig) });
  });
}

function dateSchema(field: DateField, today: Today): z.ZodType {
  const { min, max } = field;
  const early =
    min === 'today' ? msg('min', 'Must be today or later', '不能早于今天') : msg('min', `Must be on or after ${min}`, `不能早于${min}`);
  const late = max === 'today' ? msg('max', 'Must be today or earlier', '不能晚于今天') : msg('max', `Must be on or before ${max}`, `不能晚于${max}`);
  return z
    .string()
    .trim()
    .superRefine((s, ctx) => {
      if (!isCalendarDate(s)) return ctx.addIssue({ code: 'custom', ...issueOf(DATE_FORMAT) });
      // ISO dates compare as strings.
      if (min !== undefined && s < (min === 'today' ? today() : min)) ctx.addIssue({ code: 'custom', ...issueOf(early) });
      if (max !== undefined && s > (max === 'today' ? today() : max)) ctx.addIssue({ code: 'custom', ...issueOf(late) });
    });
}

function enumSchema(field: EnumField): z.ZodType {
  const values = new Set(field.options.map((o) => o.value));
  if (!field.multiple) return z.string().refine((v) => values.has(v), issueOf(NOT_AN_OPTION));
  return z.array(z.string()).superRefine((chosen, ctx) => {
    const seen = new Set<string>();
    chosen.forEach((v, i) => {
      if (!values.has(v)) ctx.addIssue({ code: 'custom', path: [i], ...issueOf(NOT_AN_OPTION) });
      else if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [i], ...issueOf(CHOSEN_TWICE) });
      seen.add(v);
    });
  });
}

function idNumberSchema(today: Today): z.ZodType {
  return z
    .string()
    .trim()
    .superRefine((s, ctx) => {
      const problem = idNumberProblem(s, today());
      if (problem === undefined) return;
      const m = problem === 'charset' && /^\d{17}x$/.test(s) ? ID_NUMBER_MESSAGES.lowerX : ID_NUMBER_MESSAGES[problem];
      ctx.addIssue({ code: 'custom', ...issueOf(m) });
    });
}

function usccSchema(): z.ZodType {
  return z
    .string()
    .trim()
    .superRefine((s, ctx) => {
      const problem = usccProblem(s);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', ...issueOf(USCC_MESSAGES[problem]) });
    });
}

function mobileSchema(): z.ZodType {
  return z
    .string()
    .trim()
    .refine((s) => isValidMobile(s), issueOf(MOBILE_FORMAT));
}

const addressPartSchemas = Object.fromEntries(
  Object.entries(ADDRESS_PARTS).map(([part, [minLength, maxLength]]) => [part, withPresence(true, textSchema({ minLength, maxLength }), isBlankString)]),
);
const isBlankAddress = (v: unknown) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((part) => part === undefined || part === null || isBlankString(part));

function fieldSchema(field: FormField, today: Today): z.ZodType {
  switch (field.type) {
    case 'text':
      return withPresence(field.required, textSchema({ ...field, pattern: field.pattern === undefined ? undefined : compilePattern(field.pattern) }), isBlankString);
    case 'number':
      return withPresence(field.required, numberSchema(field), notBlank);
    case 'date':
      return withPresence(field.required, dateSchema(field, today), isBlankString);
    case 'enum':
      return withPresence(field.required, enumSchema(field), field.multiple ? (v) => Array.isArray(v) && v.length === 0 : isBlankString);
    case 'boolean':
      return withPresence(field.required, z.boolean(), notBlank);
    case 'idNumber':
      return withPresence(field.required, idNumberSchema(today), isBlankString);
    case 'uscc':
      return withPresence(field.required, usccSchema(), isBlankString);
    case 'mobile':
      return withPresence(field.required, mobileSchema(), isBlankString);
    case 'address':
      return withPresence(field.required, z.strictObject(addressPartSchemas), isBlankAddress);
    case 'group': {
      const minItems = field.minItems ?? (field.required ? 1 : 0);
      const { maxItems } = field;
      const tooFew = msg('minItems', `At least ${minItems} ${minItems === 1 ? 'entry' : 'entries'}`, `至少填写${minItems}项`);
      const tooMany = msg('maxItems', `At most ${maxItems} ${maxItems === 1 ? 'entry' : 'entries'}`, `最多填写${maxItems}项`);
      const items = z.array(objectSchema(field.fields, today)).superRefine((list, ctx) => {
        if (list.length < minItems) ctx.addIssue({ code: 'custom', ...issueOf(tooFew) });
        if (list.length > maxItems) ctx.addIssue({ code: 'custom', ...issueOf(tooMany) });
      });
      return withPresence(field.required, items, notBlank);
    }
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a condition holds for the answer of the field it names (a multiple choice: one of its values chosen). */
export function conditionHolds(condition: FieldCondition, answer: unknown): boolean {
  if (Array.isArray(answer)) return answer.some((v) => condition.in.includes(v as string | boolean));
  return condition.in.includes(answer as string | boolean);
}

/**
 * The keys of the fields NOT asked, given the answers at their level (the form's own answers, or one group item's):
 * a field whose condition does not hold, and one whose controlling field is itself not asked (its answer does not
 * count). The compiled validator and the hall's renderer both use this, so they agree on what is asked.
 */
export function hiddenFields(fields: readonly FormField[], answers: unknown): Set<string> {
  const record = isRecord(answers) ? answers : {};
  const hidden = new Set<string>();
  for (const field of fields) {
    const condition = field.visibleWhen;
    if (condition === undefined) continue;
    const answer = Object.hasOwn(record, condition.field) ? record[condition.field] : undefined;
    if (hidden.has(condition.field) || !conditionHolds(condition, answer)) hidden.add(field.key);
  }
  return hidden;
}

/**
 * The strict object of some fields. A conditional field (visibleWhen) is checked by the object itself, once the
 * answers it depends on are known: when asked, by its own compiled schema (required included); when not asked, its
 * answer is left out of the result unchecked. Ignored rather than refused: the applicant cannot see a hidden field,
 * so an error there could not be shown next to anything, and the hall keeps such an answer in the draft on purpose
 * (nothing typed is lost when the applicant switches back). The submitted case holds only what was asked.
 */
function objectSchema(fields: readonly FormField[], today: Today) {
  const conditional = new Map(fields.filter((f) => f.visibleWhen !== undefined).map((f) => [f.key, fieldSchema(f, today)]));
  const object = z.strictObject(Object.fromEntries(fields.map((f) => [f.key, conditional.has(f.key) ? z.unknown().optional() : fieldSchema(f, today)])));
  if (conditional.size === 0) return object;
  const order = new Map(fields.map((f, i) => [f.key, i]));
  const rank = (issue: { path?: readonly PropertyKey[] | undefined }) => order.get(String(issue.path?.[0])) ?? fields.length;
  return object.check(
    z.superRefine(
      (value, ctx) => {
        if (!isRecord(value)) return;
        const hidden = hiddenFields(fields, value);
        for (const [key, schema] of conditional) {
          if (hidden.has(key)) {
            delete value[key];
            continue;
          }
          const result = schema.safeParse(value[key]);
          if (!result.success) for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: [key, ...issue.path] } as z.core.$ZodRawIssue);
          else if (result.data === undefined) delete value[key];
          else value[key] = result.data;
        }
        // Every problem in the order of the form (一次性告知 reads top to bottom), unknown keys last, as without conditions.
        ctx.issues.sort((a, b) => rank(a) - rank(b));
      },
      // Also when another field has a problem: every problem is reported at once.
      { when: () => true },
    ),
  );
}

export type FormSchema = ReturnType<typeof objectSchema>;

function soundDefinition(definition: FormDefinitionInput): FormDefinition {
  const problems = formProblems(definition);
  if (problems.length > 0) throw new FormDefinitionError(problems);
  return formDefinitionSchema.parse(definition);
}

function todayOf(option: CompileOptions['today']): Today {
  if (option === undefined) return shanghaiToday;
  if (typeof option === 'function') return option;
  if (!isCalendarDate(option)) throw new TypeError(`today must be a date written YYYY-MM-DD, not ${option}`);
  return () => option;
}

/**
 * The zod schema of a form: a strict object of its fields (for merging several forms into a bundle's). Parse errors
 * translate with toFormErrors. Throws FormDefinitionError if the definition has problems.
 */
export function compileFormSchema(definition: FormDefinitionInput, options: CompileOptions = {}): FormSchema {
  return objectSchema(soundDefinition(definition).fields, todayOf(options.today));
}

/**
 * Compiles a form definition, once, into a validator of submissions. The validator only parses: it returns the
 * cleaned value (strings trimmed, blank optional values null) or every error at once. Throws FormDefinitionError if
 * the definition has problems.
 */
export function compileForm(definition: FormDefinitionInput, options: CompileOptions = {}): FormValidator {
  const schema = compileFormSchema(definition, options);
  return (value) => {
    if (value === undefined || value === null) return { ok: false, errors: [{ path: 'form', rule: 'required', message: REQUIRED.en, messageZh: REQUIRED.zh }] };
    const result = schema.safeParse(value);
    return result.success ? { ok: true, value: result.data } : { ok: false, errors: toFormErrors(result.error.issues) };
  };
}
