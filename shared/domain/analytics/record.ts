import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { EventLedger } from '../../adapters/event-ledger';
import type { ContributionSubject, StatsStore } from '../../adapters/dynamo-stats-store';
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
  /** `member` keeps each contribution for the drill-down (GET /stats/cases); without it only the sums are kept. */
  readonly stats: Pick<StatsStore, 'increment'> & Partial<Pick<StatsStore, 'member'>>;
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
  const member = deps.stats.member?.(contribution, event.detail.eventId, subjectOf(event.detailType, event.detail));
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.ledger.writeOnce(ANALYTICS_CONSUMER, event.detail.eventId, member ? [update, member] : [update]);
    } catch (error) {
      if (!isTransactionConflict(error) || attempt >= CONFLICT_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}

/** What an event counted is about: its case when it has one, else its own record (complaint, appointment, order…). */
export function subjectOf(detailType: string, detail: Record<string, unknown>): ContributionSubject {
  const text = (key: string) => (typeof detail[key] === 'string' && detail[key] !== '' ? (detail[key] as string) : undefined);
  const caseId = text('caseId');
  const caseNumber = text('caseNumber');
  const subjectId = caseId ?? text('complaintId') ?? text('rectificationId') ?? text('appointmentId') ?? text('orderId') ?? text('licenceNo') ?? text('watchId') ?? String(detail.eventId);
  return { detailType, subjectId, ...(caseId ? { caseId } : {}), ...(caseNumber ? { caseNumber } : {}) };
}

function isTransactionConflict(error: unknown): boolean {
  if (error instanceof TransactionCanceledException) return Boolean(error.CancellationReasons?.some((r) => r.Code === 'TransactionConflict'));
  return (error as { name?: string })?.name === 'TransactionConflictException';
}
