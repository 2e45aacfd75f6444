import { applicationDeps } from '../../shared/adapters/application-deps';
import { getPostCheckRoute, listPostChecksRoute, recordPostCheckRoute } from '../../shared/contracts/post-checks';
import { pageView } from '../../shared/domain/applications/view';
import { getPostCheck, listPostChecks, recordPostCheck } from '../../shared/domain/workflow/post-check';
import { postCheckView } from '../../shared/domain/workflow/views';
import { httpRouter, route } from '../../shared/lambda/http';

const deps = applicationDeps();

/** 告知承诺制的事后核查: the responsible department lists its post-checks and records their results. */
export const handler = httpRouter([
  route(listPostChecksRoute, async ({ query, principal }) =>
    pageView(await listPostChecks(principal, query, deps.postChecks), postCheckView),
  ),
  route(getPostCheckRoute, async ({ params, principal }) =>
    postCheckView(await getPostCheck(params.id, principal, deps.postChecks)),
  ),
  route(recordPostCheckRoute, async ({ params, body, principal }) =>
    postCheckView(await recordPostCheck(params.id, body, principal, deps)),
  ),
]);
