import { noticeDue } from '../calendar/provisional';
import { retryOnConflict } from '../applications/changes';
import { eachIsolated, type SweepFailure } from '../sweep';
import { toShanghaiDate } from '../calendar/working-days';
import { addDays, daysBetween, type LevelPolicy, warningHorizon } from './levels';
import type { Watch } from './model';
import type { SweepDeps } from './ports';
import { noticeOf, settle } from './watch';

/**
 * The hourly sweep. Levels change only when the date changes, so the sweep keeps the last date it completed and
 * reads (through the due-date index, one partition per date) only the dates whose watches change level since then
 * (at least since yesterday):
 *   - due dates from the last swept date up to yesterday: they have just passed (red);
 *   - due dates beyond the last swept date's warning horizon up to today's: they have just come within the
 *     threshold (yellow).
 * Several missed days are caught up in one run. Every level change is conditional on the watch's version and
 * carries its notice in the same transaction, so a second or concurrent run changes nothing and publishes nothing.
 */

/** With no cursor yet (the first run ever), due dates this many days back are looked at. */
export const FIRST_SWEEP_LOOKBACK_DAYS = 31;
/** A cursor further back than this (a long outage) is caught up from this many days back. */
export const MAX_SWEEP_DAYS = 366;

export interface SweepResult {
  readonly today: string;
  /** The dates read, in order. */
  readonly dates: readonly string[];
  /** Watches whose level changed. */
  readonly changed: number;
  readonly notices: number;
  /** Watches that could not be judged this run (ids only); they are read again next run. */
  readonly failed: readonly SweepFailure[];
  /** A year whose holiday notice administrators should load now (from 1 November for next year): see noticeDue. */
  readonly noticeMissing?: number;
}

/** The due dates whose watches may change level between the day `from` and the day `today`. */
export function datesToSweep(from: string, today: string, policy: LevelPolicy): string[] {
  const dates: string[] = [];
  for (let day = from; day < today; day = addDays(day, 1)) dates.push(day);
  const previousHorizon = warningHorizon(from, policy);
  const horizon = warningHorizon(today, policy);
  // Dates up to the previous horizon were yellow already; those before today are red now (above).
  const first = addDays(previousHorizon, 1) > today ? addDays(previousHorizon, 1) : today;
  for (let day = first; day <= horizon; day = addDays(day, 1)) dates.push(day);
  return dates;
}

export async function sweep(deps: SweepDeps): Promise<SweepResult> {
  const now = deps.now();
  const today = toShanghaiDate(now);
  const last = await deps.store.sweepCursor();
  const policy: LevelPolicy = { calendar: await deps.calendar(), warningDays: deps.warningDays };
  // Every run re-reads at least yesterday's change of day: a watch written just before midnight may have reached the
  // index only after that day's first run read it. A few queries an hour; repeats change nothing.
  const yesterday = addDays(today, -1);
  // The earlier of two ISO dates, compared as strings (Math.min would compare numbers).
  // biome-ignore lint/complexity/useMathMinMax: the operands are ISO date strings
  let from = last ? (last < yesterday ? last : yesterday) : addDays(today, -FIRST_SWEEP_LOOKBACK_DAYS);
  if (daysBetween(from, today) > MAX_SWEEP_DAYS) from = addDays(today, -MAX_SWEEP_DAYS);
  const dates = datesToSweep(from, today, policy);
  let changed = 0;
  let notices = 0;
  const failed: SweepFailure[] = [];
  for (const date of dates) {
    // Each watch on its own: one that fails is reported, the others are swept.
    await eachIsolated(
      await deps.store.dueOn(date),
      (w) => w.id,
      async (listed) => {
        const result = await relevel(listed, deps, policy);
        if (result.changed) changed += 1;
        if (result.notice) notices += 1;
      },
      failed,
    );
  }
  // Only after every watch is done: a run that failed (whole or for one watch) is repeated, and repeats change nothing.
  if (last !== today && failed.length === 0) await deps.store.saveSweepCursor(today, last);
  const noticeMissing = noticeDue(policy.calendar, today);
  return { today, dates, changed, notices, failed, ...(noticeMissing ? { noticeMissing } : {}) };
}

/**
 * One watch's level as of today. The index is read eventually consistently, so a watch that changed meanwhile is
 * read again (consistently) and judged as it is now.
 */
async function relevel(
  listed: Watch,
  deps: SweepDeps,
  policy: LevelPolicy,
): Promise<{ changed: boolean; notice: boolean }> {
  let current: Watch | undefined = listed;
  return retryOnConflict(async () => {
    if (!current) return { changed: false, notice: false };
    const now = deps.now();
    const today = toShanghaiDate(now);
    const after = current.status === 'open' ? settle(current, current, today, policy) : undefined;
    if (!after) return { changed: false, notice: false };
    const notice = noticeOf(current, after, today, policy, now);
    try {
      await deps.store.commit({ changes: [{ before: current, after, ...(notice ? { notice } : {}) }] });
    } catch (error) {
      current = await deps.store.get(listed);
      throw error;
    }
    return { changed: true, notice: notice !== undefined };
  });
}
