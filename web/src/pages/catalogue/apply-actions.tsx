import { Link } from 'wouter';
import { useSession } from '../../auth/session';
import { defineMessages, useLang, useT } from '../../i18n/i18n';
import { useCatalogueLabels } from './labels';

const messages = defineMessages(
  {
    apply: '在线申请',
    book: '预约办理',
    forName: '：{name}',
    signInFirst: '申请时需要登录；可以先阅读办事指南。',
    notOnline: '本事项不提供网上申请，请到服务大厅窗口办理。',
    wrongAudience: '本事项面向{audience}办理，您当前登录的身份不能申请。',
    staff: '工作人员账号不能申请或预约，请以办事人身份登录。',
    required: '本事项须先预约，再按预约时间到服务大厅办理。',
    optional: '可以预约到服务大厅办理，也可以直接前往。',
  },
  {
    apply: 'Apply online',
    book: 'Book an appointment',
    forName: ': {name}',
    signInFirst: 'You sign in when you apply; you can read the guide first.',
    notOnline: 'This service cannot be applied for online: please go to a service hall window.',
    wrongAudience: 'This service is for {audience}: the identity you are signed in with cannot apply.',
    staff: 'Staff accounts cannot apply or book: sign in as an applicant.',
    required: 'Book an appointment first, then come to the service hall at that time.',
    optional: 'You can book an appointment at a service hall, or simply go there.',
  },
);

const APPLICANT_ROLES = new Set(['applicant', 'agent']);

/**
 * The call to action of a guide: "在线申请" and, where the matter takes appointments and a hall serves it, "预约办理".
 * Only what the API would accept from this person: not for staff, not for an applicant the matter is not open to.
 */
export function ApplyActions({
  kind,
  code,
  name,
  audience,
  online,
  appointment,
}: {
  kind: 'matter' | 'bundle';
  code: string;
  name: string;
  audience: readonly string[];
  online: boolean;
  /** The matter's appointment policy when a hall serves it; undefined when it cannot be booked. */
  appointment?: 'optional' | 'required';
}) {
  const t = useT(messages);
  const labels = useCatalogueLabels();
  const { lang } = useLang();
  const { state } = useSession();
  const me = state.status === 'signed-in' ? state.me : undefined;
  const staff = me !== undefined && !APPLICANT_ROLES.has(me.role);
  const applicantType =
    me?.role === 'applicant' ? (me.uscc ? 'enterprise' : me.idNumber ? 'citizen' : undefined) : undefined;
  const wrongAudience = applicantType !== undefined && !audience.includes(applicantType);
  const canApply = online && !staff && !wrongAudience;
  const canBook = appointment !== undefined && !staff;

  return (
    <div className="panel cat-cta">
      <div className="actions">
        {canApply && (
          <Link href={`/apply/${kind}/${code}`} className="button" aria-label={t('apply') + t('forName', { name })}>
            {t('apply')}
          </Link>
        )}
        {canBook && (
          <Link
            href={`/appointments/new?matter=${encodeURIComponent(code)}`}
            className="button button--secondary"
            aria-label={t('book') + t('forName', { name })}
          >
            {t('book')}
          </Link>
        )}
      </div>
      {!online && <p>{t('notOnline')}</p>}
      {wrongAudience && (
        <p>{t('wrongAudience', { audience: audience.map(labels.audience).join(lang === 'en' ? ' and ' : '、') })}</p>
      )}
      {staff && <p>{t('staff')}</p>}
      {canBook && <p>{t(appointment === 'required' ? 'required' : 'optional')}</p>}
      {canApply && state.status === 'signed-out' && <p className="muted">{t('signInFirst')}</p>}
    </div>
  );
}
