import { defineMessages, useFormat, useT } from '../../i18n/i18n';
import type { CaseView } from './status';

const messages = defineMessages(
  {
    draft: '尚未提交：请继续填写并提交。',
    draftUntil: '尚未提交：请在 {date} 前继续填写并提交，逾期草稿将被清除。',
    correct: '需要您补正：共 {n} 项（一次性告知）。',
    returned: '审批部门退回补正：共 {n} 项，审查时限暂停，补正后继续。',
    pay: '需要您缴费：{amount}。',
    waitAcceptance: '等待窗口受理，无需操作。',
    waitReview: '审批部门正在审查，无需操作。',
    waitIssue: '已批准，正在制作结果。',
    nothing: '已办结，无需操作。',
    withdrawn: '已撤回，无需操作。',
  },
  {
    draft: 'Not submitted yet: continue filling it in and submit it.',
    draftUntil: 'Not submitted yet: continue and submit it by {date}; drafts left longer are deleted.',
    correct: 'You need to correct {n} item(s), all listed at once.',
    returned: 'The department returned the case for {n} correction(s); the review clock waits for you.',
    pay: 'You need to pay the fee: {amount}.',
    waitAcceptance: 'Waiting for the window to accept it; nothing to do.',
    waitReview: 'The departments are reviewing it; nothing to do.',
    waitIssue: 'Approved; the result is being prepared.',
    nothing: 'Completed; nothing to do.',
    withdrawn: 'Withdrawn; nothing to do.',
  },
);

/** Whether the applicant must act now (corrections, fees, a draft), as a short sentence. */
export function useNextStep(): (c: CaseView, unpaid?: { amountFen: number }) => { text: string; action: boolean } {
  const t = useT(messages);
  const format = useFormat();
  return (c, unpaid) => {
    const items = c.corrections?.length ?? 0;
    switch (c.status) {
      case 'DRAFT':
        return {
          text: c.deadlines.draftExpiresAt
            ? t('draftUntil', { date: format.date(c.deadlines.draftExpiresAt) })
            : t('draft'),
          action: true,
        };
      case 'CORRECTION_REQUESTED':
        return { text: t('correct', { n: items }), action: true };
      case 'RETURNED':
        return { text: t('returned', { n: items }), action: true };
      default:
        break;
    }
    if (unpaid) return { text: t('pay', { amount: format.fen(unpaid.amountFen) }), action: true };
    switch (c.status) {
      case 'SUBMITTED':
        return { text: t('waitAcceptance'), action: false };
      case 'ACCEPTED':
      case 'IN_REVIEW':
        return { text: t('waitReview'), action: false };
      case 'APPROVED':
        return { text: t('waitIssue'), action: false };
      case 'WITHDRAWN':
        return { text: t('withdrawn'), action: false };
      default:
        return { text: t('nothing'), action: false };
    }
  };
}
