import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { ApiError, api, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { CommandError, ErrorSummary, fieldId, Loader, Page, RequireSignIn } from '../../components/common';
import { errorsByField, useFieldMessage } from '../../components/labelled-field';
import { useApi } from '../../components/use-api';
import { defineMessages, useT } from '../../i18n/i18n';
import { type Appointment, AppointmentCard } from './appointment-card';
import { DayPicker } from './day-picker';
import type { Hall } from './halls';
import { useMatterNames } from './matter-names';
import { SlotPicker } from './slot-picker';
import './appointments.css';

const messages = defineMessages(
  {
    title: '预约办事',
    matterLead: '预约事项：{name}',
    walkIn: '预约是可选的：不预约也可以直接到窗口办理。',
    chooseMatter: '选择要预约的事项',
    chooseMatterHint: '以下事项可以在办事大厅预约办理',
    continue: '继续',
    hall: '选择办事大厅',
    hours: '办公时间 {hours}',
    noHalls: '此事项暂无可预约的办事大厅，请直接到窗口办理。',
    book: '确认预约',
    booking: '正在预约…',
    booked: '预约成功',
    bookedText: '请按时到场，凭下面的签到码签到。预约信息也已发送到消息中心。',
    myAppointments: '查看我的预约',
    guide: '查看办事指南',
    hallRequired: '请选择办事大厅',
    dateRequired: '请选择日期',
    startRequired: '请选择时段',
    justFull: '该时段刚刚约满，请选择其他时段。',
    matterMissing: '请选择要预约的事项',
    notForYou: '只有办事人和代办员可以预约。',
    choose: '请选择',
    separator: '、',
  },
  {
    title: 'Book an appointment',
    matterLead: 'For: {name}',
    walkIn: 'Booking is optional: you can also come to the window without one.',
    chooseMatter: 'Choose what to book for',
    chooseMatterHint: 'These services can be booked at a service hall',
    continue: 'Continue',
    hall: 'Choose a service hall',
    hours: 'Open {hours}',
    noHalls: 'No service hall takes bookings for this service: come to the window in person.',
    book: 'Book',
    booking: 'Booking…',
    booked: 'Booked',
    bookedText: 'Please be on time and check in with the code below. The booking was also sent to your messages.',
    myAppointments: 'Go to my appointments',
    guide: 'Read the service guide',
    hallRequired: 'Choose a service hall',
    dateRequired: 'Choose a day',
    startRequired: 'Choose a time',
    justFull: 'This time has just filled up: choose another.',
    matterMissing: 'Choose a service to book for',
    notForYou: 'Only applicants and agents book appointments.',
    choose: 'Choose…',
    separator: ', ',
  },
);

export default function BookAppointment() {
  return (
    <RequireSignIn>
      <BookPage />
    </RequireSignIn>
  );
}

function BookPage() {
  const t = useT(messages);
  const me = useMe();
  const query = new URLSearchParams(useSearch());
  const matter = query.get('matter') ?? undefined;
  const caseId = query.get('case') ?? undefined;
  if (me.role !== 'applicant' && me.role !== 'agent')
    return (
      <Page title={t('title')}>
        <p className="notice">{t('notForYou')}</p>
      </Page>
    );
  return (
    <Page title={t('title')}>{matter ? <BookingForm matterCode={matter} caseId={caseId} /> : <MatterChooser />}</Page>
  );
}

/** Without `?matter=`: the matters some hall serves, to choose from. */
function MatterChooser() {
  const t = useT(messages);
  const [, navigate] = useLocation();
  const halls = useApi(() => unwrap(api().GET('/halls', {})), []);
  const codes =
    halls.status === 'ready'
      ? [...new Set(halls.data.items.flatMap((h) => h.windows.flatMap((w) => w.matters)))].sort()
      : [];
  const name = useMatterNames(codes);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const id = fieldId('matterCode');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return setError(t('matterMissing'));
    navigate(`/appointments/new?matter=${encodeURIComponent(chosen)}`);
  };
  return (
    <Loader loaded={halls}>
      {() => (
        <form onSubmit={submit} noValidate>
          <ErrorSummary errors={error ? [{ path: 'matterCode', message: error }] : []} />
          <div className={error ? 'field field--error' : 'field'}>
            <label htmlFor={id}>{t('chooseMatter')}</label>
            <span className="hint" id={`${id}-hint`}>
              {t('chooseMatterHint')}
            </span>
            {error && (
              <span className="field-error" id={`${id}-error`}>
                {error}
              </span>
            )}
            <select
              id={id}
              value={chosen ?? ''}
              onChange={(e) => setChosen(e.target.value || undefined)}
              aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
              aria-invalid={error ? true : undefined}
            >
              <option value="">{t('choose')}</option>
              {codes.map((code) => (
                <option key={code} value={code}>
                  {name(code)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t('continue')}
          </button>
        </form>
      )}
    </Loader>
  );
}

function BookingForm({ matterCode, caseId }: { matterCode: string; caseId?: string }) {
  const t = useT(messages);
  const name = useMatterNames([matterCode]);
  const halls = useApi(() => unwrap(api().GET('/halls', { params: { query: { matter: matterCode } } })), [matterCode]);
  const [booked, setBooked] = useState<Appointment | undefined>(undefined);
  return (
    <>
      <p className="lead" id={fieldId('matterCode')} tabIndex={-1}>
        {t('matterLead', { name: name(matterCode) })}
      </p>
      {booked ? (
        <Booked
          appointment={booked}
          matterName={name(matterCode)}
          hall={halls.status === 'ready' ? halls.data.items.find((h) => h.id === booked.hallId) : undefined}
        />
      ) : (
        <>
          <p>{t('walkIn')}</p>
          <Loader loaded={halls}>
            {({ items }) =>
              items.length === 0 ? (
                <p className="notice">{t('noHalls')}</p>
              ) : (
                <Choices halls={items} matterCode={matterCode} caseId={caseId} onBooked={setBooked} />
              )
            }
          </Loader>
        </>
      )}
    </>
  );
}

function Choices({
  halls,
  matterCode,
  caseId,
  onBooked,
}: {
  halls: Hall[];
  matterCode: string;
  caseId?: string;
  onBooked(appointment: Appointment): void;
}) {
  const t = useT(messages);
  const fieldMessage = useFieldMessage();
  const [hallId, setHallId] = useState<string | undefined>(halls.length === 1 ? halls[0]!.id : undefined);
  const [date, setDate] = useState<string | undefined>(undefined);
  const [start, setStart] = useState<string | undefined>(undefined);
  const [fullStart, setFullStart] = useState<string | undefined>(undefined);
  const [refreshKey, setRefreshKey] = useState(0);
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const [failure, setFailure] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const errorAt = (path: string) => errors.find((e) => e.path === path)?.message;
  const hallFieldId = fieldId('hallId');

  const chooseHall = (id: string) => {
    setHallId(id);
    setStart(undefined);
    setFullStart(undefined);
  };
  const chooseDate = (day: string) => {
    setDate(day);
    setStart(undefined);
    setFullStart(undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = [
      ...(hallId ? [] : [{ path: 'hallId', message: t('hallRequired') }]),
      ...(date ? [] : [{ path: 'date', message: t('dateRequired') }]),
      ...(start ? [] : [{ path: 'start', message: t('startRequired') }]),
    ];
    setErrors(missing);
    setFailure(undefined);
    if (!hallId || !date || !start) return;
    setBusy(true);
    try {
      onBooked(
        await unwrap(
          api().POST('/appointments', { body: { hallId, matterCode, date, start, ...(caseId ? { caseId } : {}) } }),
        ),
      );
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, 'Error', String(error));
      const byField = errorsByField(apiError, fieldMessage);
      if (apiError.status === 409 && byField.some((e) => e.path === 'start')) {
        // Someone took the last place first: say so beside that slot and show the slots as they are now.
        setFullStart(start);
        setStart(undefined);
        setRefreshKey((k) => k + 1);
        setErrors([{ path: 'start', message: t('justFull') }]);
      } else if (apiError.status >= 400 && apiError.status < 500 && byField.length > 0) setErrors(byField);
      else setFailure(apiError);
    } finally {
      setBusy(false);
    }
  };

  const knownPaths = ['hallId', 'date', 'start'];
  const otherErrors = errors.filter((e) => !knownPaths.includes(e.path));
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ErrorSummary errors={errors} />
      {otherErrors.length > 0 && (
        <div className="notice notice--error">
          {otherErrors.map((e) => (
            <p key={e.path + e.message}>{e.message}</p>
          ))}
        </div>
      )}
      <div className={errorAt('hallId') ? 'field field--error' : 'field'}>
        <fieldset className="halls" aria-describedby={errorAt('hallId') ? `${hallFieldId}-error` : undefined}>
          <legend>{t('hall')}</legend>
          {errorAt('hallId') && (
            <span className="field-error" id={`${hallFieldId}-error`}>
              {errorAt('hallId')}
            </span>
          )}
          {halls.map((hall, i) => {
            const id = i === 0 ? hallFieldId : `${hallFieldId}-${hall.id}`;
            return (
              <div className="choice" key={hall.id}>
                <input
                  id={id}
                  type="radio"
                  name="hallId"
                  value={hall.id}
                  checked={hallId === hall.id}
                  onChange={() => chooseHall(hall.id)}
                />
                <label htmlFor={id}>
                  <strong>{hall.name}</strong>
                  <span className="hint">
                    {hall.address} ·{' '}
                    {t('hours', { hours: hall.hours.map((h) => `${h.from}–${h.to}`).join(t('separator')) })}
                  </span>
                </label>
              </div>
            );
          })}
        </fieldset>
      </div>
      <DayPicker path="date" value={date} onChange={chooseDate} error={errorAt('date')} />
      {hallId && date && (
        <SlotPicker
          path="start"
          hallId={hallId}
          matterCode={matterCode}
          date={date}
          value={start}
          onChange={(s) => {
            setStart(s);
            setFullStart(undefined);
          }}
          error={errorAt('start')}
          fullStart={fullStart}
          refreshKey={refreshKey}
        />
      )}
      {!(hallId && date) && errorAt('start') && <p className="field-error">{errorAt('start')}</p>}
      <CommandError error={failure} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('booking') : t('book')}
      </button>
    </form>
  );
}

function Booked({ appointment, matterName, hall }: { appointment: Appointment; matterName: string; hall?: Hall }) {
  const t = useT(messages);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <div className="notice notice--success" role="status">
        <h2 ref={heading} tabIndex={-1}>
          {t('booked')}
        </h2>
        <p>{t('bookedText')}</p>
      </div>
      <AppointmentCard appointment={appointment} matterName={matterName} hall={hall} heading="h3" />
      <p className="actions">
        <Link href="/appointments">{t('myAppointments')}</Link>
        <Link href={`/matters/${encodeURIComponent(appointment.matterCode)}`}>{t('guide')}</Link>
      </p>
    </>
  );
}
