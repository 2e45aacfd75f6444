import { applicationDeps } from '../../shared/adapters/application-deps';
import { sfnClient } from '../../shared/adapters/aws-clients';
import { stepFunctionsEngine } from '../../shared/adapters/step-functions-engine';
import { applicationWithdrawn } from '../../shared/contracts/application-events';
import { taskDecided } from '../../shared/contracts/workflow-events';
import { resumeAfterDecision, stopOnWithdrawal } from '../../shared/domain/workflow/resume';
import { eventConsumer } from '../../shared/lambda/event-consumer';

const deps = applicationDeps();
const engine = stepFunctionsEngine(sfnClient());
const detail = taskDecided.detail.or(applicationWithdrawn.detail);

/** Task.Decided.v1 resumes the waiting task; Application.Withdrawn.v1 stops a case's waiting tasks. */
export const handler = eventConsumer(detail, async ({ detailType, detail }) => {
  if (detailType === taskDecided.detailType) await resumeAfterDecision(taskDecided.detail.parse(detail), deps, engine);
  else await stopOnWithdrawal(detail.caseId, deps, engine);
});
