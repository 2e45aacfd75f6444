import { deliveryDeps } from '../../shared/adapters/delivery-deps';
import { onResult, RESULT_CONTRACTS } from '../../shared/domain/delivery/dispatch';
import type { DeliveryDeps } from '../../shared/domain/delivery/ports';
import { eventsConsumer } from '../../shared/lambda/event-consumer';

let deps: DeliveryDeps | undefined;

/**
 * 统一出件: a result is ready (its licence issued, or approved when its matter yields no licence) → dispatched once,
 * by post through the courier or to the window. Redelivered events find the case dispatched and change nothing.
 */
export const handler = eventsConsumer(RESULT_CONTRACTS, async (event) => {
  deps ??= deliveryDeps();
  await onResult({ detailType: event.detailType, detail: event.detail }, deps);
});
