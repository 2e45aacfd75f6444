import { analyticsDeps } from '../../shared/adapters/analytics-deps';
import { COUNTED_CONTRACTS } from '../../shared/domain/analytics/counting';
import { recordEvent } from '../../shared/domain/analytics/record';
import { eventsConsumer } from '../../shared/lambda/event-consumer';

const deps = analyticsDeps();

/** Statistics (DOMAIN.md §8): each counted event adds to its day's counters, once however often it is delivered. */
export const handler = eventsConsumer(COUNTED_CONTRACTS, async (event) => {
  await recordEvent(event, deps);
});
