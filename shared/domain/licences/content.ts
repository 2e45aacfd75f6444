import type { FormField } from '../catalogue/form';
import type { ContentValue } from './credential';

/**
 * A licence's content from a case: each of the licence type's fields from the decision's result, else from the
 * form's answer of the same key or an alias. Pure, so the department's approval form (web) pre-fills its result
 * fields exactly as issuance will read them.
 */

/** Where a licence field's value is found when the form names it differently (the catalogue has no mapping yet). */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  name: ['companyName', 'operatorName', 'unitName', 'applicantName', 'name'],
  legalRepresentative: ['legalRepName', 'legalRepresentative'],
  address: ['address', 'premisesAddress', 'companyAddress'],
  operatorName: ['operatorName', 'companyName', 'applicantName'],
  unitName: ['unitName', 'companyName', 'operatorName'],
};

function display(value: unknown): ContentValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.map((v) => display(v)).filter((v) => v !== undefined).join('、');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('province' in o || 'detail' in o) return ['province', 'city', 'district', 'detail'].map((k) => o[k]).filter(Boolean).join('');
    return JSON.stringify(value);
  }
  return String(value);
}

/** A choice's answer in the words of the form (a licence says 热食类食品制售, not hot-food). */
function labelled(form: Record<string, unknown>, formFields: readonly FormField[]): Record<string, unknown> {
  const out = { ...form };
  for (const field of formFields) {
    if (field.type !== 'enum' || out[field.key] === undefined) continue;
    const label = (value: unknown) => field.options.find((o) => o.value === value)?.label.zh ?? value;
    const value = out[field.key];
    out[field.key] = Array.isArray(value) ? value.map(label) : label(value);
  }
  return out;
}

/** `formFields`: the case's pinned form, so that choices read as their labels. */
export function licenceContent(
  fields: readonly { key: string }[],
  record: { form: Record<string, unknown>; outcome?: { result?: Record<string, unknown> } },
  formFields: readonly FormField[] = [],
): Record<string, ContentValue> {
  const sources = { ...labelled(record.form, formFields), ...(record.outcome?.result ?? {}) };
  const out: Record<string, ContentValue> = {};
  for (const { key } of fields) {
    const value = [key, ...(ALIASES[key] ?? [])].map((k) => display(sources[k])).find((v) => v !== undefined && v !== '');
    if (value !== undefined) out[key] = value;
  }
  return out;
}
