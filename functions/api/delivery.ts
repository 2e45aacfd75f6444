import { deliveryDeps } from '../../shared/adapters/delivery-deps';
import { chooseDeliveryRoute, confirmPickupRoute, getDeliveryRoute } from '../../shared/contracts/delivery';
import { chooseDelivery, deliveryView, getDelivery } from '../../shared/domain/delivery/choice';
import { confirmPickup } from '../../shared/domain/delivery/pickup';
import { httpRouter, route } from '../../shared/lambda/http';

const deps = deliveryDeps();

/** 统一出件: the applicant chooses window pickup or post; anyone who may see the case follows it; the window hands it over. */
export const handler = httpRouter([
  route(chooseDeliveryRoute, async ({ params, body, principal }) => deliveryView(await chooseDelivery(params.id, body, principal, deps), principal)),
  route(getDeliveryRoute, ({ params, principal }) => getDelivery(params.id, principal, deps)),
  route(confirmPickupRoute, async ({ params, body, principal }) => {
    const { record, members } = await confirmPickup(params.id, body, principal, deps);
    return deliveryView(record, principal, members);
  }),
]);
