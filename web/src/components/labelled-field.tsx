import type { ReactNode } from 'react';
import type { ApiError, ApiErrorDetail } from '../api/client';
import { useLang } from '../i18n/i18n';
import { fieldId, useDetailMessage } from './common';

/** What an input needs to be tied to its label, hint and error (aria-describedby, aria-invalid). */
export interface FieldProps {
  readonly id: string;
  readonly 'aria-describedby'?: string;
  readonly 'aria-invalid'?: true;
  readonly className?: string;
}

/**
 * A form field after GOV.UK: the label, a hint, the error next to the field (also in the page's ErrorSummary), then
 * the input, which receives the ids through `children(props)`. `path` names the field as the API's details do.
 */
export function LabelledField({
  path,
  label,
  hint,
  error,
  children,
}: {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: (props: FieldProps) => ReactNode;
}) {
  const id = fieldId(path);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
      {children({
        id,
        'aria-describedby': describedBy,
        ...(error ? { 'aria-invalid': true as const, className: 'input--error' } : {}),
      })}
    </div>
  );
}

/** The API's field path without its `body.` prefix (the API names some details `body.until`, others `until`). */
export const detailPath = (detail: ApiErrorDetail): string => detail.path.replace(/^body\./, '');

/**
 * An API detail's message in the reader's language: messageZh in Chinese; where the API words a detail in English
 * only (schema checks), `local` may give the page's own Chinese wording for that field and rule.
 */
export function useFieldMessage(
  local?: (detail: ApiErrorDetail) => string | undefined,
): (detail: ApiErrorDetail) => string {
  const { lang } = useLang();
  const message = useDetailMessage();
  return (detail) => (lang === 'zh' && !detail.messageZh ? local?.(detail) : undefined) ?? message(detail);
}

/** A refused command's problems by field: each detail's path (without `body.`) with its message. */
export function errorsByField(
  error: ApiError | undefined,
  message: (detail: ApiErrorDetail) => string,
): { path: string; message: string }[] {
  return error ? error.details.map((detail) => ({ path: detailPath(detail), message: message(detail) })) : [];
}

/**
 * One choice out of a few, each with a hint (a decision's kinds): a fieldset whose first radio takes the field's id,
 * so the error summary's link lands on it, and whose error stands under the legend.
 */
export function RadioChoices<T extends string>({
  name,
  legend,
  error,
  options,
  value,
  onChange,
  choiceClassName,
}: {
  name: string;
  legend: ReactNode;
  error?: string;
  options: readonly { value: T; label: ReactNode; hint: ReactNode }[];
  value: T | undefined;
  onChange: (value: T) => void;
  choiceClassName: string;
}) {
  const base = fieldId(name);
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <fieldset aria-describedby={error ? `${base}-error` : undefined}>
        <legend>{legend}</legend>
        {error && (
          <span className="field-error" id={`${base}-error`}>
            {error}
          </span>
        )}
        {options.map((option, i) => {
          const id = i === 0 ? base : `${base}-${option.value}`;
          return (
            <div className={`choice ${choiceClassName}`} key={option.value}>
              <input
                type="radio"
                id={id}
                name={name}
                value={option.value}
                checked={value === option.value}
                aria-describedby={`${id}-hint`}
                onChange={() => onChange(option.value)}
              />
              <div>
                <label htmlFor={id}>{option.label}</label>
                <span className="hint" id={`${id}-hint`}>
                  {option.hint}
                </span>
              </div>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}
