// Engagement: bad ratings and their rectification, complaints and their answers, and the applicant's bookings.
import { type MessageTemplate, template, toApplicant } from './template-builder';

export const ENGAGEMENT_TEMPLATES: Readonly<Record<string, MessageTemplate>> = {
  // ---- 好差评: a bad rating's rectification ----
  'Rectification.Opened.v1': template(
    'department',
    { title: '差评整改任务', body: '办件{caseNumber}（{matterName}）收到差评，请核实整改并于{dueDate}前答复申请人。' },
    {
      title: 'Bad rating to look into',
      body: 'Case {caseNumber} ({matterName}) was rated badly. Look into it, put it right, and answer the applicant by {dueDate}.',
    },
    { email: true },
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

  // ---- complaints: to the department, and to the complainant ----
  'Complaint.Received.v1': template(
    'department',
    { title: '新的投诉', body: '收到一件投诉（编号{complaintId}，类别：{category}）{caseNote}，请于{dueDate}前答复。' },
    {
      title: 'New complaint',
      body: 'A complaint (no. {complaintId}, category: {category}){caseNote} was routed to you; answer it by {dueDate}.',
    },
    { email: true },
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
};
