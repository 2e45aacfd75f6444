/**
 * The statistics of ../shared/DOMAIN.md §8, as arithmetic with no I/O: what one event adds to the counters of its
 * day and dimensions (the indicators derived from summed counters are indicators.ts). The consumer (record.ts) reads
 * the facts an event does not carry (the case, the matter version, the calendar) and hands them in.
 *
 * Counters are per day (Asia/Shanghai, of the event's occurredAt) × matter × department × region × channel.
 *
 * 一件事 (bundle cases): see case-counting.ts; a bundle is counted once as a completed case.
 */
import { ALL_EVENT_CONTRACTS } from '../../contracts/all-events';
import { CASE_RULES } from './case-counting';
import type { Contribution, Facts, IndicatorSettings, Needs } from './counters';
import type { Rule } from './counting-rule';
import { SERVICE_RULES } from './service-counting';

/** The counting rule of each detail-type that contributes; the analytics consumer's rule matches exactly these. */
const RULES = { ...CASE_RULES, ...SERVICE_RULES } as const;

export type CountedDetailType = keyof typeof RULES;
export const COUNTED_DETAIL_TYPES = Object.keys(RULES) as CountedDetailType[];

/** The event contracts that contribute to a counter: the analytics consumer's rule matches exactly these. */
export const COUNTED_CONTRACTS = ALL_EVENT_CONTRACTS.filter((c) =>
  (COUNTED_DETAIL_TYPES as readonly string[]).includes(c.detailType),
);

function ruleOf(detailType: string): Rule<unknown> | undefined {
  return (RULES as Record<string, Rule<unknown>>)[detailType];
}

/** What the consumer must read to count this event (nothing for most). */
export function needsOf(detailType: string, detail: unknown): Needs {
  return ruleOf(detailType)?.needs?.(detail) ?? {};
}

/** What this event adds to the counters; undefined when it adds nothing (a bundle case, an uncounted type). */
export function contributionOf(
  detailType: string,
  detail: unknown,
  facts: Facts,
  settings: IndicatorSettings,
): Contribution | undefined {
  const result = ruleOf(detailType)?.count(detail, facts, settings);
  return result && Object.keys(result.counters).length > 0 ? result : undefined;
}
