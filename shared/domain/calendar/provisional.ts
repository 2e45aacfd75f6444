import type { StoreWrite } from '../store-write';
import type { ProvisionalIndex } from './ports';
import type { WorkingDayCalendar } from './working-days';

/**
 * Provisional deadlines: a deadline that reaches a year whose State Council holiday notice is not loaded yet is
 * counted Monday to Friday there and flagged `provisional`, and its case is listed under that year (ports.ts,
 * ProvisionalIndex) so that loading the notice re-dates it (redate.ts).
 */

/** The value with its `provisional` flag as the calendar says for the period from `from` to `to` (absent when final). */
export function flagged<T extends { readonly provisional?: boolean }>(
  value: T,
  calendar: WorkingDayCalendar,
  from: string,
  to: string,
): T {
  const { provisional: _old, ...rest } = value;
  return (calendar.provisionalYears(from, to).length > 0 ? { ...rest, provisional: true } : rest) as T;
}

/** The listing items for the deadlines just set on a case (none when every period is counted by loaded notices). */
export function provisionalMarks(
  deps: { readonly provisional?: ProvisionalIndex },
  caseId: string,
  calendar: WorkingDayCalendar,
  periods: readonly (readonly [string, string])[],
): StoreWrite[] {
  if (!deps.provisional) return [];
  const years = [...new Set(periods.flatMap(([from, to]) => calendar.provisionalYears(from, to)))];
  return years.length > 0 ? deps.provisional.mark(caseId, years) : [];
}

/**
 * The year whose State Council holiday notice administrators should load now: next year, from 1 November (the notice
 * is usually published in late October or November) until it is loaded. Until then December deadlines reaching into
 * it are provisional.
 */
export function noticeDue(calendar: Pick<WorkingDayCalendar, 'hasYear'>, today: string): number | undefined {
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  if (!calendar.hasYear(year)) return year;
  return month >= 11 && !calendar.hasYear(year + 1) ? year + 1 : undefined;
}
