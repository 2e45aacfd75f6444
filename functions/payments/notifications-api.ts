import { paymentDeps } from '../../shared/adapters/payment-deps';
import { paymentNotificationRoute } from '../../shared/contracts/payments';
import { answerNotification } from '../../shared/domain/payments/notifications';
import { HttpResponse, httpRouter, route } from '../../shared/lambda/http';

const deps = paymentDeps();

/**
 * A payment provider's signed notification (no JWT). A payment the procedure waits for is answered here at once;
 * the Payment.Paid.v1 consumer (functions/payments/resume-on-paid.ts) answers it again if this attempt is lost.
 */
export const handler = httpRouter([
  route(paymentNotificationRoute, async ({ params, headers, rawBody }) => {
    const answer = await answerNotification(params.provider, headers as Record<string, string>, rawBody, deps);
    return new HttpResponse(answer.body, answer.status);
  }),
]);
