import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { api, ApiError, type ApiErrorDetail, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { CommandError, ErrorSummary, fieldId } from '../../components/common';
import { detailPath, RadioChoices, useFieldMessage } from '../../components/labelled-field';
import { defineMessages, useLocalised, useT } from '../../i18n/i18n';
import type { ApplyTemplate } from '../../pages/apply/template';
import { type LicenceType, initialResult, ResultFields, resultBody, resultProblems } from './result-fields';
import { type TaskView, taskWords } from './task-words';

type CaseView = components['schemas']['Case'];
export type TaskDecision = 'approve' | 'reject' | 'return' | 'suspend' | 'resume' | 'extend';
type SpecialProcedure = components['schemas']['MatterGuide']['procedure']['pausableFor'][number];

const messages = defineMessages(
  {
    title: '审查决定',
    decision: '决定',
    approve: '审查通过（准予）',
    approveHint: '符合法定条件、标准，同意本环节审查',
    reject: '不予许可',
    rejectHint: '不符合法定条件：须书面说明理由，办件随即办结',
    return: '退回补正',
    returnHint: '逐项写明需要补正的材料或填报内容，一次告知申请人；补正期间不计时限',
    suspend: '中止审查（特别程序）',
    suspendHint: '需要听证、检验检测、现场核查等特别程序：所需时间不计入办理时限',
    resume: '恢复审查',
    resumeHint: '特别程序已结束，继续审查；期限顺延中止的工作日数',
    extend: '申请延期',
    extendHint: '不能在期限内作出决定的，经批准可延长一次（行政许可法第四十二条）',
    opinion: '审查意见（选填）',
    reason: '理由',
    rejectReason: '不予许可的理由',
    rejectReasonHint: '将告知申请人，申请人据此可申请行政复议或提起行政诉讼。',
    suspendReason: '中止的理由',
    extendReason: '延期的理由',
    extendReasonHint: '将告知申请人。',
    resumeNote: '说明（选填）',
    procedure: '特别程序',
    expectedDays: '预计所需工作日',
    expectedDaysHint: '1 至 365 个工作日。',
    days: '延长的工作日',
    daysHint: '1 至 30 个工作日，通常为 10 个工作日。',
    materials: '需要补正的材料',
    fields: '需要更正的填报内容',
    itemsHint: '勾选需要补正的每一项，并写明要求；全部内容一次告知。',
    requirement: '{name}的补正要求',
    defaultMaterial: '请提交符合要求的{name}。',
    defaultField: '请核实并更正“{name}”。',
    note: '其他说明（选填）',
    submit_approve: '确认通过',
    submit_reject: '确认不予许可',
    submit_return: '退回补正',
    submit_suspend: '确认中止',
    submit_resume: '恢复审查',
    submit_extend: '提交延期申请',
    submit_none: '提交决定',
    busy: '正在提交…',
    chooseDecision: '请选择审查决定。',
    reasonRequired: '请写明理由。',
    reasonTooLong: '理由不能超过 2000 字。',
    procedureRequired: '请选择特别程序。',
    procedureNotAllowed: '本事项不适用所选的特别程序。',
    expectedDaysInvalid: '预计所需工作日须为 1 至 365 之间的整数。',
    daysInvalid: '延长的工作日须为 1 至 30 之间的整数。',
    itemsRequired: '请至少选择一项需要补正的材料或填报内容。',
    messageRequired: '请写明“{name}”的补正要求。',
    unknownItem: '补正事项不属于本事项的材料或表单。',
    numberInvalid: '“{name}”须为数字。',
    usccInvalid: '统一社会信用代码不正确，请核对。',
    materialMissing: '容缺受理的材料尚未补交，不能审查通过：{name}。',
    failed: '决定未能提交。',
    conflict: '此任务的状态已变化（可能已被他人认领或办结），请刷新页面查看。',
  },
  {
    title: 'Review decision',
    decision: 'Decision',
    approve: 'Approve',
    approveHint: 'The legal conditions and standards are met: this step of the review passes',
    reject: 'Reject',
    rejectHint: 'The legal conditions are not met: a written reason is required, and the case is decided',
    return: 'Return for correction',
    returnHint: 'List every material or answer to correct, told to the applicant at once; the clock stops meanwhile',
    suspend: 'Suspend for a special procedure',
    suspendHint: 'A hearing, testing, on-site verification…: its time does not count against the limit',
    resume: 'Resume the review',
    resumeHint: 'The special procedure is over; the deadline moves by the working days it took',
    extend: 'Ask for the extension',
    extendHint: 'When no decision can be made in time, the limit may be extended once, if approved (art. 42)',
    opinion: 'Opinion (optional)',
    reason: 'Reason',
    rejectReason: 'Reason for rejecting',
    rejectReasonHint: 'The applicant is told; they may appeal against it.',
    suspendReason: 'Reason for suspending',
    extendReason: 'Reason for the extension',
    extendReasonHint: 'The applicant is told.',
    resumeNote: 'Note (optional)',
    procedure: 'Special procedure',
    expectedDays: 'Expected working days',
    expectedDaysHint: '1 to 365 working days.',
    days: 'Working days to add',
    daysHint: '1 to 30 working days, usually 10.',
    materials: 'Materials to correct',
    fields: 'Form answers to correct',
    itemsHint: 'Tick each item to correct and say what is needed; everything is told at once.',
    requirement: 'What is needed for {name}',
    defaultMaterial: 'Please provide a valid {name}.',
    defaultField: 'Please check and correct “{name}”.',
    note: 'Other remarks (optional)',
    submit_approve: 'Approve',
    submit_reject: 'Reject',
    submit_return: 'Return for correction',
    submit_suspend: 'Suspend',
    submit_resume: 'Resume the review',
    submit_extend: 'Ask for the extension',
    submit_none: 'Send the decision',
    busy: 'Sending…',
    chooseDecision: 'Choose a decision.',
    reasonRequired: 'Write the reason.',
    reasonTooLong: 'The reason must be 2000 characters or fewer.',
    procedureRequired: 'Choose the special procedure.',
    procedureNotAllowed: 'This matter does not pause for that special procedure.',
    expectedDaysInvalid: 'Expected working days must be a whole number from 1 to 365.',
    daysInvalid: 'Working days must be a whole number from 1 to 30.',
    itemsRequired: 'Choose at least one material or answer to correct.',
    messageRequired: 'Say what is needed for “{name}”.',
    unknownItem: 'A correction item is not part of this matter.',
    numberInvalid: '“{name}” must be a number.',
    usccInvalid: 'The unified social credit code is not valid: check it.',
    materialMissing: 'A tolerated material has not arrived, so the task cannot be approved: {name}.',
    failed: 'The decision was not sent.',
    conflict: 'This task has changed (claimed or decided by someone else): reload the page.',
  },
);
type Key = keyof typeof messages.zh;
type Problem = { path: string; message: string };
type ItemKey = `material.${string}` | `field.${string}`;

/** What the API would accept for this task now, for the person deciding it (who has claimed it). */
export function offeredDecisions(task: TaskView, caseView: CaseView, template: ApplyTemplate): TaskDecision[] {
  const extension = caseView.review?.extension;
  const canExtend = !extension || extension.status === 'denied';
  const pausable = (template.matter?.procedure.pausableFor ?? []).length > 0;
  switch (task.status) {
    case 'WAITING':
    case 'CLAIMED':
      return [
        'approve',
        'reject',
        'return',
        ...(pausable ? (['suspend'] as const) : []),
        ...(canExtend ? (['extend'] as const) : []),
      ];
    case 'SUSPENDED':
      return ['resume', 'reject', ...(canExtend ? (['extend'] as const) : [])];
    case 'RETURNED':
      return ['reject', ...(canExtend ? (['extend'] as const) : [])];
    default:
      return [];
  }
}

const FIELDS_OF: Record<TaskDecision, readonly string[]> = {
  approve: ['reason', 'result'],
  reject: ['reason'],
  return: ['corrections', 'reason'],
  suspend: ['specialProcedure', 'expectedDays', 'reason'],
  resume: ['reason'],
  extend: ['days', 'reason'],
};

/**
 * 后台审批: the decision on a claimed task, offering only what the API accepts in the task's state (see
 * offeredDecisions). Approval carries the licence's contents (a form from the licence type); rejection a reason;
 * a return every item at once; a suspension its special procedure and expected days; an extension its reason and
 * days. Every problem stands next to its field and in the summary; the whole path works by keyboard.
 */
export function TaskDecisionForm({
  task,
  caseView,
  template,
  licenceType,
  onDecided,
}: {
  task: TaskView;
  caseView: CaseView;
  template: ApplyTemplate;
  licenceType: LicenceType | undefined;
  onDecided: (updated: { task: TaskView; case: CaseView }, decision: TaskDecision) => void;
}) {
  const t = useT(messages);
  const procedures = useT(taskWords);
  const localised = useLocalised();
  const offered = offeredDecisions(task, caseView, template);
  const pausableFor = (template.matter?.procedure.pausableFor ?? []) as SpecialProcedure[];
  const [decision, setDecision] = useState<TaskDecision | undefined>();
  const [reasons, setReasons] = useState<Partial<Record<TaskDecision, string>>>({});
  const [procedure, setProcedure] = useState<SpecialProcedure | undefined>(
    pausableFor.length === 1 ? pausableFor[0] : undefined,
  );
  const [expectedDays, setExpectedDays] = useState('');
  const [days, setDays] = useState('10');
  const [result, setResult] = useState<Record<string, string>>(() =>
    licenceType ? initialResult(licenceType, caseView.form, template.definition.fields) : {},
  );
  const [items, setItems] = useState<ReadonlyMap<ItemKey, string>>(new Map());
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);

  const reason = decision ? (reasons[decision] ?? '') : '';
  const setReason = (value: string) => decision && setReasons((r) => ({ ...r, [decision]: value }));
  const problemAt = (path: string) => problems.find((p) => p.path === path)?.message;
  const fields = template.definition.fields;
  const itemName = (key: ItemKey): string => {
    const [target, ...rest] = key.split('.');
    const code = rest.join('.');
    if (target === 'material') return template.materials.find((m) => m.code === code)?.name ?? code;
    const field = fields.find((f) => f.key === code);
    return field ? localised(field.label) : code;
  };
  const itemPath = (key: ItemKey) => `corrections.${key.replace('.', '-')}`;
  const wholeNumber = (value: string, min: number, max: number) =>
    /^\d+$/.test(value.trim()) && Number(value) >= min && Number(value) <= max;

  /** The page's own checks, in the order the fields stand. */
  const check = (): Problem[] => {
    if (!decision) return [{ path: 'decision', message: t('chooseDecision') }];
    const found: Problem[] = [];
    if (decision === 'approve' && licenceType)
      found.push(...resultProblems(licenceType, result, (f) => t('numberInvalid', { name: localised(f.label) })));
    if (decision === 'suspend') {
      if (!procedure) found.push({ path: 'specialProcedure', message: t('procedureRequired') });
      if (!wholeNumber(expectedDays, 1, 365)) found.push({ path: 'expectedDays', message: t('expectedDaysInvalid') });
    }
    if (decision === 'extend' && !wholeNumber(days, 1, 30)) found.push({ path: 'days', message: t('daysInvalid') });
    if (decision === 'return') {
      if (items.size === 0) found.push({ path: 'corrections', message: t('itemsRequired') });
      for (const [key, message] of items)
        if (!message.trim())
          found.push({ path: itemPath(key), message: t('messageRequired', { name: itemName(key) }) });
    }
    const needsReason = decision === 'reject' || decision === 'suspend' || decision === 'extend';
    if (needsReason && !reason.trim()) found.push({ path: 'reason', message: t('reasonRequired') });
    else if (reason.length > 2000) found.push({ path: 'reason', message: t('reasonTooLong') });
    return found;
  };

  // The API words schema checks in English only: the page's Chinese for those fields.
  const fieldMessage = useFieldMessage((d: ApiErrorDetail) => {
    const path = detailPath(d);
    if (path === 'reason') return t('reasonRequired');
    if (path === 'expectedDays') return t('expectedDaysInvalid');
    if (path === 'days') return t('daysInvalid');
    if (path === 'specialProcedure')
      return d.rule === 'pausableFor' ? t('procedureNotAllowed') : t('procedureRequired');
    if (path === 'corrections') return d.rule === 'exists' ? t('unknownItem') : t('itemsRequired');
    if (path === 'result.uscc') return t('usccInvalid');
    if (path.startsWith('materials.'))
      return t('materialMissing', {
        name: template.materials.find((m) => `materials.${m.code}` === path)?.name ?? path,
      });
    return undefined;
  });
  /** Where an API detail stands on this form (a missing tolerated material: at the decision itself). */
  const serverPath = (d: ApiErrorDetail) => {
    const path = detailPath(d);
    if (path.startsWith('materials.')) return 'decision';
    if (path.startsWith('corrections')) return 'corrections';
    return path;
  };

  const bodyOf = (chosen: TaskDecision) => {
    const text = reason.trim();
    const withReason = text ? { reason: text } : {};
    switch (chosen) {
      case 'approve': {
        const filled = licenceType ? resultBody(licenceType, result) : {};
        return { decision: chosen, ...withReason, ...(Object.keys(filled).length ? { result: filled } : {}) };
      }
      case 'return':
        return {
          decision: chosen,
          ...withReason,
          corrections: [...items].map(([key, message]) => {
            const [target, ...rest] = key.split('.');
            return { target: target as 'material' | 'field', code: rest.join('.'), message: message.trim() };
          }),
        };
      case 'suspend':
        return { decision: chosen, ...withReason, specialProcedure: procedure, expectedDays: Number(expectedDays) };
      case 'extend':
        return { decision: chosen, ...withReason, days: Number(days) };
      default:
        return { decision: chosen, ...withReason };
    }
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return;
    setFailure(undefined);
    const found = check();
    setProblems(found);
    if (found.length > 0 || !decision) return;
    inFlight.current = true;
    setBusy(true);
    try {
      const updated = await unwrap(
        api().POST('/tasks/{id}/decision', { params: { path: { id: task.id } }, body: bodyOf(decision) }),
      );
      onDecided(updated, decision);
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, 'Error', String(e));
      const known = new Set(['decision', ...FIELDS_OF[decision]]);
      const placed = error.details.filter((d) => known.has(serverPath(d)) || serverPath(d).startsWith('result.'));
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

  const decisionError = problemAt('decision');
  const reasonLabel: Key =
    decision === 'reject'
      ? 'rejectReason'
      : decision === 'suspend'
        ? 'suspendReason'
        : decision === 'extend'
          ? 'extendReason'
          : decision === 'resume'
            ? 'resumeNote'
            : decision === 'return'
              ? 'note'
              : 'opinion';
  const reasonHint =
    decision === 'reject' ? t('rejectReasonHint') : decision === 'extend' ? t('extendReasonHint') : undefined;
  return (
    <section aria-labelledby="task-decision-title" className="task-decision" id="decision">
      <h2 id="task-decision-title">{t('title')}</h2>
      <ErrorSummary errors={problems} />
      <form noValidate onSubmit={(e) => void send(e)}>
        <RadioChoices
          name="decision"
          legend={t('decision')}
          error={decisionError}
          options={offered.map((d) => ({ value: d, label: t(d), hint: t(`${d}Hint`) }))}
          value={decision}
          onChange={setDecision}
          choiceClassName="task-decision__choice"
        />

        {decision === 'approve' && licenceType && (
          <ResultFields
            type={licenceType}
            values={result}
            problemAt={problemAt}
            onChange={(key, value) => setResult((r) => ({ ...r, [key]: value }))}
          />
        )}

        {decision === 'suspend' && (
          <>
            <Group path="specialProcedure" legend={t('procedure')} error={problemAt('specialProcedure')}>
              {pausableFor.map((p, i) => {
                const id = i === 0 ? fieldId('specialProcedure') : `${fieldId('specialProcedure')}-${p}`;
                return (
                  <div className="choice" key={p}>
                    <input
                      type="radio"
                      id={id}
                      name="specialProcedure"
                      value={p}
                      checked={procedure === p}
                      onChange={() => setProcedure(p)}
                    />
                    <label htmlFor={id}>{procedures(p)}</label>
                  </div>
                );
              })}
            </Group>
            <NumberField
              path="expectedDays"
              label={t('expectedDays')}
              hint={t('expectedDaysHint')}
              error={problemAt('expectedDays')}
              value={expectedDays}
              onChange={setExpectedDays}
            />
          </>
        )}

        {decision === 'extend' && (
          <NumberField
            path="days"
            label={t('days')}
            hint={t('daysHint')}
            error={problemAt('days')}
            value={days}
            onChange={setDays}
          />
        )}

        {decision === 'return' && (
          <Group path="corrections" legend={t('itemsHint')} error={problemAt('corrections')}>
            {[
              { kind: 'materials' as const, rows: template.materials.map((m) => `material.${m.code}` as ItemKey) },
              { kind: 'fields' as const, rows: fields.map((f) => `field.${f.key}` as ItemKey) },
            ].map((group, g) => (
              <fieldset key={group.kind} className="task-decision__items">
                <legend>{t(group.kind)}</legend>
                {group.rows.map((key, i) => {
                  const id =
                    g === 0 && i === 0
                      ? fieldId('corrections')
                      : `${fieldId('corrections')}-pick-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
                  const checked = items.has(key);
                  const messageError = problemAt(itemPath(key));
                  return (
                    <div key={key}>
                      <div className="choice">
                        <input
                          type="checkbox"
                          id={id}
                          checked={checked}
                          onChange={(e) => toggleItem(key, e.target.checked)}
                        />
                        <label htmlFor={id}>{itemName(key)}</label>
                      </div>
                      {checked && (
                        <div className="task-decision__message">
                          <TextInput
                            path={itemPath(key)}
                            label={t('requirement', { name: itemName(key) })}
                            error={messageError}
                            value={items.get(key) ?? ''}
                            onChange={(v) => setItems((c) => new Map(c).set(key, v))}
                          />
                        </div>
                      )}
                    </div>
                  );
                })}
              </fieldset>
            ))}
          </Group>
        )}

        {decision && (
          <TextArea
            path="reason"
            label={t(reasonLabel)}
            hint={reasonHint}
            error={problemAt('reason')}
            value={reason}
            onChange={setReason}
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
            className={decision === 'reject' ? 'button button--warning' : 'button'}
            disabled={busy}
            aria-disabled={busy}
          >
            {busy ? t('busy') : t(decision ? `submit_${decision}` : 'submit_none')}
          </button>
        </div>
        <p role="status" aria-live="polite" className="visually-hidden">
          {busy ? t('busy') : ''}
        </p>
      </form>
    </section>
  );
}

function describedBy(id: string, hint?: string, error?: string) {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function Hint({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
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
    </>
  );
}

function Group({
  path,
  legend,
  error,
  children,
}: {
  path: string;
  legend: string;
  error?: string;
  children: ReactNode;
}) {
  const id = fieldId(path);
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <fieldset aria-describedby={describedBy(id, undefined, error)}>
        <legend>{legend}</legend>
        <Hint id={id} error={error} />
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
}: {
  path: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const id = fieldId(path);
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <Hint id={id} hint={hint} error={error} />
      <textarea
        id={id}
        rows={4}
        value={value}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        className={error ? 'input--error' : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

function TextInput({
  path,
  label,
  error,
  value,
  onChange,
}: {
  path: string;
  label: string;
  error?: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const id = fieldId(path);
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <Hint id={id} error={error} />
      <input
        type="text"
        id={id}
        maxLength={500}
        value={value}
        aria-describedby={describedBy(id, undefined, error)}
        aria-invalid={error ? true : undefined}
        className={error ? 'input--error' : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

function NumberField({
  path,
  label,
  hint,
  error,
  value,
  onChange,
}: {
  path: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const id = fieldId(path);
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <Hint id={id} hint={hint} error={error} />
      <input
        type="text"
        inputMode="numeric"
        id={id}
        size={5}
        value={value}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        className={error ? 'input--error' : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
