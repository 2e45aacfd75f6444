import { deliveryDeps } from '../../shared/adapters/delivery-deps';
import { chooseDeliveryRoute, confirmPickupRoute, getDeliveryRoute } from '../../shared/contracts/delivery';
import { chooseDeliveryView, getDelivery } from '../../shared/domain/delivery/choice';
import { confirmPickupView } from '../../shared/domain/delivery/pickup';
import { httpRouter, route } from '../../shared/lambda/http';

const deps = deliveryDeps();

/** 统一出件: the applicant chooses window pickup or post; anyone who may see the case follows it; the window hands it over. */
export const handler = httpRouter([
  route(chooseDeliveryRoute, ({ params, body, principal }) => chooseDeliveryView(params.id, body, principal, deps)),
  route(getDeliveryRoute, ({ params, principal }) => getDelivery(params.id, principal, deps)),
  route(confirmPickupRoute, ({ params, body, principal }) => confirmPickupView(params.id, body, principal, deps)),
]);
