import { toShanghaiDate } from '../calendar/working-days';
import type { Bilingual, Language } from './model';

/**
 * The values of the templates' `{name}` placeholders (templates.ts), from an event's detail and the catalogue's
 * names, in the recipient's language.
 */

/** Names looked up in the catalogue for one event; codes stand in for unknown ones. */
export interface EventNames {
  readonly matterName?: Bilingual;
  readonly departmentNames: ReadonlyMap<string, Bilingual>;
  readonly licenceTypeName?: Bilingual;
  /** A licence event's case number, read from its case. */
  readonly caseNumber?: string;
  /** The service hall of an appointment. */
  readonly hall?: { readonly name: string; readonly address: string };
}

const SPECIAL_PROCEDURE_LABELS: Record<string, Bilingual> = {
  hearing: { zh: '听证', en: 'hearing' },
  inspection: { zh: '检查', en: 'inspection' },
  testing: { zh: '检验检测', en: 'testing' },
  'expert-review': { zh: '专家评审', en: 'expert review' },
  'public-notice': { zh: '公示', en: 'public notice' },
  'on-site-verification': { zh: '现场核查', en: 'on-site verification' },
};

const COMPLAINT_CATEGORY_LABELS: Record<string, Bilingual> = {
  delay: { zh: '办理超时', en: 'delay' },
  attitude: { zh: '服务态度', en: 'attitude' },
  requirements: { zh: '材料要求', en: 'requirements' },
  result: { zh: '办理结果', en: 'result' },
  system: { zh: '系统问题', en: 'system' },
  other: { zh: '其他', en: 'other' },
};

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

/** 2026-03-06 → 2026年3月6日 (zh), unchanged (en). */
function day(value: unknown, language: Language): string {
  const date = str(value);
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return language === 'zh' && m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** The department that acts in the event (a task's, the one answering, the issuer), else the case's. */
export function actingDepartment(detail: Record<string, unknown>): string | undefined {
  return (
    str(detail.taskDepartment) ??
    str(detail.responsibleDepartment) ??
    str(detail.issuingDepartment) ??
    str(detail.department)
  );
}

/** Every department code an event names, for one lookup of their names. */
export function departmentCodes(detail: Record<string, unknown>): string[] {
  const reasons = Array.isArray(detail.reasons)
    ? detail.reasons.map((r) => str((r as Record<string, unknown>)?.department))
    : [];
  return [
    ...new Set(
      [detail.taskDepartment, detail.responsibleDepartment, detail.issuingDepartment, detail.department, ...reasons]
        .map(str)
        .filter((c): c is string => Boolean(c)),
    ),
  ];
}

/** Every value a template may use, from the event's detail (ids, dates, reasons) and the catalogue's names. */
export function templateValues(
  detail: Record<string, unknown>,
  language: Language,
  names: EventNames,
  dueSoon?: { readonly remainingDays: number },
): Record<string, string> {
  const zh = language === 'zh';
  const notStated = zh ? '未说明' : 'not stated';
  const sep = zh ? '；' : '; ';
  const departmentName = (code: string | undefined) =>
    code ? (names.departmentNames.get(code)?.[language] ?? code) : '';
  const caseNumber = str(detail.caseNumber) ?? names.caseNumber ?? '';
  const items = Array.isArray(detail.items)
    ? detail.items.map((i) => str((i as Record<string, unknown>)?.message)).filter(Boolean)
    : [];
  const reasons = Array.isArray(detail.reasons)
    ? detail.reasons.map((r) => {
        const { department, reason } = r as Record<string, unknown>;
        return `${departmentName(str(department))}${zh ? '：' : ': '}${str(reason) ?? notStated}`;
      })
    : [];
  const tolerated = Array.isArray(detail.tolerated) && detail.tolerated.length > 0;
  const acceptedNote = [
    detail.deemed === true
      ? zh
        ? '因未在法定期限内作出决定，依法视为受理。'
        : ' It counts as accepted because no decision was made within the legal limit.'
      : '',
    tolerated
      ? zh
        ? '容缺受理的材料须在作出审批决定前补交。'
        : ' Materials accepted as missing must be handed in before the decision.'
      : '',
  ].join('');
  const overdue = detail.overdue === true;
  const dueDate = day(detail.dueDate, language);
  const procedure = str(detail.specialProcedure);
  const kind = str(detail.kind);
  const subjectCase = caseNumber || str(detail.subjectId) || '';
  const subject = (() => {
    switch (kind) {
      case 'task':
        return zh ? `办件${subjectCase}的审查任务` : `The review task of case ${subjectCase}`;
      case 'case':
        return zh ? `办件${subjectCase}` : `Case ${subjectCase}`;
      case 'complaint':
        return zh ? `投诉${str(detail.subjectId) ?? ''}` : `Complaint ${str(detail.subjectId) ?? ''}`;
      case 'rectification':
        return zh ? `办件${subjectCase}的差评整改` : `The rectification of case ${subjectCase}`;
      case 'delivery':
        return zh ? `办件${subjectCase}的结果送达` : `The delivery of case ${subjectCase}’s result`;
      case 'post-check':
        return zh ? `办件${subjectCase}的告知承诺事后核查` : `The post-check of case ${subjectCase}’s commitment`;
      default:
        return subjectCase;
    }
  })();
  const category = str(detail.category);
  return {
    caseNumber,
    caseId: str(detail.caseId) ?? '',
    matterName: names.matterName?.[language] ?? str(detail.matterCode) ?? '',
    department: departmentName(actingDepartment(detail)),
    dueDate,
    caseDueDate: day(detail.caseDueDate, language),
    previousDueDate: day(detail.previousDueDate, language),
    year: str(detail.year) ?? '',
    acceptanceDue: day(detail.acceptanceDue, language),
    acceptedDate: str(detail.acceptedAt) ? day(toShanghaiDate(str(detail.acceptedAt)!), language) : '',
    acceptedNote,
    openedDate: str(detail.openedAt) ? day(toShanghaiDate(str(detail.openedAt)!), language) : '',
    dueNote: overdue
      ? zh
        ? `已超过办理期限${dueDate}`
        : `it was due on ${dueDate}`
      : zh
        ? `办理期限为${dueDate}`
        : `it is due on ${dueDate}`,
    reason: str(detail.reason) ?? notStated,
    reasons: reasons.length > 0 ? reasons.join(sep) : notStated,
    items: items.length > 0 ? items.join(sep) : notStated,
    taskName: str(detail.taskName) ?? '',
    limitDays: str(detail.limitDays) ?? '',
    days: str(detail.days) ?? '',
    expectedDays: str(detail.expectedDays) ?? '',
    specialProcedure: procedure
      ? (SPECIAL_PROCEDURE_LABELS[procedure]?.[language] ?? procedure)
      : zh
        ? '特别'
        : 'special',
    escalations: str(detail.escalations) ?? '',
    remainingDays: str(detail.remainingDays) ?? '',
    dueSoonNote: dueSoon
      ? zh
        ? `仅剩${dueSoon.remainingDays}个工作日，已进入临近期限预警（黄灯），请抓紧办理。`
        : ` Only ${dueSoon.remainingDays} working days remain: it is near its deadline (yellow).`
      : '',
    overdueDays: str(detail.overdueDays) ?? '',
    subject,
    licenceNo: str(detail.licenceNo) ?? '',
    licenceType: names.licenceTypeName?.[language] ?? str(detail.licenceType) ?? '',
    version: str(detail.version) ?? '',
    complaintId: str(detail.complaintId) ?? '',
    category: category ? (COMPLAINT_CATEGORY_LABELS[category]?.[language] ?? category) : '',
    caseNote: str(detail.caseNumber)
      ? zh
        ? `，涉及办件${str(detail.caseNumber)}`
        : ` about case ${str(detail.caseNumber)}`
      : '',
    hallName: names.hall?.name ?? str(detail.hallId) ?? '',
    // With its address when the hall is known: 福州市行政服务中心（福州市鼓楼区…）.
    hall: names.hall
      ? zh
        ? `${names.hall.name}（${names.hall.address}）`
        : `${names.hall.name} (${names.hall.address})`
      : (str(detail.hallId) ?? ''),
    date: day(detail.date, language),
    start: str(detail.start) ?? '',
    end: str(detail.end) ?? '',
    previousDate: day(detail.previousDate, language),
    previousStart: str(detail.previousStart) ?? '',
    trackingNo: str(detail.trackingNo) ?? '',
    deliveredDate: str(detail.deliveredAt) ? day(toShanghaiDate(str(detail.deliveredAt)!), language) : '',
    amount:
      typeof detail.amountFen === 'number'
        ? zh
          ? `${(detail.amountFen / 100).toFixed(2)}元`
          : `CNY ${(detail.amountFen / 100).toFixed(2)}`
        : '',
    payBy: str(detail.expiresAt) ? day(toShanghaiDate(str(detail.expiresAt)!), language) : '',
  };
}
