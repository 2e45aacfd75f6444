import type { FormField } from '@shared/domain/catalogue/form';
import { useCallback } from 'react';
import { useLocalised, useT } from '../i18n/i18n';
import { formMessages } from './messages';
import { ADDRESS_PART_KEYS, ROOT } from './paths';

/**
 * The words for a path of a form (`form.staff.0.idNumber` → 从业人员：第 1 项 身份证号码), so that a list of problems
 * says which field each is about; undefined for a path the form does not have.
 */
export function useFieldLabel(fields: readonly FormField[]): (path: string) => string | undefined {
  const localised = useLocalised();
  const t = useT(formMessages);
  return useCallback(
    (path: string) => {
      const steps = path.split('.');
      if (steps[0] !== ROOT) return undefined;
      const words: string[] = [];
      let level: readonly FormField[] | undefined = fields;
      let field: FormField | undefined;
      for (let i = 1; i < steps.length; i++) {
        const step = steps[i]!;
        if (field?.type === 'group' && /^\d+$/.test(step)) {
          words[words.length - 1] = t('itemLegend', { label: localised(field.label), n: Number(step) + 1 });
          level = field.fields;
          field = undefined;
          continue;
        }
        if (field?.type === 'address' && (ADDRESS_PART_KEYS as readonly string[]).includes(step)) {
          words.push(t(step as (typeof ADDRESS_PART_KEYS)[number]));
          break;
        }
        field = level?.find((f) => f.key === step);
        if (!field) break;
        words.push(localised(field.label));
      }
      return words.length > 0 ? words.join(' ') : undefined;
    },
    [fields, localised, t],
  );
}
