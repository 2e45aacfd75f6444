import { applicationDeps } from '../../shared/adapters/application-deps';
import { claimTaskRoute, deadlinesRoute, decideTaskRoute, extensionDecisionRoute, getTaskRoute, listTasksRoute, pendingExtensionsRoute } from '../../shared/contracts/workflow';
import { listRegionPrefix } from '../../shared/domain/access/scope';
import { caseView } from '../../shared/domain/applications/view';
import { NotFoundError } from '../../shared/domain/errors';
import { claimTask, decide, decideExtension } from '../../shared/domain/workflow/review';
import { OPEN_TASK_STATUSES, taskView } from '../../shared/domain/workflow/task';
import { httpRouter, route } from '../../shared/lambda/http';

const deps = applicationDeps();

/** 统一待办: department staff list, claim and decide their tasks; windows and supervisors approve extensions. */
export const handler = httpRouter([
  route(listTasksRoute, async ({ query, principal }) => {
    const department = principal.department!;
    if (query.status) {
      const page = await deps.cases.listTasks(department, query.status, query.limit, query.cursor);
      return { items: page.items.map(taskView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    }
    // The open to-do: every open status, earliest due first (a short list per department, read in one go each).
    const pages = await Promise.all(OPEN_TASK_STATUSES.map((status) => deps.cases.listTasks(department, status, query.limit)));
    const items = pages.flatMap((p) => p.items).sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.openedAt.localeCompare(b.openedAt));
    return { items: items.slice(0, query.limit).map(taskView) };
  }),
  route(getTaskRoute, async ({ params, principal }) => {
    const task = await deps.cases.getTask(params.id);
    if (!task || task.department !== principal.department) throw new NotFoundError(`No task ${params.id}`);
    const record = await deps.cases.get(task.caseId);
    if (!record) throw new NotFoundError(`No task ${params.id}`);
    return { task: taskView(task), case: caseView(record) };
  }),
  route(claimTaskRoute, async ({ params, principal }) => taskView(await claimTask(params.id, principal, deps))),
  route(decideTaskRoute, async ({ params, body, principal }) => {
    const decided = await decide(params.id, body, { sub: principal.sub, role: principal.role, department: principal.department ?? '', via: 'todo' }, deps);
    return { task: taskView(decided.task), case: caseView(decided.case) };
  }),
  route(extensionDecisionRoute, async ({ params, body, principal }) => {
    const { id, number, status, review } = caseView(await decideExtension(params.id, body, principal, deps));
    return { id, number, status, ...(review ? { review } : {}) };
  }),
  route(pendingExtensionsRoute, async ({ query, principal }) => {
    const page = await deps.cases.listPendingExtensions(query.limit, query.cursor);
    // Windows and supervisors see their region's cases (shared/domain/access/scope.ts); a case decided meanwhile can no longer be extended.
    const prefix = listRegionPrefix(principal);
    const items = page.items
      .filter((c) => c.regionCode.startsWith(prefix) && (c.status === 'IN_REVIEW' || c.status === 'RETURNED') && c.review?.extension?.status === 'requested')
      .map((c) => {
        const { days, reason, taskId, requestedBy, requestedAt } = c.review!.extension!;
        return { id: c.id, number: c.number, matterCode: c.matterCode, department: c.department, regionCode: c.regionCode, status: c.status, dueDate: c.review!.dueDate, extension: { days, reason, taskId, requestedBy, requestedAt } };
      });
    return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }),
  route(deadlinesRoute, async ({ query, principal }) => {
    const prefix = listRegionPrefix(principal);
    const page = await deps.cases.listDueOn(query.date, query.limit, query.cursor);
    // A deadline without a region is shown only to a platform-wide supervisor (fail closed).
    return { items: page.items.filter((d) => (d.regionCode ?? '').startsWith(prefix)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }),
]);
