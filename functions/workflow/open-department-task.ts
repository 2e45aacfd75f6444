import { z } from 'zod';
import { dynamoDocumentClient } from '../../shared/adapters/aws-clients';
import { clock } from '../../shared/adapters/clock';
import { dynamoDepartmentTaskStore } from '../../shared/adapters/dynamo-department-tasks';
import { parseEnv } from '../../shared/config/env';
import { departmentTaskInputSchema, openDepartmentTask } from '../../shared/domain/workflow/department-task';
import { workflowTask } from '../../shared/lambda/workflow-task';

const env = parseEnv({ MAIN_TABLE_NAME: z.string().min(1) });
const store = dynamoDepartmentTaskStore(dynamoDocumentClient(), env.MAIN_TABLE_NAME);

/** Invoked by the procedure state machine with a task token; parks the token in the department's to-do list. */
export const handler = workflowTask(departmentTaskInputSchema, (input) =>
  openDepartmentTask(input, { store, now: () => clock.now() }),
);
