import * as z from 'zod';
import { applicationDeps } from '../../shared/adapters/application-deps';
import { sfnClient } from '../../shared/adapters/aws-clients';
import { stepFunctionsEngine } from '../../shared/adapters/step-functions-engine';
import { startMember } from '../../shared/domain/workflow/bundles';
import { workflowTask } from '../../shared/lambda/workflow-task';

const deps = applicationDeps();
const engine = stepFunctionsEngine(sfnClient());

/** Invoked by the bundle state machine with a token: starts one member case of a 一件事 bundle. */
export const handler = workflowTask(
  z.object({
    caseId: z.string().min(1),
    waveIndex: z.number().int().nonnegative(),
    matterCode: z.string().min(1),
    taskToken: z.string().min(1),
  }),
  (input) => startMember(input, deps, engine),
);
