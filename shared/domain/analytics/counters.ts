// The counters and dimensions of the statistics, and the facts a counting rule reads (DOMAIN.md §8).

export const COUNTERS = [
  'submitted',
  'accepted',
  'deemed',
  'refused',
  'withdrawn',
  'completed',
  'approved',
  'rejected',
  'completedOnTime',
  'workingDaysToDecision',
  'promisedDays',
  'legalDays',
  'immediate',
  'fullyOnline',
  'visits',
  'tolerated',
  'materialsRequired',
  'materialsWaived',
  'licencesIssued',
  'licencesIssuedOnTime',
  'ratings',
  'ratingAbility',
  'ratingAttitude',
  'ratingEffect',
  'badRatings',
  'rectificationsOpened',
  'rectificationsAnswered',
  'rectificationsAnsweredOnTime',
  'complaints',
  'complaintsAnswered',
  'complaintsAnsweredOnTime',
  'overdue',
  'tasksOverdue',
  'appointmentsBooked',
  'appointmentsCancelled',
  'appointmentNoShows',
  'checkIns',
  'resultsDelivered',
  'resultsDeliveredOnTime',
  'resultsPosted',
  'resultsPickedUp',
  'paymentsOrdered',
  'paymentsPaid',
  'feesPaidFen',
  'refunds',
  'refundedFen',
  'decidedOnCommitment',
  'postChecksDone',
  'postChecksOnTime',
  'commitmentsFalse',
] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counters = Record<Counter, number>;

export const DIMENSIONS = ['day', 'matter', 'department', 'region', 'channel'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Dimensions = Record<Dimension, string>;

/** A dimension an event does not have (a complaint has no channel; one about no matter has no matter). */
export const NONE = '-';

/** One event's contribution: the counters it adds to, on its day and dimensions. Only non-zero counters appear. */
export interface Contribution extends Dimensions {
  readonly counters: Partial<Counters>;
}

/** What the consumer read for an event (see needsOf); only what the event's rule needs is set. */
export interface Facts {
  readonly case?: CaseFacts;
  readonly matter?: MatterFacts;
  readonly calendar?: { workingDaysBetween(from: string, to: string): number };
}

/** The parts of a case record that the indicators read (CaseRecord satisfies it). */
export interface CaseFacts {
  readonly matterCode: string;
  readonly department: string;
  readonly regionCode: string;
  readonly channel: string;
  readonly kind?: 'matter' | 'bundle';
  readonly materials: Readonly<Record<string, { readonly files?: readonly unknown[]; readonly licenceNo?: string }>>;
  readonly review?: { readonly startDate: string; readonly dueDate: string; readonly pausedDays: number };
  readonly outcome?: { readonly decidedAt: string; readonly onCommitment?: boolean };
  /** 跑动次数, once later work records it on the case; until then the channel decides (see visitsOf). */
  readonly visits?: unknown;
}

/** The parts of a matter version that the indicators read. */
export interface MatterFacts {
  readonly promisedLimitDays: number;
  readonly legalLimitDays: number;
  readonly immediate: boolean;
}

export interface IndicatorSettings {
  /** Working days from the decision to the licence that still count as issued on time. */
  readonly licenceOnTimeDays: number;
}

/** What the consumer must read before it can count an event. */
export interface Needs {
  readonly caseId?: string;
  readonly matter?: { readonly code: string; readonly version: number };
  readonly calendar?: boolean;
}
