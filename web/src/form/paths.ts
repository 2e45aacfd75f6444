import type { FormField } from '@shared/domain/catalogue/form';
import { hiddenFields } from '@shared/domain/catalogue/form-compile';

/**
 * Paths into a form's answers, written as the form engine and the API write them: `form.staff.1.idNumber`. The
 * renderer names every control by such a path, so an error from the engine or the API lands on its field.
 */
export type FormValue = Record<string, unknown>;
export const ROOT = 'form';

export const childPath = (parent: string, key: string | number): string => `${parent}.${key}`;

const segments = (path: string): string[] => path.split('.').slice(1);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The answer at `path` (undefined when any step is missing). */
export function getAt(value: FormValue, path: string): unknown {
  let at: unknown = value;
  for (const s of segments(path)) {
    if (Array.isArray(at)) at = at[Number(s)];
    else if (isRecord(at)) at = at[s];
    else return undefined;
  }
  return at;
}

/** A copy of `value` with the answer at `path` replaced; `undefined` removes it (an unanswered field is absent). */
export function setAt(value: FormValue, path: string, next: unknown): FormValue {
  const steps = segments(path);
  const write = (node: unknown, i: number): unknown => {
    const step = steps[i]!;
    const last = i === steps.length - 1;
    if (Array.isArray(node) || /^\d+$/.test(step)) {
      const list = Array.isArray(node) ? [...node] : [];
      const index = Number(step);
      list[index] = last ? next : write(list[index], i + 1);
      return list;
    }
    const record: Record<string, unknown> = isRecord(node) ? { ...node } : {};
    const child = last ? next : write(record[step], i + 1);
    if (child === undefined) delete record[step];
    else record[step] = child;
    return record;
  };
  return steps.length === 0 ? value : (write(value, 0) as FormValue);
}

/** Whether `path` is `ancestor` or lies under it. */
export const within = (path: string, ancestor: string): boolean => path === ancestor || path.startsWith(`${ancestor}.`);

/**
 * Every path the renderer gives a control or a fieldset for, given the current answers: each field asked, each
 * address part, each item of a repeating group and the fields inside it.
 */
export function renderedPaths(fields: readonly FormField[], value: FormValue, parent = ROOT): string[] {
  const out: string[] = [];
  // A conditional field that is not asked now has no control.
  const hidden = hiddenFields(fields, getAt(value, parent));
  for (const field of fields) {
    if (hidden.has(field.key)) continue;
    const path = childPath(parent, field.key);
    out.push(path);
    if (field.type === 'address') for (const part of ADDRESS_PART_KEYS) out.push(childPath(path, part));
    if (field.type === 'group') {
      const items = getAt(value, path);
      if (Array.isArray(items)) {
        items.forEach((_, i) => {
          const itemPath = childPath(path, i);
          out.push(itemPath, ...renderedPaths(field.fields, value, itemPath));
        });
      }
    }
  }
  return out;
}

export const ADDRESS_PART_KEYS = ['province', 'city', 'district', 'detail'] as const;

/**
 * The rendered path an error belongs to: the error's own path when a control has it, else its nearest rendered
 * ancestor (e.g. the second choice of a multiple choice, `form.items.1`, belongs to `form.items`). An error for
 * something the form does not have (an unknown key) stays where it is, shown in the summary only.
 */
export function anchorOf(errorPath: string, rendered: ReadonlySet<string>): string {
  let path = errorPath;
  while (path.includes('.')) {
    if (rendered.has(path)) return path;
    path = path.slice(0, path.lastIndexOf('.'));
  }
  return errorPath;
}

/** A copy of `value` without the answer at `path`; an element of a list is taken out of the list. */
export function removeAt(value: FormValue, path: string): FormValue {
  const cut = path.lastIndexOf('.');
  const parentPath = path.slice(0, cut);
  const last = path.slice(cut + 1);
  const parent = parentPath === ROOT ? value : getAt(value, parentPath);
  if (Array.isArray(parent) && /^\d+$/.test(last))
    return setAt(
      value,
      parentPath,
      parent.filter((_, i) => i !== Number(last)),
    );
  return setAt(value, path, undefined);
}

/** JSON with every object's keys sorted, so two equal answers compare equal whatever order the store kept. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
