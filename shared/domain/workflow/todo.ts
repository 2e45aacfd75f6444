import type { Principal } from '../../auth/principal';
import type { CaseRecord } from '../applications/model';
import type { ApplicationDeps } from '../applications/ports';
import { NotFoundError } from '../errors';
import { type DepartmentTask, OPEN_TASK_STATUSES, type TaskStatus } from './task';

/** 统一待办: what department staff and supervisors list (a department's tasks, a task with its case, deadlines). */

/**
 * A department's tasks in one status, page by page; without a status, the open to-do: every open status, earliest
 * due first (a short list per department, read in one go each, so no cursor).
 */
export async function todoList(
  principal: Principal,
  query: { status?: TaskStatus; limit: number; cursor?: string },
  deps: Pick<ApplicationDeps, 'cases'>,
): Promise<{ items: DepartmentTask[]; nextCursor?: string }> {
  const department = principal.department!;
  if (query.status) return deps.cases.listTasks(department, query.status, query.limit, query.cursor);
  const pages = await Promise.all(
    OPEN_TASK_STATUSES.map((status) => deps.cases.listTasks(department, status, query.limit)),
  );
  const items = pages
    .flatMap((p) => p.items)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.openedAt.localeCompare(b.openedAt));
  return { items: items.slice(0, query.limit) };
}

/** One of the department's own tasks with its case; anyone else is told the task does not exist. */
export async function taskWithCase(
  taskId: string,
  principal: Principal,
  deps: Pick<ApplicationDeps, 'cases'>,
): Promise<{ task: DepartmentTask; case: CaseRecord }> {
  const task = await deps.cases.getTask(taskId);
  if (!task || task.department !== principal.department) throw new NotFoundError(`No task ${taskId}`);
  const record = await deps.cases.get(task.caseId);
  if (!record) throw new NotFoundError(`No task ${taskId}`);
  return { task, case: record };
}
