// The case's progress: each status change the applicant hears of, and the department's tasks and deadlines.
import { type MessageTemplate, template, toApplicant } from './template-builder';

export const CASE_TEMPLATES: Readonly<Record<string, MessageTemplate>> = {
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

  // ---- the department's shared inbox, and its head's contact for escalations ----
  'Task.Opened.v1': template(
    'department',
    {
      title: '新的待办任务',
      body: '办件{caseNumber}（{matterName}）的任务“{taskName}”已到达，请于{dueDate}前办理。{dueSoonNote}',
    },
    {
      title: 'New task',
      body: 'Task “{taskName}” of case {caseNumber} ({matterName}) has arrived; decide it by {dueDate}.{dueSoonNote}',
    },
    { email: 'when-due-soon' },
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
};
