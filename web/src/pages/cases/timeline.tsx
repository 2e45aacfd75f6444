import { useMe } from '../../auth/session';
import { defineMessages, useFormat, useLocalised, useT } from '../../i18n/i18n';
import type { EntryInfo, Localised } from './catalogue';
import { useMemberStatusLabel, useStatusLabel } from './status';
import type { Timeline, TimelineEntry } from './use-case';

const messages = defineMessages(
  {
    title: '办理记录',
    valid: '记录完整：共 {n} 条记录，哈希链校验通过，未被篡改。',
    broken: '记录校验失败：从第 {n} 条记录起哈希链断裂（{reason}），请联系办理部门。',
    you: '您',
    applicant: '申请人',
    agent: '代办人',
    window: '综合窗口',
    department: '审批部门',
    supervisor: '监督人员',
    admin: '系统管理员',
    system: '系统',
    reason: '说明：{reason}',
    statusChange: '状态：{from} → {to}',
    entry: '第 {n} 条',
    created: '创建申请（草稿）',
    'draft-updated': '保存草稿',
    'material-added': '上传材料：{material}（{file}）',
    'licence-referenced': '以电子证照代替材料：{material}（{licence}）',
    submitted: '提交申请',
    'correction-requested': '要求补正，一次性告知 {n} 项',
    resubmitted: '补正后重新提交',
    accepted: '受理',
    acceptedDeemed: '受理期限届满，视为受理',
    acceptedTolerated: '容缺受理，{n} 项材料后补',
    refused: '不予受理',
    'review-started': '开始审查，{days} 个工作日内办结（至 {date}）',
    'task-opened': '{department}开始审查（期限 {date}）',
    'task-claimed': '{department}审批人员已接办',
    'task-approved': '{department}审查通过',
    'task-rejected': '{department}审查不通过',
    'task-suspended': '{department}中止审查（特别程序，不计入时限）',
    'task-resumed': '{department}恢复审查',
    'task-escalated': '{department}审查临近或超过期限，已督办',
    'task-cancelled': '{department}的审查已取消',
    returned: '{department}退回补正，共 {n} 项（审查时限暂停）',
    'review-failed': '审查流程出现故障，工作人员正在处理',
    'correction-submitted': '已提交补正，恢复审查',
    'extension-requested': '审批部门申请延期 {days} 个工作日',
    'extension-granted': '延期获批准，新的办结期限 {date}',
    'extension-denied': '延期申请未获批准',
    'member-started': '一件事：{matter}开始办理（{number}）',
    'member-completed': '一件事：{matter}办理结束（{status}）',
    'bundle-wait-renewed': '一件事进度已同步',
    approved: '准予许可',
    rejected: '不予许可',
    'licence-issued': '签发电子证照：{licence}',
    'payment-ordered': '生成缴费订单：{amount}',
    'payment-updated': '缴费状态更新：{status}',
    'refund-requested': '申请退款',
    'delivery-chosen': '选择结果送达方式：{method}',
    'delivery-updated': '结果送达进度：{status}',
    delivered: '结果已送达',
    rated: '提交评价（能力 {ability}，态度 {attitude}，效果 {effect}）',
    'rectification-opened': '差评整改已启动，由{department}在 {date} 前答复',
    'rectification-answered': '部门已答复差评整改',
    withdrawn: '撤回申请',
    other: '办件记录：{action}',
    window_method: '窗口领取',
    post_method: '邮寄送达',
    AWAITING: '待缴费',
    PAID: '已缴费',
    FAILED: '支付失败',
    EXPIRED: '订单已过期',
    CANCELLED: '订单已取消',
    REFUNDING: '退款中',
    REFUNDED: '已退款',
    READY_FOR_PICKUP: '可到窗口领取',
    SHIPPED: '已寄出',
    IN_TRANSIT: '运输中',
    RETURNED: '邮件被退回',
  },
  {
    title: 'History',
    valid: 'The record is complete: {n} entries, and the hash chain checks out (nothing was changed).',
    broken:
      'The record failed its check: the hash chain breaks at entry {n} ({reason}). Please contact the department.',
    you: 'You',
    applicant: 'Applicant',
    agent: 'Agent',
    window: 'Service window',
    department: 'Reviewing department',
    supervisor: 'Supervisor',
    admin: 'Administrator',
    system: 'System',
    reason: 'Note: {reason}',
    statusChange: 'Status: {from} → {to}',
    entry: 'Entry {n}',
    created: 'Application started (draft)',
    'draft-updated': 'Draft saved',
    'material-added': 'Material uploaded: {material} ({file})',
    'licence-referenced': 'E-licence given instead of a material: {material} ({licence})',
    submitted: 'Application submitted',
    'correction-requested': 'Corrections asked for: {n} item(s), all at once',
    resubmitted: 'Resubmitted with corrections',
    accepted: 'Accepted',
    acceptedDeemed: 'Accepted by default (no decision within the acceptance limit)',
    acceptedTolerated: 'Accepted with {n} material(s) to follow',
    refused: 'Not accepted',
    'review-started': 'Review started: decision within {days} working days (by {date})',
    'task-opened': '{department} started its review (due {date})',
    'task-claimed': '{department}: an officer took the case',
    'task-approved': '{department} approved',
    'task-rejected': '{department} did not approve',
    'task-suspended': '{department} suspended the review (special procedure, not counted)',
    'task-resumed': '{department} resumed the review',
    'task-escalated': '{department}: review near or past its deadline, escalated',
    'task-cancelled': '{department}: review cancelled',
    returned: '{department} returned the case for {n} correction(s) (the clock waits)',
    'review-failed': 'The review process failed; staff are looking into it',
    'correction-submitted': 'Corrections submitted; the review resumes',
    'extension-requested': 'The department asked for {days} more working days',
    'extension-granted': 'Extension granted; the decision is now due by {date}',
    'extension-denied': 'Extension not granted',
    'member-started': 'Bundle: {matter} started ({number})',
    'member-completed': 'Bundle: {matter} ended ({status})',
    'bundle-wait-renewed': 'Bundle progress synchronised',
    approved: 'Approved',
    rejected: 'Rejected',
    'licence-issued': 'E-licence issued: {licence}',
    'payment-ordered': 'Fee order made: {amount}',
    'payment-updated': 'Payment: {status}',
    'refund-requested': 'Refund requested',
    'delivery-chosen': 'Delivery of the result chosen: {method}',
    'delivery-updated': 'Delivery of the result: {status}',
    delivered: 'Result delivered',
    rated: 'Rated (ability {ability}, attitude {attitude}, effect {effect})',
    'rectification-opened': 'Rectification opened: {department} answers by {date}',
    'rectification-answered': 'The department answered the rectification',
    withdrawn: 'Application withdrawn',
    other: 'Case record: {action}',
    window_method: 'pickup at the window',
    post_method: 'by post',
    AWAITING: 'awaiting payment',
    PAID: 'paid',
    FAILED: 'payment failed',
    EXPIRED: 'order expired',
    CANCELLED: 'order cancelled',
    REFUNDING: 'refund under way',
    REFUNDED: 'refunded',
    READY_FOR_PICKUP: 'ready at the window',
    SHIPPED: 'shipped',
    IN_TRANSIT: 'in transit',
    RETURNED: 'returned to sender',
  },
);
type Key = keyof (typeof messages)['zh'];

const ROLES = new Set(['applicant', 'agent', 'window', 'department', 'supervisor', 'admin', 'system']);
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** The case's hash-chained history in words (who, when, what), and whether the chain verifies. */
export function CaseTimeline({
  timeline,
  info,
  departments,
}: {
  timeline: Timeline;
  info?: EntryInfo;
  departments: ReadonlyMap<string, Localised>;
}) {
  const t = useT(messages);
  const format = useFormat();
  const describe = useDescribe(info, departments);
  const me = useMe();
  const statusLabel = useStatusLabel();
  const integrity = timeline.integrity;
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('title')}</h2>
      {integrity.valid ? (
        <p className="notice notice--success chain chain--valid">{t('valid', { n: integrity.entries })}</p>
      ) : (
        <p className="notice notice--error chain chain--broken" role="alert">
          {t('broken', { n: integrity.brokenAt, reason: integrity.reason })}
        </p>
      )}
      <ol className="timeline case-timeline">
        {[...timeline.items].reverse().map((entry) => {
          const broken = !integrity.valid && entry.seq >= integrity.brokenAt;
          return (
            <li
              key={entry.seq}
              className={broken ? 'case-timeline__entry case-timeline__entry--broken' : 'case-timeline__entry'}
            >
              <p className="case-timeline__what">{describe(entry)}</p>
              <p className="case-timeline__meta muted">
                <time dateTime={entry.at}>{format.dateTime(entry.at)}</time> ·{' '}
                {entry.actor.sub === me.sub
                  ? t('you')
                  : ROLES.has(entry.actor.role)
                    ? t(entry.actor.role as Key)
                    : entry.actor.role}{' '}
                · {t('entry', { n: entry.seq })}
              </p>
              {entry.from && entry.to && (
                <p className="case-timeline__detail">
                  {t('statusChange', { from: statusLabel(entry.from), to: statusLabel(entry.to) })}
                </p>
              )}
              {entry.reason && <p className="case-timeline__detail">{t('reason', { reason: entry.reason })}</p>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** One history entry as a sentence, with the names of materials, departments and matters instead of codes. */
function useDescribe(
  info: EntryInfo | undefined,
  departments: ReadonlyMap<string, Localised>,
): (entry: TimelineEntry) => string {
  const t = useT(messages);
  const localised = useLocalised();
  const format = useFormat();
  const memberStatus = useMemberStatusLabel();
  return (entry) => {
    const data = entry.data ?? {};
    const department = () => {
      const code = str(data.department);
      return departments.has(code) ? localised(departments.get(code)) : code || t('department');
    };
    const material = () => info?.materialNames.get(str(data.material)) ?? str(data.material);
    const itemCount = () => (Array.isArray(data.items) ? data.items.length : 0);
    const known = (value: unknown) =>
      typeof value === 'string' && value in messages.zh ? t(value as Key) : str(value);
    switch (entry.action) {
      case 'material-added':
        return t('material-added', { material: material(), file: str(data.fileName) });
      case 'licence-referenced':
        return t('licence-referenced', { material: material(), licence: str(data.licenceNo) });
      case 'correction-requested':
        return t('correction-requested', { n: itemCount() });
      case 'accepted':
        if (data.deemed === true) return t('acceptedDeemed');
        if (Array.isArray(data.tolerated) && data.tolerated.length > 0)
          return t('acceptedTolerated', { n: data.tolerated.length });
        return t('accepted');
      case 'review-started':
        return t('review-started', { days: str(data.limitDays), date: format.date(str(data.dueDate)) });
      case 'task-opened':
        return t('task-opened', { department: department(), date: format.date(str(data.dueDate)) });
      case 'task-claimed':
      case 'task-approved':
      case 'task-rejected':
      case 'task-suspended':
      case 'task-resumed':
      case 'task-escalated':
      case 'task-cancelled':
        return t(entry.action, { department: department() });
      case 'returned':
        return t('returned', { department: department(), n: itemCount() });
      case 'extension-requested':
        return t('extension-requested', { days: str(data.days) });
      case 'extension-granted':
        return t('extension-granted', { date: format.date(str(data.dueDate)) });
      case 'member-started':
      case 'member-completed':
        return t(entry.action, {
          matter: info?.memberNames.get(str(data.matterCode)) ?? str(data.matterCode),
          number: str(data.caseNumber),
          status: memberStatus(str(data.status)),
        });
      case 'licence-issued':
        return t('licence-issued', { licence: str(data.licenceNo) });
      case 'payment-ordered':
        return t('payment-ordered', {
          amount: format.fen(typeof data.amountFen === 'number' ? data.amountFen : undefined),
        });
      case 'payment-updated':
      case 'delivery-updated':
        return t(entry.action, { status: known(data.status) });
      case 'delivery-chosen':
        return t('delivery-chosen', { method: t(data.method === 'post' ? 'post_method' : 'window_method') });
      case 'rated':
        return t('rated', { ability: str(data.ability), attitude: str(data.attitude), effect: str(data.effect) });
      case 'rectification-opened':
        return t('rectification-opened', { department: department(), date: format.date(str(data.dueDate)) });
      default:
        return entry.action in messages.zh ? t(entry.action as Key) : t('other', { action: entry.action });
    }
  };
}
