import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { Link, useParams } from 'wouter';
import { api, ApiError, type ApiErrorDetail, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { CommandError, CommandOutcome, ErrorSummary, fieldId, LoadError, Loading, Page } from '../../components/common';
import { detailPath, RadioChoices, useFieldMessage } from '../../components/labelled-field';
import { useApi } from '../../components/use-api';
import { defineMessages, useFormat, useLang, useT } from '../../i18n/i18n';
import { type MatterGuide, matterGuide } from '../../pages/apply/template';
import { type PostCheck, PostCheckDue, postCheckWords, RESULT_TAG } from './post-check-shared';
import './department.css';
import './post-check.css';

type CaseView = components['schemas']['Case'];
type Result = NonNullable<PostCheck['result']>;

const messages = defineMessages(
  {
    pageTitle: '事后核查：{matter}',
    caption: '流水号 {number}',
    toForm: '跳到核查结果',
    factsTitle: '核查事项',
    number: '流水号',
    caseLink: '查看办件的审查任务',
    matter: '事项',
    materials: '以承诺代替的材料',
    opened: '核查开始',
    due: '核查期限',
    days: '（批准后 {n} 个工作日内）',
    licence: '许可证编号',
    verify: '公开核验',
    status: '状态',
    result: '核查结果',
    reasonRecorded: '事实与理由',
    recordedAt: '记录时间',
    commitmentTitle: '申请人的承诺',
    commitmentText: '承诺书内容',
    consequences: '承诺不实的后果',
    formTitle: '记录核查结果',
    resultLegend: '核查结果',
    trueHint: '申请人承诺的情况与事实相符：核查办结，许可继续有效',
    falseHint: '申请人承诺的情况与事实不符：立即撤销许可',
    reasonFalse: '核查不实的事实与理由',
    reasonFalseHint: '将作为撤销许可、作废电子证照的理由告知申请人。',
    reasonTrue: '核查说明（选填）',
    warningTitle: '提交后立即生效，不能撤回：',
    warningRevoke: '撤销许可{licence}，作废电子证照；',
    warningTell: '将上述理由告知申请人；',
    warningCredit: '向信用信息系统推送承诺不实的信息。',
    submit_none: '提交核查结果',
    submit_true: '确认承诺属实',
    submit_false: '确认不实并撤销许可',
    busy: '正在提交…',
    chooseResult: '请选择核查结果。',
    reasonRequired: '请写明核查不实的事实与理由。',
    reasonTooLong: '事实与理由不能超过 2000 字。',
    failed: '核查结果未能提交。',
    recordedAlready: '此核查的结果已经记录过了（可能由同事记录），不能再次记录。下面是已记录的结果。',
    outcomeTitle: '核查结果已记录',
    outcome_true: '承诺属实：核查已办结，许可继续有效。',
    outcome_false: '许可已撤销、电子证照已作废，已告知申请人并推送信用信息。',
    outcomeLicence: '许可证编号 {no}',
    backToList: '返回事后核查',
  },
  {
    pageTitle: 'Post-check: {matter}',
    caption: 'Case number {number}',
    toForm: 'Skip to the result',
    factsTitle: 'The check',
    number: 'Case number',
    caseLink: 'See the case’s review task',
    matter: 'Matter',
    materials: 'Materials replaced by the commitment',
    opened: 'Check opened',
    due: 'Check due',
    days: '(within {n} working days of the approval)',
    licence: 'Licence number',
    verify: 'Public verification',
    status: 'Status',
    result: 'Result',
    reasonRecorded: 'Facts and reasons',
    recordedAt: 'Recorded',
    commitmentTitle: 'The applicant’s commitment',
    commitmentText: 'The commitment’s text',
    consequences: 'If the commitment is false',
    formTitle: 'Record the result',
    resultLegend: 'Result of the check',
    trueHint: 'What the applicant committed to is true: the check closes and the licence stays valid',
    falseHint: 'What the applicant committed to is not true: the licence is revoked at once',
    reasonFalse: 'Facts and reasons the commitment is false',
    reasonFalseHint:
      'The applicant is told them as the reason for revoking the licence and its electronic certificate.',
    reasonTrue: 'Note (optional)',
    warningTitle: 'Once sent, this takes effect at once and cannot be undone:',
    warningRevoke: 'the licence{licence} is revoked and its electronic certificate cancelled;',
    warningTell: 'the applicant is told the reasons above;',
    warningCredit: 'the credit information system is told the commitment was false.',
    submit_none: 'Send the result',
    submit_true: 'Confirm the commitment is true',
    submit_false: 'Confirm false and revoke the licence',
    busy: 'Sending…',
    chooseResult: 'Choose the result of the check.',
    reasonRequired: 'Write the facts and reasons the commitment is false.',
    reasonTooLong: 'The facts and reasons must be 2000 characters or fewer.',
    failed: 'The result was not sent.',
    recordedAlready:
      'This check’s result was recorded already (perhaps by a colleague) and cannot be recorded again. The recorded result is below.',
    outcomeTitle: 'Result recorded',
    outcome_true: 'The commitment is true: the check is closed and the licence stays valid.',
    outcome_false:
      'The licence is revoked and its electronic certificate cancelled; the applicant has been told and the credit information sent.',
    outcomeLicence: 'Licence number {no}',
    backToList: 'Back to the post-checks',
  },
);

interface CheckData {
  readonly check: PostCheck;
  /** The pinned guide (name, materials, the commitment's text); undefined when it cannot be read. */
  readonly guide?: MatterGuide;
  /** The case, when this department may open it (it reviewed the case). */
  readonly caseView?: CaseView;
}

const orUndefined = <T,>(p: Promise<T>): Promise<T | undefined> => p.catch(() => undefined);

async function loadCheck(id: string): Promise<CheckData> {
  // Another department's check answers 404, as does one that does not exist: the page says "not found".
  const check = await unwrap(api().GET('/post-checks/{id}', { params: { path: { id } } }));
  const [guide, caseView] = await Promise.all([
    orUndefined(matterGuide(check.matterCode, check.matterVersion)),
    orUndefined(
      unwrap(api().GET('/applications/{id}', { params: { path: { id: check.caseId } } })) as Promise<CaseView>,
    ),
  ]);
  return { check, ...(guide ? { guide } : {}), ...(caseView ? { caseView } : {}) };
}

/** /workbench/post-checks/<id>: one post-check of a commitment: the case's facts and the result (属实 / 不实). */
export default function PostCheckPage() {
  const { id } = useParams<{ id: string }>();
  const checkId = decodeURIComponent(id);
  const loaded = useApi(() => loadCheck(checkId), [checkId]);
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'error') return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  return <CheckBody key={loaded.data.check.id} data={loaded.data} />;
}

function CheckBody({ data }: { data: CheckData }) {
  const t = useT(messages);
  const words = useT(postCheckWords);
  const { lang } = useLang();
  const [check, setCheck] = useState(data.check);
  const [outcome, setOutcome] = useState<Result | undefined>();
  const [recordedElsewhere, setRecordedElsewhere] = useState(false);
  const guide = data.guide;
  const matter = guide ? (lang === 'en' && guide.nameEn ? guide.nameEn : guide.name) : check.matterCode;
  const materialName = (code: string) => guide?.materials.find((m) => m.code === code)?.name ?? code;
  const materials = check.materials.map(materialName).join(lang === 'zh' ? '、' : ', ');
  const licenceNo = check.licenceNo ?? data.caseView?.licenceNo;

  const onRecorded = (done: PostCheck) => {
    setCheck(done);
    setOutcome(done.result);
  };
  const onRecordedElsewhere = (latest: PostCheck) => {
    setCheck(latest);
    setRecordedElsewhere(true);
  };

  return (
    <Page title={t('pageTitle', { matter })}>
      <p className="lead task-caption">
        <span>{t('caption', { number: check.caseNumber })}</span>{' '}
        <span className={check.status === 'open' ? 'tag tag--yellow' : 'tag tag--grey'}>{words(check.status)}</span>
      </p>
      {check.status === 'open' && (
        <p className="no-print">
          {/* biome-ignore lint/a11y/useValidAnchor: a real in-page link; a click also focuses the field */}
          <a
            href="#post-check-form"
            onClick={(event) => {
              const first = document.getElementById(fieldId('result'));
              if (first) {
                event.preventDefault();
                first.focus();
                first.scrollIntoView({ block: 'center' });
              }
            }}
          >
            {t('toForm')}
          </a>
        </p>
      )}
      {outcome && <OutcomeNotice outcome={outcome} licenceNo={licenceNo} />}
      {recordedElsewhere && (
        <p className="notice notice--warning" role="alert">
          {t('recordedAlready')}
        </p>
      )}

      <CheckFacts check={check} matter={matter} materials={materials} licenceNo={licenceNo} caseView={data.caseView} />
      {guide?.commitment && <Commitment commitment={guide.commitment} />}
      {check.status === 'open' && (
        <ResultForm
          check={check}
          licenceNo={licenceNo}
          onRecorded={onRecorded}
          onRecordedElsewhere={onRecordedElsewhere}
        />
      )}
    </Page>
  );
}

/** The review task of this department on the case (its last, for a case reviewed in several steps), if it has one. */
function taskOf(caseView: CaseView | undefined, department: string): string | undefined {
  const tasks = caseView?.outcome?.tasks.filter((task) => task.department === department) ?? [];
  return tasks.at(-1)?.taskId;
}

function CheckFacts({
  check,
  matter,
  materials,
  licenceNo,
  caseView,
}: {
  check: PostCheck;
  matter: string;
  materials: string;
  licenceNo: string | undefined;
  caseView: CaseView | undefined;
}) {
  const t = useT(messages);
  const words = useT(postCheckWords);
  const format = useFormat();
  const taskId = taskOf(caseView, check.department);
  const row = (label: string, value: ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <section aria-labelledby="post-check-facts-title">
      <h2 id="post-check-facts-title">{t('factsTitle')}</h2>
      <dl className="summary">
        {row(
          t('number'),
          <>
            <span className="todo__number">{check.caseNumber}</span>
            {taskId && (
              <>
                {' '}
                <Link href={`/tasks/${encodeURIComponent(taskId)}`}>{t('caseLink')}</Link>
              </>
            )}
          </>,
        )}
        {row(t('matter'), matter)}
        {row(t('materials'), materials)}
        {row(t('opened'), <time dateTime={check.openedAt}>{format.dateTime(check.openedAt)}</time>)}
        {row(
          t('due'),
          <>
            {check.status === 'open' ? (
              <PostCheckDue date={check.dueDate} provisional={check.provisional} />
            ) : (
              <time dateTime={check.dueDate}>{format.date(check.dueDate)}</time>
            )}{' '}
            <span className="muted">{t('days', { n: check.days })}</span>
          </>,
        )}
        {licenceNo &&
          row(
            t('licence'),
            <>
              <span className="todo__number">{licenceNo}</span>{' '}
              <a href={`/verify/${encodeURIComponent(licenceNo)}`}>{t('verify')}</a>
            </>,
          )}
        {row(
          t('status'),
          <span className={check.status === 'open' ? 'tag tag--yellow' : 'tag tag--grey'}>{words(check.status)}</span>,
        )}
        {check.result && row(t('result'), <span className={RESULT_TAG[check.result]}>{words(check.result)}</span>)}
        {check.reason && row(t('reasonRecorded'), <span className="post-check__text">{check.reason}</span>)}
        {check.recordedAt &&
          row(
            t('recordedAt'),
            <>
              <time dateTime={check.recordedAt}>{format.dateTime(check.recordedAt)}</time>
              {check.onTime !== undefined && (
                <>
                  {' '}
                  {check.onTime ? (
                    <span className="muted">{words('onTime')}</span>
                  ) : (
                    <strong className="overdue">{words('late')}</strong>
                  )}
                </>
              )}
            </>,
          )}
      </dl>
    </section>
  );
}

function Commitment({ commitment }: { commitment: NonNullable<MatterGuide['commitment']> }) {
  const t = useT(messages);
  const { lang } = useLang();
  const text = lang === 'en' && commitment.textEn ? commitment.textEn : commitment.text;
  const consequences = lang === 'en' && commitment.consequencesEn ? commitment.consequencesEn : commitment.consequences;
  return (
    <section aria-labelledby="post-check-commitment-title">
      <h2 id="post-check-commitment-title">{t('commitmentTitle')}</h2>
      <details>
        <summary>{t('commitmentText')}</summary>
        <p className="post-check__text">{text}</p>
      </details>
      <h3>{t('consequences')}</h3>
      <p className="post-check__text">{consequences}</p>
    </section>
  );
}

type Problem = { path: string; message: string };
const FIELDS = new Set(['result', 'reason']);

/**
 * 核查结果: 属实 closes the check; 不实 needs the facts and reasons, which revoke the licence at once (the consequence
 * is stated before the button). Every problem stands next to its field and in the summary; a result recorded
 * meanwhile (409) is said so and shown. The whole form works by keyboard: arrows choose, Tab reaches the reason.
 */
function ResultForm({
  check,
  licenceNo,
  onRecorded,
  onRecordedElsewhere,
}: {
  check: PostCheck;
  licenceNo: string | undefined;
  onRecorded: (done: PostCheck) => void;
  onRecordedElsewhere: (latest: PostCheck) => void;
}) {
  const t = useT(messages);
  const words = useT(postCheckWords);
  const [result, setResult] = useState<Result | undefined>();
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const problemAt = (path: string) => problems.find((p) => p.path === path)?.message;

  const check_ = (): Problem[] => {
    if (!result) return [{ path: 'result', message: t('chooseResult') }];
    if (result === 'false' && !reason.trim()) return [{ path: 'reason', message: t('reasonRequired') }];
    if (reason.length > 2000) return [{ path: 'reason', message: t('reasonTooLong') }];
    return [];
  };

  // The API words schema checks in English only: the page's Chinese for those fields.
  const fieldMessage = useFieldMessage((d: ApiErrorDetail) => {
    const path = detailPath(d);
    if (path === 'reason') return d.rule === 'required' ? t('reasonRequired') : t('reasonTooLong');
    if (path === 'result') return t('chooseResult');
    return undefined;
  });

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return;
    setFailure(undefined);
    const found = check_();
    setProblems(found);
    if (found.length > 0 || !result) return;
    inFlight.current = true;
    setBusy(true);
    try {
      const text = reason.trim();
      onRecorded(
        await unwrap(
          api().POST('/post-checks/{id}/result', {
            params: { path: { id: check.id } },
            body: { result, ...(text ? { reason: text } : {}) },
          }),
        ),
      );
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, 'Error', String(e));
      if (error.status === 409) {
        // Recorded meanwhile: show what was recorded. Otherwise (the licence not issued yet) the API's words say why.
        const latest = await unwrap(api().GET('/post-checks/{id}', { params: { path: { id: check.id } } })).catch(
          () => undefined,
        );
        if (latest?.status === 'done') return onRecordedElsewhere(latest);
      }
      const placed = error.details.filter((d) => FIELDS.has(detailPath(d)));
      setProblems(placed.map((d) => ({ path: detailPath(d), message: fieldMessage(d) })));
      // What no field shows is said once, above the button (a network failure keeps everything chosen and typed).
      if (placed.length < error.details.length || error.details.length === 0) setFailure(error);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const resultError = problemAt('result');
  const reasonError = problemAt('reason');
  const reasonId = fieldId('reason');
  const reasonHint = result === 'false' ? t('reasonFalseHint') : undefined;
  const describedBy =
    [reasonHint ? `${reasonId}-hint` : '', reasonError ? `${reasonId}-error` : ''].filter(Boolean).join(' ') ||
    undefined;
  const results: Result[] = ['true', 'false'];

  return (
    <section aria-labelledby="post-check-form-title" className="task-decision" id="post-check-form">
      <h2 id="post-check-form-title">{t('formTitle')}</h2>
      <ErrorSummary errors={problems} />
      <form noValidate onSubmit={(e) => void send(e)}>
        <RadioChoices
          name="result"
          legend={t('resultLegend')}
          error={resultError}
          options={results.map((r) => ({
            value: r,
            label: words(r),
            hint: t(r === 'true' ? 'trueHint' : 'falseHint'),
          }))}
          value={result}
          onChange={setResult}
          choiceClassName="task-decision__choice"
        />

        {result && (
          <div className={reasonError ? 'field field--error' : 'field'}>
            <label htmlFor={reasonId}>{result === 'false' ? t('reasonFalse') : t('reasonTrue')}</label>
            {reasonHint && (
              <span className="hint" id={`${reasonId}-hint`}>
                {reasonHint}
              </span>
            )}
            {reasonError && (
              <span className="field-error" id={`${reasonId}-error`}>
                {reasonError}
              </span>
            )}
            <textarea
              id={reasonId}
              rows={5}
              maxLength={2000}
              value={reason}
              aria-describedby={describedBy}
              aria-invalid={reasonError ? true : undefined}
              aria-required={result === 'false' ? true : undefined}
              className={reasonError ? 'input--error' : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
        )}

        {result === 'false' && (
          <div className="notice notice--warning post-check__consequence">
            <p>
              <strong>{t('warningTitle')}</strong>
            </p>
            <ul>
              <li>{t('warningRevoke', { licence: licenceNo ? ` ${licenceNo}` : '' })}</li>
              <li>{t('warningTell')}</li>
              <li>{t('warningCredit')}</li>
            </ul>
          </div>
        )}

        {failure && (
          <>
            <p className="notice notice--error" role="alert">
              {t('failed')}
            </p>
            <CommandError error={failure} />
          </>
        )}
        <div className="actions">
          <button
            type="submit"
            className={result === 'false' ? 'button button--warning' : 'button'}
            disabled={busy}
            aria-disabled={busy}
          >
            {busy ? t('busy') : t(result ? `submit_${result}` : 'submit_none')}
          </button>
        </div>
        <p role="status" aria-live="polite" className="visually-hidden">
          {busy ? t('busy') : ''}
        </p>
      </form>
    </section>
  );
}

/** What recording the result did, announced and focused. */
function OutcomeNotice({ outcome, licenceNo }: { outcome: Result; licenceNo: string | undefined }) {
  const t = useT(messages);
  return (
    <CommandOutcome id="outcome-title" title={t('outcomeTitle')} className="task-outcome">
      <p>{t(`outcome_${outcome}`)}</p>
      {licenceNo && <p>{t('outcomeLicence', { no: licenceNo })}</p>}
      <p>
        <Link href="/post-checks">{t('backToList')}</Link>
      </p>
    </CommandOutcome>
  );
}
