import type { ReactNode } from 'react';
import type { components } from '../../api/schema';
import { Loader } from '../../components/common';
import { useApi } from '../../components/use-api';
import { AnswerList } from '../../form/answers';
import { defineMessages, useFormat, useLang, useT } from '../../i18n/i18n';
import { type ApplyTemplate, templateOfCase } from '../../pages/apply/template';
import { StatusTag } from '../../pages/cases/status';
import { DueDate, shanghaiToday } from './due-date';
import { MaterialsPreview } from './materials-preview';
import './case-details.css';

type CaseView = components['schemas']['Case'];

const messages = defineMessages(
  {
    factsTitle: '办件信息',
    number: '流水号',
    matter: '事项',
    bundle: '一件事',
    status: '状态',
    channel: '申请渠道',
    online: '网上申请',
    window: '窗口收件',
    applicant: '申请人',
    citizen: '自然人',
    enterprise: '法人',
    agent: '代办人',
    intakeOfficer: '收件人员',
    submittedAt: '提交时间',
    acceptanceDue: '受理期限',
    acceptanceDueHint: '（期满未作决定的，视为受理）',
    provisional: '暂按周一至周五计算，{year}年节假日安排录入后重新计算',
    acceptedAt: '受理时间',
    reviewDue: '办结期限',
    tolerated: '容缺材料',
    answersTitle: '申请表',
    materialsTitle: '申请材料',
  },
  {
    factsTitle: 'Case',
    number: 'Case number',
    matter: 'Matter',
    bundle: 'Bundle',
    status: 'Status',
    channel: 'Channel',
    online: 'Online',
    window: 'At the window',
    applicant: 'Applicant',
    citizen: 'Citizen',
    enterprise: 'Enterprise',
    agent: 'Agent',
    intakeOfficer: 'Registered by',
    submittedAt: 'Submitted',
    acceptanceDue: 'Acceptance due',
    acceptanceDueHint: '(accepted by default if nobody decides by then)',
    provisional: 'counted Monday to Friday until the holiday notice for {year} is loaded',
    acceptedAt: 'Accepted',
    reviewDue: 'Decision due',
    tolerated: 'Tolerated materials',
    answersTitle: 'Application form',
    materialsTitle: 'Materials',
  },
);

/** The applicant's name: as identified at the window, else the form field the applicant's profile name fills. */
export function applicantName(caseView: CaseView, template: ApplyTemplate | undefined): string | undefined {
  if (caseView.applicant.name) return caseView.applicant.name;
  const field = template?.definition.fields.find((f) => f.prefill === 'profile.name');
  const value = field ? caseView.form[field.key] : undefined;
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** The name of the case's matter or bundle in the reader's language. */
export function useTemplateName(): (template: Pick<ApplyTemplate, 'name' | 'nameEn'>) => string {
  const { lang } = useLang();
  return (template) => (lang === 'en' && template.nameEn ? template.nameEn : template.name);
}

/**
 * The case's facts as a summary list: number, matter, status, channel, applicant, dates and deadlines (an overdue
 * deadline in words, not colour alone). `children` adds rows of the caller's (each a <div><dt/><dd/></div>).
 */
export function CaseFacts({
  caseView,
  template,
  children,
}: {
  caseView: CaseView;
  template: ApplyTemplate;
  children?: ReactNode;
}) {
  const t = useT(messages);
  const format = useFormat();
  const { lang } = useLang();
  const name = useTemplateName();
  const today = shanghaiToday();
  const who = applicantName(caseView, template);
  const materialName = (code: string) => template.materials.find((m) => m.code === code)?.name ?? code;
  const row = (label: string, value: ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <dl className="summary case-facts">
      {row(t('number'), <span className="case-facts__number">{caseView.number}</span>)}
      {row(template.kind === 'bundle' ? t('bundle') : t('matter'), name(template))}
      {row(t('status'), <StatusTag status={caseView.status} />)}
      {row(t('channel'), caseView.channel === 'window' ? t('window') : t('online'))}
      {row(
        t('applicant'),
        [t(caseView.applicant.type), who, caseView.applicant.identifier]
          .filter(Boolean)
          .join(lang === 'zh' ? '，' : ', '),
      )}
      {caseView.actingAgent && row(t('agent'), caseView.actingAgent)}
      {caseView.intakeOfficer && row(t('intakeOfficer'), caseView.intakeOfficer)}
      {caseView.submittedAt && row(t('submittedAt'), format.dateTime(caseView.submittedAt))}
      {caseView.deadlines.acceptance &&
        row(
          t('acceptanceDue'),
          <>
            <DueDate date={caseView.deadlines.acceptance} today={today} />{' '}
            <span className="muted">{t('acceptanceDueHint')}</span>
            {caseView.deadlines.acceptanceProvisional && (
              <span className="muted"> {t('provisional', { year: caseView.deadlines.acceptance.slice(0, 4) })}</span>
            )}
          </>,
        )}
      {caseView.acceptedAt && row(t('acceptedAt'), format.dateTime(caseView.acceptedAt))}
      {caseView.deadlines.review &&
        row(
          t('reviewDue'),
          <>
            <DueDate date={caseView.deadlines.review} today={today} />
            {caseView.deadlines.reviewProvisional && (
              <span className="muted"> {t('provisional', { year: caseView.deadlines.review.slice(0, 4) })}</span>
            )}
          </>,
        )}
      {(caseView.tolerated?.length ?? 0) > 0 &&
        row(t('tolerated'), caseView.tolerated!.map(materialName).join(lang === 'zh' ? '、' : ', '))}
      {children}
    </dl>
  );
}

/**
 * A case as staff read it, for the window (受理), departments (审批) and supervisors: its facts, the form's answers
 * under the labels of the form version the case is pinned to, and every material previewed (MaterialsPreview).
 *
 * Props (plain data):
 * - `caseView`: the case (GET /applications/{id}, or a task's `case` from GET /tasks/{id}).
 * - `template` (optional): the pinned template, `await templateOfCase(caseView)` from pages/apply/template.ts, when
 *   the caller has it already; otherwise it is loaded here (GET /matters/{code}?version=N, or the bundle's).
 * - `facts` (optional, default true): whether to show the facts list (a caller with its own header may leave it out).
 *
 * Each part has an h2 heading; the page's h1 is the caller's.
 */
export function CaseDetails({
  caseView,
  template,
  facts = true,
}: {
  caseView: CaseView;
  template?: ApplyTemplate;
  facts?: boolean;
}) {
  const loaded = useApi(
    () => (template ? Promise.resolve(template) : templateOfCase(caseView)),
    [caseView.matterCode, caseView.matterVersion, caseView.kind, template],
  );
  return <Loader loaded={loaded}>{(pinned) => <Details caseView={caseView} template={pinned} facts={facts} />}</Loader>;
}

function Details({ caseView, template, facts }: { caseView: CaseView; template: ApplyTemplate; facts: boolean }) {
  const t = useT(messages);
  return (
    <div className="case-details">
      {facts && (
        <section aria-labelledby="case-facts-title">
          <h2 id="case-facts-title">{t('factsTitle')}</h2>
          <CaseFacts caseView={caseView} template={template} />
        </section>
      )}
      <section aria-labelledby="case-answers-title">
        <h2 id="case-answers-title">{t('answersTitle')}</h2>
        <AnswerList fields={template.definition.fields} value={caseView.form} />
      </section>
      <section aria-labelledby="case-materials-title">
        <h2 id="case-materials-title">{t('materialsTitle')}</h2>
        <MaterialsPreview caseView={caseView} materials={template.materials} />
      </section>
    </div>
  );
}
