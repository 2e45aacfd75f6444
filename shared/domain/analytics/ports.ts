import type { CaseRecord } from '../applications/model';
import type { WorkingDayCalendar } from '../calendar/working-days';
import type { MatterContent } from '../catalogue/model';
import type { CatalogueStore } from '../catalogue/ports';
import type { CompressionRule } from './compression';
import type { Contribution, IndicatorSettings } from './counters';
import type { CounterItem } from './indicators';

/**
 * The statistics context's ports. The counters and the kept contributions live in the main table
 * (shared/adapters/dynamo-stats-store.ts, which says how they are keyed).
 */
export interface StatsStore {
  /**
   * Counts one event once: its kept contribution (for the drill-down), put only where it is not yet, and the update
   * of its counter item, in one transaction, so the kept contribution is the event's exactly-once guard ('duplicate'
   * when it was there already, and nothing changed). A collision with another event's update on the same counter
   * item is thrown as the domain's WriteConflictError.
   */
  record(contribution: Contribution, eventId: string, subject: ContributionSubject): Promise<'written' | 'duplicate'>;
  /** Every counter item of these days, all shards; only those of regions under a region prefix when `region` is given. */
  read(days: readonly string[], options?: { region?: string }): Promise<CounterItem[]>;
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

/** What the statistics' readers (queries.ts) read: the counters, the published catalogue, the compression rule. */
export interface StatsQueryDeps {
  readonly stats: Pick<StatsStore, 'read' | 'readMembers'>;
  readonly catalogue: Pick<CatalogueStore, 'listPublished' | 'listDepartments'>;
  /** The stage's rule (COMPRESSION_RULE_*), the one the publish check applies. */
  readonly compressionRule: CompressionRule;
}

/** What the analytics consumer (record.ts) reads and writes. */
export interface RecordDeps extends IndicatorSettings {
  readonly cases: { get(id: string): Promise<CaseRecord | undefined> };
  readonly matters: {
    matter(
      code: string,
      version?: number,
    ): Promise<{
      content: Pick<MatterContent, 'promisedLimitDays' | 'legalLimitDays' | 'flags' | 'yieldsLicenceType'>;
    }>;
  };
  readonly calendar: () => Promise<Pick<WorkingDayCalendar, 'workingDaysBetween'>>;
  readonly stats: Pick<StatsStore, 'record'>;
}
