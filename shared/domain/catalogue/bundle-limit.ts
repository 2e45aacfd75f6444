import type { ErrorDetail } from '../errors';
import { type BundleContent, bundleOrder, type MatterContent } from './model';

/**
 * 一件事承诺时限: a bundle's own promised limit in working days, from its acceptance (一窗受理) to its last member's
 * licence. 广州市优化营商环境条例 art. 12 (seed 000) has each department of 开办企业 finish within one working day;
 * 揭阳市“数字政府”改革建设实施方案 四(一)2 (seed 001) promises 企业开办 as a whole within 3 working days.
 *
 * Members run wave by wave (bundles.ts: a wave starts when the one before it is done), so the longest a bundle can
 * lawfully take is the sum over its waves of the longest legal limit in each wave. A promise beyond that could only
 * be kept by breaking a member's legal limit, so publishing refuses it.
 */

type Members = BundleContent['members'];
type Limits = Pick<MatterContent, 'legalLimitDays' | 'promisedLimitDays'>;

/** Working days along the waves: each wave's longest member limit, added up; undefined when a member is unknown. */
export function limitAlongWaves(
  members: Members,
  limitOf: (matterCode: string) => number | undefined,
): number | undefined {
  const waves = bundleOrder(members);
  if (!waves) return undefined;
  let total = 0;
  for (const wave of waves) {
    const limits = wave.map(limitOf);
    if (limits.some((l) => l === undefined)) return undefined;
    total += Math.max(0, ...(limits as number[]));
  }
  return total;
}

/**
 * The limit a bundle case is watched against: the version's own promise, or, for a version published before bundles
 * declared one, the members' promised limits along the waves (what the platform watched them against until then, so
 * running cases of old versions keep the deadline they were given).
 */
export function bundlePromisedLimit(
  bundle: Pick<BundleContent, 'members' | 'promisedLimitDays'>,
  members: ReadonlyMap<string, { readonly content: Pick<MatterContent, 'promisedLimitDays'> }>,
): number {
  if (bundle.promisedLimitDays !== undefined) return bundle.promisedLimitDays;
  return limitAlongWaves(bundle.members, (code) => members.get(code)?.content.promisedLimitDays) ?? 0;
}

/**
 * Publish check (called by publish.ts with the members' published versions): the bundle's promise must fit within
 * its members' legal limits along the waves. A member without a published version is reported elsewhere; the rule
 * is then not checked.
 */
export function bundleLimitProblems(
  bundle: Pick<BundleContent, 'members' | 'promisedLimitDays'>,
  members: ReadonlyMap<string, Limits>,
): ErrorDetail[] {
  if (bundle.promisedLimitDays === undefined) return [];
  const legal = limitAlongWaves(bundle.members, (code) => members.get(code)?.legalLimitDays);
  if (legal === undefined || bundle.promisedLimitDays <= legal) return [];
  return [
    {
      path: 'content.promisedLimitDays',
      rule: 'withinMembersLegalLimits',
      message: `the bundle's promised limit (${bundle.promisedLimitDays} working days) is longer than its members' legal limits allow along their waves (${legal})`,
      messageZh: `承诺办结时限：一件事承诺时限（${bundle.promisedLimitDays}个工作日）超过各成员事项法定时限按办理顺序累计的上限（${legal}个工作日）`,
    },
  ];
}
