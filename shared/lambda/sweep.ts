import type { SweepFailure } from '../domain/sweep';

/** Logs each item a sweep could not handle (`sweep item failed`, the item id and error name only); returns the count. */
export function logSweepFailures(
  logger: { error(message: string, data: Record<string, unknown>): void },
  sweep: string,
  failed: readonly SweepFailure[],
): number {
  for (const f of failed) logger.error('sweep item failed', { sweep, itemId: f.id, error: f.error });
  return failed.length;
}
