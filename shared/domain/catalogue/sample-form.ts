import type { FormDefinition, FormField } from './form';

/**
 * Plausible, valid answers to a form: for the demo, the bench and tests, which fill in whole matters and bundles
 * without hand-writing every field. Identity fields use check-digit-valid test identities; `overrides` win; a text
 * field with a pattern needs an override when it is required (a regex cannot be sampled in general).
 */
export const SAMPLE_IDENTITIES = {
  idNumber: '11010519491231002X',
  uscc: '91350100M000100Y43',
  mobile: '13812345678',
} as const;

export function sampleAnswers(
  form: { fields: readonly FormField[] } | FormDefinition,
  options: { today: string; overrides?: Record<string, unknown> },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of form.fields as readonly FormField[]) {
    if (options.overrides && field.key in options.overrides) {
      out[field.key] = options.overrides[field.key];
      continue;
    }
    const value = sampleValue(field, options.today);
    if (value !== undefined) out[field.key] = value;
  }
  return out;
}

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function sampleValue(field: FormField, today: string): unknown {
  switch (field.type) {
    case 'text': {
      if (field.pattern) return undefined;
      const base = `示例${field.label.zh}`.replace(/[（）()]/g, '');
      const min = field.minLength ?? 0;
      return base.padEnd(Math.max(min, 2), '甲').slice(0, field.maxLength);
    }
    case 'number': {
      const min = field.min ?? 1;
      const max = field.max ?? min + 100;
      return field.integer === false ? min : Math.ceil(Math.min(Math.max(min, 1), max));
    }
    case 'date': {
      if (field.min === 'today') return shiftDays(today, 30);
      if (field.max === 'today') return shiftDays(today, -365);
      if (field.min) return field.min;
      if (field.max) return field.max;
      return today;
    }
    case 'enum': {
      const first = field.options[0]?.value;
      return field.multiple ? (first ? [first] : []) : first;
    }
    case 'boolean':
      return true;
    case 'idNumber':
      return SAMPLE_IDENTITIES.idNumber;
    case 'uscc':
      return SAMPLE_IDENTITIES.uscc;
    case 'mobile':
      return SAMPLE_IDENTITIES.mobile;
    case 'address':
      return { province: '福建省', city: '福州市', district: '鼓楼区', detail: '五四路88号' };
    case 'group': {
      const count = Math.max(field.minItems ?? (field.required ? 1 : 0), field.required ? 1 : 0);
      return Array.from({ length: count }, () => sampleAnswers({ fields: field.fields }, { today }));
    }
  }
}
