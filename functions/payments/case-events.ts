import { paymentDeps } from '../../shared/adapters/payment-deps';
import { applicationAccepted } from '../../shared/contracts/application-events';
import { applicationRejected } from '../../shared/contracts/workflow-events';
import { PAYMENT_CASE_CONTRACTS } from '../../shared/contracts/payment-events';
import { orderForCase, settleOnCaseEnd } from '../../shared/domain/payments/orders';
import { eventsConsumer } from '../../shared/lambda/event-consumer';

const deps = paymentDeps();

/** The case events this consumer's rule must match: patternFor(PAYMENT_CASE_CONTRACTS) (defined with the contracts, so the topology imports no handler). */
export { PAYMENT_CASE_CONTRACTS };

/**
 * Application.Accepted.v1 → the case's fee order (when its matter charges one; a bundle case never pays, its member
 * cases do). Application.Rejected.v1 / Application.Withdrawn.v1 → an unpaid order is cancelled, a paid one refunded.
 * Idempotent on the case's own payment state: a redelivered event makes no second order and no second refund.
 */
export const handler = eventsConsumer(PAYMENT_CASE_CONTRACTS, async ({ detailType, detail }) => {
  const caseId = detail.caseId as string;
  if (detailType === applicationAccepted.detailType) {
    if (detail.kind === 'bundle') return;
    await orderForCase(caseId, deps);
  } else {
    await settleOnCaseEnd(caseId, detailType === applicationRejected.detailType ? 'rejected' : 'withdrawn', deps);
  }
});
