import type { FormField } from '@shared/domain/catalogue/form';
import { hiddenFields } from '@shared/domain/catalogue/form-compile';
import { Link } from 'wouter';
import { useFormat, useLocalised, useT } from '../i18n/i18n';
import { formMessages } from './messages';
import { ADDRESS_PART_KEYS, childPath, type FormValue, getAt, ROOT } from './paths';
import type { FieldProblem } from './use-form';
import { FieldErrors } from './form-fields';
import { fieldId } from '../components/common';
import './form.css';

/**
 * Every answer of a form as a summary list (GOV.UK's check-answers pattern), each with a link back to its field and
 * the problems the engine or the API found with it. Repeating groups list their items with their own answers.
 */
export function AnswerList({
  fields,
  value,
  changeHref,
  problemsAt,
  parent = ROOT,
}: {
  fields: readonly FormField[];
  value: FormValue;
  changeHref?: (path: string) => string;
  problemsAt?: (path: string) => readonly FieldProblem[];
  parent?: string;
}) {
  const t = useT(formMessages);
  const localised = useLocalised();
  // A conditional question that was not asked is not an answer (a hidden one kept in the draft is not submitted).
  const hidden = hiddenFields(fields, getAt(value, parent));
  return (
    <dl className="summary answers">
      {fields
        .filter((field) => !hidden.has(field.key))
        .map((field) => {
          const path = childPath(parent, field.key);
          const label = localised(field.label);
          const problems = problemsAt?.(path) ?? [];
          const errorId = problems.length > 0 ? `${fieldId(path)}-answer-error` : undefined;
          return (
            <div key={field.key} className={problems.length > 0 ? 'answers__row answers__row--error' : 'answers__row'}>
              <dt>{label}</dt>
              <dd>
                <FieldErrors id={errorId} problems={problems} />
                {field.type === 'group' ? (
                  <GroupAnswer
                    field={field}
                    path={path}
                    value={value}
                    changeHref={changeHref}
                    problemsAt={problemsAt}
                  />
                ) : (
                  <Answer field={field} answer={getAt(value, path)} />
                )}
              </dd>
              {changeHref && (
                <dd className="answers__action">
                  <Link href={changeHref(path)}>
                    {t('change')}
                    <span className="visually-hidden">{label}</span>
                  </Link>
                </dd>
              )}
            </div>
          );
        })}
    </dl>
  );
}

function GroupAnswer({
  field,
  path,
  value,
  changeHref,
  problemsAt,
}: {
  field: Extract<FormField, { type: 'group' }>;
  path: string;
  value: FormValue;
  changeHref?: (path: string) => string;
  problemsAt?: (path: string) => readonly FieldProblem[];
}) {
  const t = useT(formMessages);
  const localised = useLocalised();
  const items = getAt(value, path);
  if (!Array.isArray(items) || items.length === 0) return <span className="muted">{t('notAnswered')}</span>;
  return (
    <ol className="answers__items">
      {items.map((_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a group item has no id: it is its path (`group[i]`)
        <li key={i}>
          <span className="answers__item-title">{t('itemLegend', { label: localised(field.label), n: i + 1 })}</span>
          <AnswerList
            fields={field.fields}
            value={value}
            parent={childPath(path, i)}
            changeHref={changeHref}
            problemsAt={problemsAt}
          />
        </li>
      ))}
    </ol>
  );
}

/** One answer as text: option labels for choices, 是/否, an address in one line, dates in the reader's format. */
export function Answer({ field, answer }: { field: FormField; answer: unknown }) {
  const t = useT(formMessages);
  const localised = useLocalised();
  const format = useFormat();
  if (answer === undefined || answer === null || answer === '' || (Array.isArray(answer) && answer.length === 0))
    return <span className="muted">{t('notAnswered')}</span>;
  switch (field.type) {
    case 'enum': {
      const label = (v: unknown) => {
        const option = field.options.find((o) => o.value === v);
        return option ? localised(option.label) : String(v);
      };
      return <>{Array.isArray(answer) ? answer.map(label).join(t('listSeparator')) : label(answer)}</>;
    }
    case 'boolean':
      return <>{answer === true ? t('yes') : answer === false ? t('no') : String(answer)}</>;
    case 'address': {
      const a = answer as Record<string, unknown>;
      return <>{ADDRESS_PART_KEYS.map((k) => (typeof a[k] === 'string' ? a[k] : '')).join(' ')}</>;
    }
    case 'date':
      return (
        <>{typeof answer === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(answer) ? format.date(answer) : String(answer)}</>
      );
    default:
      return <>{typeof answer === 'object' ? JSON.stringify(answer) : String(answer)}</>;
  }
}
