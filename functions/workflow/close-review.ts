import * as z from 'zod';
import { applicationDeps } from '../../shared/adapters/application-deps';
import { closeCase, MACHINE_OUTCOMES } from '../../shared/domain/workflow/close-review';
import { workflowTask } from '../../shared/lambda/workflow-task';

const deps = applicationDeps();

/**
 * The last step of the procedure and bundle state machines: the case's outcome (rejected, withdrawn, a bundle's). An
 * approval is recorded by the procedure's ApproveAndAwaitPayment step (functions/payments/await-payment.ts); `approve`
 * and `failed` stay for executions started on the earlier definition, which still call them.
 */
export const handler = workflowTask(
  z.object({ caseId: z.string().min(1), outcome: z.enum(MACHINE_OUTCOMES), error: z.string().optional() }),
  ({ caseId, outcome, error }) => closeCase(caseId, outcome, error, deps),
);
