import type { Principal } from '../../auth/principal';
import type { CaseRecord } from '../applications/model';
import type { ApplicationDeps } from '../applications/ports';
import { ForbiddenError, NotFoundError } from '../errors';
import type { DepartmentTask } from './task';

/** What a workflow step reads before it acts: the case (it must exist), and a department's own task. */

export async function loadCase(caseId: string, deps: ApplicationDeps): Promise<CaseRecord> {
  const record = await deps.cases.get(caseId);
  if (!record) throw new NotFoundError(`No case ${caseId}`);
  return record;
}

/** Department staff act on their own department's tasks only; anyone else is told the task does not exist. */
export async function loadOwnTask(
  taskId: string,
  actor: { department?: string },
  deps: ApplicationDeps,
): Promise<DepartmentTask> {
  const task = await deps.cases.getTask(taskId);
  if (!task || !actor.department || task.department !== actor.department) throw new NotFoundError(`No task ${taskId}`);
  return task;
}

export function requireDepartment(principal: Principal): void {
  if (principal.role !== 'department' || !principal.department)
    throw new ForbiddenError('Only department staff act on department tasks');
}
