import * as z from 'zod';
import { analyticsDeps } from '../../shared/adapters/analytics-deps';
import { dynamoDocumentClient } from '../../shared/adapters/aws-clients';
import { dynamoCatalogueStore } from '../../shared/adapters/dynamo-catalogue-store';
import { compressionRuleFromEnv } from '../../shared/config/compression-rule';
import { parseEnv } from '../../shared/config/env';
import { statsCasesRoute, statsCompressionRoute, statsRoute } from '../../shared/contracts/stats';
import { EVERY_REGION, listRegionPrefix } from '../../shared/domain/access/scope';
import { compressionReport, type PublishedMatterLimits } from '../../shared/domain/analytics/compression';
import { drillDown, type Measure } from '../../shared/domain/analytics/drill-down';
import { daysInRange, parseGroupBy, statsRows } from '../../shared/domain/analytics/indicators';
import { ForbiddenError, RuleViolationError, ValidationError } from '../../shared/domain/errors';
import { httpRouter, route } from '../../shared/lambda/http';

const deps = analyticsDeps();
const catalogue = dynamoCatalogueStore(dynamoDocumentClient(), parseEnv({ MAIN_TABLE_NAME: z.string().min(1) }).MAIN_TABLE_NAME);
/** The same stage setting the publish check applies (COMPRESSION_RULE_*). */
const compressionRule = compressionRuleFromEnv();

/** A response stays well under Lambda's 6 MB (a row is about 1.5 KB of JSON). */
const MAX_ROWS = 3000;

/** Statistics for supervisors and administrators: counters summed over the range, grouped, with the indicators. */
export const handler = httpRouter([
  route(statsRoute, async ({ query, principal }) => {
    const days = daysInRange(query.from, query.to);
    const groupBy = parseGroupBy(query.groupBy);
    // Supervisors and administrators see their region and the regions below it (fail closed without a region claim).
    const prefix = listRegionPrefix(principal);
    const region = principal.region !== EVERY_REGION ? principal.region : undefined;
    const rows = statsRows(await deps.stats.read(days, { region: prefix || undefined }), groupBy);
    if (rows.length > MAX_ROWS) {
      throw new RuleViolationError(`The answer would have ${rows.length} rows; at most ${MAX_ROWS}`, [
        { path: 'query.groupBy', rule: 'maxRows', message: `group by fewer dimensions or ask for fewer days (at most ${MAX_ROWS} rows)` },
      ]);
    }
    return { from: query.from, to: query.to, groupBy, ...(region ? { region } : {}), rows };
  }),
  route(statsCasesRoute, async ({ query, principal }) => {
    const days = daysInRange(query.from, query.to);
    // The same scope as /stats; a region asked for must lie within the caller's own.
    const prefix = listRegionPrefix(principal, query.region);
    const own = principal.region !== EVERY_REGION ? principal.region : undefined;
    const result = drillDown(await deps.stats.readMembers(days, { region: prefix || undefined }), query.indicator as Measure, { ...query, region: undefined });
    const offset = readOffset(query.cursor);
    const items = result.rows.slice(offset, offset + query.limit);
    const next = offset + query.limit < result.rows.length ? Buffer.from(String(offset + query.limit)).toString('base64url') : undefined;
    const { rows: _rows, ...sums } = result;
    return { indicator: query.indicator, ...sums, ...(own ? { region: own } : {}), items, ...(next ? { nextCursor: next } : {}) };
  }),
  route(statsCompressionRoute, async ({ query, principal }) => {
    // The matters of the caller's region and the regions under it; a narrower region may be asked for.
    listRegionPrefix(principal, query.region);
    const own = principal.region !== EVERY_REGION ? principal.region : undefined;
    const region = query.region ?? own;
    const [published, departments] = await Promise.all([catalogue.listPublished('matter'), catalogue.listDepartments()]);
    const report = compressionReport(
      published.map((v) => ({ code: v.code, version: v.version, content: v.content as unknown as PublishedMatterLimits['content'] })),
      new Map(departments.map((d) => [d.code, d.name])),
      compressionRule,
      { region, department: query.department },
    );
    return { ...report, ...(region ? { region } : {}) };
  }),
]);

/** The cursor is the position in the sorted rows (every page reads the range again, as /stats does). */
function readOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const offset = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) throw new ValidationError('The cursor is not one this list gave out', [{ path: 'query.cursor', rule: 'cursor', message: 'use nextCursor from the previous page' }]);
  return offset;
}
