import { integrationDeps } from '../../shared/adapters/integration-deps';
import { taskOpened } from '../../shared/contracts/workflow-events';
import { dispatchTaskOpened } from '../../shared/domain/integration/webhook-deliveries';
import { writeTaskFile } from '../../shared/domain/integration/exchange';
import { eventConsumer } from '../../shared/lambda/event-consumer';

const deps = integrationDeps({ attachments: true, exchange: true });

/** Task.Opened.v1 → the department's system: a signed webhook, or a task file in its exchange folder. */
export const handler = eventConsumer(taskOpened.detail, async ({ detail }) => {
  await dispatchTaskOpened(detail, deps);
  if (deps.folder) await writeTaskFile(detail, { ...deps, folder: deps.folder });
});
