import type { FormDefinition } from '@shared/domain/catalogue/form';
import { compileForm } from '@shared/domain/catalogue/form-compile';
import type { FormValidationResult, FormValidator } from '@shared/domain/catalogue/form-errors';
import { useCallback, useMemo, useState } from 'react';
import { anchorOf, childPath, type FormValue, getAt, renderedPaths, setAt, within } from './paths';

/** A problem with an answer, from the form engine or from the API: where, which rule, what to do (en and zh). */
export interface FieldProblem {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
  readonly messageZh?: string;
}

export interface FormController {
  readonly definition: FormDefinition;
  readonly value: FormValue;
  /** The compiled form: the shared engine's validator of this definition. */
  readonly validate: FormValidator;
  /** The engine's verdict on the whole form as it is now (the same compiled rules the server applies). */
  readonly result: FormValidationResult;
  /** The problems shown now, each at the rendered path it belongs to, in the order of the form. */
  readonly shown: readonly FieldProblem[];
  /** Every problem of the form now, shown or not (for the summary before continuing), anchored like `shown`. */
  readonly all: readonly FieldProblem[];
  problemsAt(path: string): readonly FieldProblem[];
  set(path: string, next: unknown): void;
  /** The applicant left a control: from now on its problems show, on every change. */
  blur(path: string): void;
  addItem(groupPath: string): void;
  removeItem(groupPath: string, index: number): void;
  /** Shows every problem of the form (before continuing, or on the review's way back). */
  touchAll(): void;
  /** Problems the API named (a 4xx's details); each stays until its answer changes. */
  setServerProblems(problems: readonly FieldProblem[]): void;
  /** Replaces every answer (a restored copy). */
  reset(value: FormValue): void;
}

/** Moves paths under `group.N` for N > index one place down, and drops those under `group.index`. */
function shiftAfterRemoval(path: string, groupPath: string, index: number): string | undefined {
  if (!within(path, groupPath) || path === groupPath) return path;
  const rest = path.slice(groupPath.length + 1).split('.');
  const at = Number(rest[0]);
  if (at === index) return undefined;
  if (at < index) return path;
  return [groupPath, at - 1, ...rest.slice(1)].join('.');
}

/**
 * The state of a form being filled in: answers, which controls were left (blurred), and the problems to show. Every
 * check is the form engine's (compileForm from the shared catalogue), so the browser and the server agree on every
 * rule and message; this hook only decides WHEN a problem shows: after the applicant first left the field, then on
 * every change, or all at once when asked.
 */
export function useForm(
  definition: FormDefinition,
  initial: FormValue,
  options: { today?: string; showAll?: boolean } = {},
): FormController {
  const validate = useMemo(
    () => compileForm(definition, options.today ? { today: options.today } : {}),
    [definition, options.today],
  );
  const [value, setValue] = useState<FormValue>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [showAll, setShowAll] = useState(options.showAll ?? false);
  const [server, setServer] = useState<readonly FieldProblem[]>([]);
  const result = useMemo(() => validate(value), [validate, value]);
  const rendered = useMemo(() => new Set(renderedPaths(definition.fields, value)), [definition, value]);

  const shown = useMemo(() => {
    const isTouched = (path: string) => showAll || [...touched].some((t) => within(t, path) || within(path, t));
    const engine = result.ok ? [] : result.errors.filter((e) => isTouched(e.path));
    const extra = server.filter((s) => !engine.some((e) => e.path === s.path && e.rule === s.rule));
    return [...engine, ...extra].map((p) => ({ ...p, path: anchorOf(p.path, rendered) }));
  }, [result, touched, showAll, server, rendered]);

  const all = useMemo(() => {
    const engine = result.ok ? [] : result.errors;
    const extra = server.filter((s) => !engine.some((e) => e.path === s.path && e.rule === s.rule));
    return [...engine, ...extra].map((p) => ({ ...p, path: anchorOf(p.path, rendered) }));
  }, [result, server, rendered]);

  const byPath = useMemo(() => {
    const map = new Map<string, FieldProblem[]>();
    for (const p of shown) map.set(p.path, [...(map.get(p.path) ?? []), p]);
    return map;
  }, [shown]);

  const set = useCallback((path: string, next: unknown) => {
    setValue((v) => setAt(v, path, next));
    setServer((list) => list.filter((p) => !within(p.path, path) && !within(path, p.path)));
  }, []);

  const blur = useCallback((path: string) => {
    setTouched((t) => (t.has(path) ? t : new Set([...t, path])));
  }, []);

  const addItem = useCallback((groupPath: string) => {
    setValue((v) => {
      const items = getAt(v, groupPath);
      return setAt(v, groupPath, [...(Array.isArray(items) ? items : []), {}]);
    });
  }, []);

  const removeItem = useCallback((groupPath: string, index: number) => {
    setValue((v) => {
      const items = getAt(v, groupPath);
      const list = Array.isArray(items) ? items.filter((_, i) => i !== index) : [];
      return setAt(v, groupPath, list.length > 0 ? list : undefined);
    });
    setTouched(
      (t) =>
        new Set([...t].map((p) => shiftAfterRemoval(p, groupPath, index)).filter((p): p is string => p !== undefined)),
    );
    setServer((list) => list.filter((p) => !within(p.path, childPath(groupPath, index))));
  }, []);

  const touchAll = useCallback(() => setShowAll(true), []);
  const setServerProblems = useCallback((problems: readonly FieldProblem[]) => setServer(problems), []);
  const reset = useCallback((next: FormValue) => setValue(next), []);
  const problemsAt = useCallback((path: string) => byPath.get(path) ?? [], [byPath]);

  return {
    definition,
    value,
    validate,
    result,
    shown,
    all,
    problemsAt,
    set,
    blur,
    addItem,
    removeItem,
    touchAll,
    setServerProblems,
    reset,
  };
}
