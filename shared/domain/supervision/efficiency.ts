import type { CaseRecord } from '../applications/model';
import { toShanghaiDate, type WorkingDayCalendar } from '../calendar/working-days';
import type { DepartmentTask } from '../workflow/task';
import { workingDaysAfter } from './levels';
import type { EfficiencyCounters, EfficiencyIncrement } from './model';
import type { EfficiencyStore } from './ports';

/**
 * 效能监督: per department and day, how many tasks and cases were decided, how many on time, and the working days
 * they used against their time limits. Each decision adds to its department's day once (its counters are kept under its event's id);
 * a report sums the days of a range.
 */
export const NO_DECISIONS: EfficiencyCounters = {
  tasksDecided: 0,
  tasksOnTime: 0,
  taskDaysUsed: 0,
  taskLimitDays: 0,
  casesDecided: 0,
  casesOnTime: 0,
  caseDaysUsed: 0,
  caseLimitDays: 0,
};

/**
 * A decided task: on time when decided by its due date (pauses and the extension included); the working days it used
 * are those from the day it opened (not counted) to the day of the decision, less the days it was paused.
 */
export function taskIncrement(
  task: DepartmentTask,
  regionCode: string,
  calendar: WorkingDayCalendar,
  decidedAt: string,
): EfficiencyIncrement {
  const date = toShanghaiDate(task.decision?.at ?? decidedAt);
  return {
    kind: 'task',
    department: task.department,
    regionCode,
    date,
    onTime: date <= task.dueDate,
    daysUsed: Math.max(0, workingDaysAfter(calendar, task.startDate, date) - task.pausedDays),
    limitDays: task.timeLimitDays,
  };
}

/**
 * A decided case, against its promised limit plus a granted extension. Bundle cases are not counted: their member
 * cases are, each with its own department and limit.
 */
export function caseIncrement(
  record: CaseRecord,
  decidedAt: string,
  calendar: WorkingDayCalendar,
): EfficiencyIncrement | undefined {
  const review = record.review;
  if (!review || record.kind === 'bundle') return undefined;
  const date = toShanghaiDate(decidedAt);
  const extension = review.extension?.status === 'granted' ? review.extension.days : 0;
  return {
    kind: 'case',
    department: record.department,
    regionCode: record.regionCode,
    date,
    onTime: date <= review.dueDate,
    daysUsed: Math.max(0, workingDaysAfter(calendar, review.startDate, date) - review.pausedDays),
    limitDays: review.limitDays + extension,
  };
}

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);
const average = (sum: number, n: number) => (n === 0 ? null : Math.round((sum / n) * 100) / 100);

export function efficiencyView(department: string, c: EfficiencyCounters) {
  return {
    department,
    tasks: {
      decided: c.tasksDecided,
      onTime: c.tasksOnTime,
      onTimeRate: ratio(c.tasksOnTime, c.tasksDecided),
      averageWorkingDays: average(c.taskDaysUsed, c.tasksDecided),
      averageLimitDays: average(c.taskLimitDays, c.tasksDecided),
    },
    cases: {
      decided: c.casesDecided,
      onTime: c.casesOnTime,
      onTimeRate: ratio(c.casesOnTime, c.casesDecided),
      averageWorkingDays: average(c.caseDaysUsed, c.casesDecided),
      averageLimitDays: average(c.caseLimitDays, c.casesDecided),
    },
  };
}

/** The report of a date range for the departments in scope: one Query per department. */
export async function efficiencyReport(
  store: EfficiencyStore,
  scope: { departments: readonly string[]; regionPrefix?: string },
  from: string,
  to: string,
) {
  const counters = await Promise.all(scope.departments.map((d) => store.efficiency(d, from, to, scope.regionPrefix)));
  return {
    from,
    to,
    ...(scope.regionPrefix ? { regionPrefix: scope.regionPrefix } : {}),
    items: scope.departments.map((d, i) => efficiencyView(d, counters[i]!)),
  };
}
