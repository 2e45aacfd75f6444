import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { EventLedger } from '../../adapters/event-ledger';
import type { StatsStore } from '../../adapters/dynamo-stats-store';
import type { WorkingDayCalendar } from '../calendar/working-days';
import type { CaseRecord } from '../applications/model';
import type { MatterContent } from '../catalogue/model';
import { contributionOf, type Facts, type IndicatorSettings, needsOf } from './indicators';

/** The consumer's name in the event ledger. */
export const ANALYTICS_CONSUMER = 'analytics';

export interface RecordDeps extends IndicatorSettings {
  readonly cases: { get(id: string): Promise<CaseRecord | undefined> };
  readonly matters: { matter(code: string, version?: number): Promise<{ content: Pick<MatterContent, 'promisedLimitDays' | 'legalLimitDays' | 'flags'> }> };
  readonly calendar: () => Promise<Pick<WorkingDayCalendar, 'workingDaysBetween'>>;
  readonly stats: Pick<StatsStore, 'increment'>;
  readonly ledger: Pick<EventLedger, 'writeOnce'>;
}

export type RecordOutcome = 'written' | 'duplicate' | 'not-counted';

/** Transactions on one counter item collide when events of the same day and dimensions land at once. */
const CONFLICT_ATTEMPTS = 5;

/**
 * Counts one event, exactly once: reads what the event does not carry (its case, its matter version, the calendar),
 * then commits the counter update together with the ledger marker for the event id, so a redelivery finds the marker
 * and changes nothing. A case the event names must exist (it was written before its event was relayed): when it
 * does not, the error sends the event to retries and the DLQ rather than counting it wrong.
 */
export async function recordEvent(event: { detailType: string; detail: { eventId: string } & Record<string, unknown> }, deps: RecordDeps): Promise<RecordOutcome> {
  const needs = needsOf(event.detailType, event.detail);
  const [record, matter, calendar] = await Promise.all([
    needs.caseId ? deps.cases.get(needs.caseId) : undefined,
    needs.matter ? deps.matters.matter(needs.matter.code, needs.matter.version) : undefined,
    needs.calendar ? deps.calendar() : undefined,
  ]);
  if (needs.caseId && !record) throw new Error(`Case ${needs.caseId} of event ${event.detail.eventId} does not exist`);
  const facts: Facts = {
    ...(record ? { case: record } : {}),
    ...(matter ? { matter: { promisedLimitDays: matter.content.promisedLimitDays, legalLimitDays: matter.content.legalLimitDays, immediate: matter.content.flags.immediate } } : {}),
    ...(calendar ? { calendar } : {}),
  };
  const contribution = contributionOf(event.detailType, event.detail, facts, deps);
  if (!contribution) return 'not-counted';
  const update = deps.stats.increment(contribution, event.detail.eventId);
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.ledger.writeOnce(ANALYTICS_CONSUMER, event.detail.eventId, [update]);
    } catch (error) {
      if (!isTransactionConflict(error) || attempt >= CONFLICT_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}

function isTransactionConflict(error: unknown): boolean {
  if (error instanceof TransactionCanceledException) return Boolean(error.CancellationReasons?.some((r) => r.Code === 'TransactionConflict'));
  return (error as { name?: string })?.name === 'TransactionConflictException';
}
