import type { Principal } from '../../auth/principal';
import { listRegionPrefix } from '../access/scope';
import { toShanghaiDate } from '../calendar/working-days';
import { ForbiddenError } from '../errors';
import { authorisationHolds, identityKey, reachCase } from './access';
import { verifyChain } from './case';
import { isExpiredDraft, loadCase } from './load';
import type { CaseRecord } from './model';
import type { ApplicationDeps } from './ports';

/** Tracking: a case, its history (with the hash chain checked), and the cases a person may list. */

export async function getCase(id: string, principal: Principal, deps: ApplicationDeps): Promise<CaseRecord> {
  return await reachCase(await loadCase(id, deps), principal, id, deps);
}

export async function timeline(id: string, principal: Principal, deps: ApplicationDeps) {
  await reachCase(await loadCase(id, deps), principal, id, deps);
  const history = await deps.cases.history(id);
  return { items: history, integrity: verifyChain(history) };
}

/** Applicants see theirs, agents the ones they act in, supervisors and admins every case of a day. */
export async function myCases(
  principal: Principal,
  query: { limit: number; cursor?: string; date?: string },
  deps: ApplicationDeps,
) {
  const { limit, cursor } = query;
  const key = identityKey(principal);
  let page: { items: CaseRecord[]; nextCursor?: string };
  if (principal.role === 'supervisor' || principal.role === 'admin') {
    // Their region's cases only (fail closed without a region claim); a page may come out shorter.
    const prefix = listRegionPrefix(principal);
    const day = await deps.cases.listByDay(query.date ?? toShanghaiDate(deps.now()), limit, cursor);
    page = { ...day, items: day.items.filter((c) => c.regionCode.startsWith(prefix)) };
  } else if (principal.role === 'agent') {
    // Only the cases an authorisation still covers: a revoked or expired one hides its cases from the list too.
    const acting = await deps.cases.listByAgent(principal.sub, limit, cursor);
    const holds = await Promise.all(
      acting.items.map(async (c) =>
        authorisationHolds(await deps.cases.getAuthorisation(c.ownerKey, principal.sub), c.matterCode, deps.now()),
      ),
    );
    page = { ...acting, items: acting.items.filter((_, i) => holds[i]) };
  } else if (principal.role === 'applicant' && key) page = await deps.cases.listByOwner(key, limit, cursor);
  else throw new ForbiddenError('Windows use the acceptance queue; departments their to-do list');
  return { ...page, items: page.items.filter((c) => !isExpiredDraft(c, deps)) };
}
