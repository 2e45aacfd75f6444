import type { StoreWrite } from '../store-write';
import type { Contribution, CounterItem } from './indicators';

/**
 * The statistics context's ports. The counters and the kept contributions live in the main table
 * (shared/adapters/dynamo-stats-store.ts, which says how they are keyed); the event ledger is the shared one
 * (shared/domain/events.ts).
 */
export interface StatsStore {
  /** The update that adds an event's contribution to its counter item, to commit with the event ledger's marker. */
  increment(contribution: Contribution, eventId: string): StoreWrite;
  /** Every counter item of these days, all shards; only those of regions under a region prefix when `region` is given. */
  read(days: readonly string[], options?: { region?: string }): Promise<CounterItem[]>;
  /** The put that keeps one event's contribution (with its case or other subject), written with the increment. */
  member(contribution: Contribution, eventId: string, subject: ContributionSubject): StoreWrite;
  /** Every kept contribution of these days, all shards; only those of regions under a region prefix when `region` is given. */
  readMembers(days: readonly string[], options?: { region?: string }): Promise<ContributionMember[]>;
}

/** What an event was about, for the drill-down: its case (number) or another record (a complaint, an appointment). */
export interface ContributionSubject {
  readonly detailType: string;
  readonly subjectId: string;
  readonly caseId?: string;
  readonly caseNumber?: string;
}

export type ContributionMember = CounterItem & ContributionSubject & { readonly eventId: string };
