import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'wouter';
import { api, ApiError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useMe } from '../../auth/session';
import { CommandError, CommandOutcome, LoadError, Loading, Page } from '../../components/common';
import { useApi } from '../../components/use-api';
import { defineMessages, useFormat, useLocalised, useT } from '../../i18n/i18n';
import { type ApplyTemplate, templateOfCase } from '../../pages/apply/template';
import { departmentNamesOnce, type EntryInfo, entryInfoOf, type Localised } from '../../pages/cases/catalogue';
import { CaseTimeline } from '../../pages/cases/timeline';
import type { Timeline, TimelineEntry } from '../../pages/cases/use-case';
import { CaseDetails, useTemplateName } from '../shared/case-details';
import { DueDate, shanghaiToday } from '../shared/due-date';
import { offeredDecisions, type TaskDecision, TaskDecisionForm } from './decision';
import type { LicenceType } from './result-fields';
import { OPEN_STATUSES, STATUS_TAG, type TaskView, taskWords } from './task-words';
import './department.css';

type CaseView = components['schemas']['Case'];

const messages = defineMessages(
  {
    pageTitle: '{matter}：{task}',
    caption: '流水号 {number}',
    toDecision: '跳到审查决定',
    taskTitle: '本环节任务',
    stage: '审查环节',
    stageN: '第 {n} 环节：{name}',
    status: '状态',
    claimedBy: '认领人',
    me: '我',
    nobody: '未认领',
    opened: '开始时间',
    due: '办理期限',
    timeLimit: '（时限 {n} 个工作日）',
    provisional: '暂按周一至周五计算，{year}年节假日安排录入后重新计算',
    pausedDays: '已暂停 {n} 个工作日（不计入时限）',
    pause: '暂停情况',
    suspendedFor: '{procedure}，预计 {days} 个工作日，自 {since} 起；理由：{reason}',
    returnedSince: '自 {since} 起等待申请人补正：{reason}',
    extension: '延期',
    extension_requested: '已申请延长 {days} 个工作日，等待批准（{reason}）',
    extension_granted: '已批准延长 {days} 个工作日（{reason}）',
    extension_denied: '延期申请未获批准（{reason}）；可再次申请',
    decisionLabel: '决定',
    decided: '本环节已作出决定：{decision}（{at}）',
    decisionReason: '意见：{reason}',
    claimTitle: '认领任务',
    claimText: '认领后由您办理此任务，其他人员不能再作决定。',
    claim: '认领此任务',
    claiming: '正在认领…',
    claimedByOther: '此任务已由 {who} 认领，您可以查看，但不能作出决定。',
    onCommitment: '本件实行告知承诺制：申请人以书面承诺代替 {materials}，审查时无需这些材料。批准后将开启事后核查。',
    returnedWaiting: '已退回申请人补正，补正后自动恢复审查。',
    earlierTitle: '前序环节的审查意见',
    earlierNone: '这是本办件的第一个审查环节，尚无前序意见。',
    earlierItem: '第 {n} 环节 · {department}：{what}',
    'task-approved': '审查通过',
    'task-rejected': '不予许可',
    'task-suspended': '中止审查',
    'task-resumed': '恢复审查',
    returned: '退回补正',
    outcomeTitle: '决定已提交',
    outcome_approve: '本环节审查通过。办件 {number} 转入下一环节，或在全部环节通过后签发证照。',
    outcome_reject: '已作出不予许可决定，办件 {number} 办结，申请人将收到书面理由。',
    outcome_return: '已退回申请人补正，办件 {number} 的审查时限暂停。',
    outcome_suspend: '审查已中止（特别程序），中止期间不计入办理时限。结束后请恢复审查。',
    outcome_resume: '审查已恢复，办理期限顺延至 {date}。',
    outcome_extend: '延期申请已提交，等待窗口或监督人员批准。',
    outcome_claim: '您已认领此任务，可以作出审查决定。',
    backToTodo: '返回统一待办',
  },
  {
    pageTitle: '{matter}: {task}',
    caption: 'Case number {number}',
    toDecision: 'Skip to the review decision',
    taskTitle: 'This task',
    stage: 'Review step',
    stageN: 'Step {n}: {name}',
    status: 'Status',
    claimedBy: 'Claimed by',
    me: 'Me',
    nobody: 'Unclaimed',
    opened: 'Opened',
    due: 'Due',
    timeLimit: '(limit: {n} working days)',
    provisional: 'counted Monday to Friday until the holiday notice for {year} is loaded',
    pausedDays: 'Paused for {n} working days (not counted)',
    pause: 'Pause',
    suspendedFor: '{procedure}, about {days} working days, since {since}; reason: {reason}',
    returnedSince: 'Waiting for the applicant’s correction since {since}: {reason}',
    extension: 'Extension',
    extension_requested: '{days} working days asked for, waiting for approval ({reason})',
    extension_granted: '{days} working days granted ({reason})',
    extension_denied: 'The extension was denied ({reason}); it may be asked for again',
    decisionLabel: 'Decision',
    decided: 'This step is decided: {decision} ({at})',
    decisionReason: 'Opinion: {reason}',
    claimTitle: 'Claim the task',
    claimText: 'Once you claim it, you handle this task and nobody else can decide it.',
    claim: 'Claim this task',
    claiming: 'Claiming…',
    claimedByOther: '{who} has claimed this task: you may read it but not decide it.',
    onCommitment:
      'Applied for on a written commitment in place of {materials}: decide without them. A post-check opens once it is approved.',
    returnedWaiting: 'Returned to the applicant for correction; the review resumes when they answer.',
    earlierTitle: 'Earlier steps’ decisions',
    earlierNone: 'This is the case’s first review step: there are no earlier decisions.',
    earlierItem: 'Step {n} · {department}: {what}',
    'task-approved': 'approved',
    'task-rejected': 'rejected',
    'task-suspended': 'suspended',
    'task-resumed': 'resumed',
    returned: 'returned for correction',
    outcomeTitle: 'Decision sent',
    outcome_approve:
      'This step is approved. Case {number} moves to the next step, or its licence is issued once every step is approved.',
    outcome_reject: 'Rejected: case {number} is decided, and the applicant is told the reason in writing.',
    outcome_return: 'Returned to the applicant for correction; case {number}’s clock is paused.',
    outcome_suspend:
      'The review is suspended (special procedure); the time does not count. Resume it when the procedure ends.',
    outcome_resume: 'The review is resumed; the task is now due on {date}.',
    outcome_extend: 'The extension is asked for; a window or a supervisor decides it.',
    outcome_claim: 'You have claimed this task and may decide it.',
    backToTodo: 'Back to the to-do',
  },
);

interface TaskData {
  readonly task: TaskView;
  readonly c: CaseView;
  readonly timeline: Timeline;
  readonly template: ApplyTemplate;
  readonly licenceType?: LicenceType;
  readonly info?: EntryInfo;
  readonly departments: ReadonlyMap<string, Localised>;
}

let licenceTypes: Promise<readonly LicenceType[]> | undefined;
/** The licence types (GET /licence-types), once per page load. */
const licenceTypesOnce = () =>
  (licenceTypes ??= unwrap(api().GET('/licence-types'))
    .then((d) => d.items as LicenceType[])
    .catch((e: unknown) => {
      licenceTypes = undefined;
      throw e;
    }));

async function loadTask(id: string): Promise<TaskData> {
  // Another department's task answers 404, as does a task that does not exist: the page says "not found".
  const { task, case: c } = await unwrap(api().GET('/tasks/{id}', { params: { path: { id } } }));
  const [timeline, template, info, departments, types] = await Promise.all([
    unwrap(api().GET('/applications/{id}/timeline', { params: { path: { id: c.id } } })),
    templateOfCase(c),
    entryInfoOf(c),
    departmentNamesOnce(),
    licenceTypesOnce(),
  ]);
  const typeCode = template.matter?.yieldsLicenceType;
  const licenceType = typeCode ? types.find((t) => t.code === typeCode) : undefined;
  return {
    task,
    c,
    timeline,
    template,
    departments,
    ...(licenceType ? { licenceType } : {}),
    ...(info ? { info } : {}),
  };
}

/** /workbench/tasks/<id>: one of the department's tasks: the case, its materials, earlier decisions, and the decision. */
export default function Task() {
  const { id } = useParams<{ id: string }>();
  const taskId = decodeURIComponent(id);
  const loaded = useApi(() => loadTask(taskId), [taskId]);
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'error') return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  return <TaskBody key={loaded.data.task.id} data={loaded.data} />;
}

type Outcome = TaskDecision | 'claim';

function TaskBody({ data }: { data: TaskData }) {
  const t = useT(messages);
  const me = useMe();
  const name = useTemplateName();
  const words = useT(taskWords);
  const [task, setTask] = useState(data.task);
  const [c, setCase] = useState(data.c);
  const [timeline, setTimeline] = useState(data.timeline);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  // A new round of the form after each decision that leaves the task open (suspend, resume, extend, claim).
  const [round, setRound] = useState(0);

  const open = OPEN_STATUSES.includes(task.status);
  const mine = task.claimedBy === me.sub;
  const canDecide = open && mine && offeredDecisions(task, c, data.template).length > 0;
  const canClaim = open && !task.claimedBy;

  const refreshTimeline = (caseId: string) =>
    unwrap(api().GET('/applications/{id}/timeline', { params: { path: { id: caseId } } })).then(
      setTimeline,
      () => undefined,
    );
  const onDecided = (updated: { task: TaskView; case: CaseView }, decision: Outcome) => {
    setTask(updated.task);
    setCase(updated.case);
    setOutcome(decision);
    setRound((r) => r + 1);
    void refreshTimeline(updated.case.id);
  };

  return (
    <Page title={t('pageTitle', { matter: name(data.template), task: task.name })}>
      <p className="lead task-caption">
        <span>{t('caption', { number: task.caseNumber })}</span>{' '}
        <span className={STATUS_TAG[task.status]}>{words(task.status)}</span>
      </p>
      {(canDecide || canClaim) && (
        <p className="no-print">
          {/* biome-ignore lint/a11y/useValidAnchor: a real in-page link; a click also focuses the field */}
          <a
            href="#decision"
            onClick={(event) => {
              const first = document.getElementById('field-decision');
              if (first) {
                event.preventDefault();
                first.focus();
                first.scrollIntoView({ block: 'center' });
              }
            }}
          >
            {t('toDecision')}
          </a>
        </p>
      )}
      {outcome && <OutcomeNotice key={`outcome-${round}`} outcome={outcome} task={task} />}

      <TaskFacts task={task} c={c} />
      {canClaim && <ClaimPanel task={task} onClaimed={(claimed) => onDecided({ task: claimed, case: c }, 'claim')} />}
      {open && task.claimedBy && !mine && (
        <p className="notice">{t('claimedByOther', { who: task.claimedByName ?? task.claimedBy })}</p>
      )}
      {open && mine && task.status === 'RETURNED' && <p className="notice">{t('returnedWaiting')}</p>}
      {c.commitment && (
        <p className="notice">
          {t('onCommitment', {
            materials: c.commitment.materials
              .map((code) => data.template.materials.find((m) => m.code === code)?.name ?? code)
              .join('、'),
          })}
        </p>
      )}

      <EarlierDecisions task={task} timeline={timeline} departments={data.departments} />

      <CaseDetails caseView={c} template={data.template} />

      {canDecide && (
        <TaskDecisionForm
          key={`form-${round}`}
          task={task}
          caseView={c}
          template={data.template}
          licenceType={data.licenceType}
          onDecided={onDecided}
        />
      )}

      <CaseTimeline timeline={timeline} info={data.info} departments={data.departments} />
    </Page>
  );
}

function TaskFacts({ task, c }: { task: TaskView; c: CaseView }) {
  const t = useT(messages);
  const words = useT(taskWords);
  const format = useFormat();
  const me = useMe();
  const today = shanghaiToday();
  const open = OPEN_STATUSES.includes(task.status);
  const extension = c.review?.extension;
  const row = (label: string, value: ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  const decisionWord = task.decision ? words(task.decision.decision === 'approve' ? 'APPROVED' : 'REJECTED') : '';
  return (
    <section aria-labelledby="task-facts-title">
      <h2 id="task-facts-title">{t('taskTitle')}</h2>
      <dl className="summary">
        {row(t('stage'), t('stageN', { n: task.stageIndex + 1, name: task.name }))}
        {row(t('status'), <span className={STATUS_TAG[task.status]}>{words(task.status)}</span>)}
        {row(
          t('claimedBy'),
          task.claimedBy ? (task.claimedBy === me.sub ? t('me') : (task.claimedByName ?? task.claimedBy)) : t('nobody'),
        )}
        {row(t('opened'), format.dateTime(task.openedAt))}
        {row(
          t('due'),
          <>
            {open ? <DueDate date={task.dueDate} today={today} /> : format.date(task.dueDate)}{' '}
            <span className="muted">{t('timeLimit', { n: task.timeLimitDays })}</span>
            {open && task.provisional && (
              <span className="muted"> {t('provisional', { year: task.dueDate.slice(0, 4) })}</span>
            )}
            {task.pausedDays > 0 && <span className="muted"> {t('pausedDays', { n: task.pausedDays })}</span>}
          </>,
        )}
        {task.pause &&
          row(
            t('pause'),
            task.pause.kind === 'suspend'
              ? t('suspendedFor', {
                  procedure: task.pause.specialProcedure ? words(task.pause.specialProcedure as 'hearing') : '—',
                  days: task.pause.expectedDays ?? '—',
                  since: format.date(task.pause.since),
                  reason: task.pause.reason,
                })
              : t('returnedSince', { since: format.date(task.pause.since), reason: task.pause.reason }),
          )}
        {extension &&
          row(t('extension'), t(`extension_${extension.status}`, { days: extension.days, reason: extension.reason }))}
        {task.decision && (
          <div>
            <dt>{t('decisionLabel')}</dt>
            <dd>
              {t('decided', { decision: decisionWord, at: format.dateTime(task.decision.at) })}
              {task.decision.reason && (
                <span className="muted"> {t('decisionReason', { reason: task.decision.reason })}</span>
              )}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function ClaimPanel({ task, onClaimed }: { task: TaskView; onClaimed: (task: TaskView) => void }) {
  const t = useT(messages);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | undefined>();
  const claim = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    try {
      onClaimed(await unwrap(api().POST('/tasks/{id}/claim', { params: { path: { id: task.id } } })));
    } catch (e) {
      setFailure(e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="claim-title" className="task-decision" id="decision">
      <h2 id="claim-title">{t('claimTitle')}</h2>
      <p>{t('claimText')}</p>
      <CommandError error={failure} />
      <button
        type="button"
        className="button"
        id="field-decision"
        onClick={() => void claim()}
        disabled={busy}
        aria-disabled={busy}
      >
        {busy ? t('claiming') : t('claim')}
      </button>
    </section>
  );
}

const EARLIER = new Set(['task-approved', 'task-rejected', 'returned', 'task-suspended', 'task-resumed']);
type EarlierKey = 'task-approved' | 'task-rejected' | 'returned' | 'task-suspended' | 'task-resumed';

/** The other tasks' decisions on this case (earlier stages, and the stage's other departments), from its history. */
function EarlierDecisions({
  task,
  timeline,
  departments,
}: {
  task: TaskView;
  timeline: Timeline;
  departments: ReadonlyMap<string, Localised>;
}) {
  const t = useT(messages);
  const format = useFormat();
  const localised = useLocalised();
  const entries = timeline.items.filter(
    (e: TimelineEntry) => EARLIER.has(e.action) && typeof e.data?.taskId === 'string' && e.data.taskId !== task.id,
  );
  return (
    <section aria-labelledby="earlier-title">
      <h2 id="earlier-title">{t('earlierTitle')}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t('earlierNone')}</p>
      ) : (
        <ol className="list-plain earlier">
          {entries.map((e) => {
            const [, stage, department] = /\.(\d+)\.([^.]+)$/.exec(String(e.data!.taskId)) ?? [];
            const dept =
              department && departments.has(department) ? localised(departments.get(department)) : (department ?? '');
            return (
              <li key={e.seq}>
                <strong>
                  {t('earlierItem', { n: Number(stage ?? 0) + 1, department: dept, what: t(e.action as EarlierKey) })}
                </strong>{' '}
                <span className="muted">
                  <time dateTime={e.at}>{format.dateTime(e.at)}</time>
                </span>
                {e.reason && <p className="task-earlier__reason">{t('decisionReason', { reason: e.reason })}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** What the decision did, announced and focused. */
function OutcomeNotice({ outcome, task }: { outcome: Outcome; task: TaskView }) {
  const t = useT(messages);
  const format = useFormat();
  return (
    <CommandOutcome id="outcome-title" title={t('outcomeTitle')} className="task-outcome">
      <p>{t(`outcome_${outcome}`, { number: task.caseNumber, date: format.date(task.dueDate) })}</p>
      <p>
        <Link href="/tasks">{t('backToTodo')}</Link>
      </p>
    </CommandOutcome>
  );
}
