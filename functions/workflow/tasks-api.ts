import { applicationDeps } from '../../shared/adapters/application-deps';
import {
  claimTaskRoute,
  decideTaskRoute,
  extensionDecisionRoute,
  getTaskRoute,
  listTasksRoute,
  pendingExtensionsRoute,
} from '../../shared/contracts/workflow';
import { pageView } from '../../shared/domain/applications/view';
import { decide, todoDecider } from '../../shared/domain/workflow/decide';
import { claimTask } from '../../shared/domain/workflow/department-tasks';
import { decideExtension, pendingExtensions } from '../../shared/domain/workflow/extension';
import { taskView } from '../../shared/domain/workflow/task';
import { taskWithCase, todoList } from '../../shared/domain/workflow/todo';
import { extensionDecisionView, pendingExtensionView, taskWithCaseView } from '../../shared/domain/workflow/views';
import { httpRouter, route } from '../../shared/lambda/http';

const deps = applicationDeps();

/** 统一待办: department staff list, claim and decide their tasks; windows and supervisors approve extensions. */
export const handler = httpRouter([
  route(listTasksRoute, async ({ query, principal }) => pageView(await todoList(principal, query, deps), taskView)),
  route(getTaskRoute, async ({ params, principal }) =>
    taskWithCaseView(await taskWithCase(params.id, principal, deps)),
  ),
  route(claimTaskRoute, async ({ params, principal }) => taskView(await claimTask(params.id, principal, deps))),
  route(decideTaskRoute, async ({ params, body, principal }) =>
    taskWithCaseView(await decide(params.id, body, todoDecider(principal), deps)),
  ),
  route(extensionDecisionRoute, async ({ params, body, principal }) =>
    extensionDecisionView(await decideExtension(params.id, body, principal, deps)),
  ),
  route(pendingExtensionsRoute, async ({ query, principal }) =>
    pageView(await pendingExtensions(principal, query, deps), pendingExtensionView),
  ),
]);
