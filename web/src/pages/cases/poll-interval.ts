/**
 * How often the case page asks whether its case changed. A case waits in review for days, often with its page open
 * in a tab: every 5 s would be 17,280 requests a day for one open page (each an API Gateway request and a Lambda
 * invocation). So the page asks every 5 s right after something happened, and less often the longer nothing does,
 * up to once a minute; anything that changes, a command of the applicant's, or coming back to the tab starts again
 * at 5 s.
 */
export const FIRST_POLL_MS = 5_000;
export const LONGEST_POLL_MS = 60_000;
/** Each quiet poll waits this much longer than the one before: 5, 7.5, 11, 17, 25, 38, 57, then 60 s. */
const GROWTH = 1.5;

/** The wait before the next poll, after one that waited `previousMs` and found the case `changed` or not. */
export function nextPollMs(previousMs: number, changed: boolean): number {
  if (changed) return FIRST_POLL_MS;
  return Math.min(LONGEST_POLL_MS, Math.round(previousMs * GROWTH));
}
