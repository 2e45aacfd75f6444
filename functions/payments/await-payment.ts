import * as z from 'zod';
import { paymentDeps } from '../../shared/adapters/payment-deps';
import { awaitPayment } from '../../shared/domain/payments/orders';
import { closeReview } from '../../shared/domain/workflow/close-review';
import { workflowTask } from '../../shared/lambda/workflow-task';

const deps = paymentDeps();

/**
 * The procedure's ApproveAndAwaitPayment step (waitForTaskToken), after every department approved: the case is
 * recorded APPROVED (Application.Approved.v1), then a case that owes nothing or has paid goes on at once; otherwise
 * the token waits on the case until the Paid notification answers it. One state instead of two saves a billed
 * transition per case. Recording the approval is idempotent, so a retry, a re-opened wait (after 30 days) or an
 * execution of the earlier definition (which recorded it in a step of its own) finds the case decided and goes on.
 */
export const handler = workflowTask(
  z.object({ caseId: z.string().min(1), taskToken: z.string().min(1) }),
  async ({ caseId, taskToken }) => {
    await closeReview(caseId, 'approve', deps.app);
    const outcome = await awaitPayment(caseId, taskToken, deps);
    if (outcome.answerNow) await deps.engine.taskSuccess(taskToken, outcome.output);
    return { caseId, waiting: !outcome.answerNow };
  },
);
