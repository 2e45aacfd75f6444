import { z } from 'zod';
import { ConflictError } from '../errors';

/** One department's part of a case, waiting on a Step Functions task token until the department decides. */
export const departmentTaskInputSchema = z.object({
  caseId: z.string().min(1),
  stageIndex: z.number().int().nonnegative(),
  task: z.object({
    department: z.string().min(1),
    name: z.string().min(1),
    timeLimitDays: z.number().int().positive(),
  }),
  taskToken: z.string().min(1),
});
export type DepartmentTaskInput = z.infer<typeof departmentTaskInputSchema>;

export interface DepartmentTask {
  readonly id: string;
  readonly caseId: string;
  readonly stageIndex: number;
  readonly department: string;
  readonly name: string;
  readonly timeLimitDays: number;
  readonly taskToken: string;
  readonly status: 'WAITING';
  readonly openedAt: string;
}

export interface DepartmentTaskStore {
  /** Creates the task; throws ConflictError when a task with this id exists. */
  create(task: DepartmentTask): Promise<void>;
  get(id: string): Promise<DepartmentTask | undefined>;
}

/** A task's id is derived from the case, stage and department, so a retried invocation cannot open it twice. */
export function departmentTaskId(caseId: string, stageIndex: number, department: string): string {
  return `${caseId}.${stageIndex}.${department}`;
}

/**
 * Opens the department's task with the token that resumes the workflow. A retried invocation carrying the same
 * token is accepted as already done; a different token for the same task is a conflict.
 */
export async function openDepartmentTask(
  input: DepartmentTaskInput,
  deps: { store: DepartmentTaskStore; now: () => Date },
): Promise<{ taskId: string }> {
  const task: DepartmentTask = {
    id: departmentTaskId(input.caseId, input.stageIndex, input.task.department),
    caseId: input.caseId,
    stageIndex: input.stageIndex,
    department: input.task.department,
    name: input.task.name,
    timeLimitDays: input.task.timeLimitDays,
    taskToken: input.taskToken,
    status: 'WAITING',
    openedAt: deps.now().toISOString(),
  };
  try {
    await deps.store.create(task);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const existing = await deps.store.get(task.id);
    if (existing?.taskToken !== task.taskToken) throw error;
  }
  return { taskId: task.id };
}
