/** An item a sweep could not handle: its id (never personal data) and the error's name. */
export interface SweepFailure {
  readonly id: string;
  readonly error: string;
}

/**
 * Runs `run` for each item on its own: an item that throws is recorded in `failed` and the sweep goes on with the
 * next, so one bad item (its data, its store, a bug) never holds up the others. Nothing is rethrown.
 */
export async function eachIsolated<T>(
  items: Iterable<T> | AsyncIterable<T>,
  idOf: (item: T) => string,
  run: (item: T) => Promise<void>,
  failed: SweepFailure[],
): Promise<void> {
  for await (const item of items) {
    try {
      await run(item);
    } catch (error) {
      failed.push({ id: idOf(item), error: (error as Error)?.name ?? 'Error' });
    }
  }
}
