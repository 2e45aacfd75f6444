/**
 * THE access-scope rule: which regions, halls and departments a staff token reaches. Every read, list and command
 * asks these functions, so "someone else's case answers 404" holds the same way everywhere.
 *
 * Fail closed: a window, supervisor or administrator token without a region claim reaches no region. A province-
 * or platform-wide role says so explicitly: its region claim is the province's code (350000) or `*` (every region).
 */
import type { Principal } from '../../auth/principal';
import { ForbiddenError } from '../errors';

/** The region claim of a platform-wide role (operators, a national supervisor): every region. */
export const EVERY_REGION = '*';

/**
 * A region code as a prefix: 350000 (a province) covers 35xxxx, 350100 (a city) covers 3501xx, 350102 (a district)
 * only itself (行政区划代码: two digits each for province, city, county). `*` covers everything.
 */
export function regionPrefix(regionCode: string): string {
  if (regionCode === EVERY_REGION) return '';
  let prefix = regionCode;
  while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return prefix;
}

/** Whether a region code lies in (or is) the region named: 350102 lies in 350100 and in 350000. */
export function regionCovers(region: string, regionCode: string): boolean {
  return regionCode.startsWith(regionPrefix(region));
}

/** Staff whose reach is a region (and, for a window, a hall): not applicants, agents or departments. */
const REGIONAL_ROLES: readonly Principal['role'][] = ['window', 'supervisor', 'admin'];

/** Whether a window, supervisor or administrator reaches a region code. Without a region claim: nowhere. */
export function reachesRegion(principal: Pick<Principal, 'role' | 'region'>, regionCode: string): boolean {
  if (!REGIONAL_ROLES.includes(principal.role)) return false;
  return principal.region !== undefined && regionCovers(principal.region, regionCode);
}

/**
 * A window officer's reach for one case: a walk-in registered at a hall belongs to that hall (an officer with a hall
 * claim reaches its hall's walk-ins, also across a region boundary); anything else by the officer's region.
 */
export function windowReaches(
  principal: Pick<Principal, 'role' | 'region' | 'hall'>,
  record: { regionCode: string; hallId?: string },
): boolean {
  if (principal.role !== 'window') return false;
  if (principal.hall && record.hallId) return principal.hall === record.hallId;
  return reachesRegion(principal, record.regionCode);
}

/**
 * The region prefix a list is narrowed to ('' for every region), after checking that a region asked for lies within
 * the caller's own. Lists fail closed as objects do: no region claim, no list (403 naming the rule).
 */
export function listRegionPrefix(
  principal: Pick<Principal, 'role' | 'region'>,
  asked?: string,
  path = 'query.region',
): string {
  if (!principal.region) {
    throw new ForbiddenError(
      'Your token carries no region claim: a regional list needs one (or `*` for every region)',
      [
        {
          path: 'token.region',
          rule: 'region-claim',
          message: 'a region claim is required',
          messageZh: '令牌缺少区域声明',
        },
      ],
    );
  }
  const own = regionPrefix(principal.region);
  if (asked === undefined || asked === '') return own;
  const wanted = regionPrefix(asked);
  if (!wanted.startsWith(own)) {
    throw new ForbiddenError(`Region ${asked} is outside your region ${principal.region}`, [
      {
        path,
        rule: 'region',
        message: `within ${principal.region}`,
        messageZh: `只能查看 ${principal.region} 及其下辖区域`,
      },
    ]);
  }
  return wanted;
}
