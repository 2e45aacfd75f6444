import { analyticsDeps } from '../../shared/adapters/analytics-deps';
import { COUNTED_CONTRACTS } from '../../shared/domain/analytics/indicators';
import { recordEvent } from '../../shared/domain/analytics/record';
import { eventsConsumer } from '../../shared/lambda/event-consumer';

// Re-exported for the topology's rule; importing it from shared/domain/analytics/indicators avoids loading this handler.
export { COUNTED_CONTRACTS };

let deps: ReturnType<typeof analyticsDeps> | undefined;

/** Statistics (DOMAIN.md §8): each counted event adds to its day's counters, once however often it is delivered. */
export const handler = eventsConsumer(COUNTED_CONTRACTS, async (event) => {
  // Built at the first event (once per container), so that importing COUNTED_CONTRACTS needs no environment.
  deps ??= analyticsDeps();
  await recordEvent(event, deps);
});
