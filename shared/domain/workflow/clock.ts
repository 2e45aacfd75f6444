import type { ApplicationDeps } from '../applications/ports';
import type { ReviewState } from '../applications/model';
import { flagged } from '../calendar/provisional';
import { toShanghaiDate, type WorkingDayCalendar } from '../calendar/working-days';
import type { DepartmentTask } from './task';

/**
 * The review's clock. Deadlines are Asia/Shanghai dates counted in working days (行政许可法 art. 82: the day of the
 * event is not counted). Pauses (special procedures, art. 45, and time with the applicant) push deadlines out by the
 * working days they lasted. A deadline reaching a year whose holiday notice is not loaded is counted Monday to Friday
 * there, flagged provisional and its case listed for re-dating (calendar/redate.ts): nothing fails for a late notice.
 */

export const today = (deps: Pick<ApplicationDeps, 'now'>) => toShanghaiDate(deps.now());

/** A pause starts: the case's clock stops with its first holder. */
export function pauseCase(review: ReviewState, holder: string, date: string): ReviewState {
  const heldBy = [...new Set([...(review.pause?.heldBy ?? []), holder])];
  return { ...review, pause: { since: review.pause?.since ?? date, heldBy } };
}

/** A holder lets go; when the last one does, the case's deadline moves by the working days the pause lasted. */
export function unpauseCase(
  review: ReviewState,
  holder: string,
  date: string,
  calendar: WorkingDayCalendar,
): ReviewState {
  if (!review.pause?.heldBy.includes(holder)) return review;
  const heldBy = review.pause.heldBy.filter((h) => h !== holder);
  if (heldBy.length > 0) return { ...review, pause: { since: review.pause.since, heldBy } };
  const paused = calendar.workingDaysBetween(review.pause.since, date);
  const { pause: _ended, ...rest } = review;
  const dueDate = calendar.addWorkingDays(review.dueDate, paused);
  return flagged({ ...rest, pausedDays: review.pausedDays + paused, dueDate }, calendar, review.startDate, dueDate);
}

/** The task's own clock restarts: its due date moves by the working days of its pause. */
export function resumeTask(
  task: DepartmentTask,
  date: string,
  calendar: WorkingDayCalendar,
): { task: DepartmentTask; pausedDays: number } {
  const pause = task.pause!;
  const pausedDays = calendar.workingDaysBetween(pause.since, date);
  const { pause: _ended, ...rest } = task;
  const dueDate = calendar.addWorkingDays(pause.dueBefore, pausedDays);
  return {
    task: flagged(
      {
        ...rest,
        status: task.claimedBy ? 'CLAIMED' : 'WAITING',
        version: task.version + 1,
        pausedDays: task.pausedDays + pausedDays,
        dueDate,
      },
      calendar,
      task.startDate,
      dueDate,
    ),
    pausedDays,
  };
}
