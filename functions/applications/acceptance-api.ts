import { applicationDeps } from '../../shared/adapters/application-deps';
import {
  acceptanceDecisionRoute,
  acceptanceQueueRoute,
  myWalkInsRoute,
  onTheSpotDecisionRoute,
  onTheSpotQueueRoute,
  registerWalkInRoute,
} from '../../shared/contracts/acceptance';
import { acceptanceQueue, decideAcceptance } from '../../shared/domain/applications/acceptance';
import { caseView, pageView } from '../../shared/domain/applications/view';
import { myWalkIns, registerWalkIn } from '../../shared/domain/applications/walk-in';
import { decideOnTheSpot, onTheSpotQueue } from '../../shared/domain/workflow/on-the-spot';
import { HttpResponse, httpRouter, route } from '../../shared/lambda/http';

const deps = applicationDeps();

/** 前台综合受理: the window's queue and its decisions; 窗口收件: walk-in cases registered at the counter. */
export const handler = httpRouter([
  route(acceptanceQueueRoute, async ({ query, principal }) =>
    pageView(await acceptanceQueue(principal, query, deps), caseView),
  ),
  route(acceptanceDecisionRoute, async ({ params, body, principal }) =>
    caseView(await decideAcceptance(params.id, body, principal, deps)),
  ),
  route(onTheSpotDecisionRoute, async ({ params, principal }) =>
    caseView(await decideOnTheSpot(params.id, principal, deps)),
  ),
  route(onTheSpotQueueRoute, async ({ principal }) => ({
    items: (await onTheSpotQueue(principal, deps)).map(caseView),
  })),
  route(
    registerWalkInRoute,
    async ({ body, principal }) => new HttpResponse(caseView(await registerWalkIn(body, principal, deps)), 201),
  ),
  route(myWalkInsRoute, async ({ query, principal }) => pageView(await myWalkIns(principal, query, deps), caseView)),
]);
