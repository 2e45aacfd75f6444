/**
 * The drill-down from a number of GET /stats to what is behind it: the contributions the analytics consumer kept
 * with each counter increment (dynamo-stats-store: STATEVENT items), filtered by the same dimensions. Nothing is
 * recomputed here: each row is the contribution the counting rule (counting.ts) made, so the rows' sum is the
 * number /stats shows for the same range and filters.
 */
import type { ContributionMember } from './ports';
import { COUNTERS, type Counter, type Dimension } from './counters';
import { INDICATORS, type Indicator, indicatorParts } from './indicators';

export type Measure = Indicator | Counter;
export const MEASURES: readonly Measure[] = [...INDICATORS, ...COUNTERS];

export interface DrillDownFilters {
  readonly department?: string;
  readonly region?: string;
  readonly channel?: string;
  readonly matter?: string;
}

export interface DrillDownRow {
  readonly eventId: string;
  readonly detailType: string;
  readonly subjectId: string;
  readonly caseId?: string;
  readonly caseNumber?: string;
  readonly day: string;
  readonly matter: string;
  readonly department: string;
  readonly region: string;
  readonly channel: string;
  /** What this contribution added to the counter listed (the indicator's denominator, or the counter asked). */
  readonly value: number;
  /** For an indicator: what it added to the numerator (e.g. 1 when this decision was on time). */
  readonly numerator?: number;
}

export interface DrillDown {
  readonly counter: Counter;
  readonly numeratorCounter?: Counter;
  /** The sum of `value` over every matching row: /stats' number for the same range and filters. */
  readonly total: number;
  readonly numeratorTotal?: number;
  /** How many rows match (all pages). */
  readonly count: number;
  readonly rows: DrillDownRow[];
}

const isIndicator = (m: Measure): m is Indicator => (INDICATORS as readonly string[]).includes(m);

/** The rows behind a measure, newest first (then by event id, so pages are stable). */
export function drillDown(
  members: readonly ContributionMember[],
  measure: Measure,
  filters: DrillDownFilters,
): DrillDown {
  const [numeratorCounter, counter] = isIndicator(measure) ? indicatorParts(measure) : [undefined, measure];
  const dims: [Dimension, string | undefined][] = [
    ['department', filters.department],
    ['region', filters.region],
    ['channel', filters.channel],
    ['matter', filters.matter],
  ];
  const rows = members
    .filter((m) => Number(m[counter] ?? 0) !== 0 && dims.every(([d, v]) => v === undefined || m[d] === v))
    .map(
      (m): DrillDownRow => ({
        eventId: m.eventId,
        detailType: m.detailType,
        subjectId: m.subjectId,
        ...(m.caseId ? { caseId: m.caseId } : {}),
        ...(m.caseNumber ? { caseNumber: m.caseNumber } : {}),
        day: m.day,
        matter: m.matter,
        department: m.department,
        region: m.region,
        channel: m.channel,
        value: Number(m[counter] ?? 0),
        ...(numeratorCounter ? { numerator: Number(m[numeratorCounter] ?? 0) } : {}),
      }),
    )
    .sort((a, b) => b.day.localeCompare(a.day) || a.eventId.localeCompare(b.eventId));
  return {
    counter,
    ...(numeratorCounter
      ? { numeratorCounter, numeratorTotal: rows.reduce((sum, r) => sum + (r.numerator ?? 0), 0) }
      : {}),
    total: rows.reduce((sum, r) => sum + r.value, 0),
    count: rows.length,
    rows,
  };
}
