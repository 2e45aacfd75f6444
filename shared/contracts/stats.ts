import * as z from 'zod';
import { COUNTER_DESCRIPTIONS, COUNTERS, type Counter, DIMENSIONS, type Indicator, INDICATOR_DESCRIPTIONS, INDICATORS, MAX_RANGE_DAYS } from '../domain/analytics/indicators';
import { defineRoute } from './route';

const day = z.iso.date();
const dimensionList = new RegExp(`^((${DIMENSIONS.join('|')})(,(${DIMENSIONS.join('|')}))*)?$`);

const counterFields = Object.fromEntries(COUNTERS.map((c) => [c, z.number().meta({ description: COUNTER_DESCRIPTIONS[c] })])) as Record<Counter, z.ZodNumber>;
const indicatorFields = Object.fromEntries(INDICATORS.map((i) => [i, z.number().nullable().meta({ description: INDICATOR_DESCRIPTIONS[i] })])) as Record<Indicator, z.ZodNullable<z.ZodNumber>>;

export const statsRowSchema = z
  .object({
    day: day.optional().meta({ description: 'When grouped by day (Asia/Shanghai)' }),
    matter: z.string().optional().meta({ description: 'When grouped by matter; "-" for complaints about no matter' }),
    department: z.string().optional().meta({ description: 'When grouped by department (complaints and rectifications: the responsible one)' }),
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
    region: z.string().optional().meta({ description: 'Set when the caller sees one region only (a supervisor with a region claim)' }),
    rows: z.array(statsRowSchema),
  }),
});

export const STATS_ROUTES = [statsRoute];
