/**
 * The platform's notion of "now". In AWS it is the system clock. The local cloud may replace the source so that
 * tests can move time (deadlines, expiries, schedules) without sleeping; nothing else ever sets it.
 */
export interface Clock {
  now(): Date;
}

let source: () => number = () => Date.now();

export const clock: Clock = { now: () => new Date(source()) };

/** For the local cloud only. */
export function setClockSource(next: () => number): void {
  source = next;
}
