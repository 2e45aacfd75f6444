import type {
  AddressField,
  EnumField,
  FormField,
  GroupField,
  NumberField,
  TextField,
} from '@shared/domain/catalogue/form';
import { hiddenFields } from '@shared/domain/catalogue/form-compile';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { fieldId } from '../components/common';
import { useLang, useLocalised, useT } from '../i18n/i18n';
import { formMessages } from './messages';
import { ADDRESS_PART_KEYS, childPath, getAt, ROOT } from './paths';
import type { FieldProblem, FormController } from './use-form';
import './form.css';

/**
 * The form renderer: every field type of the catalogue's form definition as plain, labelled HTML controls, named by
 * the engine's paths (fieldId(`form.staff.1.idNumber`)) so that the error summary and the API's details reach them.
 * It holds no rules of its own: the problems come from the FormController (the shared form engine).
 */
interface Context {
  readonly form: FormController;
  /** Called when the applicant leaves a control (the draft is saved then). */
  readonly onLeave?: (path: string) => void;
}
const FormContext = createContext<Context | undefined>(undefined);

function useFormContext(): Context {
  const context = useContext(FormContext);
  if (!context) throw new Error('a form field outside <FormFields>');
  return context;
}

export function FormFields({
  form,
  onLeave,
  fields,
  parent = ROOT,
}: {
  form: FormController;
  onLeave?: (path: string) => void;
  fields?: readonly FormField[];
  parent?: string;
}) {
  const list = fields ?? form.definition.fields;
  return (
    <FormContext.Provider value={{ form, onLeave }}>
      <FieldList fields={list} parent={parent} />
      <ConditionsAnnouncer fields={list} parent={parent} />
    </FormContext.Provider>
  );
}

/** The box a conditional field is revealed in; it is always there (hidden when empty) so aria-controls points at it. */
const conditionalId = (path: string) => `${fieldId(path)}-conditional`;

/**
 * Fields at one level. A conditional field (visibleWhen) sits in a disclosure box that the controlling question's
 * inputs name in aria-controls; the engine's hiddenFields decides, as on the server. A hidden field's answer stays in
 * the answers (and the draft), so switching back restores what was typed; the engine ignores it on submission.
 */
function FieldList({ fields, parent }: { fields: readonly FormField[]; parent: string }) {
  const { form } = useFormContext();
  const hidden = hiddenFields(fields, getAt(form.value, parent));
  const controls = new Map<string, string[]>();
  for (const field of fields) {
    if (field.visibleWhen)
      controls.set(field.visibleWhen.field, [
        ...(controls.get(field.visibleWhen.field) ?? []),
        conditionalId(childPath(parent, field.key)),
      ]);
  }
  return (
    <>
      {fields.map((field) => {
        const path = childPath(parent, field.key);
        if (!field.visibleWhen)
          return <FieldView key={field.key} field={field} path={path} controls={controls.get(field.key)?.join(' ')} />;
        const shown = !hidden.has(field.key);
        return (
          <div key={field.key} id={conditionalId(path)} className="form-conditional" hidden={!shown}>
            {shown && <FieldView field={field} path={path} controls={controls.get(field.key)?.join(' ')} />}
          </div>
        );
      })}
    </>
  );
}

/** The conditional fields shown now, anywhere in the form (inside group items too), in the order of the form. */
function shownConditionals(
  fields: readonly FormField[],
  value: unknown,
  parent: string,
  out: { path: string; field: FormField }[] = [],
) {
  const hidden = hiddenFields(fields, value);
  for (const field of fields) {
    if (hidden.has(field.key)) continue;
    const path = childPath(parent, field.key);
    if (field.visibleWhen) out.push({ path, field });
    const answer = value && typeof value === 'object' ? (value as Record<string, unknown>)[field.key] : undefined;
    if (field.type === 'group' && Array.isArray(answer)) {
      answer.forEach((item, i) => {
        shownConditionals(field.fields, item, childPath(path, i), out);
      });
    }
  }
  return out;
}

/**
 * Says which questions an answer just revealed or took away (a polite status, as the revealed field itself is not
 * focused), so that a screen reader user knows the form changed below the question they answered.
 */
function ConditionsAnnouncer({ fields, parent }: { fields: readonly FormField[]; parent: string }) {
  const { form } = useFormContext();
  const t = useT(formMessages);
  const localised = useLocalised();
  const shown = useMemo(
    () => shownConditionals(fields, getAt(form.value, parent), parent),
    [fields, form.value, parent],
  );
  const key = shown.map((s) => s.path).join(' ');
  const previous = useRef<{ key: string; shown: typeof shown } | undefined>(undefined);
  const [message, setMessage] = useState('');
  useEffect(() => {
    const before = previous.current;
    previous.current = { key, shown };
    // Only a change of which fields show is news (the first render is not: the page itself is).
    if (!before || before.key === key) return;
    const was = new Set(before.shown.map((s) => s.path));
    const now = new Set(shown.map((s) => s.path));
    const added = shown.filter((s) => !was.has(s.path)).map((s) => localised(s.field.label));
    const removed = before.shown.filter((s) => !now.has(s.path)).map((s) => localised(s.field.label));
    const list = (labels: string[]) => labels.join(t('listSeparator'));
    setMessage(
      [
        added.length > 0 ? t('revealed', { labels: list(added) }) : '',
        removed.length > 0 ? t('concealed', { labels: list(removed) }) : '',
      ]
        .filter(Boolean)
        .join(' '),
    );
  }, [key, shown, localised, t]);
  return (
    <p className="visually-hidden" role="status" aria-live="polite">
      {message}
    </p>
  );
}

function FieldView({ field, path, controls }: { field: FormField; path: string; controls?: string | undefined }) {
  switch (field.type) {
    case 'text':
      return <TextInput field={field} path={path} />;
    case 'number':
      return <NumberInput field={field} path={path} />;
    case 'date':
      return <SimpleInput field={field} path={path} type="date" />;
    case 'idNumber':
      return <SimpleInput field={field} path={path} type="text" identifier defaultHint="idNumberHint" />;
    case 'uscc':
      return <SimpleInput field={field} path={path} type="text" identifier defaultHint="usccHint" />;
    case 'mobile':
      return (
        <SimpleInput
          field={field}
          path={path}
          type="tel"
          inputMode="numeric"
          autoComplete="tel"
          defaultHint="mobileHint"
        />
      );
    case 'enum':
      return field.multiple ? (
        <Checkboxes field={field} path={path} controls={controls} />
      ) : field.options.length > 6 ? (
        <Select field={field} path={path} controls={controls} />
      ) : (
        <Radios field={field} path={path} controls={controls} />
      );
    case 'boolean':
      return <Radios field={field} path={path} controls={controls} />;
    case 'address':
      return <AddressInput field={field} path={path} />;
    case 'group':
      return <GroupInput field={field} path={path} />;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces: label, hint, error, and their ids for aria-describedby

type HintKey = 'idNumberHint' | 'usccHint' | 'mobileHint' | 'detailHint';

function useFieldParts(field: Pick<FormField, 'label' | 'help' | 'required'>, path: string, defaultHint?: HintKey) {
  const { form } = useFormContext();
  const localised = useLocalised();
  const t = useT(formMessages);
  const id = fieldId(path);
  const problems = form.problemsAt(path);
  const hint = field.help ? localised(field.help) : defaultHint ? t(defaultHint) : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = problems.length > 0 ? `${id}-error` : undefined;
  const label = `${localised(field.label)}${field.required ? '' : t('optional')}`;
  return {
    id,
    label,
    hint,
    hintId,
    problems,
    errorId,
    invalid: problems.length > 0,
    describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined,
  };
}

function Hint({ id, text }: { id: string | undefined; text: string | undefined }) {
  return text ? (
    <span id={id} className="hint">
      {text}
    </span>
  ) : null;
}

/** The field's problems, right above its control (GOV.UK's place), each in the reader's language. */
export function FieldErrors({ id, problems }: { id: string | undefined; problems: readonly FieldProblem[] }) {
  const t = useT(formMessages);
  const { lang } = useLang();
  if (!id || problems.length === 0) return null;
  return (
    <span id={id} className="field-error">
      {problems.map((p) => (
        <span key={`${p.rule}:${p.message}`} className="form-error-line">
          <span className="visually-hidden">{t('errorPrefix')}</span>
          {lang === 'zh' && p.messageZh ? p.messageZh : p.message}
        </span>
      ))}
    </span>
  );
}

function FieldBox({ invalid, children }: { invalid: boolean; children: ReactNode }) {
  return <div className={invalid ? 'field field--error' : 'field'}>{children}</div>;
}

const asText = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function useLeave(path: string) {
  const { form, onLeave } = useFormContext();
  return () => {
    form.blur(path);
    onLeave?.(path);
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Single controls

function SimpleInput({
  field,
  path,
  type,
  inputMode,
  autoComplete,
  identifier,
  defaultHint,
}: {
  field: FormField;
  path: string;
  type: 'text' | 'date' | 'tel';
  inputMode?: 'numeric' | 'decimal';
  autoComplete?: string;
  identifier?: boolean;
  defaultHint?: HintKey;
}) {
  const { form } = useFormContext();
  const parts = useFieldParts(field, path, defaultHint);
  const leave = useLeave(path);
  const bound = field.type === 'date' ? dateBounds(field) : {};
  return (
    <FieldBox invalid={parts.invalid}>
      <label htmlFor={parts.id}>{parts.label}</label>
      <Hint id={parts.hintId} text={parts.hint} />
      <FieldErrors id={parts.errorId} problems={parts.problems} />
      <input
        id={parts.id}
        name={path}
        type={type}
        className={identifier ? 'form-input--identifier' : type === 'date' ? 'form-input--date' : undefined}
        value={asText(getAt(form.value, path))}
        inputMode={inputMode}
        autoComplete={autoComplete ?? 'off'}
        spellCheck={identifier ? false : undefined}
        autoCapitalize={identifier ? 'characters' : undefined}
        aria-required={field.required || undefined}
        aria-invalid={parts.invalid || undefined}
        aria-describedby={parts.describedBy}
        {...bound}
        onChange={(e) => form.set(path, e.target.value === '' ? undefined : e.target.value)}
        onBlur={leave}
      />
    </FieldBox>
  );
}

/** Today in Asia/Shanghai, for a date picker's range (the engine decides what is valid). */
const shanghaiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
function dateBounds(field: { min?: string | undefined; max?: string | undefined }) {
  const bound = (b: string | undefined) => (b === 'today' ? shanghaiToday() : b);
  return { min: bound(field.min), max: bound(field.max) };
}

function TextInput({ field, path }: { field: TextField; path: string }) {
  const { form } = useFormContext();
  const parts = useFieldParts(field, path);
  const leave = useLeave(path);
  const common = {
    id: parts.id,
    name: path,
    value: asText(getAt(form.value, path)),
    'aria-required': field.required || undefined,
    'aria-invalid': parts.invalid || undefined,
    'aria-describedby': parts.describedBy,
    onBlur: leave,
  };
  // Long answers (a business scope) get room to write; names and numbers one line.
  const long = field.maxLength > 200;
  return (
    <FieldBox invalid={parts.invalid}>
      <label htmlFor={parts.id}>{parts.label}</label>
      <Hint id={parts.hintId} text={parts.hint} />
      <FieldErrors id={parts.errorId} problems={parts.problems} />
      {long ? (
        <textarea
          {...common}
          rows={5}
          onChange={(e) => form.set(path, e.target.value === '' ? undefined : e.target.value)}
        />
      ) : (
        <input
          {...common}
          type="text"
          autoComplete="off"
          onChange={(e) => form.set(path, e.target.value === '' ? undefined : e.target.value)}
        />
      )}
    </FieldBox>
  );
}

const NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * A number typed as text (so "12." or "１２" stay as typed instead of vanishing as in <input type=number>): a
 * well-formed number is answered as a number, anything else as the text itself, which the engine calls not a number.
 */
function NumberInput({ field, path }: { field: NumberField; path: string }) {
  const { form } = useFormContext();
  const parts = useFieldParts(field, path);
  const leave = useLeave(path);
  const value = getAt(form.value, path);
  const [text, setText] = useState(asText(value));
  // An answer replaced from outside (a restored copy) shows; the applicant's own typing stays as typed.
  useEffect(() => {
    setText((current) => (parse(current) === value ? current : asText(value)));
  }, [value]);
  return (
    <FieldBox invalid={parts.invalid}>
      <label htmlFor={parts.id}>{parts.label}</label>
      <Hint id={parts.hintId} text={parts.hint} />
      <FieldErrors id={parts.errorId} problems={parts.problems} />
      <input
        id={parts.id}
        name={path}
        type="text"
        className="form-input--number"
        inputMode={field.integer ? 'numeric' : 'decimal'}
        autoComplete="off"
        value={text}
        aria-required={field.required || undefined}
        aria-invalid={parts.invalid || undefined}
        aria-describedby={parts.describedBy}
        onChange={(e) => {
          setText(e.target.value);
          form.set(path, parse(e.target.value));
        }}
        onBlur={leave}
      />
    </FieldBox>
  );
}

function parse(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return NUMBER.test(trimmed) ? Number(trimmed) : text;
}

function Select({ field, path, controls }: { field: EnumField; path: string; controls?: string | undefined }) {
  const { form } = useFormContext();
  const localised = useLocalised();
  const t = useT(formMessages);
  const parts = useFieldParts(field, path);
  const leave = useLeave(path);
  return (
    <FieldBox invalid={parts.invalid}>
      <label htmlFor={parts.id}>{parts.label}</label>
      <Hint id={parts.hintId} text={parts.hint} />
      <FieldErrors id={parts.errorId} problems={parts.problems} />
      <select
        id={parts.id}
        name={path}
        value={asText(getAt(form.value, path))}
        aria-required={field.required || undefined}
        aria-invalid={parts.invalid || undefined}
        aria-describedby={parts.describedBy}
        aria-controls={controls}
        onChange={(e) => {
          form.set(path, e.target.value === '' ? undefined : e.target.value);
          form.blur(path);
        }}
        onBlur={leave}
      >
        <option value="">{t('choose')}</option>
        {field.options.map((o) => (
          <option key={o.value} value={o.value}>
            {localised(o.label)}
          </option>
        ))}
      </select>
    </FieldBox>
  );
}

/** A choice fieldset: its legend is the question, the first control carries the field's id (for error links). */
function ChoiceSet({ parts, children }: { parts: ReturnType<typeof useFieldParts>; children: ReactNode }) {
  return (
    <FieldBox invalid={parts.invalid}>
      <fieldset aria-describedby={parts.describedBy}>
        <legend>{parts.label}</legend>
        <Hint id={parts.hintId} text={parts.hint} />
        <FieldErrors id={parts.errorId} problems={parts.problems} />
        <div className="form-choices">{children}</div>
      </fieldset>
    </FieldBox>
  );
}

function Radios({
  field,
  path,
  controls,
}: {
  field: EnumField | Extract<FormField, { type: 'boolean' }>;
  path: string;
  controls?: string | undefined;
}) {
  const { form } = useFormContext();
  const localised = useLocalised();
  const t = useT(formMessages);
  const parts = useFieldParts(field, path);
  const leave = useLeave(path);
  const options: { value: string | boolean; label: string }[] =
    field.type === 'boolean'
      ? [
          { value: true, label: t('yes') },
          { value: false, label: t('no') },
        ]
      : field.options.map((o) => ({ value: o.value, label: localised(o.label) }));
  const current = getAt(form.value, path);
  return (
    <ChoiceSet parts={parts}>
      {options.map((o, i) => {
        const id = i === 0 ? parts.id : `${parts.id}-${i}`;
        return (
          <div className="choice form-choice" key={String(o.value)}>
            <input
              type="radio"
              id={id}
              name={path}
              value={String(o.value)}
              checked={current === o.value}
              aria-invalid={parts.invalid || undefined}
              aria-controls={controls}
              onChange={() => {
                form.set(path, o.value);
                form.blur(path);
              }}
              onBlur={leave}
            />
            <label htmlFor={id}>{o.label}</label>
          </div>
        );
      })}
    </ChoiceSet>
  );
}

function Checkboxes({ field, path, controls }: { field: EnumField; path: string; controls?: string | undefined }) {
  const { form } = useFormContext();
  const localised = useLocalised();
  const parts = useFieldParts(field, path);
  const leave = useLeave(path);
  const chosen = getAt(form.value, path);
  const list = Array.isArray(chosen) ? (chosen as unknown[]) : [];
  const toggle = (value: string, on: boolean) => {
    // Kept in the options' order, whatever order they were ticked in.
    const next = field.options.map((o) => o.value).filter((v) => (v === value ? on : list.includes(v)));
    form.set(path, next.length > 0 ? next : undefined);
    form.blur(path);
  };
  return (
    <ChoiceSet parts={parts}>
      {field.options.map((o, i) => {
        const id = i === 0 ? parts.id : `${parts.id}-${i}`;
        return (
          <div className="choice form-choice" key={o.value}>
            <input
              type="checkbox"
              id={id}
              name={path}
              value={o.value}
              checked={list.includes(o.value)}
              aria-invalid={parts.invalid || undefined}
              aria-controls={controls}
              onChange={(e) => toggle(o.value, e.target.checked)}
              onBlur={leave}
            />
            <label htmlFor={id}>{localised(o.label)}</label>
          </div>
        );
      })}
    </ChoiceSet>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Composite fields

function AddressInput({ field, path }: { field: AddressField; path: string }) {
  const { form } = useFormContext();
  const t = useT(formMessages);
  const parts = useFieldParts(field, path);
  const current = getAt(form.value, path);
  const address = typeof current === 'object' && current !== null ? (current as Record<string, unknown>) : {};
  const setPart = (part: string, text: string) => {
    const next = { ...address, [part]: text === '' ? undefined : text };
    const blank = ADDRESS_PART_KEYS.every((k) => next[k] === undefined);
    form.set(path, blank ? undefined : Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
  };
  return (
    <FieldBox invalid={parts.invalid}>
      <fieldset id={parts.id} tabIndex={-1} aria-describedby={parts.describedBy} className="form-address">
        <legend>{parts.label}</legend>
        <Hint id={parts.hintId} text={parts.hint} />
        <FieldErrors id={parts.errorId} problems={parts.problems} />
        {ADDRESS_PART_KEYS.map((part) => (
          <AddressPart
            key={part}
            path={childPath(path, part)}
            label={t(part)}
            hint={part === 'detail' ? t('detailHint') : undefined}
            value={asText(address[part])}
            required={field.required}
            onChange={(text) => setPart(part, text)}
          />
        ))}
      </fieldset>
    </FieldBox>
  );
}

/** One part of an address: its own label and problems; leaving it shows its problems (not yet those of the parts ahead). */
function AddressPart({
  path,
  label,
  hint,
  value,
  required,
  onChange,
}: {
  path: string;
  label: string;
  hint?: string;
  value: string;
  required: boolean;
  onChange: (text: string) => void;
}) {
  const { form } = useFormContext();
  const id = fieldId(path);
  const problems = form.problemsAt(path);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = problems.length > 0 ? `${id}-error` : undefined;
  const leave = useLeave(path);
  return (
    <div className={problems.length > 0 ? 'form-address__part form-address__part--error' : 'form-address__part'}>
      <label htmlFor={id} className="form-sublabel">
        {label}
      </label>
      <Hint id={hintId} text={hint} />
      <FieldErrors id={errorId} problems={problems} />
      <input
        id={id}
        name={path}
        type="text"
        className={path.endsWith('.detail') ? undefined : 'form-input--short'}
        value={value}
        autoComplete="off"
        aria-required={required || undefined}
        aria-invalid={problems.length > 0 || undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        onChange={(e) => onChange(e.target.value)}
        onBlur={leave}
      />
    </div>
  );
}

/**
 * A repeating group (股东, 从业人员): each item its own fieldset with the group's fields, an add button while fewer
 * than maxItems, and a remove button per item. Focus follows: to the new item's first field, or back to the group.
 */
function GroupInput({ field, path }: { field: GroupField; path: string }) {
  const { form, onLeave } = useFormContext();
  const t = useT(formMessages);
  const localised = useLocalised();
  const parts = useFieldParts(field, path);
  const items = getAt(form.value, path);
  const count = Array.isArray(items) ? items.length : 0;
  const minItems = field.minItems ?? (field.required ? 1 : 0);
  const name = localised(field.label);
  const box = useRef<HTMLFieldSetElement>(null);
  const focusAfter = useRef<'new' | 'group' | undefined>(undefined);
  useEffect(() => {
    const target = focusAfter.current;
    focusAfter.current = undefined;
    if (target === 'group') box.current?.focus();
    if (target === 'new')
      box.current?.querySelector<HTMLElement>(`[data-item="${count - 1}"] :is(input, select, textarea)`)?.focus();
  }, [count]);
  const hint = [
    parts.hint,
    minItems > 0 ? t('itemsHint', { min: minItems, max: field.maxItems }) : t('itemsMaxHint', { max: field.maxItems }),
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <FieldBox invalid={parts.invalid}>
      <fieldset
        id={parts.id}
        ref={box}
        tabIndex={-1}
        aria-describedby={[hint ? `${parts.id}-hint` : undefined, parts.errorId].filter(Boolean).join(' ') || undefined}
        className="form-group"
      >
        <legend className="form-group__legend">{parts.label}</legend>
        <Hint id={`${parts.id}-hint`} text={hint} />
        <FieldErrors id={parts.errorId} problems={parts.problems} />
        {count === 0 && <p className="muted">{t('noItems')}</p>}
        {Array.from({ length: count }, (_, i) => {
          const itemPath = childPath(path, i);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: an item is its path (`group[i]`), inputs read form.value
            <fieldset key={i} className="group form-group__item" data-item={i}>
              <legend className="form-group__item-legend">{t('itemLegend', { label: name, n: i + 1 })}</legend>
              <FieldList fields={field.fields} parent={itemPath} />
              {count > minItems && (
                <button
                  type="button"
                  className="button button--secondary form-group__remove"
                  aria-label={t('removeItemLabel', { label: name, n: i + 1 })}
                  onClick={() => {
                    focusAfter.current = 'group';
                    form.removeItem(path, i);
                    onLeave?.(path);
                  }}
                >
                  {t('removeItem', { n: i + 1 })}
                </button>
              )}
            </fieldset>
          );
        })}
        {count < field.maxItems && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              focusAfter.current = 'new';
              form.addItem(path);
            }}
          >
            {count === 0 ? t('addItem', { label: name }) : t('addAnother', { label: name })}
          </button>
        )}
      </fieldset>
    </FieldBox>
  );
}
