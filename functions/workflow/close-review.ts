import * as z from 'zod';
import { applicationDeps } from '../../shared/adapters/application-deps';
import { closeBundle } from '../../shared/domain/workflow/bundles';
import { closeReview } from '../../shared/domain/workflow/close-review';
import { workflowTask } from '../../shared/lambda/workflow-task';

const deps = applicationDeps();

/** The last step of the procedure and bundle state machines: the case's outcome (approved, rejected, withdrawn). */
export const handler = workflowTask(z.object({ caseId: z.string().min(1), outcome: z.enum(['approve', 'reject', 'withdrawn', 'bundle', 'failed']), error: z.string().optional() }), ({ caseId, outcome, error }) => {
  if (outcome === 'bundle') return closeBundle(caseId, deps);
  if (outcome === 'failed') return closeReview(caseId, { failed: error ?? 'unknown error' }, deps);
  return closeReview(caseId, outcome === 'approve' ? 'approve' : 'reject', deps);
});
