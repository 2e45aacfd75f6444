import { writeTaskFile } from './exchange';
import type { ExchangeFolder, IntegrationDeps } from './ports';
import { dispatchTaskOpened } from './webhook-deliveries';

/**
 * A department's new task (Task.Opened.v1) to the department's system, by its integration mode: a signed webhook,
 * or a task file in its exchange folder where the function reads one. Each side does nothing for the other mode.
 */
export async function dispatchTask(
  task: { eventId: string; taskId: string; taskDepartment: string; caseId: string; matterCode: string },
  deps: IntegrationDeps & { folder?: ExchangeFolder },
): Promise<void> {
  await dispatchTaskOpened(task, deps);
  if (deps.folder) await writeTaskFile(task, { ...deps, folder: deps.folder });
}
