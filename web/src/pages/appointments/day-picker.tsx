import { fieldId, Loading } from '../../components/common';
import { defineMessages, useT } from '../../i18n/i18n';
import { shanghaiToday, useDayLabel, useUpcomingWorkingDays } from './working-days';
import './appointments.css';

const messages = defineMessages(
  {
    legend: '选择日期',
    hint: '以下是接下来的工作日；节假日和周末不办公（调休上班日照常办公）。',
    other: '或输入其他日期',
    otherHint: '可选更晚的日期；节假日和周末没有可预约的时段',
    none: '暂无可预约的工作日（下一年度的节假日安排尚未录入）。',
  },
  {
    legend: 'Choose a day',
    hint: 'The next working days; halls are closed on public holidays and weekends (make-up working days are open).',
    other: 'Or enter another date',
    otherHint: 'A later day, if you wish; public holidays and weekends have no times',
    none: 'No working days can be booked yet (next year’s holiday calendar is not loaded).',
  },
);

/** The next working days as choices, and a date input for any other day; `path` names the field (ids, errors). */
export function DayPicker({
  path,
  value,
  onChange,
  error,
}: {
  path: string;
  value: string | undefined;
  onChange(day: string): void;
  error?: string;
}) {
  const t = useT(messages);
  const days = useUpcomingWorkingDays(10);
  const label = useDayLabel();
  const id = fieldId(path);
  const otherId = `${id}-other`;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <fieldset aria-describedby={describedBy}>
        <legend>{t('legend')}</legend>
        <span className="hint" id={`${id}-hint`}>
          {t('hint')}
        </span>
        {error && (
          <span className="field-error" id={`${id}-error`}>
            {error}
          </span>
        )}
        {!days && <Loading />}
        {days && days.length === 0 && <p>{t('none')}</p>}
        {days && days.length > 0 && (
          <div className="choices">
            {days.map((day, i) => (
              <div className="choice" key={day}>
                <input
                  id={i === 0 ? id : `${id}-${day}`}
                  type="radio"
                  name={id}
                  value={day}
                  checked={value === day}
                  onChange={() => onChange(day)}
                />
                <label htmlFor={i === 0 ? id : `${id}-${day}`}>{label(day)}</label>
              </div>
            ))}
          </div>
        )}
      </fieldset>
      <label htmlFor={otherId} className="label">
        {t('other')}
      </label>
      <span className="hint" id={`${otherId}-hint`}>
        {t('otherHint')}
      </span>
      <input
        id={otherId}
        type="date"
        min={shanghaiToday()}
        value={value ?? ''}
        aria-describedby={`${otherId}-hint`}
        onChange={(e) => {
          if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) onChange(e.target.value);
        }}
      />
    </div>
  );
}
