import { defineMessages, useFormat, useT } from '../../i18n/i18n';

const messages = defineMessages({ overdue: '已逾期', today: '今日到期' }, { overdue: 'Overdue', today: 'Due today' });

/** Today in Asia/Shanghai (YYYY-MM-DD), where the platform's dates live. */
export const shanghaiToday = (): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

export type DueState = 'overdue' | 'today' | 'later';

/** Where a due date (YYYY-MM-DD) stands against today: a string comparison, no calendar needed. */
export const dueState = (date: string, today: string): DueState =>
  date < today ? 'overdue' : date === today ? 'today' : 'later';

/**
 * A due date, with "已逾期" in words (and red) when it has passed, "今日到期" on the day: the state is never told by
 * colour alone. `today` is passed in so that a table of 500 rows computes it once.
 */
export function DueDate({ date, today }: { date: string | undefined; today: string }) {
  const t = useT(messages);
  const format = useFormat();
  if (!date) return null;
  const state = dueState(date, today);
  return (
    <span className={state === 'overdue' ? 'due due--overdue overdue' : state === 'today' ? 'due due--today' : 'due'}>
      <time dateTime={date}>{format.date(date)}</time>
      {state !== 'later' && <> {t(state)}</>}
    </span>
  );
}
