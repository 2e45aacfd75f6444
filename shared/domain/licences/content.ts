import type { EnumField, FormField } from '../catalogue/form';
import type { ContentChoice, ContentChoices, ContentValue } from './credential';

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
  if (Array.isArray(value))
    return value
      .map((v) => display(v))
      .filter((v) => v !== undefined)
      .join('、');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('province' in o || 'detail' in o)
      return ['province', 'city', 'district', 'detail']
        .map((k) => o[k])
        .filter(Boolean)
        .join('');
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
    const value = [key, ...(ALIASES[key] ?? [])]
      .map((k) => display(sources[k]))
      .find((v) => v !== undefined && v !== '');
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Between the choices of a multiple choice as written on a licence: 、 (issuance), or ；or , as an officer typed them. */
const SEPARATOR = /^\s*[、；;，,]\s*/;

const choice = (o: EnumField['options'][number]): ContentChoice => ({
  code: o.value,
  label: { zh: o.label.zh, en: o.label.en },
});

/**
 * A value's options, all of them or none: a value the form does not offer (an officer's own words) stays as written.
 * Each choice is named by its code or a label; read from the left, the longest name first, so a label that holds a
 * separator itself is still one choice.
 */
function choicesOf(field: EnumField, value: ContentValue): ContentChoice[] | undefined {
  if (typeof value !== 'string') return undefined;
  const names = field.options
    .flatMap((o) => [o.value, o.label.zh, o.label.en].map((name) => ({ name, option: o })))
    .sort((a, b) => b.name.length - a.name.length);
  const out: ContentChoice[] = [];
  let rest = value.trim();
  while (rest !== '') {
    const found = names.find(
      ({ name }) => rest.startsWith(name) && (rest.length === name.length || SEPARATOR.test(rest.slice(name.length))),
    );
    if (!found || (out.length > 0 && !field.multiple)) return undefined;
    out.push(choice(found.option));
    rest = rest.slice(found.name.length).replace(SEPARATOR, '');
  }
  return out.length > 0 ? out : undefined;
}

/**
 * The choices behind a licence's content: for each content field read from an enum of the form (its own key or an
 * alias), the options its value names, by code or label. Works on content issued as codes (before labels were kept)
 * as on content issued as labels, so a licence of either age reads the same.
 */
export function contentChoices(
  fields: readonly { key: string }[],
  content: Readonly<Record<string, ContentValue>>,
  formFields: readonly FormField[] = [],
): Record<string, ContentChoice[]> {
  const out: Record<string, ContentChoice[]> = {};
  for (const { key } of fields) {
    const value = content[key];
    const field = [key, ...(ALIASES[key] ?? [])]
      .map((k) => formFields.find((f) => f.key === k))
      .find((f) => f !== undefined);
    if (value === undefined || field?.type !== 'enum') continue;
    const choices = choicesOf(field, value);
    if (choices) out[key] = choices;
  }
  return out;
}

/** A content value in words: the choices' Chinese labels, and English ones when every choice has one. */
export function contentInWords(
  value: ContentValue,
  choices: readonly ContentChoice[] | undefined,
): { zh: string; en?: string } {
  if (!choices || choices.length === 0) return { zh: String(value) };
  const en = choices.every((c) => c.label.en) ? choices.map((c) => c.label.en).join('; ') : undefined;
  return { zh: choices.map((c) => c.label.zh).join('、'), ...(en ? { en } : {}) };
}

/**
 * The choices to show for a licence: those its credential (or record) kept, else, for a licence issued before they
 * were kept, those read at render time from the form its case was decided on (`form`, loaded only then).
 */
export async function resolvedChoices(
  fields: readonly { key: string }[],
  content: Readonly<Record<string, ContentValue>>,
  kept: ContentChoices | undefined,
  form: () => Promise<readonly FormField[] | undefined>,
): Promise<ContentChoices> {
  if (kept) return kept;
  return contentChoices(fields, content, (await form().catch(() => undefined)) ?? []);
}
