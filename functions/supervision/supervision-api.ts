import { supervisionDeps } from '../../shared/adapters/supervision-deps';
import { deadlinesRoute, efficiencyRoute, overdueRoute, warningsRoute } from '../../shared/contracts/supervision';
import { deadlinesOn, efficiencyInScope, watchesAtLevel } from '../../shared/domain/supervision/lists';
import { httpRouter, route } from '../../shared/lambda/http';

const deps = supervisionDeps();

/** 电子监察: warnings, overdue deadlines, the deadlines of a date and efficiency, for supervisors and for each department about itself. */
export const handler = httpRouter([
  route(warningsRoute, ({ query, principal }) => watchesAtLevel('yellow', principal, query, deps)),
  route(overdueRoute, ({ query, principal }) => watchesAtLevel('red', principal, query, deps)),
  route(deadlinesRoute, ({ query, principal }) => deadlinesOn(principal, query, deps)),
  route(efficiencyRoute, ({ query, principal }) => efficiencyInScope(principal, query, deps)),
]);
