import * as z from 'zod';
import { applicationDeps } from '../../shared/adapters/application-deps';
import { sfnClient } from '../../shared/adapters/aws-clients';
import { stepFunctionsEngine } from '../../shared/adapters/step-functions-engine';
import { parseEnv } from '../../shared/config/env';
import { applicationAccepted } from '../../shared/contracts/application-events';
import { startReview } from '../../shared/domain/workflow/start-review';
import { eventConsumer } from '../../shared/lambda/event-consumer';

const env = parseEnv({ PROCEDURE_STATE_MACHINE_ARN: z.string().min(1), BUNDLE_STATE_MACHINE_ARN: z.string().min(1) });
const deps = applicationDeps();
const engine = stepFunctionsEngine(sfnClient());

/**
 * Application.Accepted.v1 → the case enters review and its state machine starts, named after the case: a
 * redelivered event finds the case in review and the execution existing, and changes nothing.
 */
export const handler = eventConsumer(applicationAccepted.detail, async ({ detail }) => {
  const start = await startReview(detail.caseId, deps);
  if (!start) return;
  await engine.start(
    start.machine === 'bundle' ? env.BUNDLE_STATE_MACHINE_ARN : env.PROCEDURE_STATE_MACHINE_ARN,
    start.name,
    start.input,
  );
});
