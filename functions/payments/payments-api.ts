import { paymentDeps } from '../../shared/adapters/payment-deps';
import { getPaymentRoute, renewPaymentRoute } from '../../shared/contracts/payments';
import { paymentView, renewOrderView } from '../../shared/domain/payments/orders';
import { httpRouter, route } from '../../shared/lambda/http';

const deps = paymentDeps();

/** 非税支付 for applicants: the case's fee order (and for staff who may see the case), and renewing an expired or failed one. */
export const handler = httpRouter([
  route(getPaymentRoute, ({ params, principal }) => paymentView(params.id, principal, deps)),
  route(renewPaymentRoute, ({ params, principal }) => renewOrderView(params.id, principal, deps)),
]);
