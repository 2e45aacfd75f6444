// What a counting rule is, and what the rules share: a case event's dimensions, dropping zeros, 跑动次数.
import type { z } from 'zod';
import type { caseEventBase } from '../../contracts/case-event';
import { toShanghaiDate } from '../calendar/working-days';
import type { CaseFacts, Contribution, Counters, Dimensions, Facts, IndicatorSettings, Needs } from './counters';

export type Detail<C extends { detail: z.ZodType }> = z.infer<C['detail']>;
export type CaseDetail = z.infer<typeof caseEventBase>;

export interface Rule<D> {
  needs?: (detail: D) => Needs;
  count: (detail: D, facts: Facts, settings: IndicatorSettings) => Contribution | undefined;
}

export const ONLINE_CHANNELS: readonly string[] = ['online', 'mobile'];
const IN_PERSON_CHANNELS: readonly string[] = ['window', 'self-service'];

export const isBundle = (d: { kind?: string }) => d.kind === 'bundle';
export const dayOf = (occurredAt: string) => toShanghaiDate(occurredAt);
export const caseDimensions = (d: CaseDetail): Dimensions => ({
  day: dayOf(d.occurredAt),
  matter: d.matterCode,
  department: d.department,
  region: d.regionCode,
  channel: d.channel,
});

export function contribution(dimensions: Dimensions, counters: Partial<Counters>): Contribution {
  // Zeros add nothing: leaving them out keeps the counter update short.
  const nonZero = Object.fromEntries(Object.entries(counters).filter(([, v]) => v !== 0)) as Partial<Counters>;
  return { ...dimensions, counters: nonZero };
}

export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Counting this event needs ${what}, which the consumer did not read`);
  return value;
}

/** 跑动次数 of a case: recorded on the case when a number is there; else one visit for a window or kiosk case. */
export function visitsOf(caseFacts: Pick<CaseFacts, 'visits'>, channel: string): number {
  const recorded = caseFacts.visits;
  if (typeof recorded === 'number' && Number.isInteger(recorded) && recorded >= 0) return recorded;
  return IN_PERSON_CHANNELS.includes(channel) ? 1 : 0;
}

/** A member case of a bundle: its completion is the bundle's (counted once, by bundleCompletion). */
export const isMember = (d: { parentCaseId?: string }) => d.parentCaseId !== undefined;
