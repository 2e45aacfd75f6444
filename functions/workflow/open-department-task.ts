import { applicationDeps } from '../../shared/adapters/application-deps';
import { sfnClient } from '../../shared/adapters/aws-clients';
import { stepFunctionsEngine } from '../../shared/adapters/step-functions-engine';
import { openTask } from '../../shared/domain/workflow/department-tasks';
import { departmentTaskInputSchema } from '../../shared/domain/workflow/task';
import { workflowTask } from '../../shared/lambda/workflow-task';

const deps = applicationDeps();
const engine = stepFunctionsEngine(sfnClient());

/**
 * Invoked by the procedure state machine with a task token: opens the department's task (its to-do, its deadline).
 * A wait re-opened for a task decided meanwhile is answered at once, so no decision waits on a lost resume.
 */
export const handler = workflowTask(departmentTaskInputSchema, async (input) => {
  const opened = await openTask(input, deps);
  if (opened.answer?.decision === 'approve') await engine.taskSuccess(input.taskToken, { taskId: opened.taskId, decision: 'approve' });
  else if (opened.answer) await engine.taskFailure(input.taskToken, 'Rejected', JSON.stringify({ taskId: opened.taskId, reason: opened.answer.reason ?? '' }));
  return { taskId: opened.taskId };
});
