import { paymentDeps } from '../../shared/adapters/payment-deps';
import { paymentPaid } from '../../shared/contracts/payment-events';
import { afterPaid } from '../../shared/domain/payments/notifications';
import { eventConsumer } from '../../shared/lambda/event-consumer';

const deps = paymentDeps();

/**
 * Payment.Paid.v1 → the procedure's wait before issuance is answered (again, after the notification handler: an
 * answered token is ignored); a payment the case no longer needs (rejected, withdrawn, or a replaced order) is refunded.
 */
export const handler = eventConsumer(paymentPaid.detail, async ({ detail }) => {
  await afterPaid(detail.orderId, deps);
});
