import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { components } from '../../api/schema';
import { useMe } from '../../auth/session';
import { QrCode } from '../../components/qr-code';
import { defineMessages, useFormat, useLang, useT } from '../../i18n/i18n';
import type { ApplyTemplate } from '../../pages/apply/template';
import { StatusTag } from '../../pages/cases/status';
import { useTemplateName } from '../shared/case-details';

type CaseView = components['schemas']['Case'];

const messages = defineMessages(
  {
    number: '流水号',
    matter: '申请事项',
    applicant: '申请人',
    status: '状态',
    submittedAt: '收件时间',
    acceptanceDue: '受理期限',
    officer: '收件窗口',
    materials: '收取的材料',
    files: '{name}（{n} 个文件）',
    licence: '{name}（电子证照 {no}）',
    tolerable: '{name}（暂缺，可容缺，须在审批决定前补交）',
    followTitle: '查询办理进度',
    follow: '申请人可用本人身份登录网上办事大厅，在“我的办件”中查看此办件，或扫描二维码。',
    qr: '办件查询二维码：{url}',
    keep: '请妥善保管本回执，凭流水号查询和领取结果。',
    print: '打印回执',
    next: '新的收件',
    viewCase: '查看办件',
  },
  {
    number: 'Case number',
    matter: 'Matter',
    applicant: 'Applicant',
    status: 'Status',
    submittedAt: 'Received',
    acceptanceDue: 'Acceptance due',
    officer: 'Received by',
    materials: 'Materials received',
    files: '{name} ({n} file(s))',
    licence: '{name} (e-licence {no})',
    tolerable: '{name} (missing, tolerable: due before the decision)',
    followTitle: 'Following the case',
    follow: 'The applicant can sign in to the online hall and find the case under My cases, or scan the QR code.',
    qr: 'QR code of the case: {url}',
    keep: 'Keep this receipt: its case number is needed to follow the case and collect the result.',
    print: 'Print the receipt',
    next: 'Next walk-in',
    viewCase: 'View the case',
  },
);

/** After the walk-in submission: the 流水号 and a receipt to print for the applicant (the page's chrome is not printed). */
export function WalkInReceipt({ caseView, template }: { caseView: CaseView; template: ApplyTemplate }) {
  const t = useT(messages);
  const format = useFormat();
  const { lang } = useLang();
  const me = useMe();
  const name = useTemplateName();
  const caseUrl = `${window.location.origin}/cases/${caseView.id}`;
  const received = template.materials.flatMap((m) => {
    const record = caseView.materials[m.code];
    if (record?.licenceNo) return [t('licence', { name: m.name, no: record.licenceNo })];
    if ((record?.files.length ?? 0) > 0) return [t('files', { name: m.name, n: record!.files.length })];
    if (m.required && m.tolerable) return [t('tolerable', { name: m.name })];
    return [];
  });
  const row = (label: string, value: ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <div className="receipt">
      <div className="confirmation">
        <h2>{t('number')}</h2>
        <strong className="confirmation__number">{caseView.number}</strong>
      </div>
      <dl className="summary">
        {row(t('matter'), name(template))}
        {row(
          t('applicant'),
          [caseView.applicant.name, caseView.applicant.identifier].filter(Boolean).join(lang === 'zh' ? '，' : ', '),
        )}
        {row(t('status'), <StatusTag status={caseView.status} />)}
        {caseView.submittedAt && row(t('submittedAt'), format.dateTime(caseView.submittedAt))}
        {caseView.deadlines.acceptance && row(t('acceptanceDue'), format.date(caseView.deadlines.acceptance))}
        {row(t('officer'), me.name ?? me.sub)}
        {received.length > 0 &&
          row(
            t('materials'),
            <ul className="receipt__materials">
              {received.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>,
          )}
      </dl>
      <h2>{t('followTitle')}</h2>
      <div className="receipt__follow">
        <QrCode text={caseUrl} alt={t('qr', { url: caseUrl })} size={120} />
        <p>{t('follow')}</p>
      </div>
      <p>{t('keep')}</p>
      <div className="actions no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t('print')}
        </button>
        <Link href="/walk-in">{t('next')}</Link>
        <Link href={`/cases/${caseView.id}`}>{t('viewCase')}</Link>
      </div>
    </div>
  );
}
