import type { CASE_ACTIONS } from '@shared/domain/applications/case';
import type { components } from '../../api/schema';
import { defineMessages, useT } from '../../i18n/i18n';

/**
 * A case's status in words and colour, and what the API lets its owner do in each status. The status lists mirror
 * the state machine's transition table (shared/domain/applications/case.ts); the type checks below fail the build
 * when the two drift apart, so the pages never offer a click the API would refuse.
 */
export type CaseView = components['schemas']['Case'];
export type CaseStatus = CaseView['status'];

type From<A extends keyof typeof CASE_ACTIONS> = (typeof CASE_ACTIONS)[A]['from'][number];

/** A list of statuses that compiles only when it names exactly those the state machine allows `A` from. */
const statuses =
  <A extends keyof typeof CASE_ACTIONS>() =>
  <const T extends readonly From<A>[]>(
    list: T & ([From<A>] extends [T[number]] ? unknown : { missing: Exclude<From<A>, T[number]> }),
  ): readonly CaseStatus[] =>
    list;

/** Withdrawal is possible until a decision (行政许可法). */
export const WITHDRAWABLE = statuses<'withdrawn'>()([
  'DRAFT',
  'SUBMITTED',
  'CORRECTION_REQUESTED',
  'ACCEPTED',
  'IN_REVIEW',
  'RETURNED',
]);
/** 好差评: once the case is completed (办结). */
export const RATEABLE = statuses<'rated'>()(['APPROVED', 'ISSUED', 'DELIVERED', 'REJECTED', 'REFUSED']);
/** Window pickup or post can be chosen until the result is issued. */
export const DELIVERY_CHOOSABLE = statuses<'delivery-chosen'>()([
  'DRAFT',
  'SUBMITTED',
  'CORRECTION_REQUESTED',
  'ACCEPTED',
  'IN_REVIEW',
  'RETURNED',
  'APPROVED',
]);
/** A new fee order is taken while the case is accepted and not yet decided (or approved and waiting for payment). */
export const ORDERABLE = statuses<'payment-ordered'>()(['ACCEPTED', 'IN_REVIEW', 'RETURNED', 'APPROVED']);
/** The two correction requests: the window's (一次性告知, before acceptance) and a department's return during review. */
export const CORRECTING: readonly CaseStatus[] = ['CORRECTION_REQUESTED', 'RETURNED'];
/** Something is happening on the platform's side: the page polls for the next status. */
export const IN_PROGRESS: readonly CaseStatus[] = ['SUBMITTED', 'ACCEPTED', 'IN_REVIEW', 'APPROVED'];
/** The result exists (a decision to approve), so its delivery can be followed. */
export const HAS_RESULT: readonly CaseStatus[] = ['APPROVED', 'ISSUED', 'DELIVERED'];

export const statusMessages = defineMessages(
  {
    DRAFT: '草稿',
    SUBMITTED: '已提交',
    CORRECTION_REQUESTED: '待补正',
    ACCEPTED: '已受理',
    REFUSED: '不予受理',
    IN_REVIEW: '审查中',
    RETURNED: '退回补正',
    APPROVED: '已批准',
    REJECTED: '不予许可',
    ISSUED: '已出证',
    DELIVERED: '已送达',
    WITHDRAWN: '已撤回',
  },
  {
    DRAFT: 'Draft',
    SUBMITTED: 'Submitted',
    CORRECTION_REQUESTED: 'Corrections needed',
    ACCEPTED: 'Accepted',
    REFUSED: 'Not accepted',
    IN_REVIEW: 'In review',
    RETURNED: 'Returned for corrections',
    APPROVED: 'Approved',
    REJECTED: 'Rejected',
    ISSUED: 'Licence issued',
    DELIVERED: 'Delivered',
    WITHDRAWN: 'Withdrawn',
  },
);

const COLOUR: Record<CaseStatus, '' | 'green' | 'red' | 'yellow' | 'grey'> = {
  DRAFT: 'grey',
  SUBMITTED: '',
  CORRECTION_REQUESTED: 'yellow',
  ACCEPTED: '',
  REFUSED: 'red',
  IN_REVIEW: '',
  RETURNED: 'yellow',
  APPROVED: 'green',
  REJECTED: 'red',
  ISSUED: 'green',
  DELIVERED: 'green',
  WITHDRAWN: 'grey',
};

export function StatusTag({ status }: { status: CaseStatus }) {
  const t = useT(statusMessages);
  const colour = COLOUR[status];
  return <strong className={colour ? `tag tag--${colour}` : 'tag'}>{t(status)}</strong>;
}

/** Statuses of the timeline's `from`/`to` and of bundle members may be any string: the known ones in words. */
export function useStatusLabel(): (status: string | undefined) => string {
  const t = useT(statusMessages);
  return (status) => (status && status in COLOUR ? t(status as CaseStatus) : (status ?? ''));
}

/** A 一件事 bundle's member, as the bundle case records it (BundleMember.status). */
const memberMessages = defineMessages(
  {
    PENDING: '等待办理',
    RUNNING: '办理中',
    APPROVED: '已批准',
    REJECTED: '未获批准',
    WITHDRAWN: '已撤回',
    NOT_STARTED: '未启动',
  },
  {
    PENDING: 'Waiting',
    RUNNING: 'In progress',
    APPROVED: 'Approved',
    REJECTED: 'Not approved',
    WITHDRAWN: 'Withdrawn',
    NOT_STARTED: 'Not started',
  },
);

export function useMemberStatusLabel(): (status: string) => string {
  const t = useT(memberMessages);
  return (status) => (status in memberMessages.zh ? t(status as keyof (typeof memberMessages)['zh']) : status);
}
