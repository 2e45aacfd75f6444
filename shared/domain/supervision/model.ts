import { type WatchKind, WATCH_KINDS, WATCH_LEVELS } from '../../contracts/supervision-events';
import type { OutboxEvent } from '../events';

/**
 * 电子监察: one watch per deadline (a department's task, a case's review, a complaint, a rectification, a delivery).
 * A watch is `open` while its clock runs, `paused` while a special procedure or the applicant holds it (its level
 * stays as it was), `closed` for good once its subject is decided or answered: a closed watch never reopens.
 *
 * Levels (Asia/Shanghai dates, working days of the catalogue's calendar): red when today is after the due date,
 * yellow when the working days left (the day of today not counted, the due date counted) are at most the warning
 * threshold, green otherwise. Turning yellow or red publishes one notice, in the transaction that changes the level.
 * The levels are read in levels.ts, a watch changes in watch.ts, the lists are lists.ts.
 */
export { WATCH_KINDS, WATCH_LEVELS };
export type { WatchKind };

export const WATCH_STATUSES = ['open', 'paused', 'closed'] as const;
export type WatchStatus = (typeof WATCH_STATUSES)[number];
export type WatchLevel = (typeof WATCH_LEVELS)[number];

/** What is watched and whose it is: the dimensions of the lists and of the notices. */
export interface WatchSubject {
  readonly kind: WatchKind;
  readonly subjectId: string;
  readonly caseId?: string;
  readonly caseNumber?: string;
  readonly matterCode?: string;
  readonly channel?: string;
  readonly department: string;
  readonly regionCode: string;
}

/** A case's clock stops while any of its tasks is paused; each holder with the time of its last hold or release. */
export type CaseHolds = Readonly<Record<string, { readonly held: boolean; readonly at: string }>>;

export interface Watch extends WatchSubject {
  /** `<kind>#<subjectId>`, as the notices carry it. */
  readonly id: string;
  readonly dueDate: string;
  readonly status: WatchStatus;
  readonly level: WatchLevel;
  readonly openedAt: string;
  readonly closedAt?: string;
  /** The detail-type that closed it. */
  readonly closedBy?: string;
  /** How often the workflow escalated it (a task silent for a week). */
  readonly escalations: number;
  /**
   * The due date reaches a year whose holiday notice is not loaded: counted Monday to Friday there for now, and
   * moved (and the flag cleared) by Application.DeadlinesRedated.v1 when the notice is loaded.
   */
  readonly provisional?: boolean;
  /** The date its pause began. */
  readonly pausedSince?: string;
  /** Case watches only: the tasks whose pauses hold the case's clock. */
  readonly holds?: CaseHolds;
  /** occurredAt of the last event applied to its status or due date: an older one arriving late is ignored. */
  readonly lastEventAt: string;
  /** Optimistic concurrency: each change is conditional on the previous version. */
  readonly version: number;
}

export const watchId = (kind: WatchKind, subjectId: string) => `${kind}#${subjectId}`;

export type WatchRef = Pick<WatchSubject, 'kind' | 'subjectId' | 'caseId'>;

/**
 * A change of a watch: conditional on `before`'s version (or on not existing), with the notice its change of level
 * publishes, written in one transaction with it.
 */
export interface WatchChange {
  readonly before?: Watch;
  readonly after: Watch;
  readonly notice?: OutboxEvent;
}

/** Counters of one decision, added to its department's day (efficiency.ts). */
export interface EfficiencyIncrement {
  readonly kind: 'task' | 'case';
  readonly department: string;
  readonly regionCode: string;
  /** The day of the decision (Asia/Shanghai). */
  readonly date: string;
  readonly onTime: boolean;
  readonly daysUsed: number;
  readonly limitDays: number;
}

/** A department's decisions over some days (efficiency.ts): how many, how many on time, the working days used. */
export interface EfficiencyCounters {
  readonly tasksDecided: number;
  readonly tasksOnTime: number;
  readonly taskDaysUsed: number;
  readonly taskLimitDays: number;
  readonly casesDecided: number;
  readonly casesOnTime: number;
  readonly caseDaysUsed: number;
  readonly caseLimitDays: number;
}

/** Which departments and regions a caller's lists cover (lists.ts). */
export interface SupervisionScope {
  readonly departments: readonly string[];
  readonly regionPrefix?: string;
}
