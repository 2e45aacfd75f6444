import { Link } from 'wouter';
import { defineMessages, useLocalised, useT } from '../../i18n/i18n';
import type { Localised } from './catalogue';
import type { CaseView } from './status';
import type { Timeline } from './use-case';

const messages = defineMessages(
  {
    licenceTitle: '办理结果：电子证照',
    licenceLead: '您的电子证照已签发，与纸质证照具有同等效力。',
    licenceNo: '证照编号',
    wallet: '在“我的证照”中查看和下载',
    verify: '核验此证照',
    approvedTitle: '办理结果：准予许可',
    approvedLead: '您的申请已获批准。',
    rejectedTitle: '办理结果：不予许可',
    rejectedLead: '您的申请未获批准，理由如下。如不服，可依法申请行政复议或提起行政诉讼。',
    refusedTitle: '不予受理',
    refusedLead: '您的申请未被受理，理由如下。',
    withdrawnTitle: '申请已撤回',
    withdrawnLead: '办理已终止。',
    departmentReason: '{department}：{reason}',
  },
  {
    licenceTitle: 'Result: e-licence',
    licenceLead: 'Your e-licence was issued; it has the same force as a paper licence.',
    licenceNo: 'Licence number',
    wallet: 'View and download it in My licences',
    verify: 'Verify this licence',
    approvedTitle: 'Result: approved',
    approvedLead: 'Your application was approved.',
    rejectedTitle: 'Result: rejected',
    rejectedLead:
      'Your application was not approved, for these reasons. You may apply for administrative reconsideration or go to court.',
    refusedTitle: 'Not accepted',
    refusedLead: 'Your application was not accepted, for this reason.',
    withdrawnTitle: 'Application withdrawn',
    withdrawnLead: 'The case has ended.',
    departmentReason: '{department}: {reason}',
  },
);

/** The result: the licence (with the wallet and public verification), or the decision and its reasons. */
export function Outcome({
  c,
  timeline,
  departments,
}: {
  c: CaseView;
  timeline: Timeline;
  departments: ReadonlyMap<string, Localised>;
}) {
  const t = useT(messages);
  const localised = useLocalised();
  const reasonOf = (action: string) => [...timeline.items].reverse().find((e) => e.action === action)?.reason;
  const department = (code: string) => (departments.has(code) ? localised(departments.get(code)) : code);

  if (c.licenceNo && (c.status === 'ISSUED' || c.status === 'DELIVERED'))
    return (
      <section aria-labelledby="outcome-title" className="notice notice--success outcome">
        <h2 id="outcome-title">{t('licenceTitle')}</h2>
        <p>{t('licenceLead')}</p>
        <dl className="summary">
          <div>
            <dt>{t('licenceNo')}</dt>
            <dd className="outcome__licence">{c.licenceNo}</dd>
          </div>
        </dl>
        <ul className="outcome__links">
          <li>
            <Link href="/wallet">{t('wallet')}</Link>
          </li>
          <li>
            <Link href={`/verify/${encodeURIComponent(c.licenceNo)}`}>{t('verify')}</Link>
          </li>
        </ul>
      </section>
    );
  if (c.status === 'APPROVED' && !c.licenceNo)
    return (
      <section aria-labelledby="outcome-title" className="notice notice--success outcome">
        <h2 id="outcome-title">{t('approvedTitle')}</h2>
        <p>{t('approvedLead')}</p>
      </section>
    );
  if (c.status === 'REJECTED') {
    const reasons = (c.outcome?.tasks ?? []).filter((task) => task.reason);
    const overall = reasonOf('rejected');
    return (
      <section aria-labelledby="outcome-title" className="notice notice--error outcome">
        <h2 id="outcome-title">{t('rejectedTitle')}</h2>
        <p>{t('rejectedLead')}</p>
        {reasons.length > 0 ? (
          <ul>
            {reasons.map((task) => (
              <li key={task.taskId}>
                {t('departmentReason', { department: department(task.department), reason: task.reason ?? '' })}
              </li>
            ))}
          </ul>
        ) : (
          overall && <p>{overall}</p>
        )}
      </section>
    );
  }
  if (c.status === 'REFUSED')
    return (
      <section aria-labelledby="outcome-title" className="notice notice--error outcome">
        <h2 id="outcome-title">{t('refusedTitle')}</h2>
        <p>{t('refusedLead')}</p>
        {reasonOf('refused') && <p>{reasonOf('refused')}</p>}
      </section>
    );
  if (c.status === 'WITHDRAWN')
    return (
      <section aria-labelledby="outcome-title" className="notice outcome">
        <h2 id="outcome-title">{t('withdrawnTitle')}</h2>
        <p>{t('withdrawnLead')}</p>
        {reasonOf('withdrawn') && <p>{reasonOf('withdrawn')}</p>}
      </section>
    );
  return null;
}
