import { api, unwrap } from '../../api/client';
import { fieldId, LoadError, Loading, useDetailMessage } from '../../components/common';
import { useApi } from '../../components/use-api';
import { defineMessages, useT } from '../../i18n/i18n';
import { useDayLabel } from './working-days';
import './appointments.css';

const messages = defineMessages(
  {
    legend: '选择时段（{day}）',
    free: '剩余 {n} 个名额',
    full: '已约满',
    past: '已开始，不可预约',
    closed: '这一天大厅不办公（节假日、休息日或闭厅），请选择其他日期。',
    none: '这一天没有可预约的时段。',
    justFull: '该时段刚刚约满，请选择其他时段。',
    current: '（当前预约）',
  },
  {
    legend: 'Choose a time ({day})',
    free: '{n} places left',
    full: 'Full',
    past: 'Already begun',
    closed: 'The hall is closed on this day (a public holiday, weekend or closure): choose another day.',
    none: 'No times can be booked on this day.',
    justFull: 'This time has just filled up: choose another.',
    current: ' (your booking)',
  },
);

/**
 * A matter's slots at a hall on a day (GET /halls/{id}/slots), as choices with their free places; full or begun slots
 * say so and cannot be chosen. `fullStart`: the slot a booking just found full (409), said next to that slot.
 */
export function SlotPicker(props: {
  path: string;
  hallId: string;
  matterCode: string;
  date: string;
  value: string | undefined;
  onChange(start: string): void;
  error?: string;
  fullStart?: string;
  refreshKey?: number;
  /** The slot of the booking being moved (rescheduling). */
  current?: { date: string; start: string };
}) {
  const t = useT(messages);
  const label = useDayLabel();
  const detail = useDetailMessage();
  const { hallId, matterCode, date, refreshKey = 0 } = props;
  const loaded = useApi(
    () =>
      unwrap(api().GET('/halls/{id}/slots', { params: { path: { id: hallId }, query: { matter: matterCode, date } } })),
    [hallId, matterCode, date, refreshKey],
  );
  const id = fieldId(props.path);

  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'error') {
    // A day the API refuses (no calendar for its year, a bad date) says why, in the reader's language.
    const reason = loaded.error.details[0];
    if (loaded.error.status === 422 && reason)
      return (
        <p className="notice notice--warning" role="status">
          {detail(reason)}
        </p>
      );
    return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  }
  const day = loaded.data;
  if (!day.open || day.slots.length === 0)
    return (
      <p className="notice notice--warning" role="status">
        {day.open ? t('none') : t('closed')}
      </p>
    );
  return (
    <div className={props.error ? 'field field--error' : 'field'}>
      {/* The fieldset takes the error summary's focus: its first slot may be one that cannot be chosen. */}
      <fieldset id={id} className="slots" tabIndex={-1} aria-describedby={props.error ? `${id}-error` : undefined}>
        <legend>{t('legend', { day: label(date) })}</legend>
        {props.error && (
          <span className="field-error" id={`${id}-error`}>
            {props.error}
          </span>
        )}
        <div className="choices">
          {day.slots.map((slot) => {
            const slotId = `${id}-${slot.start.replace(':', '')}`;
            const isCurrent = props.current?.date === date && props.current.start === slot.start;
            const justFull = props.fullStart === slot.start;
            const note = slot.bookable ? t('free', { n: slot.free }) : slot.free === 0 ? t('full') : t('past');
            return (
              <div className={`choice slot${slot.free === 0 ? ' slot--full' : ''}`} key={slot.start}>
                <input
                  id={slotId}
                  type="radio"
                  name={id}
                  value={slot.start}
                  checked={props.value === slot.start}
                  disabled={!slot.bookable || isCurrent}
                  onChange={() => props.onChange(slot.start)}
                  aria-describedby={justFull ? `${slotId}-full` : undefined}
                />
                <label htmlFor={slotId}>
                  {slot.start}–{slot.end}
                  {isCurrent && t('current')}
                  <span className="slot__note">{note}</span>
                  {justFull && (
                    <span className="slot__error" id={`${slotId}-full`}>
                      {t('justFull')}
                    </span>
                  )}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
