import { type ReactNode, useId } from 'react';
import { Link } from 'wouter';
import type { components } from '../../api/schema';
import { QrCode } from '../../components/qr-code';
import { defineMessages, useT } from '../../i18n/i18n';
import type { Hall } from './halls';
import { useDayLabel } from './working-days';
import './appointments.css';

export type Appointment = components['schemas']['Appointment'];

const messages = defineMessages(
  {
    BOOKED: '已预约',
    CHECKED_IN: '已签到',
    CANCELLED: '已取消',
    NO_SHOW: '未签到（爽约）',
    when: '时间',
    hall: '办事大厅',
    address: '地址',
    phone: '咨询电话',
    window: '窗口',
    case: '办件',
    viewCase: '查看办件',
    checkIn: '签到码',
    qrAlt: '签到二维码，签到码 {code}',
    checkInHint: '到大厅后向窗口出示二维码或报签到码签到（开始前 1 小时起可签到）。',
  },
  {
    BOOKED: 'Booked',
    CHECKED_IN: 'Checked in',
    CANCELLED: 'Cancelled',
    NO_SHOW: 'Missed',
    when: 'When',
    hall: 'Service hall',
    address: 'Address',
    phone: 'Phone',
    window: 'Window',
    case: 'Case',
    viewCase: 'Go to the case',
    checkIn: 'Check-in code',
    qrAlt: 'Check-in QR code, code {code}',
    checkInHint: 'At the hall, show the QR code or tell the window the code to check in (from one hour before).',
  },
);

const TONE: Record<Appointment['status'], string> = {
  BOOKED: 'tag--green',
  CHECKED_IN: '',
  CANCELLED: 'tag--grey',
  NO_SHOW: 'tag--red',
};

/** One booking: matter, when, where, its status, and while booked its check-in code as a QR code and as text. */
export function AppointmentCard({
  appointment,
  matterName,
  hall,
  heading = 'h2',
  children,
}: {
  appointment: Appointment;
  matterName: string;
  hall?: Hall;
  heading?: 'h2' | 'h3';
  children?: ReactNode;
}) {
  const t = useT(messages);
  const dayLabel = useDayLabel();
  const titleId = useId();
  const Heading = heading;
  return (
    <article className="card appointment" aria-labelledby={titleId}>
      <div className="appointment__head">
        <Heading id={titleId}>{matterName}</Heading>
        <strong className={`tag ${TONE[appointment.status]}`}>{t(appointment.status)}</strong>
      </div>
      <dl className="summary">
        <div>
          <dt>{t('when')}</dt>
          <dd>
            {dayLabel(appointment.date)} {appointment.start}–{appointment.end}
          </dd>
        </div>
        <div>
          <dt>{t('hall')}</dt>
          <dd>{appointment.hallName ?? hall?.name ?? appointment.hallId}</dd>
        </div>
        {hall && (
          <div>
            <dt>{t('address')}</dt>
            <dd>{hall.address}</dd>
          </div>
        )}
        {hall?.phone && (
          <div>
            <dt>{t('phone')}</dt>
            <dd>{hall.phone}</dd>
          </div>
        )}
        <div>
          <dt>{t('window')}</dt>
          <dd>{appointment.windowName ?? appointment.windowId}</dd>
        </div>
        {appointment.caseId && (
          <div>
            <dt>{t('case')}</dt>
            <dd>
              <Link href={`/cases/${encodeURIComponent(appointment.caseId)}`}>{t('viewCase')}</Link>
            </dd>
          </div>
        )}
      </dl>
      {appointment.status === 'BOOKED' && (
        <figure className="appointment__checkin">
          <QrCode text={appointment.checkInCode} alt={t('qrAlt', { code: appointment.checkInCode })} size={160} />
          <figcaption>
            {t('checkIn')}
            <span className="appointment__code">{appointment.checkInCode}</span>
          </figcaption>
        </figure>
      )}
      {appointment.status === 'BOOKED' && <p className="hint appointment__foot">{t('checkInHint')}</p>}
      {children && <div className="appointment__foot">{children}</div>}
    </article>
  );
}
