import { supervisionDeps } from '../../shared/adapters/supervision-deps';
import { efficiencyRoute, overdueRoute, warningsRoute } from '../../shared/contracts/supervision';
import { toShanghaiDate } from '../../shared/domain/calendar/working-days';
import { efficiencyReport } from '../../shared/domain/supervision/efficiency';
import { listWatches, supervisionScope, watchView } from '../../shared/domain/supervision/watch';
import { type HttpRequest, httpRouter, route } from '../../shared/lambda/http';

const deps = supervisionDeps();

async function list(level: 'yellow' | 'red', { query, principal }: Pick<HttpRequest<typeof warningsRoute>, 'query' | 'principal'>) {
  const scope = supervisionScope(principal, query, principal.role === 'supervisor' && !query.department ? await deps.departments() : []);
  const page = await listWatches(deps.store, level, scope, query);
  const policy = { calendar: await deps.calendar(), warningDays: deps.warningDays };
  const today = toShanghaiDate(deps.now());
  return {
    items: page.items.map((w) => watchView(w, today, policy) as ReturnType<typeof watchView> & { level: 'yellow' | 'red' }),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

/** 电子监察: warnings, overdue deadlines and efficiency, for supervisors and for each department about itself. */
export const handler = httpRouter([
  route(warningsRoute, (request) => list('yellow', request)),
  route(overdueRoute, (request) => list('red', request)),
  route(efficiencyRoute, async ({ query, principal }) => {
    const scope = supervisionScope(principal, query, principal.role === 'supervisor' && !query.department ? await deps.departments() : []);
    return efficiencyReport(deps.store, scope, query.from, query.to);
  }),
]);
