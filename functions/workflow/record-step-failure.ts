import * as z from 'zod';
import { applicationDeps } from '../../shared/adapters/application-deps';
import { recordStepFailure, STEP_FAILED_MESSAGE } from '../../shared/domain/workflow/step-failure';
import { logger } from '../../shared/lambda/logger';
import { workflowTask } from '../../shared/lambda/workflow-task';

const deps = applicationDeps();

/**
 * Every Task state's Catch in the state machines: the failure is recorded on the case and logged with the message
 * that alarms; the machine then fails (which alarms too). Only the error's name is kept: causes may hold personal data.
 */
export const handler = workflowTask(
  z.object({
    caseId: z.string().min(1),
    step: z.string().min(1),
    failure: z.object({ Error: z.string().optional() }).loose().optional(),
  }),
  async ({ caseId, step, failure }) => {
    const error = failure?.Error || 'unknown error';
    const result = await recordStepFailure({ caseId, step, error }, deps);
    logger.error(STEP_FAILED_MESSAGE, { caseId, step, error, status: result.status, recorded: result.recorded });
    return result;
  },
);
