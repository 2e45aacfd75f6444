import { applicationDeps } from '../../shared/adapters/application-deps';
import {
  recordStepFailure,
  STEP_FAILED_MESSAGE,
  stepFailureInputSchema,
} from '../../shared/domain/workflow/step-failure';
import { logger } from '../../shared/lambda/logger';
import { workflowTask } from '../../shared/lambda/workflow-task';

const deps = applicationDeps();

/**
 * Every Task state's Catch in the state machines: the failure is recorded on the case and logged with the message
 * that alarms; the machine then fails (which alarms too). Only the error's name is kept: causes may hold personal data.
 */
export const handler = workflowTask(stepFailureInputSchema, async (failure) => {
  const result = await recordStepFailure(failure, deps);
  logger.error(STEP_FAILED_MESSAGE, { ...failure, status: result.status, recorded: result.recorded });
  return result;
});
