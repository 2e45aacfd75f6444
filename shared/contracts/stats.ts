import * as z from 'zod';
import { COUNTERS, type Counter, DIMENSIONS } from '../domain/analytics/counters';
import {
  COUNTER_DESCRIPTIONS,
  type Indicator,
  INDICATOR_DESCRIPTIONS,
  INDICATORS,
  MAX_RANGE_DAYS,
} from '../domain/analytics/indicators';
import { MEASURES } from '../domain/analytics/drill-down';
import { pageOf } from './common';
import { defineRoute } from './route-contract';

const day = z.iso.date();
const dimensionList = new RegExp(`^((${DIMENSIONS.join('|')})(,(${DIMENSIONS.join('|')}))*)?$`);

const counterFields = Object.fromEntries(
  COUNTERS.map((c) => [c, z.number().meta({ description: COUNTER_DESCRIPTIONS[c] })]),
) as Record<Counter, z.ZodNumber>;
const indicatorFields = Object.fromEntries(
  INDICATORS.map((i) => [i, z.number().nullable().meta({ description: INDICATOR_DESCRIPTIONS[i] })]),
) as Record<Indicator, z.ZodNullable<z.ZodNumber>>;

export const statsRowSchema = z
  .object({
    day: day.optional().meta({ description: 'When grouped by day (Asia/Shanghai)' }),
    matter: z.string().optional().meta({ description: 'When grouped by matter; "-" for complaints about no matter' }),
    department: z
      .string()
      .optional()
      .meta({ description: 'When grouped by department (complaints and rectifications: the responsible one)' }),
    region: z.string().optional().meta({ description: 'When grouped by region (6-digit administrative code)' }),
    channel: z.string().optional().meta({ description: 'When grouped by channel; "-" for complaints' }),
    ...counterFields,
    ...indicatorFields,
  })
  .meta({ id: 'StatsRow' });

export const statsRoute = defineRoute({
  method: 'GET',
  path: '/stats',
  auth: ['supervisor', 'admin'],
  summary: 'Indicators (DOMAIN §8) for a range of days, grouped by day, matter, department, region and channel',
  tags: ['supervision'],
  query: z.object({
    from: day.meta({ description: 'First day, Asia/Shanghai, inclusive' }),
    to: day.meta({ description: `Last day, inclusive; from ≤ to, at most ${MAX_RANGE_DAYS} days` }),
    groupBy: z
      .string()
      .regex(dimensionList, { message: `a comma list of ${DIMENSIONS.join(', ')}` })
      .optional()
      .meta({ description: `Comma list of ${DIMENSIONS.join(', ')}; empty for one total row` }),
  }),
  response: z.object({
    from: day,
    to: day,
    groupBy: z.array(z.enum(DIMENSIONS)),
    region: z
      .string()
      .optional()
      .meta({ description: 'Set when the caller sees one region only (a supervisor with a region claim)' }),
    rows: z.array(statsRowSchema),
  }),
});

const dimensionFilter = (what: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .optional()
    .meta({ description: `Only this ${what} (as /stats names it)` });

export const statsCasesRoute = defineRoute({
  method: 'GET',
  path: '/stats/cases',
  auth: ['supervisor', 'admin'],
  summary:
    'The drill-down: the cases (or complaints, appointments…) behind a number of /stats, the contributions it summed',
  tags: ['supervision'],
  query: z.object({
    indicator: z.enum(MEASURES as [string, ...string[]]).meta({
      description: 'An indicator (its denominator’s cases, each with its part of the numerator) or a counter',
    }),
    from: day.meta({ description: 'First day, Asia/Shanghai, inclusive' }),
    to: day.meta({ description: `Last day, inclusive; from ≤ to, at most ${MAX_RANGE_DAYS} days` }),
    department: dimensionFilter('department'),
    region: z
      .string()
      .regex(/^\d{6}$/, 'a six-digit administrative division code')
      .optional()
      .meta({ description: 'Only this region (a regional supervisor: always theirs)' }),
    channel: dimensionFilter('channel'),
    matter: dimensionFilter('matter'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  }),
  response: pageOf(
    z.object({
      eventId: z.string(),
      detailType: z.string(),
      subjectId: z
        .string()
        .meta({ description: 'The case id, else the complaint, appointment, order… the event was about' }),
      caseId: z.string().optional(),
      caseNumber: z.string().optional(),
      day: day,
      matter: z.string(),
      department: z.string(),
      region: z.string(),
      channel: z.string(),
      value: z.number(),
      numerator: z.number().optional(),
    }),
    {
      indicator: z.string(),
      counter: z.enum(COUNTERS).meta({ description: 'The counter whose contributions are listed' }),
      numeratorCounter: z.enum(COUNTERS).optional(),
      total: z.number().meta({
        description: 'Sum of value over every matching row: the number /stats gives for the same range and filters',
      }),
      numeratorTotal: z.number().optional(),
      count: z.number().int().meta({ description: 'Rows matching, all pages' }),
      region: z.string().optional().meta({ description: 'Set when the caller sees one region only' }),
    },
  ),
});

const compressionFigures = {
  ratio: z
    .number()
    .nullable()
    .meta({ description: 'promised ÷ legal (4 decimals); null when the legal limit is 0 (即办件)' }),
  compression: z
    .number()
    .nullable()
    .meta({ description: '1 − ratio: the share the promise cuts from the legal limit' }),
};
const compressionAggregate = {
  matters: z.number().int(),
  meetingRule: z
    .number()
    .int()
    .meta({ description: 'Matters whose promised limit meets the rule (a legal limit of 0 always does)' }),
  averageCompression: z
    .number()
    .nullable()
    .meta({ description: 'Mean compression of the matters with a legal limit; null when none has one' }),
};

export const statsCompressionRoute = defineRoute({
  method: 'GET',
  path: '/stats/compression',
  auth: ['supervisor', 'admin'],
  summary:
    'Compressed time limits (压缩办理时限): each published matter’s promised against its legal limit, per matter and per department, against the region’s rule',
  tags: ['supervision'],
  query: z.object({
    department: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{1,15}$/, 'a department code')
      .optional()
      .meta({ description: 'Only this department’s matters' }),
    region: z
      .string()
      .regex(/^\d{6}$/, 'a six-digit administrative division code')
      .optional()
      .meta({ description: 'Only matters in this region and under it (a regional supervisor: always theirs)' }),
  }),
  response: z
    .object({
      rule: z.object({
        mode: z.enum(['warn', 'refuse']).meta({ description: 'How publishing treats a matter that breaks the rule' }),
        maxPromisedPercent: z
          .number()
          .meta({ description: 'The promised limit may be at most this per cent of the legal limit' }),
      }),
      region: z.string().optional().meta({ description: 'Set when the answer covers one region (and those under it)' }),
      matters: z.array(
        z.object({
          code: z.string(),
          version: z.number(),
          name: z.string(),
          nameEn: z.string().optional(),
          department: z.string(),
          departmentName: z.string().optional(),
          regionCode: z.string(),
          legalLimitDays: z.number(),
          promisedLimitDays: z.number(),
          ...compressionFigures,
          meetsRule: z.boolean(),
        }),
      ),
      departments: z.array(
        z.object({ department: z.string(), departmentName: z.string().optional(), ...compressionAggregate }),
      ),
      total: z.object(compressionAggregate),
    })
    .meta({ id: 'CompressionReport' }),
});

export const STATS_ROUTES = [statsRoute, statsCasesRoute, statsCompressionRoute];
