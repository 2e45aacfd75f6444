import type { FormField } from '@shared/domain/catalogue/form';
import type { Material } from '@shared/domain/catalogue/model';
import { type FormEvent, type ReactNode, useMemo, useRef, useState } from 'react';
import { api, ApiError, type ApiErrorDetail, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { CommandError, ErrorSummary, fieldId } from '../../components/common';
import { detailPath, RadioChoices, useFieldMessage } from '../../components/labelled-field';
import { defineMessages, useLocalised, useT } from '../../i18n/i18n';
import type { ApplyTemplate } from '../../pages/apply/template';

type CaseView = components['schemas']['Case'];
export type Decision = 'accept' | 'refuse' | 'correct';

const messages = defineMessages(
  {
    title: '受理决定',
    decision: '决定',
    accept: '受理',
    acceptHint: '材料齐全、符合法定形式（可容缺的材料可后补）',
    refuse: '不予受理',
    refuseHint: '不属于本机关职权范围或不符合受理条件，须书面说明理由',
    correct: '要求补正（一次性告知）',
    correctHint: '材料不齐全或不符合法定形式：一次告知需要补正的全部内容',
    tolerated: '容缺受理的材料',
    toleratedHint:
      '以下材料事项列明可容缺、且尚未提交：勾选即容缺受理，申请人须在审批决定前补交。不同意容缺的，请改为要求补正。',
    toleratedItem: '容缺受理：{name}',
    reason: '不予受理的理由',
    reasonHint: '将写入不予受理通知书，申请人据此可申请行政复议或提起行政诉讼。',
    materials: '需要补正的材料',
    fields: '需要更正的填报内容',
    itemsHint: '勾选需要补正的每一项，并写明要求；全部内容一次告知。',
    provided: '已提交',
    missing: '未提交',
    state: '（{state}）',
    requirement: '{name}的补正要求',
    defaultMaterial: '请提交符合要求的{name}。',
    defaultField: '请核实并更正“{name}”。',
    note: '其他说明（选填）',
    noteHint: '写入补正材料通知书的说明。',
    submitAccept: '确认受理',
    submitRefuse: '确认不予受理',
    submitCorrect: '发出补正通知',
    submitNone: '提交决定',
    busy: '正在提交…',
    chooseDecision: '请选择受理决定。',
    tolerateAll: '请勾选容缺受理“{name}”，或改为要求补正。',
    reasonRequired: '请写明不予受理的理由。',
    reasonTooLong: '理由不能超过 2000 字。',
    itemsRequired: '请至少选择一项需要补正的材料或填报内容。',
    messageRequired: '请写明“{name}”的补正要求。',
    messageTooLong: '“{name}”的补正要求不能超过 500 字。',
    notTolerable: '容缺只适用于事项列明可容缺且尚未提交的材料。',
    unknownItem: '补正事项不属于本事项的材料或表单。',
    failed: '决定未能提交。',
    conflict: '此办件的状态已变化，不能再作受理决定。请刷新页面查看。',
  },
  {
    title: 'Acceptance decision',
    decision: 'Decision',
    accept: 'Accept',
    acceptHint: 'The materials are complete and in the legal form (tolerable materials may follow)',
    refuse: 'Refuse to accept',
    refuseHint: 'Outside this authority’s remit or not meeting the conditions; a written reason is required',
    correct: 'Ask for corrections (all at once)',
    correctHint: 'Materials incomplete or not in the legal form: list everything to correct at once',
    tolerated: 'Materials tolerated as missing',
    toleratedHint:
      'The matter lists these as tolerable and they are missing: ticking one accepts without it, to be handed in before the decision. If you do not tolerate one, ask for corrections instead.',
    toleratedItem: 'Tolerate: {name}',
    reason: 'Reason for refusing',
    reasonHint: 'It goes into the written notice; the applicant may appeal against it.',
    materials: 'Materials to correct',
    fields: 'Form answers to correct',
    itemsHint: 'Tick each item to correct and say what is needed; everything is told at once.',
    provided: 'provided',
    missing: 'missing',
    state: ' ({state})',
    requirement: 'What is needed for {name}',
    defaultMaterial: 'Please provide a valid {name}.',
    defaultField: 'Please check and correct “{name}”.',
    note: 'Other remarks (optional)',
    noteHint: 'Printed on the correction notice.',
    submitAccept: 'Accept the case',
    submitRefuse: 'Refuse to accept',
    submitCorrect: 'Send the correction request',
    submitNone: 'Record the decision',
    busy: 'Sending…',
    chooseDecision: 'Choose a decision.',
    tolerateAll: 'Tick to tolerate “{name}”, or ask for corrections instead.',
    reasonRequired: 'Write the reason for refusing.',
    reasonTooLong: 'The reason may be at most 2,000 characters.',
    itemsRequired: 'Choose at least one material or form answer to correct.',
    messageRequired: 'Say what is needed for “{name}”.',
    messageTooLong: 'What is needed for “{name}” may be at most 500 characters.',
    notTolerable: 'Only missing materials the matter lists as tolerable can be tolerated.',
    unknownItem: 'A correction item is not a material or form answer of this matter.',
    failed: 'The decision was not recorded.',
    conflict: 'This case has moved on and can no longer be decided here. Refresh the page to see it.',
  },
);
type Key = keyof (typeof messages)['zh'];

interface Problem {
  readonly path: string;
  readonly message: string;
}

type ItemKey = `${'material' | 'field'}.${string}`;
const itemPath = (key: ItemKey) => `corrections.${key}`;

/** Whether the case has the material: files, or a licence in its place (免证). */
const provided = (c: CaseView, code: string) =>
  (c.materials[code]?.files.length ?? 0) > 0 || Boolean(c.materials[code]?.licenceNo);

/**
 * 前台综合受理: accept (tolerating, 容缺, only materials the matter lists as tolerable and the case lacks), refuse with a
 * written reason, or ask for every correction at once (一次性告知: ticked materials and form answers, each with what
 * is needed, and a remark). Offered only for a SUBMITTED case to a window officer; the whole path works by keyboard.
 * Problems stand next to their fields and in the summary, the page's own checks and the API's alike.
 */
export function DecisionForm({
  caseView,
  template,
  onDecided,
}: {
  caseView: CaseView;
  template: ApplyTemplate;
  onDecided: (updated: CaseView, decision: Decision) => void;
}) {
  const t = useT(messages);
  const localised = useLocalised();
  const [decision, setDecision] = useState<Decision | undefined>();
  const [tolerated, setTolerated] = useState<ReadonlySet<string>>(new Set());
  const [reason, setReason] = useState('');
  const [items, setItems] = useState<ReadonlyMap<ItemKey, string>>(new Map());
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);

  const tolerableMissing = useMemo(
    () => template.materials.filter((m) => m.required && m.tolerable && !provided(caseView, m.code)),
    [template, caseView],
  );
  const fields = template.definition.fields;
  const itemName = (key: ItemKey): string => {
    const [target, ...rest] = key.split('.');
    const code = rest.join('.');
    if (target === 'material') return template.materials.find((m) => m.code === code)?.name ?? code;
    const field = fields.find((f) => f.key === code);
    return field ? localised(field.label) : code;
  };

  const problemAt = (path: string) => problems.find((p) => p.path === path)?.message;

  const check = (): Problem[] => {
    if (!decision) return [{ path: 'decision', message: t('chooseDecision') }];
    if (decision === 'accept')
      return tolerableMissing
        .filter((m) => !tolerated.has(m.code))
        .map((m) => ({ path: 'tolerated', message: t('tolerateAll', { name: m.name }) }));
    if (decision === 'refuse') {
      if (!reason.trim()) return [{ path: 'reason', message: t('reasonRequired') }];
      return reason.length > 2000 ? [{ path: 'reason', message: t('reasonTooLong') }] : [];
    }
    if (items.size === 0) return [{ path: 'corrections', message: t('itemsRequired') }];
    return [...items].flatMap(([key, message]) =>
      !message.trim()
        ? [{ path: itemPath(key), message: t('messageRequired', { name: itemName(key) }) }]
        : message.length > 500
          ? [{ path: itemPath(key), message: t('messageTooLong', { name: itemName(key) }) }]
          : [],
    );
  };

  // The API words some details in English only (schema checks): the page's Chinese for those fields.
  const fieldMessage = useFieldMessage((d: ApiErrorDetail) => {
    const path = detailPath(d);
    if (path === 'reason') return t('reasonRequired');
    if (path === 'corrections') return d.rule === 'exists' ? t('unknownItem') : t('itemsRequired');
    if (path === 'tolerated') return t('notTolerable');
    if (path.startsWith('materials.'))
      return t('tolerateAll', { name: itemName(`material.${path.slice('materials.'.length)}`) });
    return undefined;
  });
  /** Where an API detail belongs on this form (a missing tolerable material: at the 容缺 choices). */
  const serverPath = (d: ApiErrorDetail) => {
    const path = detailPath(d);
    if (path.startsWith('materials.')) return 'tolerated';
    if (path.startsWith('corrections')) return 'corrections';
    return path;
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return;
    setFailure(undefined);
    const found = check();
    setProblems(found);
    if (found.length > 0) return;
    const body =
      decision === 'accept'
        ? { decision, tolerated: tolerableMissing.filter((m) => tolerated.has(m.code)).map((m) => m.code) }
        : decision === 'refuse'
          ? { decision, reason: reason.trim() }
          : {
              decision: 'correct' as const,
              corrections: [...items].map(([key, message]) => {
                const [target, ...rest] = key.split('.');
                return { target: target as 'material' | 'field', code: rest.join('.'), message: message.trim() };
              }),
              ...(note.trim() ? { reason: note.trim() } : {}),
            };
    inFlight.current = true;
    setBusy(true);
    try {
      const updated = await unwrap(
        api().POST('/applications/{id}/acceptance', { params: { path: { id: caseView.id } }, body }),
      );
      onDecided(updated, decision!);
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, 'Error', String(e));
      const known = new Set(['decision', 'tolerated', 'reason', 'corrections']);
      const placed = error.details.filter((d) => known.has(serverPath(d)));
      setProblems(placed.map((d) => ({ path: serverPath(d), message: fieldMessage(d) })));
      // What no field shows is said once, above the button (a network failure keeps everything chosen and typed).
      if (placed.length < error.details.length || error.details.length === 0) setFailure(error);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const toggleItem = (key: ItemKey, on: boolean) =>
    setItems((current) => {
      const next = new Map(current);
      if (on)
        next.set(
          key,
          key.startsWith('material.')
            ? t('defaultMaterial', { name: itemName(key) })
            : t('defaultField', { name: itemName(key) }),
        );
      else next.delete(key);
      return next;
    });

  const submitLabel: Key =
    decision === 'accept'
      ? 'submitAccept'
      : decision === 'refuse'
        ? 'submitRefuse'
        : decision === 'correct'
          ? 'submitCorrect'
          : 'submitNone';
  const decisionError = problemAt('decision');
  return (
    <section aria-labelledby="decision-title" className="decision" id="decision">
      <h2 id="decision-title">{t('title')}</h2>
      <ErrorSummary errors={problems} />
      <form noValidate onSubmit={(e) => void send(e)}>
        <RadioChoices
          name="decision"
          legend={t('decision')}
          error={decisionError}
          options={(['accept', 'refuse', 'correct'] as const).map((d) => ({
            value: d,
            label: t(d),
            hint: t(`${d}Hint`),
          }))}
          value={decision}
          onChange={setDecision}
          choiceClassName="decision__choice"
        />

        {decision === 'accept' && tolerableMissing.length > 0 && (
          <ChoiceGroup
            path="tolerated"
            legend={t('tolerated')}
            hint={t('toleratedHint')}
            error={problemAt('tolerated')}
          >
            {tolerableMissing.map((m, i) => (
              <div className="choice" key={m.code}>
                <input
                  type="checkbox"
                  id={i === 0 ? fieldId('tolerated') : `${fieldId('tolerated')}-${i}`}
                  checked={tolerated.has(m.code)}
                  onChange={(e) =>
                    setTolerated((s) => {
                      const next = new Set(s);
                      if (e.target.checked) next.add(m.code);
                      else next.delete(m.code);
                      return next;
                    })
                  }
                />
                <label htmlFor={i === 0 ? fieldId('tolerated') : `${fieldId('tolerated')}-${i}`}>
                  {t('toleratedItem', { name: m.name })}
                </label>
              </div>
            ))}
          </ChoiceGroup>
        )}

        {decision === 'refuse' && (
          <TextArea
            path="reason"
            label={t('reason')}
            hint={t('reasonHint')}
            error={problemAt('reason')}
            value={reason}
            onChange={setReason}
            rows={5}
          />
        )}

        {decision === 'correct' && (
          <CorrectionItems
            materials={template.materials}
            fields={fields}
            caseView={caseView}
            items={items}
            error={problemAt('corrections')}
            problemAt={problemAt}
            onToggle={toggleItem}
            onMessage={(key, message) => setItems((current) => new Map(current).set(key, message))}
            note={note}
            onNote={setNote}
          />
        )}

        {failure && (
          <>
            <p className="notice notice--error" role="alert">
              {failure.status === 409 ? t('conflict') : t('failed')}
            </p>
            {failure.status !== 409 && <CommandError error={failure} />}
          </>
        )}
        <div className="actions">
          <button
            type="submit"
            className={decision === 'refuse' ? 'button button--warning' : 'button'}
            disabled={busy}
            aria-disabled={busy}
          >
            {busy ? t('busy') : t(submitLabel)}
          </button>
        </div>
        <p role="status" aria-live="polite" className="visually-hidden">
          {busy ? t('busy') : ''}
        </p>
      </form>
    </section>
  );
}

/** A fieldset of choices with its legend, hint and error (the error also in the summary, linked to the first choice). */
function ChoiceGroup({
  path,
  legend,
  hint,
  error,
  children,
}: {
  path: string;
  legend: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  const id = fieldId(path);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <fieldset aria-describedby={describedBy}>
        <legend>{legend}</legend>
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
        {children}
      </fieldset>
    </div>
  );
}

function TextArea({
  path,
  label,
  hint,
  error,
  value,
  onChange,
  rows = 3,
}: {
  path: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (v: string) => void;
  rows?: number;
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
      <textarea
        id={id}
        rows={rows}
        value={value}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        className={error ? 'input--error' : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** 一次性告知: every material and every form answer to tick, each ticked one with what is needed, and a remark. */
function CorrectionItems({
  materials,
  fields,
  caseView,
  items,
  error,
  problemAt,
  onToggle,
  onMessage,
  note,
  onNote,
}: {
  materials: readonly Material[];
  fields: readonly FormField[];
  caseView: CaseView;
  items: ReadonlyMap<ItemKey, string>;
  error: string | undefined;
  problemAt: (path: string) => string | undefined;
  onToggle: (key: ItemKey, on: boolean) => void;
  onMessage: (key: ItemKey, message: string) => void;
  note: string;
  onNote: (v: string) => void;
}) {
  const t = useT(messages);
  const localised = useLocalised();
  const groups: { kind: 'materials' | 'fields'; rows: { key: ItemKey; name: string; state?: string }[] }[] = [
    {
      kind: 'materials',
      rows: materials.map((m) => ({
        key: `material.${m.code}` as const,
        name: m.name,
        state: provided(caseView, m.code) ? t('provided') : t('missing'),
      })),
    },
    { kind: 'fields', rows: fields.map((f) => ({ key: `field.${f.key}` as const, name: localised(f.label) })) },
  ];
  let first = true;
  return (
    <ChoiceGroup path="corrections" legend={t('itemsHint')} error={error}>
      {groups.map((group) => (
        <fieldset key={group.kind} className="decision__items">
          <legend>{t(group.kind)}</legend>
          {group.rows.map((row) => {
            const id = first
              ? fieldId('corrections')
              : `${fieldId('corrections')}-pick-${row.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
            first = false;
            const checked = items.has(row.key);
            const messagePath = itemPath(row.key);
            const messageError = problemAt(messagePath);
            return (
              <div key={row.key} className="decision__item">
                <div className="choice">
                  <input
                    type="checkbox"
                    id={id}
                    checked={checked}
                    onChange={(e) => onToggle(row.key, e.target.checked)}
                  />
                  <label htmlFor={id}>
                    {row.name}
                    {row.state && <span className="muted">{t('state', { state: row.state })}</span>}
                  </label>
                </div>
                {checked && (
                  <div className={messageError ? 'field field--error decision__message' : 'field decision__message'}>
                    <label htmlFor={fieldId(messagePath)}>{t('requirement', { name: row.name })}</label>
                    {messageError && (
                      <span className="field-error" id={`${fieldId(messagePath)}-error`}>
                        {messageError}
                      </span>
                    )}
                    <input
                      type="text"
                      id={fieldId(messagePath)}
                      value={items.get(row.key) ?? ''}
                      maxLength={500}
                      aria-invalid={messageError ? true : undefined}
                      aria-describedby={messageError ? `${fieldId(messagePath)}-error` : undefined}
                      className={messageError ? 'input--error' : undefined}
                      onChange={(e) => onMessage(row.key, e.target.value)}
                    />
                  </div>
                )}
              </div>
            );
          })}
        </fieldset>
      ))}
      <TextArea path="note" label={t('note')} hint={t('noteHint')} value={note} onChange={onNote} />
    </ChoiceGroup>
  );
}
