import type { Principal } from '../../auth/principal';
import { EVERY_REGION, listRegionPrefix } from '../access/scope';
import { RuleViolationError, ValidationError } from '../errors';
import { compressionReport, type PublishedMatterLimits } from './compression';
import { drillDown, type DrillDownFilters, type Measure } from './drill-down';
import { daysInRange, parseGroupBy, statsRows } from './indicators';
import type { StatsQueryDeps } from './ports';

/**
 * The statistics as supervisors and administrators read them (GET /stats, /stats/cases, /stats/compression). Each
 * sees its region and the regions below it (fail closed without a region claim, access/scope.ts).
 */

/** A response stays well under Lambda's 6 MB (a row is about 1.5 KB of JSON). */
const MAX_ROWS = 3000;

/** The caller's own region, named in the answer when the caller sees one region only. */
const ownRegion = (principal: Pick<Principal, 'region'>) =>
  principal.region !== EVERY_REGION ? principal.region : undefined;

/** Counters summed over the range, grouped, with the indicators. */
export async function statsTable(
  principal: Principal,
  query: { from: string; to: string; groupBy?: string },
  deps: Pick<StatsQueryDeps, 'stats'>,
) {
  const days = daysInRange(query.from, query.to);
  const groupBy = parseGroupBy(query.groupBy);
  const prefix = listRegionPrefix(principal);
  const region = ownRegion(principal);
  const rows = statsRows(await deps.stats.read(days, { region: prefix || undefined }), groupBy);
  if (rows.length > MAX_ROWS) {
    throw new RuleViolationError(`The answer would have ${rows.length} rows; at most ${MAX_ROWS}`, [
      {
        path: 'query.groupBy',
        rule: 'maxRows',
        message: `group by fewer dimensions or ask for fewer days (at most ${MAX_ROWS} rows)`,
      },
    ]);
  }
  return { from: query.from, to: query.to, groupBy, ...(region ? { region } : {}), rows };
}

/** The cursor is the position in the sorted rows (every page reads the range again, as /stats does). */
function readOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const offset = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) {
    throw new ValidationError('The cursor is not one this list gave out', [
      { path: 'query.cursor', rule: 'cursor', message: 'use nextCursor from the previous page' },
    ]);
  }
  return offset;
}

/** The drill-down: the contributions behind a number of /stats, a page at a time. */
export async function statsCases(
  principal: Principal,
  query: Omit<DrillDownFilters, 'region'> & {
    indicator: string;
    from: string;
    to: string;
    region?: string;
    limit: number;
    cursor?: string;
  },
  deps: Pick<StatsQueryDeps, 'stats'>,
) {
  const days = daysInRange(query.from, query.to);
  // The same scope as /stats; a region asked for must lie within the caller's own.
  const prefix = listRegionPrefix(principal, query.region);
  const own = ownRegion(principal);
  const members = await deps.stats.readMembers(days, { region: prefix || undefined });
  const result = drillDown(members, query.indicator as Measure, { ...query, region: undefined });
  const offset = readOffset(query.cursor);
  const items = result.rows.slice(offset, offset + query.limit);
  const next =
    offset + query.limit < result.rows.length
      ? Buffer.from(String(offset + query.limit)).toString('base64url')
      : undefined;
  const { rows: _rows, ...sums } = result;
  return {
    indicator: query.indicator,
    ...sums,
    ...(own ? { region: own } : {}),
    items,
    ...(next ? { nextCursor: next } : {}),
  };
}

/** Each published matter's promised against its legal limit, per matter and department, against the rule. */
export async function compressionOverview(
  principal: Principal,
  query: { department?: string; region?: string },
  deps: Pick<StatsQueryDeps, 'catalogue' | 'compressionRule'>,
) {
  // The matters of the caller's region and the regions under it; a narrower region may be asked for.
  listRegionPrefix(principal, query.region);
  const region = query.region ?? ownRegion(principal);
  const [published, departments] = await Promise.all([
    deps.catalogue.listPublished('matter'),
    deps.catalogue.listDepartments(),
  ]);
  const report = compressionReport(
    published.map((v) => ({
      code: v.code,
      version: v.version,
      content: v.content as unknown as PublishedMatterLimits['content'],
    })),
    new Map(departments.map((d) => [d.code, d.name])),
    deps.compressionRule,
    { region, department: query.department },
  );
  return { ...report, ...(region ? { region } : {}) };
}
