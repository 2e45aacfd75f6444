import { integrationDeps } from '../../shared/adapters/integration-deps';
import { taskOpened } from '../../shared/contracts/workflow-events';
import { dispatchTask } from '../../shared/domain/integration/task-dispatch';
import { eventConsumer } from '../../shared/lambda/event-consumer';

const deps = integrationDeps({ attachments: true, exchange: true });

/** Task.Opened.v1 → the department's system: a signed webhook, or a task file in its exchange folder. */
export const handler = eventConsumer(taskOpened.detail, ({ detail }) => dispatchTask(detail, deps));
