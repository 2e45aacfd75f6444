import { regionPrefix } from '../access/scope';
import type { ErrorDetail } from '../errors';

/**
 * 压缩办理时限: the promised limit (承诺办结时限) against the legal one (法定办结时限). The region's rule comes from
 * 揭阳市“数字政府”改革建设实施方案 (seed 001, 建设目标 2): 行政许可事项承诺办理时限较法定办理时限压缩50%以上, i.e.
 * promised ≤ 50 % of legal. The share is a stage setting (shared/config/compression-rule.ts), as is whether breaking
 * it is a warning the publisher acknowledges or a refusal.
 */
export const COMPRESSION_MODES = ['warn', 'refuse'] as const;
export type CompressionMode = (typeof COMPRESSION_MODES)[number];

export interface CompressionRule {
  readonly mode: CompressionMode;
  /** The promised limit may be at most this share of the legal limit, in per cent (50: compressed by half or more). */
  readonly maxPromisedPercent: number;
}

export const DEFAULT_COMPRESSION_RULE: CompressionRule = { mode: 'warn', maxPromisedPercent: 50 };

/** The rule names an API detail carries: a refusal, or a warning that publishing with the acknowledgement passes. */
export const COMPRESSION_REFUSED = 'compression';
export const COMPRESSION_WARNING = 'compression-warning';

export interface Compression {
  /** promised ÷ legal, 4 decimals; null for a legal limit of 0 (即办件: nothing to compress). */
  readonly ratio: number | null;
  /** 1 − ratio: the share the promise cuts from the legal limit; null with ratio. */
  readonly compression: number | null;
  readonly meetsRule: boolean;
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;

/** Integer arithmetic for the test itself, so 5 of 10 days is exactly 50 % and meets a 50 % rule. */
export function compressionOf(
  legalLimitDays: number,
  promisedLimitDays: number,
  rule: Pick<CompressionRule, 'maxPromisedPercent'>,
): Compression {
  if (legalLimitDays <= 0) return { ratio: null, compression: null, meetsRule: true };
  const ratio = round4(promisedLimitDays / legalLimitDays);
  return {
    ratio,
    compression: round4(1 - promisedLimitDays / legalLimitDays),
    meetsRule: promisedLimitDays * 100 <= rule.maxPromisedPercent * legalLimitDays,
  };
}

/** The longest promise that meets the rule, in whole working days. */
export const maxPromisedDays = (legalLimitDays: number, rule: Pick<CompressionRule, 'maxPromisedPercent'>) =>
  Math.floor((legalLimitDays * rule.maxPromisedPercent) / 100);

/**
 * The publish check's word on a matter's limits: nothing when it meets the rule (or the warning was acknowledged),
 * else one detail at `content.promisedLimitDays` naming the rule, in English and Chinese.
 */
export function compressionProblem(
  limits: { legalLimitDays: number; promisedLimitDays: number },
  rule: CompressionRule,
  acknowledged: boolean,
): ErrorDetail | undefined {
  const { legalLimitDays: legal, promisedLimitDays: promised } = limits;
  if (compressionOf(legal, promised, rule).meetsRule) return undefined;
  if (rule.mode === 'warn' && acknowledged) return undefined;
  const most = maxPromisedDays(legal, rule);
  const percent = Math.round((promised / legal) * 1000) / 10;
  const base = `breaks the compression rule: the promised limit must be at most ${rule.maxPromisedPercent} % of the legal limit (${legal} working days → at most ${most}), it is ${promised} (${percent} %)`;
  const baseZh = `不符合压缩时限要求：承诺办结时限应较法定办结时限压缩${100 - rule.maxPromisedPercent}%以上（法定 ${legal} 个工作日，承诺至多 ${most} 个），现为 ${promised} 个（${percent}%）`;
  return rule.mode === 'refuse'
    ? {
        path: 'content.promisedLimitDays',
        rule: COMPRESSION_REFUSED,
        message: base,
        messageZh: `承诺办结时限${baseZh}`,
      }
    : {
        path: 'content.promisedLimitDays',
        rule: COMPRESSION_WARNING,
        message: `${base}; to publish anyway, acknowledge the warning (acknowledgeCompression: true)`,
        messageZh: `承诺办结时限${baseZh}；如仍要发布，请确认已知悉此提示`,
      };
}

// ---- the report ----

export interface CompressionMatter {
  readonly code: string;
  readonly version: number;
  readonly name: string;
  readonly nameEn?: string;
  readonly department: string;
  readonly departmentName?: string;
  readonly regionCode: string;
  readonly legalLimitDays: number;
  readonly promisedLimitDays: number;
  readonly ratio: number | null;
  readonly compression: number | null;
  readonly meetsRule: boolean;
}

export interface CompressionAggregate {
  readonly matters: number;
  readonly meetingRule: number;
  /** Mean compression over the matters with a legal limit (null when none has one). */
  readonly averageCompression: number | null;
}

export interface CompressionReport {
  readonly rule: CompressionRule;
  readonly matters: CompressionMatter[];
  readonly departments: (CompressionAggregate & { department: string; departmentName?: string })[];
  readonly total: CompressionAggregate;
}

export interface PublishedMatterLimits {
  readonly code: string;
  readonly version: number;
  readonly content: {
    name: string;
    nameEn?: string;
    department: string;
    regionCode: string;
    legalLimitDays: number;
    promisedLimitDays: number;
  };
}

export { regionPrefix } from '../access/scope';

function aggregate(items: readonly CompressionMatter[]): CompressionAggregate {
  const measured = items.filter((m) => m.compression !== null);
  return {
    matters: items.length,
    meetingRule: items.filter((m) => m.meetsRule).length,
    averageCompression:
      measured.length === 0 ? null : round4(measured.reduce((sum, m) => sum + m.compression!, 0) / measured.length),
  };
}

/** The compression of every published matter in scope, by matter (department, then code) and by department. */
export function compressionReport(
  published: readonly PublishedMatterLimits[],
  departmentNames: ReadonlyMap<string, string>,
  rule: CompressionRule,
  scope: { region?: string; department?: string } = {},
): CompressionReport {
  const prefix = scope.region ? regionPrefix(scope.region) : '';
  const matters = published
    .filter(
      (m) =>
        m.content.regionCode.startsWith(prefix) && (!scope.department || m.content.department === scope.department),
    )
    .map((m): CompressionMatter => {
      const { name, nameEn, department, regionCode, legalLimitDays, promisedLimitDays } = m.content;
      const departmentName = departmentNames.get(department);
      return {
        code: m.code,
        version: m.version,
        name,
        ...(nameEn ? { nameEn } : {}),
        department,
        ...(departmentName ? { departmentName } : {}),
        regionCode,
        legalLimitDays,
        promisedLimitDays,
        ...compressionOf(legalLimitDays, promisedLimitDays, rule),
      };
    })
    .sort((a, b) => a.department.localeCompare(b.department) || a.code.localeCompare(b.code));
  const byDepartment = new Map<string, CompressionMatter[]>();
  for (const m of matters) byDepartment.set(m.department, [...(byDepartment.get(m.department) ?? []), m]);
  const departments = [...byDepartment].map(([department, items]) => {
    const departmentName = departmentNames.get(department);
    return { department, ...(departmentName ? { departmentName } : {}), ...aggregate(items) };
  });
  return { rule, matters, departments, total: aggregate(matters) };
}
