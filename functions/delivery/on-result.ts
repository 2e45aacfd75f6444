import { deliveryDeps } from '../../shared/adapters/delivery-deps';
import { onResult, RESULT_CONTRACTS } from '../../shared/domain/delivery/dispatch';
import { eventsConsumer } from '../../shared/lambda/event-consumer';

const deps = deliveryDeps();

/**
 * 统一出件: a result is ready (its licence issued, or approved when its matter yields no licence) → dispatched once,
 * by post through the courier or to the window. Redelivered events find the case dispatched and change nothing.
 */
export const handler = eventsConsumer(RESULT_CONTRACTS, async (event) => {
  await onResult({ detailType: event.detailType, detail: event.detail }, deps);
});
