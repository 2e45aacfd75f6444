import type { StoreWrite } from '../store-write';
import { deadlinesRedated } from '../../contracts/workflow-events';
import { apply, caseEvent, retryOnConflict, SYSTEM } from '../applications/changes';
import type { ApplicationDeps } from '../applications/ports';
import type { CaseDelivery, CaseRecord, ReviewState } from '../applications/model';
import { complaintDeadlineRedated } from '../../contracts/engagement-events';
import { complaintEvent } from '../engagement/complaints';
import type { Rectification } from '../engagement/model';
import type { EngagementStore } from '../engagement/ports';
import { postCheckId } from '../workflow/post-check';
import type { PostCheck } from '../workflow/ports';
import { type DepartmentTask, isOpen } from '../workflow/task';
import type { ProvisionalIndex } from './ports';
import { toShanghaiDate, type WorkingDayCalendar } from './working-days';

/**
 * The year boundary. A deadline that reaches a year whose State Council notice is not loaded yet is counted Monday
 * to Friday there and marked `provisional` (intake, review and supervision never stop for a late notice). Its case
 * is listed under each such year (ProvisionalIndex). When an administrator loads the year, Calendar.Loaded.v1 re-dates
 * every open provisional deadline of the listed cases: the same number of working days from the same start, counted
 * by the loaded notice (pauses and the extension were added as working days, so they carry over). The re-dating, its
 * history entry, its Application.DeadlinesRedated.v1 and the removal of the listing are one transaction per case: a
 * redelivered event finds nothing listed and changes nothing.
 */

/** A deadline counted by `before` (without the year), counted again by `after`: the same working days from `start`. */
export function redate(before: WorkingDayCalendar, after: WorkingDayCalendar, start: string, due: string): string {
  if (due <= start) return due;
  return after.addWorkingDays(start, before.workingDaysBetween(start, due));
}

export type RedateDeps = Pick<ApplicationDeps, 'cases' | 'calendar' | 'now' | 'postChecks'> & {
  readonly provisional: ProvisionalIndex;
  /** Rectifications (差评整改, re-dated with their case) and complaints (listed on their own). */
  readonly engagement?: Pick<
    EngagementStore,
    'getRectification' | 'rectificationPut' | 'getComplaint' | 'putComplaint'
  >;
};

export type RedateOutcome = 'redated' | 'unchanged' | 'not-loaded';

const ACCEPTANCE_OPEN: readonly string[] = ['SUBMITTED'];
const REVIEW_OPEN: readonly string[] = ['ACCEPTED', 'IN_REVIEW', 'RETURNED'];
const REDATABLE: readonly string[] = [
  'SUBMITTED',
  'ACCEPTED',
  'IN_REVIEW',
  'RETURNED',
  'APPROVED',
  'ISSUED',
  'DELIVERED',
];

interface Moved {
  readonly dueDate: string;
  readonly previousDueDate: string;
}

/** Re-dates one case's open provisional deadlines by the loaded `year`. */
export async function redateCase(caseId: string, year: number, deps: RedateDeps): Promise<RedateOutcome> {
  return retryOnConflict(async () => {
    const after = await deps.calendar();
    // The event outran the catalogue's revision: the consumer fails and the event is delivered again.
    if (!after.hasYear(year)) return 'not-loaded';
    const before = after.without(year);
    const record = await deps.cases.get(caseId);
    if (!record || !REDATABLE.includes(record.status)) {
      await deps.provisional.remove(caseId, year);
      return 'unchanged';
    }
    const later = new Set<number>();
    /** The new date and its flag; later years still not loaded keep the case listed under them. */
    const recount = (start: string, due: string) => {
      const date = redate(before, after, start, due);
      const years = after.provisionalYears(start, date);
      for (const y of years) later.add(y);
      return { date, provisional: years.length > 0 };
    };

    const patch: { -readonly [K in keyof CaseRecord]?: CaseRecord[K] } = {};
    let applicantMove: Moved | undefined;
    let acceptanceDue: string | undefined;
    if (
      ACCEPTANCE_OPEN.includes(record.status) &&
      record.acceptanceDueProvisional &&
      record.acceptanceDue &&
      record.submittedAt
    ) {
      const next = recount(toShanghaiDate(record.submittedAt), record.acceptanceDue);
      patch.acceptanceDue = next.date;
      patch.acceptanceDueProvisional = next.provisional ? true : undefined;
      acceptanceDue = next.date;
      if (next.date !== record.acceptanceDue)
        applicantMove = { dueDate: next.date, previousDueDate: record.acceptanceDue };
    }
    let caseDueDate: string | undefined;
    if (REVIEW_OPEN.includes(record.status) && record.review?.provisional) {
      const review = record.review;
      const next = recount(review.startDate, review.dueDate);
      const { provisional: _old, ...rest } = review;
      patch.review = {
        ...rest,
        dueDate: next.date,
        ...(next.provisional ? { provisional: true } : {}),
      } satisfies ReviewState;
      // Named even when the notice confirms the date: supervision clears its watch's flag.
      caseDueDate = next.date;
      if (next.date !== review.dueDate) applicantMove = { dueDate: next.date, previousDueDate: review.dueDate };
    }
    // 送达: the result's due date, from the day of the decision, until it is delivered.
    let deliveryDueDate: string | undefined;
    const delivery = record.delivery;
    if (
      delivery?.dueProvisional &&
      delivery.dueDate &&
      delivery.decidedAt &&
      delivery.status !== 'CHOSEN' &&
      delivery.status !== 'DELIVERED'
    ) {
      const next = recount(toShanghaiDate(delivery.decidedAt), delivery.dueDate);
      const { dueProvisional: _old, ...rest } = delivery;
      patch.delivery = {
        ...rest,
        dueDate: next.date,
        ...(next.provisional ? { dueProvisional: true } : {}),
      } satisfies CaseDelivery;
      deliveryDueDate = next.date;
      if (next.date !== delivery.dueDate) applicantMove ??= { dueDate: next.date, previousDueDate: delivery.dueDate };
    }

    const taskChanges: { before: DepartmentTask; after: DepartmentTask }[] = [];
    const movedTasks: (Moved & { taskId: string; taskDepartment: string })[] = [];
    for (const task of await deps.cases.tasksOf(caseId)) {
      if (!isOpen(task) || !task.provisional) continue;
      const next = recount(task.startDate, task.dueDate);
      const { provisional: _old, ...rest } = task;
      const changed: DepartmentTask = {
        ...rest,
        dueDate: next.date,
        ...(task.pause
          ? { pause: { ...task.pause, dueBefore: recount(task.startDate, task.pause.dueBefore).date } }
          : {}),
        ...(next.provisional ? { provisional: true } : {}),
        version: task.version + 1,
      };
      taskChanges.push({ before: task, after: changed });
      movedTasks.push({
        taskId: task.id,
        taskDepartment: task.department,
        dueDate: next.date,
        previousDueDate: task.dueDate,
      });
    }

    const items: StoreWrite[] = [];
    let movedCheck: (Moved & { postCheckId: string; responsibleDepartment: string }) | undefined;
    const check = record.commitment ? await deps.postChecks.get(postCheckId(caseId)) : undefined;
    if (check?.status === 'open' && check.provisional) {
      const next = recount(check.startDate, check.dueDate);
      const { provisional: _old, ...rest } = check;
      const changed: PostCheck = { ...rest, dueDate: next.date, ...(next.provisional ? { provisional: true } : {}) };
      items.push(deps.postChecks.put(changed, 'open'));
      movedCheck = {
        postCheckId: check.id,
        responsibleDepartment: check.department,
        dueDate: next.date,
        previousDueDate: check.dueDate,
      };
    }
    // 差评整改: the department's answer to a bad rating, due in working days from its opening.
    let movedRectification: (Moved & { rectificationId: string; responsibleDepartment: string }) | undefined;
    const rectification =
      record.rating && deps.engagement ? await deps.engagement.getRectification(`${caseId}.R`) : undefined;
    if (rectification?.status === 'open' && rectification.provisional) {
      const next = recount(toShanghaiDate(rectification.openedAt), rectification.dueDate);
      const { provisional: _old, ...rest } = rectification;
      const changed: Rectification = {
        ...rest,
        dueDate: next.date,
        ...(next.provisional ? { provisional: true } : {}),
      };
      items.push(deps.engagement!.rectificationPut(changed, 'open'));
      movedRectification = {
        rectificationId: rectification.id,
        responsibleDepartment: rectification.department,
        dueDate: next.date,
        previousDueDate: rectification.dueDate,
      };
    }

    if (Object.keys(patch).length === 0 && taskChanges.length === 0 && items.length === 0) {
      await deps.provisional.remove(caseId, year);
      return 'unchanged';
    }
    later.delete(year);
    items.push(deps.provisional.unmark(caseId, year), ...deps.provisional.mark(caseId, [...later]));
    const at = deps.now().toISOString();
    const summary = {
      year,
      ...(applicantMove ?? {}),
      ...(acceptanceDue ? { acceptanceDue } : {}),
      ...(caseDueDate ? { caseDueDate } : {}),
      tasks: movedTasks,
      ...(movedCheck ? { postCheck: movedCheck } : {}),
      ...(deliveryDueDate ? { deliveryDueDate } : {}),
      ...(movedRectification ? { rectification: movedRectification } : {}),
      stillProvisional: later.size > 0,
    };
    // Published whenever something was re-dated, moved or confirmed: supervision moves its watches and clears their
    // flags; the applicant is told only when their own date moved (dueDate/previousDueDate).
    await apply(
      record,
      [{ action: 'deadlines-redated', actor: SYSTEM, data: summary, patch }],
      deps,
      [caseEvent(deadlinesRedated, record, at, summary)],
      { tasks: taskChanges, items },
    );
    return 'redated';
  });
}

/**
 * Every case listed under the loaded year, each on its own (one failing case does not hold up the others; the
 * failures are thrown together at the end so the event is delivered again, and re-dating is idempotent).
 */
export async function redateYear(
  year: number,
  deps: RedateDeps,
): Promise<{ redated: number; unchanged: number; failed: number }> {
  const counts = { redated: 0, unchanged: 0, failed: 0 };
  const errors: unknown[] = [];
  for (const caseId of await deps.provisional.casesOf(year)) {
    try {
      const outcome = await redateCase(caseId, year, deps);
      if (outcome === 'not-loaded') throw new Error(`The calendar for ${year} is not visible yet`);
      counts[outcome] += 1;
    } catch (error) {
      counts.failed += 1;
      errors.push(error);
    }
  }
  for (const complaintId of deps.engagement ? await deps.provisional.complaintsOf(year) : []) {
    try {
      const outcome = await redateComplaint(complaintId, year, deps);
      if (outcome === 'not-loaded') throw new Error(`The calendar for ${year} is not visible yet`);
      counts[outcome] += 1;
    } catch (error) {
      counts.failed += 1;
      errors.push(error);
    }
  }
  if (errors.length > 0)
    throw new AggregateError(
      errors,
      `Re-dating by the ${year} calendar failed for ${errors.length} case(s) or complaint(s)`,
    );
  return counts;
}

/**
 * Re-dates one open complaint's provisional due date (working days from the day it was received), with
 * Complaint.DeadlineRedated.v1 in the complaint's transaction (supervision moves its watch; the complainant is told
 * when the date moved). The listing goes after: a crash between leaves a listing whose complaint is no longer
 * provisional, which the next delivery drops.
 */
export async function redateComplaint(complaintId: string, year: number, deps: RedateDeps): Promise<RedateOutcome> {
  const engagement = deps.engagement;
  if (!engagement) throw new Error('Re-dating complaints needs the engagement store');
  return retryOnConflict(async () => {
    const after = await deps.calendar();
    if (!after.hasYear(year)) return 'not-loaded';
    const complaint = await engagement.getComplaint(complaintId);
    if (complaint?.status !== 'open' || !complaint.provisional) {
      await deps.provisional.removeComplaint(complaintId, year);
      return 'unchanged';
    }
    const start = toShanghaiDate(complaint.receivedAt);
    const dueDate = redate(after.without(year), after, start, complaint.dueDate);
    const later = after.provisionalYears(start, dueDate).filter((y) => y !== year);
    const { provisional: _old, ...rest } = complaint;
    const changed = { ...rest, dueDate, ...(later.length > 0 ? { provisional: true } : {}) };
    if (later.length > 0) await deps.provisional.markComplaint(complaintId, later);
    const at = deps.now().toISOString();
    await engagement.putComplaint(
      changed,
      'open',
      complaintEvent(complaintDeadlineRedated, changed, at, {
        year,
        previousDueDate: complaint.dueDate,
        provisional: later.length > 0,
      }),
    );
    await deps.provisional.removeComplaint(complaintId, year);
    return 'redated';
  });
}
