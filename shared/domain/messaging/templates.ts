import { ALL_EVENT_CONTRACTS } from '../../contracts/all-events';
import type { Audience, Bilingual, Channel, Language } from './model';

/**
 * What the platform says, per event detail-type and channel, Chinese first with English. Placeholders are `{name}`;
 * templateValues() (values.ts) fills them from the event's detail and the catalogue's names. The inbox is always written; a
 * template without `sms` or `email` is not sent on that channel (a new to-do does not wake a department head).
 */
export interface TextPair {
  readonly title: string;
  readonly body: string;
}

export interface MessageTemplate {
  readonly audience: Audience;
  readonly inbox: { readonly zh: TextPair; readonly en: TextPair };
  readonly sms?: { readonly zh: string; readonly en: string };
  readonly email?: { readonly zh: TextPair; readonly en: TextPair };
  /** The event only concerns the audience when this holds (e.g. a task resumed by the department, not by the applicant). */
  readonly when?: (detail: Record<string, unknown>) => boolean;
}

const SMS_SIGN: Bilingual = { zh: '【一网通办】', en: '[One-Stop Gov] ' };
const EMAIL_SUBJECT: Bilingual = { zh: '【一网通办】', en: '[One-Stop Gov] ' };
const EMAIL_FOOTER: Bilingual = {
  zh: '此邮件由一网通办平台自动发送，请勿直接回复。',
  en: 'This message was sent by the One-Stop Government Services platform; please do not reply to it.',
};

/** The e-mail of a message: its inbox title as the subject, its inbox body with a footer as the text. */
function mail(inbox: MessageTemplate['inbox']): NonNullable<MessageTemplate['email']> {
  const one = (lang: Language) => ({
    title: `${EMAIL_SUBJECT[lang]}${inbox[lang].title}`,
    body: `${inbox[lang].body}\n\n${EMAIL_FOOTER[lang]}`,
  });
  return { zh: one('zh'), en: one('en') };
}

type Channels = { sms?: Bilingual; email?: boolean; when?: MessageTemplate['when'] };

function template(audience: Audience, zh: TextPair, en: TextPair, channels: Channels = {}): MessageTemplate {
  const inbox = { zh, en };
  return {
    audience,
    inbox,
    ...(channels.sms
      ? { sms: { zh: `${SMS_SIGN.zh}${channels.sms.zh}`, en: `${SMS_SIGN.en}${channels.sms.en}` } }
      : {}),
    ...(channels.email ? { email: mail(inbox) } : {}),
    ...(channels.when ? { when: channels.when } : {}),
  };
}

/** A message to the applicant: inbox, SMS and e-mail (the last two when the applicant opted in). */
const toApplicant = (zh: TextPair, en: TextPair, sms: Bilingual, when?: MessageTemplate['when']) =>
  template('applicant', zh, en, { sms, email: true, when });

export const MESSAGE_TEMPLATES: Readonly<Record<string, MessageTemplate>> = {
  // ---- the applicant: every status change that matters to them ----
  'Application.Submitted.v1': toApplicant(
    {
      title: '申请已提交',
      body: '您的{matterName}申请已提交，办件编号{caseNumber}。窗口将于{acceptanceDue}前作出是否受理的决定。',
    },
    {
      title: 'Application submitted',
      body: 'Your application for {matterName} was submitted as case {caseNumber}. The window will decide whether to accept it by {acceptanceDue}.',
    },
    {
      zh: '您的{matterName}申请（{caseNumber}）已提交，将于{acceptanceDue}前作出受理决定。',
      en: 'Case {caseNumber} ({matterName}) was submitted; acceptance will be decided by {acceptanceDue}.',
    },
  ),
  'Application.CorrectionRequested.v1': toApplicant(
    {
      title: '请补正材料',
      body: '您的{matterName}申请（{caseNumber}）需要补正。请一次性补正以下内容后重新提交：{items}',
    },
    {
      title: 'Corrections needed',
      body: 'Your application for {matterName} ({caseNumber}) needs corrections. Please correct all of the following, then resubmit: {items}',
    },
    {
      zh: '您的申请{caseNumber}需要补正材料，请登录一网通办查看补正清单并重新提交。',
      en: 'Case {caseNumber} needs corrections. Sign in to see the list and resubmit.',
    },
  ),
  'Application.Resubmitted.v1': toApplicant(
    {
      title: '补正材料已提交',
      body: '您的{matterName}申请（{caseNumber}）已重新提交，窗口将于{acceptanceDue}前作出是否受理的决定。',
    },
    {
      title: 'Corrections submitted',
      body: 'Your application for {matterName} ({caseNumber}) was resubmitted. The window will decide whether to accept it by {acceptanceDue}.',
    },
    {
      zh: '您的申请{caseNumber}已重新提交，将于{acceptanceDue}前作出受理决定。',
      en: 'Case {caseNumber} was resubmitted; acceptance will be decided by {acceptanceDue}.',
    },
  ),
  'Application.Accepted.v1': toApplicant(
    {
      title: '申请已受理',
      body: '您的{matterName}申请（{caseNumber}）已于{acceptedDate}受理，进入部门审查。{acceptedNote}',
    },
    {
      title: 'Application accepted',
      body: 'Your application for {matterName} ({caseNumber}) was accepted on {acceptedDate} and goes to the reviewing departments.{acceptedNote}',
    },
    { zh: '您的申请{caseNumber}已受理，进入部门审查。', en: 'Case {caseNumber} was accepted and is now under review.' },
  ),
  'Application.Refused.v1': toApplicant(
    { title: '申请不予受理', body: '您的{matterName}申请（{caseNumber}）不予受理。理由：{reason}' },
    {
      title: 'Application not accepted',
      body: 'Your application for {matterName} ({caseNumber}) was not accepted. Reason: {reason}',
    },
    {
      zh: '您的申请{caseNumber}不予受理，理由请登录一网通办查看。',
      en: 'Case {caseNumber} was not accepted; sign in to read the reason.',
    },
  ),
  'Application.Withdrawn.v1': toApplicant(
    { title: '申请已撤回', body: '您的{matterName}申请（{caseNumber}）已撤回，办理终止。' },
    {
      title: 'Application withdrawn',
      body: 'Your application for {matterName} ({caseNumber}) was withdrawn; its processing has ended.',
    },
    { zh: '您的申请{caseNumber}已撤回。', en: 'Case {caseNumber} was withdrawn.' },
  ),
  // Inbox only: it follows the acceptance within a second, whose SMS and e-mail already say the review starts (the
  // bench showed e-mail to be half the platform's cost per case).
  'Application.ReviewStarted.v1': template(
    'applicant',
    {
      title: '部门审查已开始',
      body: '您的{matterName}申请（{caseNumber}）已进入部门审查，办理时限{limitDays}个工作日，将于{dueDate}前办结。',
    },
    {
      title: 'Review started',
      body: 'Your application for {matterName} ({caseNumber}) is under review by the departments; within {limitDays} working days, it is due by {dueDate}.',
    },
  ),
  'Task.Returned.v1': toApplicant(
    {
      title: '审查中需要补正',
      body: '{department}在审查您的{matterName}申请（{caseNumber}）时要求补正，补正期间审查时限暂停计算。请补正以下内容：{items}',
    },
    {
      title: 'Corrections asked during review',
      body: '{department}, reviewing your application for {matterName} ({caseNumber}), asks for corrections; the review clock stops until you send them: {items}',
    },
    {
      zh: '您的申请{caseNumber}在审查中需要补正，请登录一网通办查看并提交。',
      en: 'Case {caseNumber} needs corrections during review; sign in to see them.',
    },
  ),
  'Task.Suspended.v1': toApplicant(
    {
      title: '审查进入特别程序',
      body: '您的{matterName}申请（{caseNumber}）进入{specialProcedure}程序，预计{expectedDays}个工作日，依法不计入办理时限。原因：{reason}',
    },
    {
      title: 'Review paused for a special procedure',
      body: 'Your application for {matterName} ({caseNumber}) entered a special procedure ({specialProcedure}, about {expectedDays} working days), which by law does not count towards the time limit. Reason: {reason}',
    },
    {
      zh: '您的申请{caseNumber}进入{specialProcedure}程序，该期间不计入办理时限。',
      en: 'Case {caseNumber} entered a special procedure ({specialProcedure}); that time does not count.',
    },
  ),
  'Task.Resumed.v1': toApplicant(
    {
      title: '审查已恢复',
      body: '{department}已结束特别程序，您的{matterName}申请（{caseNumber}）恢复审查，将于{caseDueDate}前办结。',
    },
    {
      title: 'Review resumed',
      body: '{department} finished the special procedure; the review of your application for {matterName} ({caseNumber}) goes on and is due by {caseDueDate}.',
    },
    {
      zh: '您的申请{caseNumber}已恢复审查，将于{caseDueDate}前办结。',
      en: 'The review of case {caseNumber} resumed; it is due by {caseDueDate}.',
    },
    // Resumed by the applicant's own correction: they know; only the end of a special procedure is news to them.
    (detail) => detail.cause === 'department',
  ),
  'Application.Extended.v1': toApplicant(
    {
      title: '办理时限延长',
      body: '经批准，您的{matterName}申请（{caseNumber}）办理时限延长{days}个工作日，新的办结期限为{dueDate}。延期理由：{reason}',
    },
    {
      title: 'Time limit extended',
      body: 'The time limit of your application for {matterName} ({caseNumber}) was extended by {days} working days, to {dueDate}. Reason: {reason}',
    },
    {
      zh: '您的申请{caseNumber}办理时限延长{days}个工作日，至{dueDate}。',
      en: 'Case {caseNumber} was extended by {days} working days, to {dueDate}.',
    },
  ),
  // A holiday notice loaded late: the date the applicant was given (counted Monday to Friday for now) moved.
  'Application.DeadlinesRedated.v1': toApplicant(
    {
      title: '办理期限已按节假日安排重新计算',
      body: '国务院办公厅{year}年节假日安排已录入，您的{matterName}申请（{caseNumber}）的期限按法定工作日重新计算，由{previousDueDate}调整为{dueDate}。',
    },
    {
      title: 'Deadline recounted with the holiday notice',
      body: 'The State Council holiday arrangements for {year} are now loaded, so the deadline of your application for {matterName} ({caseNumber}) was recounted in working days: it moves from {previousDueDate} to {dueDate}.',
    },
    {
      zh: '您的申请{caseNumber}的期限按{year}年节假日安排重新计算，现为{dueDate}。',
      en: 'Case {caseNumber}: its deadline was recounted with the {year} holidays and is now {dueDate}.',
    },
    // Only when the applicant's own date moved (a department's task date alone is the department's business).
    (detail) => typeof detail.dueDate === 'string' && typeof detail.previousDueDate === 'string',
  ),
  'Application.Approved.v1': toApplicant(
    { title: '审批通过', body: '您的{matterName}申请（{caseNumber}）已审批通过，办理结果将按您选择的方式送达。' },
    {
      title: 'Application approved',
      body: 'Your application for {matterName} ({caseNumber}) was approved; the result will reach you the way you chose.',
    },
    { zh: '您的{matterName}申请（{caseNumber}）已审批通过。', en: 'Case {caseNumber} ({matterName}) was approved.' },
  ),
  'Application.Rejected.v1': toApplicant(
    { title: '审批未通过', body: '您的{matterName}申请（{caseNumber}）未获批准。理由：{reasons}' },
    {
      title: 'Application rejected',
      body: 'Your application for {matterName} ({caseNumber}) was not approved. Reasons: {reasons}',
    },
    {
      zh: '您的申请{caseNumber}未获批准，理由请登录一网通办查看。',
      en: 'Case {caseNumber} was not approved; sign in to read the reasons.',
    },
  ),
  'Licence.Issued.v1': toApplicant(
    {
      title: '电子证照已签发',
      body: '您的{licenceType}（证照编号{licenceNo}）已由{department}签发，可在“我的证照”中查看和使用。',
    },
    {
      title: 'E-licence issued',
      body: 'Your {licenceType} (no. {licenceNo}) was issued by {department}; find and use it under My licences.',
    },
    {
      zh: '您的{licenceType}（{licenceNo}）已签发，可在“我的证照”中查看。',
      en: 'Your {licenceType} ({licenceNo}) was issued.',
    },
  ),
  'Licence.Changed.v1': toApplicant(
    { title: '电子证照已变更', body: '您的{licenceType}（证照编号{licenceNo}）已变更，第{version}版取代此前的版本。' },
    {
      title: 'E-licence changed',
      body: 'Your {licenceType} (no. {licenceNo}) was changed; version {version} replaces the earlier one.',
    },
    {
      zh: '您的{licenceType}（{licenceNo}）已变更为第{version}版。',
      en: 'Your {licenceType} ({licenceNo}) changed to version {version}.',
    },
  ),
  'Licence.Renewed.v1': toApplicant(
    {
      title: '电子证照已延续',
      body: '您的{licenceType}（证照编号{licenceNo}）已延续，新的有效期可在“我的证照”中查看。',
    },
    {
      title: 'E-licence renewed',
      body: 'Your {licenceType} (no. {licenceNo}) was renewed; see its new validity under My licences.',
    },
    { zh: '您的{licenceType}（{licenceNo}）已延续。', en: 'Your {licenceType} ({licenceNo}) was renewed.' },
  ),
  'Licence.Suspended.v1': toApplicant(
    {
      title: '电子证照已暂停',
      body: '您的{licenceType}（证照编号{licenceNo}）已被{department}暂停使用。原因：{reason}',
    },
    {
      title: 'E-licence suspended',
      body: 'Your {licenceType} (no. {licenceNo}) was suspended by {department}. Reason: {reason}',
    },
    {
      zh: '您的{licenceType}（{licenceNo}）已暂停使用，原因请登录一网通办查看。',
      en: 'Your {licenceType} ({licenceNo}) was suspended; sign in for the reason.',
    },
  ),
  'Licence.Revoked.v1': toApplicant(
    { title: '电子证照已作废', body: '您的{licenceType}（证照编号{licenceNo}）已被{department}作废。原因：{reason}' },
    {
      title: 'E-licence revoked',
      body: 'Your {licenceType} (no. {licenceNo}) was revoked by {department}. Reason: {reason}',
    },
    {
      zh: '您的{licenceType}（{licenceNo}）已作废，原因请登录一网通办查看。',
      en: 'Your {licenceType} ({licenceNo}) was revoked; sign in for the reason.',
    },
  ),
  'Licence.Expired.v1': toApplicant(
    {
      title: '电子证照已过期',
      body: '您的{licenceType}（证照编号{licenceNo}）已超过有效期。如需继续使用，请申请延续。',
    },
    {
      title: 'E-licence expired',
      body: 'Your {licenceType} (no. {licenceNo}) has expired. Apply for a renewal if you still need it.',
    },
    {
      zh: '您的{licenceType}（{licenceNo}）已过期，如需继续使用请申请延续。',
      en: 'Your {licenceType} ({licenceNo}) has expired.',
    },
  ),
  'Rectification.Answered.v1': toApplicant(
    {
      title: '评价整改结果',
      body: '您对办件{caseNumber}（{matterName}）的评价，{department}已核实整改并作出答复，请登录一网通办查看整改结果。感谢您的监督。',
    },
    {
      title: 'Outcome of your rating',
      body: '{department} looked into your rating of case {caseNumber} ({matterName}) and answered; sign in to read the outcome. Thank you.',
    },
    {
      zh: '您对办件{caseNumber}的评价已有整改答复，请登录一网通办查看。',
      en: 'Your rating of case {caseNumber} has been answered; sign in to read it.',
    },
  ),

  // ---- the department's shared inbox, and its head's contact for escalations ----
  'Task.Opened.v1': template(
    'department',
    { title: '新的待办任务', body: '办件{caseNumber}（{matterName}）的任务“{taskName}”已到达，请于{dueDate}前办理。' },
    {
      title: 'New task',
      body: 'Task “{taskName}” of case {caseNumber} ({matterName}) has arrived; decide it by {dueDate}.',
    },
  ),
  'Task.Escalated.v1': template(
    'department',
    {
      title: '任务督办',
      body: '办件{caseNumber}（{matterName}）的任务“{taskName}”自{openedDate}起尚未办理，{dueNote}。这是第{escalations}次督办，请尽快处理。',
    },
    {
      title: 'Task escalated',
      body: 'Task “{taskName}” of case {caseNumber} ({matterName}) has waited since {openedDate}; {dueNote}. This is escalation no. {escalations}: please act now.',
    },
    {
      sms: {
        zh: '督办：办件{caseNumber}的任务“{taskName}”尚未办理，{dueNote}，请尽快处理。',
        en: 'Escalation: task “{taskName}” of case {caseNumber} is waiting; {dueNote}.',
      },
      email: true,
    },
  ),
  'Supervision.DeadlineWarning.v1': template(
    'department',
    { title: '临近期限预警（黄灯）', body: '{subject}将于{dueDate}到期，仅剩{remainingDays}个工作日，请抓紧办理。' },
    { title: 'Deadline warning (yellow)', body: '{subject} is due on {dueDate}; {remainingDays} working days remain.' },
    { email: true },
  ),
  'Supervision.DeadlineOverdue.v1': template(
    'department',
    {
      title: '超期督办（红灯）',
      body: '{subject}已超过办理期限{dueDate}，超期{overdueDays}个工作日，已纳入电子监察督办，请立即处理并反馈。',
    },
    {
      title: 'Overdue (red)',
      body: '{subject} is {overdueDays} working days past its deadline of {dueDate}; supervision has escalated it. Please act now and report back.',
    },
    {
      sms: {
        zh: '超期督办：{subject}已超期{overdueDays}个工作日，请立即处理。',
        en: 'Overdue: {subject} is {overdueDays} working days late; act now.',
      },
      email: true,
    },
  ),
  'Rectification.Opened.v1': template(
    'department',
    { title: '差评整改任务', body: '办件{caseNumber}（{matterName}）收到差评，请核实整改并于{dueDate}前答复申请人。' },
    {
      title: 'Bad rating to look into',
      body: 'Case {caseNumber} ({matterName}) was rated badly. Look into it, put it right, and answer the applicant by {dueDate}.',
    },
    { email: true },
  ),
  'Complaint.Received.v1': template(
    'department',
    { title: '新的投诉', body: '收到一件投诉（编号{complaintId}，类别：{category}）{caseNote}，请于{dueDate}前答复。' },
    {
      title: 'New complaint',
      body: 'A complaint (no. {complaintId}, category: {category}){caseNote} was routed to you; answer it by {dueDate}.',
    },
    { email: true },
  ),

  // ---- the complainant ----
  // ---- 统一预约: the applicant's bookings ----
  'Appointment.Booked.v1': toApplicant(
    {
      title: '预约成功',
      body: '您已预约{date} {start}-{end}在{hall}办理{matterName}。请凭预约记录中的签到码到窗口签到，如需改期或取消请提前操作。',
    },
    {
      title: 'Appointment booked',
      body: 'You booked {date} {start}-{end} at {hall} for {matterName}. Check in at the window with the code shown in your booking; reschedule or cancel in advance if needed.',
    },
    {
      zh: '您已预约{date} {start}在{hallName}办理{matterName}，请准时到场签到。',
      en: 'Booked: {date} {start} at {hallName} for {matterName}. Please check in on time.',
    },
  ),
  'Appointment.Rescheduled.v1': toApplicant(
    {
      title: '预约已改期',
      body: '您在{hallName}办理{matterName}的预约已由{previousDate} {previousStart}改为{date} {start}-{end}。',
    },
    {
      title: 'Appointment rescheduled',
      body: 'Your appointment at {hallName} for {matterName} moved from {previousDate} {previousStart} to {date} {start}-{end}.',
    },
    {
      zh: '您的预约已改为{date} {start}（{hallName}）。',
      en: 'Your appointment moved to {date} {start} ({hallName}).',
    },
  ),
  'Appointment.Cancelled.v1': toApplicant(
    { title: '预约已取消', body: '您{date} {start}在{hallName}办理{matterName}的预约已取消。' },
    {
      title: 'Appointment cancelled',
      body: 'Your appointment on {date} {start} at {hallName} for {matterName} was cancelled.',
    },
    {
      zh: '您{date} {start}的预约（{hallName}）已取消。',
      en: 'Your appointment on {date} {start} ({hallName}) was cancelled.',
    },
  ),
  'Appointment.ReminderDue.v1': toApplicant(
    {
      title: '预约提醒',
      body: '提醒：您已预约{date} {start}-{end}在{hall}办理{matterName}，请携带所需材料准时到场签到。',
    },
    {
      title: 'Appointment reminder',
      body: 'Reminder: you have an appointment on {date} {start}-{end} at {hall} for {matterName}. Bring the required materials and check in on time.',
    },
    {
      zh: '提醒：您预约了{date} {start}在{hallName}办理{matterName}，请准时到场。',
      en: 'Reminder: {date} {start} at {hallName} for {matterName}. Please be on time.',
    },
  ),
  'Appointment.NoShow.v1': toApplicant(
    {
      title: '预约未签到',
      body: '您{date} {start}在{hallName}的预约未按时签到，已记为爽约。如仍需办理，请重新预约或直接到窗口现场办理。',
    },
    {
      title: 'Missed appointment',
      body: 'You did not check in for your appointment on {date} {start} at {hallName}; it was recorded as missed. Book again or come to the window in person.',
    },
    {
      zh: '您{date} {start}的预约未签到，已记为爽约，可重新预约。',
      en: 'Your appointment on {date} {start} was missed; you may book again.',
    },
  ),
  // ---- 非税支付: the case's fee ----
  'Payment.Ordered.v1': toApplicant(
    {
      title: '请缴纳办理费用',
      body: '您的{matterName}办件（{caseNumber}）需缴纳{amount}，请于{payBy}前在一网通办“我的办件”中完成缴费。缴费后方可出证。',
    },
    {
      title: 'Fee to pay',
      body: 'Your case {caseNumber} ({matterName}) has a fee of {amount}. Please pay it under My cases by {payBy}; the licence is issued once it is paid.',
    },
    {
      zh: '您的办件{caseNumber}需缴费{amount}，请于{payBy}前缴纳。',
      en: 'Case {caseNumber}: a fee of {amount} is due by {payBy}.',
    },
  ),
  'Payment.Paid.v1': toApplicant(
    { title: '缴费成功', body: '您已为{matterName}办件（{caseNumber}）缴纳{amount}。' },
    { title: 'Fee paid', body: 'You paid {amount} for case {caseNumber} ({matterName}).' },
    { zh: '您已为办件{caseNumber}缴费{amount}。', en: 'Paid {amount} for case {caseNumber}.' },
  ),
  'Payment.Failed.v1': toApplicant(
    { title: '缴费未成功', body: '您为办件{caseNumber}缴纳{amount}未成功，请稍后重试或更换支付方式。' },
    {
      title: 'Payment failed',
      body: 'Your payment of {amount} for case {caseNumber} did not go through; try again or use another way to pay.',
    },
    { zh: '办件{caseNumber}缴费未成功，请重试。', en: 'Payment for case {caseNumber} failed; please try again.' },
  ),
  'Payment.Expired.v1': toApplicant(
    {
      title: '缴费单已过期',
      body: '办件{caseNumber}的缴费单（{amount}）已过期，请在“我的办件”中重新生成缴费单后缴费。',
    },
    {
      title: 'Payment order expired',
      body: 'The payment order of case {caseNumber} ({amount}) expired; make a new one under My cases and pay it.',
    },
    {
      zh: '办件{caseNumber}的缴费单已过期，请重新生成后缴费。',
      en: 'The payment order of case {caseNumber} expired; please renew it.',
    },
  ),
  'Payment.Refunded.v1': toApplicant(
    { title: '费用已退还', body: '办件{caseNumber}已缴纳的{amount}已原路退还。' },
    { title: 'Fee refunded', body: 'The {amount} paid for case {caseNumber} was refunded to where it came from.' },
    { zh: '办件{caseNumber}已缴费用{amount}已原路退还。', en: 'The {amount} paid for case {caseNumber} was refunded.' },
  ),
  // ---- 统一出件: the result on its way ----
  'Delivery.ReadyForPickup.v1': toApplicant(
    {
      title: '办理结果可领取',
      body: '您的{matterName}办件（{caseNumber}）办理结果已可到窗口领取，请携带本人有效身份证件。',
    },
    {
      title: 'Result ready for pickup',
      body: 'The result of your case {caseNumber} ({matterName}) is ready at the window; bring your identity document.',
    },
    {
      zh: '您的办件{caseNumber}办理结果已可到窗口领取。',
      en: 'The result of case {caseNumber} is ready for pickup at the window.',
    },
  ),
  'Delivery.Shipped.v1': toApplicant(
    { title: '办理结果已寄出', body: '您的{matterName}办件（{caseNumber}）办理结果已寄出，运单号{trackingNo}。' },
    {
      title: 'Result posted',
      body: 'The result of your case {caseNumber} ({matterName}) was posted; tracking number {trackingNo}.',
    },
    {
      zh: '您的办件{caseNumber}办理结果已寄出，运单号{trackingNo}。',
      en: 'The result of case {caseNumber} was posted: tracking {trackingNo}.',
    },
  ),
  'Delivery.Delivered.v1': toApplicant(
    {
      title: '办理结果已送达',
      body: '您的{matterName}办件（{caseNumber}）办理结果已于{deliveredDate}送达。欢迎对本次服务作出评价。',
    },
    {
      title: 'Result delivered',
      body: 'The result of your case {caseNumber} ({matterName}) was delivered on {deliveredDate}. Please rate the service.',
    },
    {
      zh: '您的办件{caseNumber}办理结果已送达，欢迎评价。',
      en: 'The result of case {caseNumber} was delivered; please rate the service.',
    },
  ),
  // A holiday notice loaded late: the date the complainant was given (counted Monday to Friday for now) moved.
  'Complaint.DeadlineRedated.v1': template(
    'complainant',
    {
      title: '投诉答复期限已重新计算',
      body: '国务院办公厅{year}年节假日安排已录入，您的投诉（编号{complaintId}）的答复期限按法定工作日重新计算，由{previousDueDate}调整为{dueDate}。',
    },
    {
      title: 'Complaint deadline recounted',
      body: 'The State Council holiday arrangements for {year} are now loaded, so the deadline to answer your complaint (no. {complaintId}) was recounted in working days: it moves from {previousDueDate} to {dueDate}.',
    },
    {
      sms: {
        zh: '您的投诉（编号{complaintId}）答复期限已按{year}年节假日安排调整为{dueDate}。',
        en: 'Your complaint {complaintId}: the answer is now due by {dueDate} (the {year} holidays).',
      },
      email: true,
      when: (detail) => detail.dueDate !== detail.previousDueDate,
    },
  ),
  'Complaint.Answered.v1': template(
    'complainant',
    {
      title: '投诉已答复',
      body: '您的投诉（编号{complaintId}）已由{department}答复，请通过一网通办或12345热线查询答复内容。',
    },
    {
      title: 'Your complaint was answered',
      body: '{department} answered your complaint (no. {complaintId}); read the answer on the One-Stop portal or ask the 12345 hotline.',
    },
    {
      sms: {
        zh: '您的投诉（编号{complaintId}）已答复，请通过一网通办或12345热线查询。',
        en: 'Your complaint {complaintId} was answered; see the portal or call 12345.',
      },
      email: true,
    },
  ),
};

/** The event contracts messaging consumes: those with a template (the rule's pattern is built from this list). */
export const NOTIFIED_CONTRACTS = ALL_EVENT_CONTRACTS.filter((c) => Object.hasOwn(MESSAGE_TEMPLATES, c.detailType));

export function templateFor(detailType: string): MessageTemplate | undefined {
  return Object.hasOwn(MESSAGE_TEMPLATES, detailType) ? MESSAGE_TEMPLATES[detailType] : undefined;
}

/** The placeholders a text uses. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

/** Fills `{name}` placeholders; a placeholder without a value is a bug in the template, never sent half-filled. */
export function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for the placeholder {${name}}`);
    return value;
  });
}

export interface RenderedMessage {
  readonly title: string;
  readonly body: string;
}

/** A template's text on one channel in one language; undefined when the template does not use that channel. */
export function render(
  template: MessageTemplate,
  channel: Channel,
  language: Language,
  values: Readonly<Record<string, string>>,
): RenderedMessage | undefined {
  if (channel === 'sms') return template.sms ? { title: '', body: fill(template.sms[language], values) } : undefined;
  const pair = channel === 'inbox' ? template.inbox[language] : template.email?.[language];
  return pair ? { title: fill(pair.title, values), body: fill(pair.body, values) } : undefined;
}
