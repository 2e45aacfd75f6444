import { applicationDeps } from '../../shared/adapters/application-deps';
import { openTask } from '../../shared/domain/workflow/review';
import { departmentTaskInputSchema } from '../../shared/domain/workflow/task';
import { workflowTask } from '../../shared/lambda/workflow-task';

const deps = applicationDeps({ attachments: false });

/** Invoked by the procedure state machine with a task token: opens the department's task (its to-do, its deadline). */
export const handler = workflowTask(departmentTaskInputSchema, (input) => openTask(input, deps));
