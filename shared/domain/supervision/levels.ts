import type { WorkingDayCalendar } from '../calendar/working-days';
import type { WatchLevel } from './model';

/** A watch's level on a date, by the working days of the calendar (Asia/Shanghai dates). */
export interface LevelPolicy {
  readonly calendar: WorkingDayCalendar;
  /** Yellow when this many working days or fewer are left. */
  readonly warningDays: number;
}

/** Yellow when this many working days or fewer are left, unless the stage sets WARNING_WORKING_DAYS. */
export const DEFAULT_WARNING_WORKING_DAYS = 2;

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * A working day by the loaded calendar; in a year whose State Council notice is not loaded yet (late December),
 * Monday to Friday, so that supervision keeps warning rather than stopping on the year boundary.
 */
function isWorkingDay(calendar: WorkingDayCalendar, date: string): boolean {
  if (calendar.years.includes(Number(date.slice(0, 4)))) return calendar.isWorkingDay(date);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Working days after `from` up to and including `to` (0 when to ≤ from): calendar.workingDaysBetween, year-safe. */
export function workingDaysAfter(calendar: WorkingDayCalendar, from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(calendar, day)) count += 1;
  return count;
}

export interface LevelReading {
  readonly level: WatchLevel;
  /** Working days left (0 on the due date itself). */
  readonly remainingDays: number;
  /** Working days past the due date, at least 1 once red (a weekend after a Friday due date counts as one). */
  readonly overdueDays: number;
}

export function levelOn(today: string, dueDate: string, policy: LevelPolicy): LevelReading {
  if (today > dueDate) {
    return {
      level: 'red',
      remainingDays: 0,
      overdueDays: Math.max(1, workingDaysAfter(policy.calendar, dueDate, today)),
    };
  }
  const remainingDays = workingDaysAfter(policy.calendar, today, dueDate);
  return { level: remainingDays <= policy.warningDays ? 'yellow' : 'green', remainingDays, overdueDays: 0 };
}

/**
 * The latest due date that is yellow (or worse) today: every due date up to it has at most `warningDays` working
 * days left. The sweep reads the dates between yesterday's and today's horizon to find the watches turning yellow.
 */
export function warningHorizon(today: string, policy: LevelPolicy): string {
  let day = today;
  let counted = 0;
  for (;;) {
    const next = addDays(day, 1);
    if (isWorkingDay(policy.calendar, next)) {
      if (counted + 1 > policy.warningDays) return day;
      counted += 1;
    }
    day = next;
  }
}
