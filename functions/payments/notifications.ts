import { paymentDeps } from '../../shared/adapters/payment-deps';
import { paymentNotificationRoute } from '../../shared/contracts/payments';
import { receiveNotification } from '../../shared/domain/payments/notifications';
import { HttpResponse, httpRouter, route } from '../../shared/lambda/http';

const deps = paymentDeps();

/**
 * A payment provider's signed notification (no JWT). A payment the procedure waits for is answered here at once;
 * the Payment.Paid.v1 consumer (functions/payments/resume-on-paid.ts) answers it again if this attempt is lost.
 */
export const handler = httpRouter([
  route(paymentNotificationRoute, async ({ params, headers, rawBody }) => {
    const answer = await receiveNotification(params.provider, headers as Record<string, string>, rawBody, deps);
    if (answer.resume) {
      // Best effort: the provider's answer must not wait on, or fail with, the workflow.
      await deps.engine.taskSuccess(answer.resume.token, answer.resume.output).catch((error: Error) => deps.log.info('payment resume deferred to the event', { error: error.name }));
    }
    return new HttpResponse(answer.body, answer.status);
  }),
]);
