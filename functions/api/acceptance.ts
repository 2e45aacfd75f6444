import { applicationDeps } from '../../shared/adapters/application-deps';
import { acceptanceDecisionRoute, acceptanceQueueRoute } from '../../shared/contracts/applications';
import { decideAcceptance } from '../../shared/domain/applications/commands';
import { caseView } from '../../shared/domain/applications/view';
import { httpRouter, route } from '../../shared/lambda/http';

const deps = applicationDeps();

/** 前台综合受理: the window's queue and its decisions. */
export const handler = httpRouter([
  route(acceptanceQueueRoute, async ({ query }) => {
    const page = await deps.cases.listAcceptanceQueue(query.limit, query.cursor);
    return { items: page.items.map(caseView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }),
  route(acceptanceDecisionRoute, async ({ params, body, principal }) => caseView(await decideAcceptance(params.id, body, principal, deps))),
]);
