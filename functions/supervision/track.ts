import { supervisionDeps } from '../../shared/adapters/supervision-deps';
import { track, TRACKED_CONTRACTS } from '../../shared/domain/supervision/track';
import { eventsConsumer } from '../../shared/lambda/event-consumer';

const deps = supervisionDeps();

/** 电子监察: deadline events → watches, their warnings and overdue notices, and the departments' efficiency. */
export const handler = eventsConsumer(TRACKED_CONTRACTS, async (event) => {
  await track({ detailType: event.detailType, detail: event.detail }, deps);
});
