import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { api, ApiError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useMe } from '../../auth/session';
import { CommandOutcome, LoadError, Loading, NotFound, Page } from '../../components/common';
import { useApi } from '../../components/use-api';
import { defineMessages, useLang, useLocalised, useT } from '../../i18n/i18n';
import { type ApplyTemplate, templateOfCase } from '../../pages/apply/template';
import { departmentNamesOnce, type EntryInfo, entryInfoOf, type Localised } from '../../pages/cases/catalogue';
import { StatusTag, useStatusLabel } from '../../pages/cases/status';
import { CaseTimeline } from '../../pages/cases/timeline';
import type { Timeline } from '../../pages/cases/use-case';
import { CaseDetails, useTemplateName } from '../shared/case-details';
import { type Decision, DecisionForm } from './decision';
import { mayDecideOnTheSpot, OnTheSpot, OnTheSpotOutcome } from './on-the-spot';
import { NOTICE_DECISION, NOTICE_KINDS, NoticeLinks, type NoticeKind } from './notice-links';
import './window.css';

type CaseView = components['schemas']['Case'];

const messages = defineMessages(
  {
    caption: '流水号 {number}',
    toDecision: '跳到受理决定',
    readOnly: '只读查看：监督人员可查看办件的全部内容，不能作受理决定。',
    notDeciding: '此办件当前状态为“{status}”，不在待受理环节，不能作受理决定。',
    awaitingCorrection: '此办件已要求补正，等待申请人补正后重新提交。',
    resumeIntake: '继续窗口收件（填写申请表、上传材料）',
    answerAtCounter: '在窗口代为补正',
    correctionsTitle: '已要求补正的内容',
    material: '材料',
    field: '填报内容',
    correctionItem: '【{target}】{name}：{message}',
    noticesTitle: '通知书',
    outcomeTitle: '决定已作出',
    accepted: '办件 {number} 已受理，已转审批部门办理。',
    acceptedTolerated: '容缺受理的材料：{names}。申请人须在审批决定前补交。',
    refused: '办件 {number} 不予受理，理由已记入不予受理通知书。',
    corrected: '已向申请人一次性告知 {n} 项需要补正的内容；办件 {number} 等待补正。',
    outcomeNotices: '请打印通知书交申请人，或告知其在网上办事大厅查看。',
    backToQueue: '返回受理队列',
    goneTitle: '办件已离开受理环节',
    goneText: '此办件已受理、不予受理或已撤回，窗口不再能查看其申请内容。已作出的通知书仍可再次打印：',
  },
  {
    caption: 'Case number {number}',
    toDecision: 'Skip to the acceptance decision',
    readOnly: 'Read only: supervisors see everything in the case but do not decide on acceptance.',
    notDeciding: 'This case is “{status}”: it is not waiting for acceptance, so no decision can be made here.',
    awaitingCorrection: 'Corrections were asked for; the case waits for the applicant to send them.',
    resumeIntake: 'Continue the walk-in intake (form and materials)',
    answerAtCounter: 'Answer the corrections at the counter',
    correctionsTitle: 'Corrections asked for',
    material: 'Material',
    field: 'Form answer',
    correctionItem: '[{target}] {name}: {message}',
    noticesTitle: 'Notices',
    outcomeTitle: 'Decision recorded',
    accepted: 'Case {number} is accepted and goes to the reviewing departments.',
    acceptedTolerated: 'Tolerated materials: {names}. The applicant hands them in before the decision.',
    refused: 'Case {number} is not accepted; the reason is on the notice of refusal.',
    corrected: 'The applicant was told all {n} item(s) to correct at once; case {number} waits for them.',
    outcomeNotices: 'Print the notice for the applicant, or tell them to read it in the online hall.',
    backToQueue: 'Back to the acceptance queue',
    goneTitle: 'The case has left acceptance',
    goneText:
      'This case was accepted, refused or withdrawn; the window no longer sees its application. Its notices can still be printed:',
  },
);

interface CaseData {
  readonly c: CaseView;
  readonly timeline: Timeline;
  readonly template: ApplyTemplate;
  readonly info?: EntryInfo;
  readonly departments: ReadonlyMap<string, Localised>;
}

async function loadCase(id: string): Promise<CaseData> {
  const path = { params: { path: { id } } };
  const [c, timeline] = await Promise.all([
    unwrap(api().GET('/applications/{id}', path)),
    unwrap(api().GET('/applications/{id}/timeline', path)),
  ]);
  const [template, info, departments] = await Promise.all([templateOfCase(c), entryInfoOf(c), departmentNamesOnce()]);
  return { c, timeline, template, departments, ...(info ? { info } : {}) };
}

/**
 * /workbench/cases/<id>: one case at the window (前台综合受理): its facts, answers and materials (previewed, licences
 * verified), the acceptance decision while it is SUBMITTED, then the outcome with its written notice; its history.
 * Supervisors read the same page without the decision.
 */
export default function WindowCase() {
  const { id } = useParams<{ id: string }>();
  const me = useMe();
  const loaded = useApi(() => loadCase(id), [id]);
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'error') {
    // A window officer no longer sees a case once it left acceptance (the API answers 404): its notices remain.
    if (loaded.error.notFound && me.role === 'window') return <LeftAcceptance caseId={id} />;
    return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  }
  return <CaseBody key={loaded.data.c.id} data={loaded.data} />;
}

function CaseBody({ data }: { data: CaseData }) {
  const t = useT(messages);
  const me = useMe();
  const name = useTemplateName();
  const statusLabel = useStatusLabel();
  const [c, setCase] = useState(data.c);
  const [timeline, setTimeline] = useState(data.timeline);
  const [decided, setDecided] = useState<Decision | undefined>();
  const [onTheSpot, setOnTheSpot] = useState(false);
  const localised = useLocalised();
  const atWindow = me.role === 'window';
  const spot = !decided && !onTheSpot && mayDecideOnTheSpot(me, c, data.template);
  const canDecide = atWindow && c.status === 'SUBMITTED' && !decided;
  const ownWalkIn = atWindow && c.channel === 'window' && c.intakeOfficer === me.sub;
  const noticeKinds = atWindow
    ? NOTICE_KINDS.filter((k) => timeline.items.some((e) => e.action === NOTICE_DECISION[k]))
    : [];

  const onDecided = (updated: CaseView, decision: Decision) => {
    setCase(updated);
    setDecided(decision);
    // The history grows by the decision; once the case left acceptance the window can no longer read it (404).
    unwrap(api().GET('/applications/{id}/timeline', { params: { path: { id: updated.id } } })).then(
      setTimeline,
      () => undefined,
    );
  };

  const onDecidedOnTheSpot = (updated: CaseView) => {
    setCase(updated);
    setOnTheSpot(true);
    unwrap(api().GET('/applications/{id}/timeline', { params: { path: { id: updated.id } } })).then(
      setTimeline,
      () => undefined,
    );
  };
  const departmentName = (code: string) => {
    const known = data.departments.get(code);
    return known ? localised(known) : code;
  };

  return (
    <Page title={name(data.template)}>
      <p className="lead case-caption">
        <span>{t('caption', { number: c.number })}</span> <StatusTag status={c.status} />
      </p>
      {canDecide && (
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
      {decided && <Outcome caseView={c} decision={decided} template={data.template} />}
      {onTheSpot && <OnTheSpotOutcome caseView={c} />}
      {!decided && me.role === 'supervisor' && <p className="notice">{t('readOnly')}</p>}
      {!decided && !onTheSpot && !spot && atWindow && c.status !== 'SUBMITTED' && (
        <p className="notice">
          {c.status === 'CORRECTION_REQUESTED'
            ? t('awaitingCorrection')
            : t('notDeciding', { status: statusLabel(c.status) })}
        </p>
      )}
      {ownWalkIn && (c.status === 'DRAFT' || c.status === 'CORRECTION_REQUESTED') && (
        <p>
          <Link href={`/walk-in?case=${c.id}`} className="button">
            {c.status === 'DRAFT' ? t('resumeIntake') : t('answerAtCounter')}
          </Link>
        </p>
      )}
      {c.status === 'CORRECTION_REQUESTED' && (c.corrections?.length ?? 0) > 0 && (
        <Corrections caseView={c} template={data.template} />
      )}
      {!decided && noticeKinds.length > 0 && (
        <section aria-labelledby="notices-title">
          <h2 id="notices-title">{t('noticesTitle')}</h2>
          <NoticeLinks caseId={c.id} kinds={noticeKinds} />
        </section>
      )}

      <CaseDetails caseView={c} template={data.template} />

      {spot && (
        <OnTheSpot
          caseView={c}
          template={data.template}
          departmentName={departmentName}
          onDecided={onDecidedOnTheSpot}
        />
      )}
      {canDecide && !onTheSpot && <DecisionForm caseView={c} template={data.template} onDecided={onDecided} />}

      <CaseTimeline timeline={timeline} info={data.info} departments={data.departments} />
    </Page>
  );
}

const KIND_OF: Record<Decision, NoticeKind> = { accept: 'acceptance', refuse: 'refusal', correct: 'correction' };

/** What the decision did, announced and focused, with its notice to print. */
function Outcome({
  caseView,
  decision,
  template,
}: {
  caseView: CaseView;
  decision: Decision;
  template: ApplyTemplate;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const tolerated = (caseView.tolerated ?? []).map(
    (code) => template.materials.find((m) => m.code === code)?.name ?? code,
  );
  return (
    <CommandOutcome id="outcome-title" title={t('outcomeTitle')} className="outcome">
      <p>
        {decision === 'accept'
          ? t('accepted', { number: caseView.number })
          : decision === 'refuse'
            ? t('refused', { number: caseView.number })
            : t('corrected', { number: caseView.number, n: caseView.corrections?.length ?? 0 })}
      </p>
      {decision === 'accept' && tolerated.length > 0 && (
        <p>{t('acceptedTolerated', { names: tolerated.join(lang === 'zh' ? '、' : ', ') })}</p>
      )}
      <p>{t('outcomeNotices')}</p>
      <NoticeLinks caseId={caseView.id} kinds={[KIND_OF[decision]]} />
      <p>
        <Link href="/queue">{t('backToQueue')}</Link>
      </p>
    </CommandOutcome>
  );
}

function Corrections({ caseView, template }: { caseView: CaseView; template: ApplyTemplate }) {
  const t = useT(messages);
  const localised = useLocalised();
  const nameOf = (target: 'material' | 'field', code: string) => {
    if (target === 'material') return template.materials.find((m) => m.code === code)?.name ?? code;
    const field = template.definition.fields.find((f) => f.key === code);
    return field ? localised(field.label) : code;
  };
  return (
    <section aria-labelledby="corrections-title" className="notice notice--warning">
      <h2 id="corrections-title">{t('correctionsTitle')}</h2>
      <ol>
        {caseView.corrections!.map((item) => (
          <li key={`${item.target}:${item.code}`}>
            {t('correctionItem', {
              target: t(item.target),
              name: nameOf(item.target, item.code),
              message: item.message,
            })}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The notices a case has, asked for by kind (409: never decided so; 404: not a case of this window's). */
async function availableNotices(caseId: string): Promise<NoticeKind[]> {
  const answers = await Promise.all(
    NOTICE_KINDS.map(async (kind) => {
      try {
        await unwrap(
          api().GET('/applications/{id}/notices/{kind}', {
            params: { path: { id: caseId, kind }, query: { format: 'json' } },
          }),
        );
        return kind;
      } catch (e) {
        if (e instanceof ApiError && (e.status === 404 || e.status === 409)) return undefined;
        throw e;
      }
    }),
  );
  return answers.filter((k): k is NoticeKind => k !== undefined);
}

function LeftAcceptance({ caseId }: { caseId: string }) {
  const t = useT(messages);
  const kinds = useApi(() => availableNotices(caseId), [caseId]);
  if (kinds.status === 'loading') return <Loading />;
  if (kinds.status === 'error') return <LoadError error={kinds.error} onRetry={kinds.reload} />;
  if (kinds.data.length === 0) return <NotFound />;
  return (
    <Page title={t('goneTitle')}>
      <p>{t('goneText')}</p>
      <NoticeLinks caseId={caseId} kinds={kinds.data} />
      <p>
        <Link href="/queue">{t('backToQueue')}</Link>
      </p>
    </Page>
  );
}
