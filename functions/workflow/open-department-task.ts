import { applicationDeps } from '../../shared/adapters/application-deps';
import { sfnClient } from '../../shared/adapters/aws-clients';
import { stepFunctionsEngine } from '../../shared/adapters/step-functions-engine';
import { openWaitingTask } from '../../shared/domain/workflow/department-tasks';
import { departmentTaskInputSchema } from '../../shared/domain/workflow/task';
import { workflowTask } from '../../shared/lambda/workflow-task';

const deps = applicationDeps();
const engine = stepFunctionsEngine(sfnClient());

/** Invoked by the procedure state machine with a task token: opens the department's task (its to-do, its deadline). */
export const handler = workflowTask(departmentTaskInputSchema, (input) => openWaitingTask(input, deps, engine));
