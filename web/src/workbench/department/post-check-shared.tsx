import type { components } from '../../api/schema';
import { defineMessages, useFormat, useT } from '../../i18n/i18n';
import { useWorkingDaysLeft } from '../../pages/cases/working-days';

export type PostCheck = components['schemas']['PostCheck'];
export type PostCheckStatus = PostCheck['status'];

/** The words the two post-check pages share: the result's tags and the working days left. */
export const postCheckWords = defineMessages(
  {
    open: '待核查',
    done: '已核查',
    true: '承诺属实',
    false: '承诺不实',
    daysLeft: '剩余 {n} 个工作日',
    dueToday: '今日到期',
    overdue: '已逾期',
    late: '逾期记录',
    onTime: '按期记录',
    provisional: '暂按周一至周五推算：该年度节假日安排尚未载入',
  },
  {
    open: 'To check',
    done: 'Checked',
    true: 'Commitment true',
    false: 'Commitment false',
    daysLeft: '{n} working days left',
    dueToday: 'Due today',
    overdue: 'Overdue',
    late: 'Recorded late',
    onTime: 'Recorded on time',
    provisional: 'Counted Monday to Friday for now: that year’s holidays are not loaded yet',
  },
);

export const RESULT_TAG: Record<NonNullable<PostCheck['result']>, string> = {
  true: 'tag tag--green',
  false: 'tag tag--red',
};

/**
 * A post-check's due date with what is left in words: working days on the platform's calendar, 今日到期 on the day,
 * 已逾期 (and red) after it; never by colour alone. The date alone while the calendar loads or when it is missing.
 */
export function PostCheckDue({ date, provisional }: { date: string; provisional?: boolean }) {
  const t = useT(postCheckWords);
  const format = useFormat();
  const left = useWorkingDaysLeft(date);
  const overdue = left === -1;
  return (
    <span className={overdue ? 'due due--overdue overdue' : 'due'}>
      <time dateTime={date}>{format.date(date)}</time>
      {left !== undefined && (
        <span className="post-checks__left">
          {overdue ? t('overdue') : left === 0 ? t('dueToday') : t('daysLeft', { n: left })}
        </span>
      )}
      {provisional && <span className="post-checks__left">{t('provisional')}</span>}
    </span>
  );
}
