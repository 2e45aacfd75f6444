import * as z from 'zod';

/**
 * The form engine. Every matter (and every 一件事 bundle) has a declarative form: admins write it as JSON, the
 * catalogue stores it and returns it in the public guide, and at run time it is compiled, once, into a zod schema that
 * checks applicants' submissions. Every problem is reported at once (一次性告知), each naming its path under `form.`,
 * a stable rule name, and a message in English and Chinese.
 *
 * Three layers, a module each:
 * - form.ts, formDefinitionSchema: the SHAPE of a definition (drafts must have it; defaults are filled in).
 * - form-checks.ts, formProblems: the definition-level checks (duplicate keys, min > max, bad regex, empty enum,
 *   nesting, conditions naming an earlier enum/boolean sibling and its values), which the publish check runs; a draft
 *   may still have such problems.
 * - form-compile.ts, compileForm / compileFormSchema: a sound definition turned into a validator; an unsound one
 *   throws. Its errors are form-errors.ts.
 *
 * Conditional fields: `visibleWhen: { field, in }` asks a field (or a group) only when an earlier sibling's answer is
 * one of the values (hiddenFields says which are not asked). A field not asked is not required, and its answer is
 * ignored: left out of the validated value, unchecked (see objectSchema for why not refused).
 */

// ---------------------------------------------------------------------------------------------------------------
// The definition

export const FIELD_TYPES = [
  'text',
  'number',
  'date',
  'enum',
  'boolean',
  'idNumber',
  'uscc',
  'mobile',
  'address',
  'group',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const PROFILE_PREFILLS = [
  'profile.name',
  'profile.idNumber',
  'profile.uscc',
  'profile.mobile',
  'profile.address',
] as const;
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
  .refine((key) => !(key in Object.prototype), {
    message: 'this key is reserved (a member of every JavaScript object)',
  });
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
const dateFieldSchema = z.strictObject({
  type: z.literal('date'),
  ...commonShape,
  min: dateBoundSchema.optional(),
  max: dateBoundSchema.optional(),
});
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
export const formFieldSchema: z.ZodType<FormField, FormFieldInput> = z
  .discriminatedUnion('type', [
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
  ])
  .meta({ id: 'FormField', description: 'One field of a form definition (recursive: a group holds fields)' });

/** The shape of a form definition as admins write it; formProblems adds the checks that need the whole definition. */
export const formDefinitionSchema = z.strictObject({ fields: z.array(formFieldSchema) });
export type FormDefinition = z.output<typeof formDefinitionSchema>;
export type FormDefinitionInput = z.input<typeof formDefinitionSchema>;
