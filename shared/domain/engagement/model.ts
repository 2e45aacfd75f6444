import type { COMPLAINT_CATEGORIES } from '../../contracts/engagement-events';
import type { ApplicationDeps } from '../applications/ports';
import { CalendarNotLoadedError, toShanghaiDate } from '../calendar/working-days';
import { RuleViolationError } from '../errors';

/**
 * 好差评, 差评整改 and complaints. A rating lives on its case (CaseRecord.rating); a bad rating's rectification and
 * a complaint are items of their own, listed per department and for supervisors through indexes.
 */
export const ENGAGEMENT_STATUSES = ['open', 'answered'] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

/** 差评整改: the department responsible for a badly rated case looks into it and answers by `dueDate`. */
export interface Rectification {
  /** `<caseId>.R`: one per case, as a case is rated once. */
  readonly id: string;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly matterCode: string;
  readonly regionCode: string;
  readonly department: string;
  readonly status: EngagementStatus;
  readonly scores: { readonly ability: number; readonly attitude: number; readonly effect: number };
  /** The applicant's comment, for the department to act on (never in events or logs). */
  readonly comment?: string;
  readonly openedAt: string;
  readonly dueDate: string;
  /** The due date reaches a year whose holiday notice is not loaded: counted Monday to Friday there for now. */
  readonly provisional?: boolean;
  readonly answer?: string;
  readonly measures?: string;
  readonly answeredAt?: string;
  readonly answeredBy?: string;
  readonly onTime?: boolean;
}

export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** The complainant's contact details: staff see them, events and the public status page never do. */
export interface ComplaintContact {
  readonly name: string;
  readonly phone?: string;
  readonly email?: string;
}

export interface Complaint {
  readonly id: string;
  readonly category: ComplaintCategory;
  readonly content: string;
  readonly contact: ComplaintContact;
  readonly language: 'zh' | 'en';
  /** Set when a signed-in applicant or agent complained: their in-app inbox can be told too. */
  readonly complainantSub?: string;
  /** What the complaint is about: a case (by its number) or a matter. */
  readonly caseId?: string;
  readonly caseNumber?: string;
  readonly matterCode?: string;
  readonly department: string;
  readonly regionCode: string;
  readonly status: EngagementStatus;
  readonly receivedAt: string;
  readonly dueDate: string;
  /** The due date reaches a year whose holiday notice is not loaded: counted Monday to Friday there for now. */
  readonly provisional?: boolean;
  /** SHA-256 of the access code (shown once to the complainant), never the code itself. */
  readonly accessCodeHash: string;
  readonly answer?: string;
  readonly answeredAt?: string;
  readonly answeredBy?: string;
  readonly onTime?: boolean;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor?: string;
}

/** A department's list, or (without a department) every department's, in one status, the earliest due first. */
export interface ListQuery {
  readonly status: EngagementStatus;
  readonly department?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * The due date `days` working days after today, and the years without a loaded holiday notice it reaches: counted
 * Monday to Friday there, so the date is `provisional` until they are loaded (never refused for a late notice).
 */
export async function dueAfterProvisionally(
  deps: Pick<ApplicationDeps, 'calendar' | 'now'>,
  days: number,
): Promise<{ dueDate: string; provisional?: true; years: number[] }> {
  try {
    const calendar = await deps.calendar();
    const today = toShanghaiDate(deps.now());
    const dueDate = calendar.addWorkingDays(today, days);
    const years = calendar.provisionalYears(today, dueDate);
    return { dueDate, ...(years.length > 0 ? { provisional: true as const } : {}), years };
  } catch (error) {
    if (!(error instanceof CalendarNotLoadedError)) throw error;
    // An operator's omission, not the caller's: said plainly, and nothing is written.
    throw new RuleViolationError(error.message, [
      { path: 'calendar', rule: 'calendar', message: error.message, messageZh: '该年度的节假日安排尚未录入' },
    ]);
  }
}

/** Answered on time: on or before the due date (Asia/Shanghai). */
export const onTime = (answeredAt: Date, dueDate: string) => toShanghaiDate(answeredAt) <= dueDate;
