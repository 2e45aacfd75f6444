import { DEMO_CATALOGUE } from '../../infra/seed/demo-catalogue';
import {
  compressionRuleEnv,
  compressionRuleFromEnv,
  compressionRuleSchema,
} from '../../shared/config/compression-rule';
import {
  compressionOf,
  compressionReport,
  DEFAULT_COMPRESSION_RULE,
  maxPromisedDays,
  type PublishedMatterLimits,
  regionPrefix,
} from '../../shared/domain/analytics/compression';

const rule = DEFAULT_COMPRESSION_RULE;
const matter = (
  code: string,
  department: string,
  legal: number,
  promised: number,
  regionCode = '350100',
): PublishedMatterLimits => ({
  code,
  version: 1,
  content: { name: code, department, regionCode, legalLimitDays: legal, promisedLimitDays: promised },
});

describe('compressionOf', () => {
  it('meets a 50 % rule at exactly half, not one day above', () => {
    expect(compressionOf(10, 5, rule)).toEqual({ ratio: 0.5, compression: 0.5, meetsRule: true });
    expect(compressionOf(10, 6, rule)).toEqual({ ratio: 0.6, compression: 0.4, meetsRule: false });
    // Odd legal limits: 7 → at most 3 days (3.5 is not a working day count).
    expect(maxPromisedDays(7, rule)).toBe(3);
    expect(compressionOf(7, 4, rule).meetsRule).toBe(false);
    expect(compressionOf(3, 1, rule)).toEqual({ ratio: 0.3333, compression: 0.6667, meetsRule: true });
  });

  it('lets a legal limit of 0 (即办件) pass with no ratio', () => {
    expect(compressionOf(0, 0, rule)).toEqual({ ratio: null, compression: null, meetsRule: true });
  });
});

describe('compressionReport', () => {
  const published = [
    matter('A', 'SAMR', 10, 5),
    matter('B', 'SAMR', 20, 15),
    matter('C', 'PSB', 0, 0),
    matter('D', 'URBAN', 20, 4, '350102'),
    matter('E', 'HEALTH', 20, 20, '360100'),
  ];
  const names = new Map([['SAMR', '市场监督管理局']]);

  it('gives each matter its figures and each department its aggregate', () => {
    const report = compressionReport(published, names, rule);
    expect(report.matters.map((m) => [m.code, m.ratio, m.meetsRule])).toEqual([
      ['E', 1, false],
      ['C', null, true],
      ['A', 0.5, true],
      ['B', 0.75, false],
      ['D', 0.2, true],
    ]);
    expect(report.departments.find((d) => d.department === 'SAMR')).toEqual({
      department: 'SAMR',
      departmentName: '市场监督管理局',
      matters: 2,
      meetingRule: 1,
      averageCompression: 0.375,
    });
    // A department of 即办件 only has nothing to average.
    expect(report.departments.find((d) => d.department === 'PSB')).toEqual({
      department: 'PSB',
      matters: 1,
      meetingRule: 1,
      averageCompression: null,
    });
    expect(report.total).toEqual({ matters: 5, meetingRule: 3, averageCompression: 0.3875 }); // (0.5 + 0.25 + 0.8 + 0) / 4: C has no legal limit
  });

  it('narrows to a region and the regions under it, and to a department', () => {
    expect(compressionReport(published, names, rule, { region: '350100' }).matters.map((m) => m.code)).toEqual([
      'C',
      'A',
      'B',
      'D',
    ]);
    expect(compressionReport(published, names, rule, { region: '350102' }).matters.map((m) => m.code)).toEqual(['D']);
    expect(compressionReport(published, names, rule, { department: 'SAMR' }).total).toEqual({
      matters: 2,
      meetingRule: 1,
      averageCompression: 0.375,
    });
    expect(regionPrefix('350000')).toBe('35');
  });
});

describe('the stage setting', () => {
  it('defaults to a warning at 50 %', () => {
    expect(compressionRuleFromEnv({})).toEqual({ mode: 'warn', maxPromisedPercent: 50 });
    expect(compressionRuleSchema.parse(undefined)).toEqual({ mode: 'warn', maxPromisedPercent: 50 });
  });

  it('round-trips through the environment variables infra sets', () => {
    const configured = compressionRuleSchema.parse({ mode: 'refuse', maxPromisedPercent: 30 });
    expect(compressionRuleFromEnv(compressionRuleEnv(configured))).toEqual({ mode: 'refuse', maxPromisedPercent: 30 });
  });

  it('stops on a malformed value, naming the variable', () => {
    expect(() => compressionRuleFromEnv({ COMPRESSION_RULE_MODE: 'block' })).toThrow(/COMPRESSION_RULE_MODE/);
    expect(() => compressionRuleFromEnv({ COMPRESSION_RULE_MAX_PERCENT: '0' })).toThrow(/COMPRESSION_RULE_MAX_PERCENT/);
    expect(() => compressionRuleSchema.parse({ maxPromisedPercent: 150 })).toThrow();
  });
});

describe('the demo catalogue', () => {
  it('meets the default rule with every matter (so a warning stage publishes it without acknowledgement)', () => {
    const breaking = DEMO_CATALOGUE.matters
      .map((m) => ({ code: m.code, ...(m.content as { legalLimitDays: number; promisedLimitDays: number }) }))
      .filter((m) => !compressionOf(m.legalLimitDays, m.promisedLimitDays, rule).meetsRule)
      .map((m) => `${m.code} ${m.promisedLimitDays}/${m.legalLimitDays}`);
    expect(breaking).toEqual([]);
  });
});
