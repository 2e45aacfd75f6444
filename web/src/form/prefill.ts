import type { FormDefinition } from '@shared/domain/catalogue/form';
import type { FormValidator } from '@shared/domain/catalogue/form-errors';
import type { FormValue } from './paths';

/** What a form may be pre-filled from: the signed-in applicant's profile and their own e-licences. */
export interface PrefillSources {
  readonly profile: {
    readonly name?: string;
    readonly idNumber?: string;
    readonly uscc?: string;
    readonly mobile?: string;
    readonly address?: unknown;
  };
  readonly licences: readonly {
    readonly type: string;
    readonly state: string;
    readonly expired: boolean;
    readonly content: Readonly<Record<string, string | number>>;
  }[];
}

function sourceValue(prefill: string, sources: PrefillSources): unknown {
  if (prefill.startsWith('profile.'))
    return sources.profile[prefill.slice('profile.'.length) as keyof PrefillSources['profile']];
  if (prefill.startsWith('licence:')) {
    const [type, key] = prefill.slice('licence:'.length).split('.');
    const licence = sources.licences.find(
      (l) =>
        l.type === type && l.state === 'valid' && !l.expired && l.content[key!] !== undefined && l.content[key!] !== '',
    );
    return licence?.content[key!];
  }
  return undefined;
}

/**
 * The answers a new application starts with: each top-level field's `prefill` (profile.name, licence:TYPE.field…)
 * where the source has a value that the form engine accepts for that field. A value the field would refuse (a
 * name longer than its limit) is left out rather than making the draft unsavable.
 */
export function prefillAnswers(
  definition: FormDefinition,
  sources: PrefillSources,
  validate: FormValidator,
): FormValue {
  const form: FormValue = {};
  for (const field of definition.fields) {
    if (!field.prefill || field.type === 'group') continue;
    const value = sourceValue(field.prefill, sources);
    if (value !== undefined && value !== null && value !== '') form[field.key] = value;
  }
  const result = validate(form);
  if (result.ok) return form;
  const refused = new Set(
    result.errors.filter((e) => e.rule !== 'required' && e.rule !== 'minItems').map((e) => e.path.split('.')[1]),
  );
  return Object.fromEntries(Object.entries(form).filter(([key]) => !refused.has(key)));
}
