/**
 * When to retry an outbound delivery (a webhook to a department's system).
 *
 * The schedule is a list of nominal delays d1…dm between attempts; their running sums T1…Tm form a grid measured
 * from the first attempt. Retry k (attempt k+1) is drawn uniformly from the end of its step, the last `jitter`
 * share of [T(k-1), T(k)]: with full jitter (1) anywhere in the step, as "exponential backoff with full jitter"
 * prescribes, so deliveries that failed together while a department was down do not all come back at once.
 *
 * Times hang on the grid, not on when the previous attempt really ran, so jitter never accumulates, attempts stay
 * in order whatever the draws, and the lifetime of a delivery is bounded both ways: the last attempt falls in
 * [T(m-1) + (1 - jitter) * dm, Tm]. Everything here is pure; the caller supplies the random source.
 */

export interface DeliverySchedule {
  /** Nominal delays in milliseconds: delaysMs[0] leads to attempt 2, and so on. */
  readonly delaysMs: readonly number[];
  /** The share of each step that is randomised: 1 = full jitter, 0 = exactly on the grid. */
  readonly jitter: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Nine attempts: at once, then steps of 5 s, 5 min, 30 min, 2 h, 5 h and three of 10 h (growing about sixfold,
 * then capped). With full jitter the last attempt falls between 27 h 35 min and 37 h 35 min after the first, so
 * a department's system that is down for a day, night included, still receives its tasks.
 */
export const DEFAULT_DELIVERY_SCHEDULE: DeliverySchedule = deliverySchedule(
  [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR, 10 * HOUR],
  1,
);

/** A checked schedule: at least one positive, finite delay, and a jitter share in [0, 1]. */
export function deliverySchedule(delaysMs: readonly number[], jitter = 1): DeliverySchedule {
  if (delaysMs.length === 0) throw new RangeError('A delivery schedule needs at least one retry delay');
  if (delaysMs.some((d) => !Number.isFinite(d) || d <= 0)) {
    throw new RangeError('Retry delays must be positive, finite milliseconds');
  }
  if (!(jitter >= 0 && jitter <= 1)) throw new RangeError('Jitter must be between 0 and 1');
  return Object.freeze({ delaysMs: Object.freeze([...delaysMs]), jitter });
}

/** How many attempts a delivery gets in all, the first included. */
export function maxAttempts(schedule: DeliverySchedule = DEFAULT_DELIVERY_SCHEDULE): number {
  return schedule.delaysMs.length + 1;
}

/** The earliest and latest time between the first and the last attempt, whatever the random draws. */
export function deliveryWindow(schedule: DeliverySchedule = DEFAULT_DELIVERY_SCHEDULE): {
  attempts: number;
  minSpanMs: number;
  maxSpanMs: number;
} {
  const maxSpanMs = schedule.delaysMs.reduce((sum, d) => sum + d, 0);
  const last = schedule.delaysMs.at(-1) ?? 0;
  return { attempts: maxAttempts(schedule), minSpanMs: maxSpanMs - schedule.jitter * last, maxSpanMs };
}

/**
 * When to make the next attempt after attempt number `attempt` (1 = the first) failed, or undefined when that
 * was the last one and the delivery is dead. The date may already have passed (a slow attempt, a late
 * scheduler): the caller then tries at once. `random` returns a number in [0, 1), as Math.random does.
 */
export function nextAttemptAt(
  attempt: number,
  firstAttemptAt: Date,
  random: () => number,
  schedule: DeliverySchedule = DEFAULT_DELIVERY_SCHEDULE,
): Date | undefined {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError('attempt counts from 1 (the first attempt)');
  if (attempt >= maxAttempts(schedule)) return undefined;
  const delays = schedule.delaysMs;
  const stepStart = delays.slice(0, attempt - 1).reduce((sum, d) => sum + d, 0);
  const step = delays[attempt - 1]!;
  const draw = random();
  if (!(draw >= 0 && draw < 1)) throw new RangeError('random() must return a number in [0, 1)');
  const offset = stepStart + step * (1 - schedule.jitter) + step * schedule.jitter * draw;
  return new Date(firstAttemptAt.getTime() + Math.round(offset));
}
