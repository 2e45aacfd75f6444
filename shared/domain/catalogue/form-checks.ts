import type * as z from 'zod';
import {
  FIELD_TYPES,
  type FieldType,
  type FormField,
  formDefinitionSchema,
  MAX_FIELD_LEVELS,
  type PROFILE_PREFILLS,
} from './form';
import { isCalendarDate } from './identifiers';

/**
 * The form engine's definition-level checks (form.ts holds the definition): duplicate keys, min > max, bad regex,
 * empty enum, nesting, conditions naming an earlier enum/boolean sibling and its values. The publish check runs
 * them; compiling (form-compile.ts) refuses a definition that has any.
 */

/** A problem with a form definition: a dotted path into it (e.g. `fields.2.key`) and what is wrong. */
export interface FormProblem {
  readonly path: string;
  readonly message: string;
}

/** Thrown by compileForm for a definition that formProblems would refuse: a platform fault, not the applicant's. */
export class FormDefinitionError extends Error {
  override readonly name = 'FormDefinitionError';
  constructor(readonly problems: readonly FormProblem[]) {
    super(
      `the form definition has ${problems.length} problem(s): ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  }
}

/** The pattern as the validator runs it: anchored to the whole value, with the `u` flag. Throws if it does not compile. */
export function compilePattern(pattern: string): RegExp {
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
      return issue.keys.map((key) => ({
        path: path ? `${path}.${key}` : key,
        message: `${key} is not a property of this field or form`,
      }));
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
    out.push({
      path: `${at}.visibleWhen.field`,
      message: `visibleWhen names ${condition.field}, which is not a field at this level of the form`,
    });
    return;
  }
  if (index >= i) {
    out.push({
      path: `${at}.visibleWhen.field`,
      message: `visibleWhen names ${condition.field}, which does not come before this field; a condition names an earlier field`,
    });
    return;
  }
  if (controller.type === 'boolean') {
    condition.in.forEach((value, j) => {
      if (typeof value !== 'boolean')
        out.push({
          path: `${at}.visibleWhen.in.${j}`,
          message: `${condition.field} is a yes/no question: its values are true and false, not ${JSON.stringify(value)}`,
        });
    });
  } else if (controller.type === 'enum') {
    const options = controller.options.map((o) => o.value);
    condition.in.forEach((value, j) => {
      if (typeof value !== 'string' || !options.includes(value)) {
        out.push({
          path: `${at}.visibleWhen.in.${j}`,
          message: `${JSON.stringify(value)} is not an option of ${condition.field} (${options.join(', ')})`,
        });
      }
    });
  } else {
    out.push({
      path: `${at}.visibleWhen.field`,
      message: `visibleWhen names ${condition.field}, a field of type ${controller.type}; a condition names an enum or a boolean field`,
    });
  }
}

function fieldsProblems(fields: readonly FormField[], path: string, level: number, out: FormProblem[]): void {
  const seen = new Map<string, number>();
  fields.forEach((field, i) => {
    const at = `${path}.${i}`;
    const first = seen.get(field.key);
    if (first === undefined) seen.set(field.key, i);
    else
      out.push({
        path: `${at}.key`,
        message: `the key ${field.key} is already used by ${path}.${first}; keys must be unique among siblings`,
      });
    conditionProblems(fields, i, at, out);

    if (field.prefill !== undefined) {
      const fits = PREFILL_TYPES[field.prefill as keyof typeof PREFILL_TYPES];
      if (field.type === 'group') out.push({ path: `${at}.prefill`, message: 'a group cannot be pre-filled' });
      else if (fits && !fits.includes(field.type)) {
        out.push({
          path: `${at}.prefill`,
          message: `${field.prefill} fills a field of type ${fits.join(' or ')}, not ${field.type}`,
        });
      }
    }

    switch (field.type) {
      case 'text':
        if (field.minLength !== undefined && field.minLength > field.maxLength) {
          out.push({
            path: `${at}.minLength`,
            message: `minLength (${field.minLength}) is greater than maxLength (${field.maxLength})`,
          });
        }
        if (field.pattern !== undefined) {
          try {
            compilePattern(field.pattern);
          } catch (error) {
            out.push({
              path: `${at}.pattern`,
              message: `pattern is not a valid regular expression: ${(error as Error).message}`,
            });
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
          if (value !== undefined && value !== 'today' && !isCalendarDate(value))
            out.push({ path: `${at}.${bound}`, message: `${value} is not a calendar date` });
        }
        if (
          field.min !== undefined &&
          field.max !== undefined &&
          field.min !== 'today' &&
          field.max !== 'today' &&
          field.min > field.max
        ) {
          out.push({ path: `${at}.min`, message: `min (${field.min}) is later than max (${field.max})` });
        }
        break;
      case 'enum': {
        if (field.options.length === 0)
          out.push({ path: `${at}.options`, message: 'an enum needs at least one option' });
        const values = new Map<string, number>();
        field.options.forEach((option, j) => {
          const earlier = values.get(option.value);
          if (earlier === undefined) values.set(option.value, j);
          else
            out.push({
              path: `${at}.options.${j}.value`,
              message: `the option value ${option.value} is already used by ${at}.options.${earlier}`,
            });
        });
        break;
      }
      case 'group':
        if (field.minItems !== undefined && field.minItems > field.maxItems) {
          out.push({
            path: `${at}.minItems`,
            message: `minItems (${field.minItems}) is greater than maxItems (${field.maxItems})`,
          });
        }
        if (level >= MAX_FIELD_LEVELS) {
          out.push({
            path: `${at}.fields`,
            message: `forms nest at most ${MAX_FIELD_LEVELS} levels of fields; this group's fields would be level ${level + 1}`,
          });
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
