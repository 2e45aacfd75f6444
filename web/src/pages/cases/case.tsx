import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'wouter';
import { useMe } from '../../auth/session';
import { LoadError, Loading, NotFound, Page, RequireSignIn } from '../../components/common';
import { defineMessages, useLocalised, useT } from '../../i18n/i18n';
import { CaseHeader } from './case-header';
import { applicantNameOf } from './catalogue';
import { CommitmentSection } from './commitment';
import { ComplaintSection } from './complaint';
import { Corrections } from './corrections';
import { DeliverySection } from './delivery';
import { Members } from './members';
import { useNextStep } from './next-step';
import { Outcome } from './outcome';
import { PaymentSection } from './payment';
import { RatingSection } from './rating';
import { CORRECTING, DELIVERY_CHOOSABLE, HAS_RESULT, RATEABLE, statusMessages, WITHDRAWABLE } from './status';
import { CaseTimeline } from './timeline';
import { type CaseData, useCase } from './use-case';
import { Withdraw } from './withdraw';
import './cases.css';

const messages = defineMessages(
  {
    title: '办件详情',
    caseN: '办件 {number}',
    back: '返回我的办件',
    now: '现在：',
    live: '本页会自动更新办理进度。',
    changed: '办件状态已更新：{status}',
    draft: '这是一份尚未提交的草稿。',
    continueDraft: '继续填写申请',
  },
  {
    title: 'Case',
    caseN: 'Case {number}',
    back: 'Back to my cases',
    now: 'Now: ',
    live: 'This page updates itself as the case progresses.',
    changed: 'The case’s status changed: {status}',
    draft: 'This is a draft that has not been submitted.',
    continueDraft: 'Continue the application',
  },
);

/** 办件详情: one case, its deadlines, history, corrections, fees, delivery, result, rating and complaint. */
export default function CasePage() {
  const { id } = useParams<{ id: string }>();
  return (
    <RequireSignIn>
      <CaseLoader key={id} id={id} />
    </RequireSignIn>
  );
}

function CaseLoader({ id }: { id: string }) {
  const t = useT(messages);
  const loaded = useCase(id);
  if (loaded.status === 'loading')
    return (
      <Page title={t('title')}>
        <Loading />
      </Page>
    );
  if (loaded.status === 'error') {
    // Someone else's case answers 404, and a malformed id 400: both are simply not found here.
    if (loaded.error.notFound || loaded.error.status === 400) return <NotFound />;
    return (
      <Page title={t('title')}>
        <LoadError error={loaded.error} onRetry={loaded.reload} />
      </Page>
    );
  }
  return <CaseDetails data={loaded.data} live={loaded.live} refresh={loaded.refresh} />;
}

/** Announces a status that changed while the page was open (a poll, or the answer to a command). */
function useStatusAnnouncement(status: string): string | undefined {
  const t = useT(messages);
  const st = useT(statusMessages);
  const previous = useRef(status);
  const [announcement, setAnnouncement] = useState<string | undefined>();
  useEffect(() => {
    if (previous.current !== status)
      setAnnouncement(t('changed', { status: st(status as keyof (typeof statusMessages)['zh']) }));
    previous.current = status;
  }, [status, t, st]);
  return announcement;
}

function CaseDetails({ data, live, refresh }: { data: CaseData; live: boolean; refresh(): Promise<void> }) {
  const t = useT(messages);
  const localised = useLocalised();
  const me = useMe();
  const { c, timeline, payment, delivery, rating, info, departments } = data;
  const owner = me.role === 'applicant' || me.role === 'agent';
  const announcement = useStatusAnnouncement(c.status);
  const nextStep = useNextStep()(c, payment?.order.status === 'AWAITING' ? payment.order : undefined);
  const principal = me.role === 'agent' ? applicantNameOf(c, info) : undefined;
  const departmentName = (code: string) => (departments.has(code) ? localised(departments.get(code)) : code);
  const showDelivery =
    delivery && c.kind !== 'bundle' && (DELIVERY_CHOOSABLE.includes(c.status) || HAS_RESULT.includes(c.status));

  return (
    <Page title={info ? localised(info.name) : t('caseN', { number: c.number })}>
      <p>
        <Link href="/cases">{t('back')}</Link>
      </p>
      <p role="status" className={announcement ? 'notice notice--success' : 'visually-hidden'}>
        {announcement}
      </p>
      <CaseHeader c={c} info={info} principal={principal} departments={departments} />
      <div className={nextStep.action ? 'notice notice--warning case-now' : 'notice case-now'}>
        <strong>{t('now')}</strong>
        {nextStep.text}
        {live && <span className="hint">{t('live')}</span>}
      </div>
      {c.status === 'DRAFT' && owner && (
        <p>
          {t('draft')} <Link href={`/cases/${c.id}/edit`}>{t('continueDraft')}</Link>
        </p>
      )}
      <Outcome c={c} timeline={timeline} departments={departments} />
      <CommitmentSection c={c} info={info} departments={departments} />
      {CORRECTING.includes(c.status) && (c.corrections?.length ?? 0) > 0 && (
        <Corrections c={c} timeline={timeline} info={info} owner={owner} onResubmitted={refresh} />
      )}
      {payment && <PaymentSection c={c} payment={payment} owner={owner} onRenewed={refresh} />}
      {showDelivery && <DeliverySection caseId={c.id} delivery={delivery} owner={owner} onSaved={refresh} />}
      {c.members && c.members.length > 0 && <Members members={c.members} info={info} />}
      {RATEABLE.includes(c.status) && <RatingSection caseId={c.id} rating={rating} owner={owner} onRated={refresh} />}
      <CaseTimeline timeline={timeline} info={info} departments={departments} />
      {owner && WITHDRAWABLE.includes(c.status) && <Withdraw c={c} onWithdrawn={refresh} />}
      {owner && c.status !== 'DRAFT' && <ComplaintSection caseNumber={c.number} departmentName={departmentName} />}
    </Page>
  );
}
