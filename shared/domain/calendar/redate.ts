import type { TransactItem } from '../../adapters/event-ledger';
import { deadlinesRedated } from '../../contracts/events';
import { apply, caseEvent, retryOnConflict, SYSTEM } from '../applications/changes';
import type { ApplicationDeps } from '../applications/commands';
import type { CaseRecord, ReviewState } from '../applications/model';
import { type PostCheck, postCheckId } from '../workflow/post-check';
import { type DepartmentTask, isOpen } from '../workflow/task';
import type { ProvisionalIndex } from './provisional';
import { toShanghaiDate, type WorkingDayCalendar } from './working-days';

export { flagged, type ProvisionalIndex, provisionalMarks } from './provisional';

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

export type RedateDeps = Pick<ApplicationDeps, 'cases' | 'calendar' | 'now' | 'postChecks'> & { readonly provisional: ProvisionalIndex };

export type RedateOutcome = 'redated' | 'unchanged' | 'not-loaded';

const ACCEPTANCE_OPEN: readonly string[] = ['SUBMITTED'];
const REVIEW_OPEN: readonly string[] = ['ACCEPTED', 'IN_REVIEW', 'RETURNED'];
const REDATABLE: readonly string[] = ['SUBMITTED', 'ACCEPTED', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'ISSUED', 'DELIVERED'];

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
      years.forEach((y) => later.add(y));
      return { date, provisional: years.length > 0 };
    };

    const patch: { -readonly [K in keyof CaseRecord]?: CaseRecord[K] } = {};
    let applicantMove: Moved | undefined;
    let acceptanceDue: string | undefined;
    if (ACCEPTANCE_OPEN.includes(record.status) && record.acceptanceDueProvisional && record.acceptanceDue && record.submittedAt) {
      const next = recount(toShanghaiDate(record.submittedAt), record.acceptanceDue);
      patch.acceptanceDue = next.date;
      patch.acceptanceDueProvisional = next.provisional ? true : undefined;
      if (next.date !== record.acceptanceDue) {
        acceptanceDue = next.date;
        applicantMove = { dueDate: next.date, previousDueDate: record.acceptanceDue };
      }
    }
    let caseDueDate: string | undefined;
    if (REVIEW_OPEN.includes(record.status) && record.review?.provisional) {
      const review = record.review;
      const next = recount(review.startDate, review.dueDate);
      const { provisional: _old, ...rest } = review;
      patch.review = { ...rest, dueDate: next.date, ...(next.provisional ? { provisional: true } : {}) } satisfies ReviewState;
      if (next.date !== review.dueDate) {
        caseDueDate = next.date;
        applicantMove = { dueDate: next.date, previousDueDate: review.dueDate };
      }
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
        ...(task.pause ? { pause: { ...task.pause, dueBefore: recount(task.startDate, task.pause.dueBefore).date } } : {}),
        ...(next.provisional ? { provisional: true } : {}),
        version: task.version + 1,
      };
      taskChanges.push({ before: task, after: changed });
      if (next.date !== task.dueDate) movedTasks.push({ taskId: task.id, taskDepartment: task.department, dueDate: next.date, previousDueDate: task.dueDate });
    }

    const items: TransactItem[] = [];
    let movedCheck: (Moved & { postCheckId: string; responsibleDepartment: string }) | undefined;
    const check = record.commitment ? await deps.postChecks.get(postCheckId(caseId)) : undefined;
    if (check?.status === 'open' && check.provisional) {
      const next = recount(check.startDate, check.dueDate);
      const { provisional: _old, ...rest } = check;
      const changed: PostCheck = { ...rest, dueDate: next.date, ...(next.provisional ? { provisional: true } : {}) };
      items.push(deps.postChecks.put(changed, 'open'));
      if (next.date !== check.dueDate) movedCheck = { postCheckId: check.id, responsibleDepartment: check.department, dueDate: next.date, previousDueDate: check.dueDate };
    }

    if (Object.keys(patch).length === 0 && taskChanges.length === 0 && items.length === 0) {
      await deps.provisional.remove(caseId, year);
      return 'unchanged';
    }
    later.delete(year);
    items.push(deps.provisional.unmark(caseId, year), ...deps.provisional.mark(caseId, [...later]));
    const at = deps.now().toISOString();
    const moved = applicantMove !== undefined || movedTasks.length > 0 || movedCheck !== undefined;
    const summary = {
      year,
      ...(applicantMove ?? {}),
      ...(acceptanceDue ? { acceptanceDue } : {}),
      ...(caseDueDate ? { caseDueDate } : {}),
      tasks: movedTasks,
      ...(movedCheck ? { postCheck: movedCheck } : {}),
      stillProvisional: later.size > 0,
    };
    await apply(record, [{ action: 'deadlines-redated', actor: SYSTEM, data: summary, patch }], deps, moved ? [caseEvent(deadlinesRedated, record, at, summary)] : [], { tasks: taskChanges, items });
    return 'redated';
  });
}

/**
 * Every case listed under the loaded year, each on its own (one failing case does not hold up the others; the
 * failures are thrown together at the end so the event is delivered again, and re-dating is idempotent).
 */
export async function redateYear(year: number, deps: RedateDeps): Promise<{ redated: number; unchanged: number; failed: number }> {
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
  if (errors.length > 0) throw new AggregateError(errors, `Re-dating by the ${year} calendar failed for ${errors.length} case(s)`);
  return counts;
}
