import { applicationDeps } from '../../shared/adapters/application-deps';
import { sfnClient } from '../../shared/adapters/aws-clients';
import { stepFunctionsEngine } from '../../shared/adapters/step-functions-engine';
import { applicationApproved } from '../../shared/contracts/workflow-events';
import { memberCompleted } from '../../shared/domain/workflow/bundles';
import { eventConsumer } from '../../shared/lambda/event-consumer';

const deps = applicationDeps();
const engine = stepFunctionsEngine(sfnClient());

/** A member case of a bundle completed (approved, rejected or withdrawn): its bundle records it and moves on. */
export const handler = eventConsumer(
  applicationApproved.detail.pick({ caseId: true, parentCaseId: true }),
  async ({ detail }) => {
    await memberCompleted(detail.caseId, deps, engine);
  },
);
