import { type FormEvent, useState } from 'react';
import { ApiError, api, unwrap } from '../../api/client';
import { CommandError, ErrorSummary } from '../../components/common';
import { errorsByField, useFieldMessage } from '../../components/labelled-field';
import { defineMessages, useT } from '../../i18n/i18n';
import type { Appointment } from './appointment-card';
import { DayPicker } from './day-picker';
import { SlotPicker } from './slot-picker';

const messages = defineMessages(
  {
    legend: '改期',
    hint: '只能改到同一大厅的其他时段；新时段预约成功后，原时段才会释放。',
    save: '确认改期',
    saving: '正在改期…',
    keep: '不改期',
    dateRequired: '请选择日期',
    startRequired: '请选择时段',
    justFull: '该时段刚刚约满，请选择其他时段。',
  },
  {
    legend: 'Reschedule',
    hint: 'Only to another time at the same hall; your current time is released only once the new one is booked.',
    save: 'Reschedule',
    saving: 'Rescheduling…',
    keep: 'Keep the current time',
    dateRequired: 'Choose a day',
    startRequired: 'Choose a time',
    justFull: 'This time has just filled up: choose another.',
  },
);

/** Moves a booking to another slot of its hall (PATCH /appointments/{id}): the new place or nothing changes. */
export function Reschedule({
  appointment,
  onDone,
  onClose,
}: {
  appointment: Appointment;
  onDone(moved: Appointment): void;
  onClose(): void;
}) {
  const t = useT(messages);
  const fieldMessage = useFieldMessage();
  const prefix = `reschedule-${appointment.id}`;
  const [date, setDate] = useState<string | undefined>(undefined);
  const [start, setStart] = useState<string | undefined>(undefined);
  const [fullStart, setFullStart] = useState<string | undefined>(undefined);
  const [refreshKey, setRefreshKey] = useState(0);
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const [failure, setFailure] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const errorAt = (path: string) => errors.find((e) => e.path === path)?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = [
      ...(date ? [] : [{ path: `${prefix}.date`, message: t('dateRequired') }]),
      ...(start ? [] : [{ path: `${prefix}.start`, message: t('startRequired') }]),
    ];
    setErrors(missing);
    setFailure(undefined);
    if (!date || !start) return;
    setBusy(true);
    try {
      onDone(
        await unwrap(
          api().PATCH('/appointments/{id}', { params: { path: { id: appointment.id } }, body: { date, start } }),
        ),
      );
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, 'Error', String(error));
      const byField = errorsByField(apiError, fieldMessage).map((e) => ({ ...e, path: `${prefix}.${e.path}` }));
      if (apiError.status === 409 && byField.some((e) => e.path === `${prefix}.start`)) {
        setFullStart(start);
        setStart(undefined);
        setRefreshKey((k) => k + 1);
        setErrors([{ path: `${prefix}.start`, message: t('justFull') }]);
      } else if (apiError.status >= 400 && apiError.status < 500 && byField.length > 0) setErrors(byField);
      else setFailure(apiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel appointment__panel" onSubmit={(e) => void submit(e)} noValidate aria-label={t('legend')}>
      <h3>{t('legend')}</h3>
      <p className="hint">{t('hint')}</p>
      <ErrorSummary errors={errors} />
      <DayPicker
        path={`${prefix}.date`}
        value={date}
        onChange={(day) => {
          setDate(day);
          setStart(undefined);
          setFullStart(undefined);
        }}
        error={errorAt(`${prefix}.date`)}
      />
      {date && (
        <SlotPicker
          path={`${prefix}.start`}
          hallId={appointment.hallId}
          matterCode={appointment.matterCode}
          date={date}
          value={start}
          onChange={(s) => {
            setStart(s);
            setFullStart(undefined);
          }}
          error={errorAt(`${prefix}.start`)}
          fullStart={fullStart}
          refreshKey={refreshKey}
          current={{ date: appointment.date, start: appointment.start }}
        />
      )}
      {errors
        .filter((e) => e.path !== `${prefix}.date` && e.path !== `${prefix}.start`)
        .map((e) => (
          <p key={e.path} className="field-error">
            {e.message}
          </p>
        ))}
      <CommandError error={failure} />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('keep')}
        </button>
      </div>
    </form>
  );
}
