import type { CaseRecord } from '../applications/model';
import type { CaseStore } from '../applications/ports';
import type { WorkingDayCalendar } from '../calendar/working-days';
import type { MatterContent } from '../catalogue/model';
import type { EfficiencyCounters, EfficiencyIncrement, Watch, WatchChange, WatchKind, WatchRef } from './model';

export interface WatchStore {
  get(ref: WatchRef): Promise<Watch | undefined>;
  /** Every watch of a case (its own, its tasks'), read consistently. */
  ofCase(caseId: string): Promise<Watch[]>;
  /**
   * Writes the watch changes, each conditional on its version (a change with a notice in one transaction with its
   * notice's outbox item), and the efficiency counters of `eventId`'s decision, each put once under the event's id.
   * No ledger marker: a watch is a projection that the same event leaves as it is, and a decision's counters are
   * keyed by the event. 'unchanged' when nothing was written (every counter there already, no change).
   * Throws ConcurrentChangeError when a watch changed meanwhile (the caller reads again and re-plans).
   */
  commit(input: {
    eventId?: string;
    changes: readonly WatchChange[];
    counters?: readonly EfficiencyIncrement[];
  }): Promise<'written' | 'unchanged'>;
  /** Open, unpaused watches due on a date (the sweep's index). */
  dueOn(date: string): Promise<Watch[]>;
  /** A page of them, a region by prefix and a kind if asked (GET /supervision/deadlines). */
  pageDueOn(query: {
    date: string;
    regionPrefix?: string;
    kind?: WatchKind;
    limit: number;
    cursor?: string;
  }): Promise<{ items: Watch[]; cursor?: string }>;
  /** Open yellow or red watches of a department, by region, then due date; `regionPrefix` narrows by key. */
  listLevel(query: {
    level: 'yellow' | 'red';
    department: string;
    regionPrefix?: string;
    kind?: WatchKind;
    limit: number;
    cursor?: string;
  }): Promise<{ items: Watch[]; cursor?: string }>;
  /** The last date the sweep completed. */
  sweepCursor(): Promise<string | undefined>;
  /** Moves the cursor forward (never back; a concurrent run that got further wins). */
  saveSweepCursor(date: string, previous: string | undefined): Promise<void>;
}

export interface EfficiencyStore {
  /** The counters of a department summed over [from, to] (dates), only regions under `regionPrefix` when given. */
  efficiency(department: string, from: string, to: string, regionPrefix?: string): Promise<EfficiencyCounters>;
}

/** What bundle-deadline.ts reads: cases by id, and whether a matter version yields a licence. */
export interface BundleResultLookups {
  getCase(id: string): Promise<Pick<CaseRecord, 'status' | 'licenceNo' | 'matterCode' | 'matterVersion'> | undefined>;
  /**
   * Whether the matter version yields a licence; without this lookup every approved member is taken to yield one,
   * so the bundle's clock keeps running rather than stopping early.
   */
  yieldsLicence?(matterCode: string, version: number): Promise<boolean>;
}

/** What the supervision consumer (track.ts) needs. */
export interface TrackDeps {
  readonly store: WatchStore;
  readonly cases: Pick<CaseStore, 'get' | 'getTask' | 'tasksOf'>;
  calendar(): Promise<WorkingDayCalendar>;
  readonly warningDays: number;
  /** Working days from a decision to 送达 (行政许可法 art. 44; DELIVERY_WORKING_DAYS, default 10). */
  readonly deliveryDays?: number;
  /**
   * The catalogue's matter versions: whether a bundle member's matter yields a licence (else its approval is its
   * result). Without it a bundle's clock runs until every member has a licence number.
   */
  readonly matters?: {
    matter(code: string, version?: number): Promise<{ content: Pick<MatterContent, 'yieldsLicenceType'> }>;
  };
  now(): Date;
}

/** What the hourly sweep (sweep.ts) needs. */
export interface SweepDeps {
  readonly store: WatchStore;
  calendar(): Promise<WorkingDayCalendar>;
  readonly warningDays: number;
  now(): Date;
}

/** What the lists and the efficiency report (lists.ts) need. */
export interface SupervisionListDeps {
  readonly store: Pick<WatchStore, 'listLevel' | 'pageDueOn'> & EfficiencyStore;
  /** Department codes of the catalogue: a supervisor's lists go through each. */
  departments(): Promise<readonly string[]>;
  calendar(): Promise<WorkingDayCalendar>;
  readonly warningDays: number;
  now(): Date;
}
