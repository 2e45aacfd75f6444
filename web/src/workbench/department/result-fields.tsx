import type { FormField } from '@shared/domain/catalogue/form';
import { licenceContent } from '@shared/domain/licences/content';
import type { components } from '../../api/schema';
import { fieldId } from '../../components/common';
import { LabelledField } from '../../components/labelled-field';
import { defineMessages, useLocalised, useT } from '../../i18n/i18n';

export type LicenceType = components['schemas']['MatterGuide']['licenceTypeInfo'] & object;
export type ContentField = LicenceType['contentFields'][number];

const messages = defineMessages(
  {
    legend: '{type}的内容',
    hint: '准予许可后据此签发电子证照。已按申请表预填，请核对；留空的项目取申请表中的内容。',
    dateHint: '格式：年-月-日',
  },
  {
    legend: 'Contents of the {type}',
    hint: 'The e-licence is issued with these on approval. Pre-filled from the application: check them; an empty one takes the form’s answer.',
    dateHint: 'Format: year-month-day',
  },
);

/**
 * The result of an approval as the licence type declares it (GET /licence-types: contentFields), pre-filled the way
 * issuance reads a case (the form's answer of the same key or an alias, shared/domain/licences/content.ts).
 */
export function initialResult(
  type: LicenceType,
  form: Record<string, unknown>,
  formFields: readonly FormField[] = [],
): Record<string, string> {
  const content = licenceContent(type.contentFields, { form }, formFields);
  return Object.fromEntries(
    type.contentFields.map((f) => {
      const value = content[f.key];
      const text = value === undefined ? '' : String(value);
      return [f.key, f.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(text) ? '' : text];
    }),
  );
}

/** What is sent as `result`: the filled fields, numbers as numbers. */
export function resultBody(type: LicenceType, values: Record<string, string>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const f of type.contentFields) {
    const value = (values[f.key] ?? '').trim();
    if (!value) continue;
    out[f.key] = f.type === 'number' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return out;
}

/** A number field that is filled must be a number; dates come from the date input. */
export const resultProblems = (
  type: LicenceType,
  values: Record<string, string>,
  message: (field: ContentField) => string,
) =>
  type.contentFields
    .filter(
      (f) => f.type === 'number' && (values[f.key] ?? '').trim() !== '' && !Number.isFinite(Number(values[f.key])),
    )
    .map((f) => ({ path: `result.${f.key}`, message: message(f) }));

export function ResultFields({
  type,
  values,
  onChange,
  problemAt,
}: {
  type: LicenceType;
  values: Record<string, string>;
  onChange: (key: string, value: string) => void;
  problemAt: (path: string) => string | undefined;
}) {
  const t = useT(messages);
  const localised = useLocalised();
  return (
    <fieldset className="task-decision__items" aria-describedby={`${fieldId('result')}-hint`}>
      <legend>{t('legend', { type: localised({ zh: type.name, en: type.nameEn ?? type.name }) })}</legend>
      <span className="hint" id={`${fieldId('result')}-hint`}>
        {t('hint')}
      </span>
      {type.contentFields.map((f) => (
        <LabelledField
          key={f.key}
          path={`result.${f.key}`}
          label={localised(f.label)}
          hint={f.type === 'date' ? t('dateHint') : undefined}
          error={problemAt(`result.${f.key}`)}
        >
          {(props) => (
            <input
              {...props}
              type={f.type === 'date' ? 'date' : 'text'}
              inputMode={f.type === 'number' ? 'decimal' : undefined}
              value={values[f.key] ?? ''}
              onChange={(e) => onChange(f.key, e.target.value)}
            />
          )}
        </LabelledField>
      ))}
    </fieldset>
  );
}
