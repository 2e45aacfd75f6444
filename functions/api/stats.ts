import { analyticsDeps } from '../../shared/adapters/analytics-deps';
import { statsRoute } from '../../shared/contracts/stats';
import { daysInRange, parseGroupBy, statsRows } from '../../shared/domain/analytics/indicators';
import { RuleViolationError } from '../../shared/domain/errors';
import { httpRouter, route } from '../../shared/lambda/http';

const deps = analyticsDeps();

/** A response stays well under Lambda's 6 MB (a row is about 1.5 KB of JSON). */
const MAX_ROWS = 3000;

/** Statistics for supervisors and administrators: counters summed over the range, grouped, with the indicators. */
export const handler = httpRouter([
  route(statsRoute, async ({ query, principal }) => {
    const days = daysInRange(query.from, query.to);
    const groupBy = parseGroupBy(query.groupBy);
    // A supervisor of one region sees that region only; administrators and city-wide supervisors see all.
    const region = principal.role === 'supervisor' ? principal.region : undefined;
    const rows = statsRows(await deps.stats.read(days, { region }), groupBy);
    if (rows.length > MAX_ROWS) {
      throw new RuleViolationError(`The answer would have ${rows.length} rows; at most ${MAX_ROWS}`, [
        { path: 'query.groupBy', rule: 'maxRows', message: `group by fewer dimensions or ask for fewer days (at most ${MAX_ROWS} rows)` },
      ]);
    }
    return { from: query.from, to: query.to, groupBy, ...(region ? { region } : {}), rows };
  }),
]);
