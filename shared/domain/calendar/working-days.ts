/**
 * The working-day calendar for legal time limits (行政许可法 art. 82: periods are counted in working days).
 *
 * Weekends and public holidays are off; make-up working days (调休上班, a Saturday or Sunday the State Council
 * declares a working day) are on; the day of the triggering event is not counted. Holiday data is published
 * yearly, so a year without a loaded calendar is refused rather than guessed. All values are calendar dates
 * ('YYYY-MM-DD') in Asia/Shanghai; only toShanghaiDate deals with instants.
 */
import * as z from 'zod';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a valid 'YYYY-MM-DD', else undefined (rejects 2025-02-30 by round-tripping). */
function dayNumberOf(date: string): number | undefined {
  const match = ISO_DATE.exec(date);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  return new Date(ms).toISOString().slice(0, 10) === date ? ms / DAY_MS : undefined;
}

function dateOf(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

function parseDate(date: string, what = 'date'): number {
  const day = dayNumberOf(date);
  if (day === undefined) throw new RangeError(`${what} must be a calendar date 'YYYY-MM-DD', got '${date}'`);
  return day;
}

/** 0 = Sunday ... 6 = Saturday. */
function weekdayOf(dayNumber: number): number {
  return new Date(dayNumber * DAY_MS).getUTCDay();
}

const dayEntry = z.object({
  date: z.string().refine((s) => dayNumberOf(s) !== undefined, { message: "must be a calendar date 'YYYY-MM-DD'" }),
  name: z.string().min(1),
});

/** One year's arrangement as published in the State Council notice (国务院办公厅关于YYYY年部分节假日安排的通知). */
export const yearCalendarSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    holidays: z.array(dayEntry),
    workdays: z.array(dayEntry),
  })
  .superRefine((calendar, ctx) => {
    const seen = new Map<string, string>(); // date -> path of its first occurrence
    for (const list of ['holidays', 'workdays'] as const) {
      calendar[list].forEach((entry, index) => {
        const path = [list, index, 'date'];
        const issue = (message: string) => ctx.addIssue({ code: 'custom', path, message });
        if (!entry.date.startsWith(`${calendar.year}-`)) issue(`${entry.date} is not in ${calendar.year}`);
        const first = seen.get(entry.date);
        if (first !== undefined) {
          issue(
            first.startsWith(list) ? `${entry.date} is listed twice` : `${entry.date} is both a holiday and a workday`,
          );
        } else {
          seen.set(entry.date, path.join('.'));
        }
        // A make-up working day only makes sense on a weekend; a weekday is a working day already.
        const day = dayNumberOf(entry.date);
        const weekend = day !== undefined && [0, 6].includes(weekdayOf(day));
        if (list === 'workdays' && !weekend) issue(`${entry.date} is not a Saturday or Sunday`);
      });
    }
  });

export type YearCalendar = z.infer<typeof yearCalendarSchema>;

/** A date's year has no loaded holiday calendar: an administrator must load that year's notice first. */
export class CalendarNotLoadedError extends Error {
  override readonly name = 'CalendarNotLoadedError';
  constructor(readonly year: number) {
    super(`No working-day calendar is loaded for ${year}; load the State Council holiday notice for ${year} first`);
  }
}

/** A suspended stretch (特别程序 under art. 45: hearings, inspections, expert review...), both ends inclusive. */
export interface Pause {
  readonly from: string;
  readonly to: string;
}

interface YearSets {
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
}

export class WorkingDayCalendar {
  readonly #years = new Map<number, YearSets>();

  /** Each calendar is validated; a later one for the same year replaces an earlier one (a corrected notice). */
  constructor(calendars: readonly YearCalendar[]) {
    for (const input of calendars) {
      const calendar = yearCalendarSchema.parse(input);
      this.#years.set(calendar.year, {
        holidays: new Set(calendar.holidays.map((h) => h.date)),
        workdays: new Set(calendar.workdays.map((w) => w.date)),
      });
    }
  }

  /** The years this calendar can answer for, ascending. */
  get years(): readonly number[] {
    return [...this.#years.keys()].sort((a, b) => a - b);
  }

  isWorkingDay(date: string): boolean {
    return this.#isWorkingDay(parseDate(date));
  }

  /** Whether the holiday notice of this year is loaded (shipped or loaded by an administrator). */
  hasYear(year: number): boolean {
    return this.#years.has(year);
  }

  /** The same calendar without one year's notice: how deadlines were counted before that year was loaded. */
  without(year: number): WorkingDayCalendar {
    const copy = new WorkingDayCalendar([]);
    for (const [y, sets] of this.#years) if (y !== year) copy.#years.set(y, sets);
    return copy;
  }

  /**
   * The date on which a period of n working days, counted from the day after `start`, ends. n = 0 gives start. A
   * year without its notice counts Monday to Friday: see provisionalYears for whether the answer is final.
   */
  addWorkingDays(start: string, n: number, pauses: readonly Pause[] = []): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
    let day = parseDate(start, 'start');
    const paused = pausePredicate(pauses);
    for (let counted = 0; counted < n; ) {
      day += 1;
      if (this.#counts(day) && !paused(day)) counted += 1;
    }
    return dateOf(day);
  }

  /** addWorkingDays, and whether the date is provisional (the period reaches a year whose notice is not loaded). */
  addWorkingDaysProvisionally(start: string, n: number): { date: string; provisional: boolean } {
    const date = this.addWorkingDays(start, n);
    return { date, provisional: this.provisionalYears(start, date).length > 0 };
  }

  /**
   * The years without a loaded notice that a period after `from` up to and including `to` reaches: a deadline
   * counted over them is provisional (Monday to Friday there) until they are loaded. None when to ≤ from.
   */
  provisionalYears(from: string, to: string): number[] {
    const first = Number(dateOf(parseDate(from, 'from') + 1).slice(0, 4));
    const last = Number(to.slice(0, 4));
    parseDate(to, 'to');
    const years: number[] = [];
    for (let year = first; year <= last; year += 1) if (!this.#years.has(year)) years.push(year);
    return years;
  }

  /** Working days after `from` up to and including `to` (0 when to ≤ from), less those inside pauses; Monday to Friday in a year not loaded. */
  workingDaysBetween(from: string, to: string, pauses: readonly Pause[] = []): number {
    const first = parseDate(from, 'from') + 1;
    const last = parseDate(to, 'to');
    const paused = pausePredicate(pauses);
    let count = 0;
    for (let day = first; day <= last; day += 1) {
      if (this.#counts(day) && !paused(day)) count += 1;
    }
    return count;
  }

  /** A working day for counting periods: the notice's answer, or Monday to Friday in a year not loaded yet. */
  #counts(dayNumber: number): boolean {
    if (this.#years.has(Number(dateOf(dayNumber).slice(0, 4)))) return this.#isWorkingDay(dayNumber);
    const weekday = weekdayOf(dayNumber);
    return weekday !== 0 && weekday !== 6;
  }

  #isWorkingDay(dayNumber: number): boolean {
    const date = dateOf(dayNumber);
    const year = Number(date.slice(0, 4));
    const sets = this.#years.get(year);
    if (!sets) throw new CalendarNotLoadedError(year);
    if (sets.holidays.has(date)) return false;
    if (sets.workdays.has(date)) return true;
    const weekday = weekdayOf(dayNumber);
    return weekday !== 0 && weekday !== 6;
  }
}

function pausePredicate(pauses: readonly Pause[]): (dayNumber: number) => boolean {
  const ranges = pauses.map(({ from, to }) => {
    const range = [parseDate(from, 'pause.from'), parseDate(to, 'pause.to')] as const;
    if (range[0] > range[1]) throw new RangeError(`pause ends (${to}) before it starts (${from})`);
    return range;
  });
  return (day) => ranges.some(([from, to]) => from <= day && day <= to);
}

// In a module of its own, so that code needing only the date (the licence register) imports no calendar schema.
export { toShanghaiDate } from './shanghai-date';
