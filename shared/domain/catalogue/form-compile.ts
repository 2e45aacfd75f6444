import * as z from 'zod';
import {
  type DateField,
  type EnumField,
  type FieldCondition,
  type FormDefinition,
  type FormDefinitionInput,
  type FormField,
  formDefinitionSchema,
  type Localised,
  type NumberField,
  ADDRESS_PARTS,
} from './form';
import { compilePattern, FormDefinitionError, formProblems } from './form-checks';
import {
  CHOSEN_TWICE,
  DATE_FORMAT,
  type FormValidator,
  ID_NUMBER_MESSAGES,
  INTEGER,
  issueOf,
  MOBILE_FORMAT,
  msg,
  NOT_AN_OPTION,
  REQUIRED,
  toFormErrors,
  USCC_MESSAGES,
} from './form-errors';
import { idNumberProblem, isCalendarDate, isValidMobile, usccProblem } from './identifiers';

/**
 * The form engine's compiler: a sound definition (form.ts, checked by form-checks.ts) turned, once, into a zod schema
 * and a validator of submissions; an unsound one throws FormDefinitionError. Conditional fields: a field not asked
 * (hiddenFields) is not required, and its answer is left out of the validated value, unchecked.
 */

export interface CompileOptions {
  /** Today's date (`YYYY-MM-DD`), or a function giving it; default: the current date in Asia/Shanghai, read per submission. */
  today?: string | (() => string);
}

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
  const tooShort =
    minLength === undefined ? undefined : msg('minLength', `At least ${minLength} characters`, `至少${minLength}个字`);
  const tooLong = msg('maxLength', `At most ${maxLength} characters`, `最多${maxLength}个字`);
  const noMatch = rules.patternMessage
    ? msg('pattern', rules.patternMessage.en, rules.patternMessage.zh)
    : msg('pattern', 'Does not have the required format', '格式不符合要求');
  return z
    .string()
    .trim()
    .superRefine((s, ctx) => {
      const count = charCount(s);
      if (tooShort && minLength !== undefined && count < minLength)
        ctx.addIssue({ code: 'custom', ...issueOf(tooShort) });
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
    min === 'today'
      ? msg('min', 'Must be today or later', '不能早于今天')
      : msg('min', `Must be on or after ${min}`, `不能早于${min}`);
  const late =
    max === 'today'
      ? msg('max', 'Must be today or earlier', '不能晚于今天')
      : msg('max', `Must be on or before ${max}`, `不能晚于${max}`);
  return z
    .string()
    .trim()
    .superRefine((s, ctx) => {
      if (!isCalendarDate(s)) return ctx.addIssue({ code: 'custom', ...issueOf(DATE_FORMAT) });
      // ISO dates compare as strings.
      if (min !== undefined && s < (min === 'today' ? today() : min))
        ctx.addIssue({ code: 'custom', ...issueOf(early) });
      if (max !== undefined && s > (max === 'today' ? today() : max))
        ctx.addIssue({ code: 'custom', ...issueOf(late) });
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
  Object.entries(ADDRESS_PARTS).map(([part, [minLength, maxLength]]) => [
    part,
    withPresence(true, textSchema({ minLength, maxLength }), isBlankString),
  ]),
);
const isBlankAddress = (v: unknown) =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v).every((part) => part === undefined || part === null || isBlankString(part));

function fieldSchema(field: FormField, today: Today): z.ZodType {
  switch (field.type) {
    case 'text':
      return withPresence(
        field.required,
        textSchema({ ...field, pattern: field.pattern === undefined ? undefined : compilePattern(field.pattern) }),
        isBlankString,
      );
    case 'number':
      return withPresence(field.required, numberSchema(field), notBlank);
    case 'date':
      return withPresence(field.required, dateSchema(field, today), isBlankString);
    case 'enum':
      return withPresence(
        field.required,
        enumSchema(field),
        field.multiple ? (v) => Array.isArray(v) && v.length === 0 : isBlankString,
      );
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
      const tooFew = msg(
        'minItems',
        `At least ${minItems} ${minItems === 1 ? 'entry' : 'entries'}`,
        `至少填写${minItems}项`,
      );
      const tooMany = msg(
        'maxItems',
        `At most ${maxItems} ${maxItems === 1 ? 'entry' : 'entries'}`,
        `最多填写${maxItems}项`,
      );
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
  const conditional = new Map(
    fields.filter((f) => f.visibleWhen !== undefined).map((f) => [f.key, fieldSchema(f, today)]),
  );
  const object = z.strictObject(
    Object.fromEntries(
      fields.map((f) => [f.key, conditional.has(f.key) ? z.unknown().optional() : fieldSchema(f, today)]),
    ),
  );
  if (conditional.size === 0) return object;
  const order = new Map(fields.map((f, i) => [f.key, i]));
  const rank = (issue: { path?: readonly PropertyKey[] | undefined }) =>
    order.get(String(issue.path?.[0])) ?? fields.length;
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
          if (!result.success)
            for (const issue of result.error.issues)
              ctx.addIssue({ ...issue, path: [key, ...issue.path] } as z.core.$ZodRawIssue);
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
    if (value === undefined || value === null)
      return { ok: false, errors: [{ path: 'form', rule: 'required', message: REQUIRED.en, messageZh: REQUIRED.zh }] };
    const result = schema.safeParse(value);
    return result.success ? { ok: true, value: result.data } : { ok: false, errors: toFormErrors(result.error.issues) };
  };
}
