import { Link, useParams } from 'wouter';
import { Loader, Page, RequireSignIn } from '../../components/common';
import { useApi } from '../../components/use-api';
import { useFormat, useLang, useT } from '../../i18n/i18n';
import { handedIn } from './materials';
import { applyMessages } from './messages';
import { StatusTag } from './parts';
import { type ApplyTemplate, type CaseView, loadCase, templateOfCase } from './template';
import './apply.css';

/** /cases/<id>/receipt: the 流水号, the status, and what happens next (and where to follow the case). */
export default function Receipt() {
  return (
    <RequireSignIn>
      <ReceiptPage />
    </RequireSignIn>
  );
}

function ReceiptPage() {
  const { id } = useParams<{ id: string }>();
  const loaded = useApi(async () => {
    const caseView = await loadCase(id);
    return { caseView, template: await templateOfCase(caseView) };
  }, [id]);
  return <Loader loaded={loaded}>{(data) => <ReceiptFor {...data} />}</Loader>;
}

function ReceiptFor({ caseView, template }: { caseView: CaseView; template: ApplyTemplate }) {
  const t = useT(applyMessages);
  const format = useFormat();
  const { lang } = useLang();
  const name = lang === 'en' && template.nameEn ? template.nameEn : template.name;

  if (caseView.status === 'DRAFT') {
    return (
      <Page title={name}>
        <p className="notice">{t('notSubmittedYet')}</p>
        <p>
          <Link href={`/cases/${caseView.id}/review`}>{t('goReview')}</Link>
        </p>
      </Page>
    );
  }
  const waiting = caseView.status === 'SUBMITTED';
  const accepted = ['ACCEPTED', 'IN_REVIEW'].includes(caseView.status);
  const toleratedMissing = template.materials.some((m) => m.required && m.tolerable && !handedIn(caseView, m.code));
  const separator = lang === 'zh' ? '、' : ', ';
  return (
    <Page title={t('receiptTitle')}>
      <div className="confirmation">
        <h2>{t('caseNumber')}</h2>
        <strong className="confirmation__number">{caseView.number}</strong>
      </div>
      <dl className="summary">
        <div>
          <dt>{t('matter')}</dt>
          <dd>{name}</dd>
        </div>
        <div>
          <dt>{t('status')}</dt>
          <dd>
            <StatusTag status={caseView.status} />
          </dd>
        </div>
        {caseView.submittedAt && (
          <div>
            <dt>{t('submittedAt')}</dt>
            <dd>{format.dateTime(caseView.submittedAt)}</dd>
          </div>
        )}
      </dl>
      <p>{t('keepNumber')}</p>

      <h2>{t('nextHeading')}</h2>
      <ul className="receipt-next">
        {waiting && caseView.deadlines.acceptance && (
          <li>{t('nextWindow', { date: format.date(caseView.deadlines.acceptance) })}</li>
        )}
        {accepted && <li>{t('nextAccepted')}</li>}
        {template.promisedLimitDays !== undefined && template.promisedLimitDays > 0 && (
          <li>{t('nextPromise', { days: template.promisedLimitDays })}</li>
        )}
        {template.members && (
          <li>{t('nextBundle', { members: template.members.map((m) => m.name ?? m.code).join(separator) })}</li>
        )}
        {toleratedMissing && <li>{t('nextTolerated')}</li>}
        <li>
          {t('nextMessages')} <Link href="/inbox">{t('inbox')}</Link>
        </li>
      </ul>
      <div className="actions">
        <Link href={`/cases/${caseView.id}`} className="button">
          {t('followCase')}
        </Link>
        <Link href="/cases">{t('myCases')}</Link>
      </div>
    </Page>
  );
}
