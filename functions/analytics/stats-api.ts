import { statsQueryDeps } from '../../shared/adapters/analytics-deps';
import { statsCasesRoute, statsCompressionRoute, statsRoute } from '../../shared/contracts/stats';
import { compressionOverview, statsCases, statsTable } from '../../shared/domain/analytics/queries';
import { httpRouter, route } from '../../shared/lambda/http';

const deps = statsQueryDeps();

/** Statistics for supervisors and administrators: counters summed over the range, grouped, with the indicators. */
export const handler = httpRouter([
  route(statsRoute, ({ query, principal }) => statsTable(principal, query, deps)),
  route(statsCasesRoute, ({ query, principal }) => statsCases(principal, query, deps)),
  route(statsCompressionRoute, ({ query, principal }) => compressionOverview(principal, query, deps)),
]);
