import { defineMessages, useFormat, useT } from '../../i18n/i18n';
import { useWorkingDaysLeft } from './working-days';

const messages = defineMessages(
  {
    left: '还剩 {n} 个工作日',
    today: '今天到期',
    overdue: '已逾期',
  },
  {
    left: '{n} working days left',
    today: 'Due today',
    overdue: 'Overdue',
  },
);

/** A due date (YYYY-MM-DD) with the working days left on the platform's holiday calendar. */
export function Deadline({ date }: { date: string }) {
  const t = useT(messages);
  const format = useFormat();
  const left = useWorkingDaysLeft(date);
  return (
    <>
      <time dateTime={date}>{format.date(date)}</time>
      {left !== undefined && (
        <span className={left < 0 ? 'deadline deadline--overdue' : 'deadline'}>
          {left > 0 ? t('left', { n: left }) : left === 0 ? t('today') : t('overdue')}
        </span>
      )}
    </>
  );
}
