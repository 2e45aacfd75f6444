import { type FormEvent, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { ErrorSummary, fieldId } from '../../components/common';
import { defineMessages, useT } from '../../i18n/i18n';
import { shanghaiToday } from '../shared/due-date';

const messages = defineMessages(
  {
    legend: '统计区间',
    from: '起始日期',
    to: '截止日期',
    apply: '查看',
    toBeforeFrom: '截止日期不得早于起始日期',
    missing: '请选择日期',
  },
  {
    legend: 'Date range',
    from: 'From',
    to: 'To',
    apply: 'Show',
    toBeforeFrom: 'The end date must not be before the start date',
    missing: 'Choose a date',
  },
);

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_DAYS = 30;

const daysBefore = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/** The page's date range from the address (so it can be bookmarked); the last 30 days when none is given. */
export function useRange(): { from: string; to: string; query: URLSearchParams } {
  const query = new URLSearchParams(useSearch());
  const to = DAY.test(query.get('to') ?? '') ? query.get('to')! : shanghaiToday();
  const from = DAY.test(query.get('from') ?? '') ? query.get('from')! : daysBefore(to, DEFAULT_DAYS - 1);
  return { from, to, query };
}

/** The address of `path` with this query (empty values left out). */
export function withQuery(path: string, values: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** Two dates and a button; applying puts the range in the address (the page reloads its data from there). */
export function RangeForm({ path, from, to }: { path: string; from: string; to: string }) {
  const t = useT(messages);
  const [, navigate] = useLocation();
  const [values, setValues] = useState({ from, to });
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const errorOf = (name: string) => errors.find((e) => e.path === name)?.message;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: { path: string; message: string }[] = [];
    if (!DAY.test(values.from)) found.push({ path: 'from', message: t('missing') });
    if (!DAY.test(values.to)) found.push({ path: 'to', message: t('missing') });
    else if (DAY.test(values.from) && values.to < values.from) found.push({ path: 'to', message: t('toBeforeFrom') });
    setErrors(found);
    if (found.length === 0) navigate(withQuery(path, values));
  };
  return (
    <form onSubmit={submit} noValidate className="no-print">
      <ErrorSummary errors={errors} />
      <fieldset className="group">
        <legend className="label">{t('legend')}</legend>
        <div className="filters">
          {(['from', 'to'] as const).map((name) => {
            const error = errorOf(name);
            return (
              <div key={name} className={error ? 'field field--error' : 'field'}>
                <label className="label" htmlFor={fieldId(name)}>
                  {t(name)}
                </label>
                {error && (
                  <p className="field-error" id={`${fieldId(name)}-error`}>
                    {error}
                  </p>
                )}
                <input
                  id={fieldId(name)}
                  type="date"
                  className={error ? 'input--error' : undefined}
                  value={values[name]}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${fieldId(name)}-error` : undefined}
                  onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
                />
              </div>
            );
          })}
          <button type="submit" className="button">
            {t('apply')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
