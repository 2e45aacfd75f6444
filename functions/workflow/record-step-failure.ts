import * as z from 'zod';
import { applicationDeps } from '../../shared/adapters/application-deps';
import { recordStepFailure, STEP_FAILED_MESSAGE } from '../../shared/domain/workflow/step-failure';
import { logger } from '../../shared/lambda/logger';
import { workflowTask } from '../../shared/lambda/workflow-task';

const deps = applicationDeps();

/** A Catch's error output: only its name is read. */
const caught = z.object({ Error: z.string().optional() }).loose();

/**
 * Every Task state's Catch in the state machines: the failure is recorded on the case and logged with the message
 * that alarms; the machine then fails (which alarms too). Only the error's name is kept: causes may hold personal data.
 * The Catch puts its error under `failed.<step>`, so the step is named without a Pass state (a billed transition);
 * `step` + `failure` is how executions started on the earlier definition still call it.
 */
export const handler = workflowTask(
  z
    .object({
      caseId: z.string().min(1),
      failed: z.record(z.string().min(1), caught).optional(),
      step: z.string().min(1).optional(),
      failure: caught.optional(),
    })
    .transform(({ caseId, failed, step, failure }, ctx) => {
      const [name, error] = failed ? (Object.entries(failed)[0] ?? []) : [step, failure];
      if (!name) {
        ctx.addIssue({ code: 'custom', message: 'failed (or step) must name the failed step' });
        return z.NEVER;
      }
      return { caseId, step: name, failure: error };
    }),
  async ({ caseId, step, failure }) => {
    const error = failure?.Error || 'unknown error';
    const result = await recordStepFailure({ caseId, step, error }, deps);
    logger.error(STEP_FAILED_MESSAGE, { caseId, step, error, status: result.status, recorded: result.recorded });
    return result;
  },
);
