import * as z from 'zod';
import { paymentDeps } from '../../shared/adapters/payment-deps';
import { awaitPayment } from '../../shared/domain/payments/orders';
import { workflowTask } from '../../shared/lambda/workflow-task';

const deps = paymentDeps();

/**
 * The procedure's step between RecordApproval and IssueLicence (waitForTaskToken): a case that owes nothing or has
 * paid goes on at once; otherwise the token waits on the case until the Paid notification answers it.
 */
export const handler = workflowTask(
  z.object({ caseId: z.string().min(1), taskToken: z.string().min(1) }),
  async ({ caseId, taskToken }) => {
    const outcome = await awaitPayment(caseId, taskToken, deps);
    if (outcome.answerNow) await deps.engine.taskSuccess(taskToken, outcome.output);
    return { caseId, waiting: !outcome.answerNow };
  },
);
