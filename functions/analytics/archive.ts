import { archiveDeps } from '../../shared/adapters/analytics-deps';
import { ALL_EVENT_CONTRACTS } from '../../shared/contracts/all-events';
import { eventsConsumer } from '../../shared/lambda/event-consumer';

const deps = archiveDeps();

/**
 * The raw-event archive for Athena: every platform event, once, as a JSON line under its date. A redelivery writes
 * the same key with the same line, so no ledger is needed.
 */
export const handler = eventsConsumer(ALL_EVENT_CONTRACTS, async (event) => {
  const occurredAt = event.detail.occurredAt as string;
  await deps.archive.put({
    eventId: event.detail.eventId,
    source: event.source,
    detailType: event.detailType,
    occurredAt,
    detail: event.detail,
  });
});
