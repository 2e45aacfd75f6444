import { type FormEvent, useCallback, useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import { api, ApiError, newIdempotencyKey, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorSummary } from '../../components/common';
import { FormFields } from '../../form/form-fields';
import { type FieldProblem, useForm } from '../../form/use-form';
import { defineMessages, useLang, useLocalised, useT } from '../../i18n/i18n';
import { clearLocalCopy, startingAnswers } from '../../pages/apply/local-copy';
import { Materials, provided } from '../../pages/apply/materials';
import { missingMaterialProblems, SaveStatus, useSummaryOf } from '../../pages/apply/parts';
import type { ApplyTemplate } from '../../pages/apply/template';
import { useDraft } from '../../pages/apply/use-draft';
import { StatusTag } from '../../pages/cases/status';
import { LicenceNumbers } from './licence-number';
import '../../pages/apply/apply.css';

type CaseView = components['schemas']['Case'];

const messages = defineMessages(
  {
    caption: '流水号 {number}',
    applicant: '申请人：{who}',
    correctionsTitle: '需要补正的内容',
    correctionsIntro: '申请人在窗口补正的，按以下各项修改申请表、补充材料后重新提交。',
    correctionItem: '{name}：{message}',
    formHeading: '申请表',
    formIntro: '按申请人提供的信息填写；填写内容自动保存。',
    materialsHeading: '申请材料',
    materialsIntro: '扫描申请人的纸质材料后上传；可容缺的材料可暂缺。',
    submit: '提交申请',
    resubmit: '提交补正',
    submitting: '正在提交…',
    saveFailed: '申请表尚未保存，请重试后再提交。',
    submitFailed: '未能提交：{reason}',
    submitNetwork: '网络连接失败，已填写的内容不会丢失，请重试。',
    saveDraft: '保存',
    viewCase: '查看办件',
    problemsTitle: '提交前请处理以下问题',
  },
  {
    caption: 'Case number {number}',
    applicant: 'Applicant: {who}',
    correctionsTitle: 'What needs correcting',
    correctionsIntro:
      'When the applicant answers at the counter, change the form and add the materials below, then send the corrections.',
    correctionItem: '{name}: {message}',
    formHeading: 'Application form',
    formIntro: 'Fill it in from what the applicant gives; it saves itself as you go.',
    materialsHeading: 'Materials',
    materialsIntro: 'Scan the applicant’s papers and upload them; tolerable materials may follow.',
    submit: 'Submit the application',
    resubmit: 'Send the corrections',
    submitting: 'Submitting…',
    saveFailed: 'The form is not saved yet: try again before submitting.',
    submitFailed: 'Not submitted: {reason}',
    submitNetwork: 'No connection. Nothing typed is lost; try again.',
    saveDraft: 'Save',
    viewCase: 'View the case',
    problemsTitle: 'Before submitting, fix these',
  },
);

/**
 * 窗口收件, second step: the officer fills in the walk-in case with the hall's own form renderer and materials
 * (scans uploaded, 免证 by licence number), saved as they go (PATCH), then submits it with an Idempotency-Key kept for
 * retries; a case awaiting correction is answered at the counter (resubmit). `onDone` gets the case afterwards.
 */
export function WalkInFill({
  caseView: loaded,
  template,
  typeNames,
  onDone,
}: {
  caseView: CaseView;
  template: ApplyTemplate;
  typeNames: ReadonlyMap<string, { name: string; nameEn?: string }>;
  onDone: (updated: CaseView) => void;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const localised = useLocalised();
  const summaryOf = useSummaryOf();
  const [caseView, setCase] = useState(loaded);
  const start = useMemo(() => startingAnswers(loaded.id, loaded.form), [loaded]);
  const form = useForm(template.definition, start.form);
  const correcting = caseView.status === 'CORRECTION_REQUESTED';
  const onServerProblems = useCallback(
    (details: readonly FieldProblem[]) => form.setServerProblems(details.filter((d) => d.path.startsWith('form'))),
    [form.setServerProblems],
  );
  const onSaved = useCallback(
    (saved: CaseView) => setCase((c) => ({ ...c, status: saved.status, updatedAt: saved.updatedAt })),
    [],
  );
  const draft = useDraft({ caseView: loaded, value: form.value, validate: form.validate, onServerProblems, onSaved });
  const [summary, setSummary] = useState<readonly FieldProblem[]>([]);
  const [checked, setChecked] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  // One key for this submission, whatever the retries: the API gives the first answer again.
  const key = useMemo(() => newIdempotencyKey(), []);

  const materialProblemsAt = (path: string) =>
    checked ? summary.filter((p) => p.path === path && !provided(caseView, path.slice('materials.'.length))) : [];
  const fieldName = (code: string) => {
    const field = template.definition.fields.find((f) => f.key === code);
    return field ? localised(field.label) : code;
  };
  const materialName = (code: string) => template.materials.find((m) => m.code === code)?.name ?? code;

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return;
    form.touchAll();
    setChecked(true);
    setFailure(undefined);
    const problems = [...form.all, ...missingMaterialProblems(template.materials, caseView)];
    setSummary(problems);
    if (problems.length > 0) return;
    inFlight.current = true;
    setBusy(true);
    try {
      if (!correcting && !(await draft.flush())) {
        setFailure(t('saveFailed'));
        return;
      }
      const updated = correcting
        ? await unwrap(
            api().POST('/applications/{id}/resubmit', {
              params: { path: { id: caseView.id } },
              body: { form: form.value },
            }),
          )
        : await unwrap(
            api().POST('/applications/{id}/submit', {
              params: { path: { id: caseView.id }, header: { 'idempotency-key': key } },
              body: {},
            }),
          );
      clearLocalCopy(caseView.id);
      onDone(updated);
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, 'Error', String(e));
      if (error.details.length > 0) {
        form.setServerProblems(error.details.filter((d) => d.path.startsWith('form')));
        setSummary(error.details);
      }
      setFailure(
        error.network
          ? t('submitNetwork')
          : t('submitFailed', { reason: (lang === 'zh' && error.details[0]?.messageZh) || error.message }),
      );
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <div className="walk-in-fill">
      <p className="lead case-caption">
        <span>{t('caption', { number: caseView.number })}</span> <StatusTag status={caseView.status} />
      </p>
      <p>
        {t('applicant', {
          who: [caseView.applicant.name, caseView.applicant.identifier]
            .filter(Boolean)
            .join(lang === 'zh' ? '，' : ', '),
        })}
      </p>
      <SaveStatus state={draft.state} onRetry={() => void draft.retry()} />
      <ErrorSummary errors={summaryOf(summary)} title={t('problemsTitle')} />
      {correcting && (caseView.corrections?.length ?? 0) > 0 && (
        <section className="notice notice--warning" aria-labelledby="walk-in-corrections">
          <h2 id="walk-in-corrections">{t('correctionsTitle')}</h2>
          <p>{t('correctionsIntro')}</p>
          <ul>
            {caseView.corrections!.map((c) => (
              <li key={`${c.target}:${c.code}`}>
                {t('correctionItem', {
                  name: c.target === 'field' ? fieldName(c.code) : materialName(c.code),
                  message: c.message,
                })}
              </li>
            ))}
          </ul>
        </section>
      )}

      <form id="walk-in-form" noValidate onSubmit={(e) => void send(e)}>
        <h2>{t('formHeading')}</h2>
        <p className="hint">{t('formIntro')}</p>
        <FormFields form={form} onLeave={() => void draft.flush()} />
      </form>

      <section aria-labelledby="walk-in-materials">
        <h2 id="walk-in-materials">{t('materialsHeading')}</h2>
        <p className="hint">{t('materialsIntro')}</p>
        {/* No wallet: the officer cannot open the applicant's; 免证 goes by licence number below. */}
        <Materials
          caseView={caseView}
          materials={template.materials}
          wallet={undefined}
          typeNames={typeNames}
          onCase={setCase}
          problemsAt={materialProblemsAt}
        />
        <LicenceNumbers caseView={caseView} materials={template.materials} typeNames={typeNames} onCase={setCase} />
      </section>

      {failure && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
      <div className="actions">
        <button type="submit" form="walk-in-form" className="button" disabled={busy}>
          {busy ? t('submitting') : correcting ? t('resubmit') : t('submit')}
        </button>
        {!correcting && (
          <button type="button" className="button button--secondary" onClick={() => void draft.flush()}>
            {t('saveDraft')}
          </button>
        )}
        <Link href={`/cases/${caseView.id}`}>{t('viewCase')}</Link>
      </div>
      <p role="status" aria-live="polite" className="visually-hidden">
        {busy ? t('submitting') : ''}
      </p>
    </div>
  );
}
