import { supervisionDeps } from '../../shared/adapters/supervision-deps';
import { efficiencyRoute, overdueRoute, warningsRoute } from '../../shared/contracts/supervision';
import { efficiencyInScope, watchesAtLevel } from '../../shared/domain/supervision/lists';
import { httpRouter, route } from '../../shared/lambda/http';

const deps = supervisionDeps();

/** 电子监察: warnings, overdue deadlines and efficiency, for supervisors and for each department about itself. */
export const handler = httpRouter([
  route(warningsRoute, ({ query, principal }) => watchesAtLevel('yellow', principal, query, deps)),
  route(overdueRoute, ({ query, principal }) => watchesAtLevel('red', principal, query, deps)),
  route(efficiencyRoute, ({ query, principal }) => efficiencyInScope(principal, query, deps)),
]);
