import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { type ApiError, api, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { CommandError, Loader, Page, RequireSignIn } from '../../components/common';
import { useCursorPages } from '../../components/use-cursor-pages';
import { defineMessages, useT } from '../../i18n/i18n';
import { type Appointment, AppointmentCard } from './appointment-card';
import { useHallDirectory } from './halls';
import { useMatterNames } from './matter-names';
import { Reschedule } from './reschedule';
import { useDayLabel } from './working-days';
import './appointments.css';

const messages = defineMessages(
  {
    title: '我的预约',
    lead: '到办事大厅前预约时段，到场凭签到码签到。预约是可选的，不预约也可以直接到窗口办理。',
    new: '预约办事',
    empty: '您还没有预约。',
    more: '显示更早的预约',
    reschedule: '改期',
    cancel: '取消预约',
    confirmCancel: '确定要取消 {when} 在{hall}的预约吗？取消后名额将释放给他人。',
    yesCancel: '确认取消',
    keep: '保留预约',
    cancelling: '正在取消…',
    cancelled: '预约已取消。',
    rescheduled: '已改期到 {when}。',
    notForYou: '只有办事人和代办员可以预约。',
  },
  {
    title: 'My appointments',
    lead: 'Book a time before you go to a service hall, and check in there with your code. Booking is optional: you can also come to the window without one.',
    new: 'Book an appointment',
    empty: 'You have no appointments.',
    more: 'Show earlier appointments',
    reschedule: 'Reschedule',
    cancel: 'Cancel the appointment',
    confirmCancel: 'Cancel your appointment on {when} at {hall}? The place goes to someone else.',
    yesCancel: 'Yes, cancel it',
    keep: 'Keep it',
    cancelling: 'Cancelling…',
    cancelled: 'The appointment was cancelled.',
    rescheduled: 'Moved to {when}.',
    notForYou: 'Only applicants and agents book appointments.',
  },
);

export default function Appointments() {
  return (
    <RequireSignIn>
      <AppointmentsPage />
    </RequireSignIn>
  );
}

function AppointmentsPage() {
  const t = useT(messages);
  const me = useMe();
  if (me.role !== 'applicant' && me.role !== 'agent')
    return (
      <Page title={t('title')}>
        <p className="notice">{t('notForYou')}</p>
      </Page>
    );
  return <MyAppointments />;
}

function MyAppointments() {
  const t = useT(messages);
  const list = useCursorPages<Appointment, { items: Appointment[]; nextCursor?: string }>(
    (cursor) => unwrap(api().GET('/me/appointments', { params: { query: { limit: 20, cursor } } })),
    [],
  );
  const halls = useHallDirectory();
  const name = useMatterNames(list.status === 'ready' ? list.data.items.map((a) => a.matterCode) : []);
  return (
    <Page title={t('title')}>
      <p className="lead">{t('lead')}</p>
      <p>
        <Link href="/appointments/new" className="button">
          {t('new')}
        </Link>
      </p>
      <Loader loaded={list}>
        {({ items, nextCursor }) => (
          <>
            {items.length === 0 && <p>{t('empty')}</p>}
            {items.map((appointment) => (
              <AppointmentCard
                key={appointment.id}
                appointment={appointment}
                matterName={name(appointment.matterCode)}
                hall={halls.get(appointment.hallId)}
              >
                <Actions
                  appointment={appointment}
                  hallName={appointment.hallName ?? halls.get(appointment.hallId)?.name ?? appointment.hallId}
                  onChanged={(changed) => list.update((a) => (a.id === changed.id ? changed : a))}
                />
              </AppointmentCard>
            ))}
            <CommandError error={list.moreError} />
            {nextCursor && (
              <button
                type="button"
                className="button button--secondary"
                disabled={list.loadingMore}
                onClick={() => void list.loadMore()}
              >
                {t('more')}
              </button>
            )}
          </>
        )}
      </Loader>
    </Page>
  );
}

/** Reschedule and cancel, offered only while the booking stands and its slot has not begun (the API refuses after). */
function Actions({
  appointment,
  hallName,
  onChanged,
}: {
  appointment: Appointment;
  hallName: string;
  onChanged(changed: Appointment): void;
}) {
  const t = useT(messages);
  const dayLabel = useDayLabel();
  const [mode, setMode] = useState<'idle' | 'confirm' | 'reschedule'>('idle');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [note, setNote] = useState('');
  const confirmText = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (mode === 'confirm') confirmText.current?.focus();
  }, [mode]);

  const when = `${dayLabel(appointment.date)} ${appointment.start}–${appointment.end}`;
  const open = appointment.status === 'BOOKED' && new Date(appointment.startsAt).getTime() > Date.now();

  const cancel = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const cancelled = await unwrap(api().DELETE('/appointments/{id}', { params: { path: { id: appointment.id } } }));
      setMode('idle');
      setNote(t('cancelled'));
      onChanged(cancelled);
    } catch (failure) {
      setError(failure as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p role="status" className={note ? 'notice notice--success' : undefined}>
        {note}
      </p>
      {open && mode === 'idle' && (
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={() => setMode('reschedule')}>
            {t('reschedule')}
          </button>
          <button type="button" className="button button--warning" onClick={() => setMode('confirm')}>
            {t('cancel')}
          </button>
        </div>
      )}
      {open && mode === 'confirm' && (
        <div className="notice notice--warning">
          <p ref={confirmText} tabIndex={-1}>
            {t('confirmCancel', { when, hall: hallName })}
          </p>
          <div className="actions">
            <button type="button" className="button button--warning" disabled={busy} onClick={() => void cancel()}>
              {busy ? t('cancelling') : t('yesCancel')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setMode('idle')}>
              {t('keep')}
            </button>
          </div>
        </div>
      )}
      {open && mode === 'reschedule' && (
        <Reschedule
          appointment={appointment}
          onClose={() => setMode('idle')}
          onDone={(moved) => {
            setMode('idle');
            setNote(t('rescheduled', { when: `${dayLabel(moved.date)} ${moved.start}–${moved.end}` }));
            onChanged(moved);
          }}
        />
      )}
      <CommandError error={error} />
    </>
  );
}
