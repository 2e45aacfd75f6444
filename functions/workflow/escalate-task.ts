import { applicationDeps } from '../../shared/adapters/application-deps';
import { escalateTask } from '../../shared/domain/workflow/department-tasks';
import { departmentTaskInputSchema } from '../../shared/domain/workflow/task';
import { workflowTask } from '../../shared/lambda/workflow-task';

const deps = applicationDeps();

/** Invoked when a task's wait timed out: tells the department and supervision, then the wait is re-opened. */
export const handler = workflowTask(departmentTaskInputSchema.omit({ taskToken: true }), (input) =>
  escalateTask(input, deps),
);
