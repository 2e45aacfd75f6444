import { applicationDeps } from '../../shared/adapters/application-deps';
import { getPostCheckRoute, listPostChecksRoute, recordPostCheckRoute } from '../../shared/contracts/post-checks';
import { getPostCheck, listPostChecks, type PostCheck, recordPostCheck } from '../../shared/domain/workflow/post-check';
import { httpRouter, route } from '../../shared/lambda/http';

const deps = applicationDeps();

/** The contract's arrays are mutable; the domain's are not. */
const view = (check: PostCheck) => ({ ...check, materials: [...check.materials] });

/** 告知承诺制的事后核查: the responsible department lists its post-checks and records their results. */
export const handler = httpRouter([
  route(listPostChecksRoute, async ({ query, principal }) => {
    const page = await listPostChecks(principal, query, deps.postChecks);
    return { items: page.items.map(view), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }),
  route(getPostCheckRoute, async ({ params, principal }) => view(await getPostCheck(params.id, principal, deps.postChecks))),
  route(recordPostCheckRoute, async ({ params, body, principal }) => view(await recordPostCheck(params.id, body, principal, deps))),
]);
