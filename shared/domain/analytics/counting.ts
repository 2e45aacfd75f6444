/**
 * The statistics of ../shared/DOMAIN.md §8, as arithmetic with no I/O: what one event adds to the counters of its
 * day and dimensions (the indicators derived from summed counters are indicators.ts). The consumer (record.ts) reads
 * the facts an event does not carry (the case, the matter version, the calendar) and hands them in.
 *
 * Counters are per day (Asia/Shanghai, of the event's occurredAt) × matter × department × region × channel.
 *
 * 一件事 (bundle cases, kind 'bundle'): intake is counted on the member cases (each a case of its own, with its own
 * submission and acceptance, in its own department), and the bundle's own intake events add nothing. Completion (办结,
 * and so 按时办结率) is counted once per bundle, against the bundle's own promised limit, when its last member's
 * result is out (bundleCompletion, from record.ts); its member cases' decisions then add nothing to the completion
 * counters, so a bundle of four matters is one completed case, not four or five.
 */
import type { z } from 'zod';
import { ALL_EVENT_CONTRACTS } from '../../contracts/all-events';
import type {
  complaintAnswered,
  complaintReceived,
  rectificationAnswered,
  rectificationOpened,
  ratingSubmitted,
} from '../../contracts/engagement-events';
import type {
  applicationAccepted,
  applicationRefused,
  applicationSubmitted,
  applicationWithdrawn,
} from '../../contracts/application-events';
import type { caseEventBase } from '../../contracts/case-event';
import type { applicationApproved, applicationRejected, postCheckCompleted } from '../../contracts/workflow-events';
import type { LICENCE_EVENTS } from '../../contracts/licence-events';
import type { deadlineOverdue } from '../../contracts/supervision-events';
import type { APPOINTMENT_EVENTS } from '../../contracts/appointment-events';
import type { deliveryDelivered } from '../../contracts/delivery-events';
import type { paymentOrdered, paymentPaid, paymentRefunded } from '../../contracts/payment-events';
import { toShanghaiDate } from '../calendar/working-days';

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

type Detail<C extends { detail: z.ZodType }> = z.infer<C['detail']>;
type CaseDetail = z.infer<typeof caseEventBase>;

interface Rule<D> {
  needs?: (detail: D) => Needs;
  count: (detail: D, facts: Facts, settings: IndicatorSettings) => Contribution | undefined;
}

const ONLINE_CHANNELS: readonly string[] = ['online', 'mobile'];
const IN_PERSON_CHANNELS: readonly string[] = ['window', 'self-service'];

const isBundle = (d: { kind?: string }) => d.kind === 'bundle';
const dayOf = (occurredAt: string) => toShanghaiDate(occurredAt);
const caseDimensions = (d: CaseDetail): Dimensions => ({
  day: dayOf(d.occurredAt),
  matter: d.matterCode,
  department: d.department,
  region: d.regionCode,
  channel: d.channel,
});

function contribution(dimensions: Dimensions, counters: Partial<Counters>): Contribution {
  // Zeros add nothing: leaving them out keeps the counter update short.
  const nonZero = Object.fromEntries(Object.entries(counters).filter(([, v]) => v !== 0)) as Partial<Counters>;
  return { ...dimensions, counters: nonZero };
}

function required<T>(value: T | undefined, what: string): T {
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
const isMember = (d: { parentCaseId?: string }) => d.parentCaseId !== undefined;

function completion(decision: 'approved' | 'rejected') {
  const rule: Rule<Detail<typeof applicationApproved> | Detail<typeof applicationRejected>> = {
    needs: (d) =>
      isBundle(d) || isMember(d)
        ? {}
        : { caseId: d.caseId, matter: { code: d.matterCode, version: d.matterVersion }, calendar: true },
    count: (d, facts) => {
      if (isBundle(d) || isMember(d)) return undefined;
      const record = required(facts.case, `case ${d.caseId}`);
      const matter = required(facts.matter, `matter ${d.matterCode} v${d.matterVersion}`);
      const calendar = required(facts.calendar, 'the working-day calendar');
      const decisionDate = toShanghaiDate(record.outcome?.decidedAt ?? d.decidedAt);
      const review = record.review;
      // Every decided case went through a review (its clock starts at acceptance); without one nothing ran late.
      const onTime = review ? decisionDate <= review.dueDate : true;
      const workingDays = review
        ? Math.max(0, calendar.workingDaysBetween(review.startDate, decisionDate) - review.pausedDays)
        : 0;
      const visits = visitsOf(record, d.channel);
      return contribution(caseDimensions(d), {
        completed: 1,
        [decision]: 1,
        completedOnTime: onTime ? 1 : 0,
        workingDaysToDecision: workingDays,
        promisedDays: matter.promisedLimitDays,
        legalDays: matter.legalLimitDays,
        immediate: matter.immediate ? 1 : 0,
        fullyOnline: ONLINE_CHANNELS.includes(d.channel) && visits === 0 ? 1 : 0,
        visits,
        decidedOnCommitment: decision === 'approved' && record.outcome?.onCommitment ? 1 : 0,
      });
    },
  };
  return rule;
}

/** What counting a bundle's completion reads: the bundle case, and its members' legal limits along the waves. */
export interface BundleCompletionFacts {
  readonly case: CaseFacts & {
    readonly caseNumber?: string;
    readonly review?: CaseFacts['review'] & { readonly limitDays: number };
  };
  /** The members' legal limits added up along the waves (the longest of each wave). */
  readonly legalDays: number;
  readonly calendar: { workingDaysBetween(from: string, to: string): number };
}

/**
 * 一件事 completed, once: approved when its last member's result is out, or rejected. On time when that day is on or
 * before the bundle's due date (its own promised limit from acceptance, bundle-limit.ts). Counted on the bundle's
 * dimensions (its code, its receiving department, its channel), as one case.
 */
export function bundleCompletion(
  outcome: 'approved' | 'rejected',
  completedAt: string,
  facts: BundleCompletionFacts,
): Contribution {
  const record = facts.case;
  const date = toShanghaiDate(completedAt);
  const review = record.review;
  const visits = visitsOf(record, record.channel);
  return contribution(
    {
      day: date,
      matter: record.matterCode,
      department: record.department,
      region: record.regionCode,
      channel: record.channel,
    },
    {
      completed: 1,
      [outcome]: 1,
      completedOnTime: !review || date <= review.dueDate ? 1 : 0,
      workingDaysToDecision: review
        ? Math.max(0, facts.calendar.workingDaysBetween(review.startDate, date) - review.pausedDays)
        : 0,
      promisedDays: review?.limitDays ?? 0,
      legalDays: facts.legalDays,
      fullyOnline: ONLINE_CHANNELS.includes(record.channel) && visits === 0 ? 1 : 0,
      visits,
    },
  );
}

type LicenceDetail = z.infer<(typeof LICENCE_EVENTS)[number]['detail']>;
type AppointmentDetail = z.infer<(typeof APPOINTMENT_EVENTS)[number]['detail']>;
const appointmentDimensions = (d: AppointmentDetail): Dimensions => ({
  day: dayOf(d.occurredAt),
  matter: d.matterCode,
  department: d.department,
  region: d.regionCode,
  channel: NONE,
});
const appointment = (counter: Counter): Rule<AppointmentDetail> => ({
  count: (d) =>
    contribution(appointmentDimensions(d), { [counter]: 1, ...(counter === 'checkIns' ? { visits: 1 } : {}) }),
});
type OverdueDetail = Detail<typeof deadlineOverdue>;
type ComplaintDetail = Detail<typeof complaintReceived> | Detail<typeof complaintAnswered>;

const complaintDimensions = (d: ComplaintDetail): Dimensions => ({
  day: dayOf(d.occurredAt),
  matter: d.matterCode ?? NONE,
  department: d.responsibleDepartment,
  region: d.regionCode,
  channel: NONE,
});
const rectificationDimensions = (d: Detail<typeof rectificationOpened>): Dimensions => ({
  ...caseDimensions(d),
  department: d.responsibleDepartment,
});

/** The counting rule of each detail-type that contributes; the analytics consumer's rule matches exactly these. */
const RULES = {
  'Application.Submitted.v1': {
    needs: (d) => (isBundle(d) ? {} : { caseId: d.caseId }),
    count: (d, facts) => {
      if (isBundle(d)) return undefined;
      const materials = Object.values(required(facts.case, `case ${d.caseId}`).materials ?? {});
      const held = materials.filter((m) => (m.files?.length ?? 0) > 0 || Boolean(m.licenceNo));
      return contribution(caseDimensions(d), {
        submitted: 1,
        materialsRequired: held.length,
        materialsWaived: held.filter((m) => m.licenceNo).length,
      });
    },
  } satisfies Rule<Detail<typeof applicationSubmitted>>,
  'Application.Accepted.v1': {
    count: (d) =>
      isBundle(d)
        ? undefined
        : contribution(caseDimensions(d), {
            accepted: 1,
            deemed: d.deemed ? 1 : 0,
            tolerated: d.tolerated.length > 0 ? 1 : 0,
          }),
  } satisfies Rule<Detail<typeof applicationAccepted>>,
  'Application.Refused.v1': {
    count: (d) => (isBundle(d) ? undefined : contribution(caseDimensions(d), { refused: 1 })),
  } satisfies Rule<Detail<typeof applicationRefused>>,
  'Application.Withdrawn.v1': {
    count: (d) => (isBundle(d) ? undefined : contribution(caseDimensions(d), { withdrawn: 1 })),
  } satisfies Rule<Detail<typeof applicationWithdrawn>>,
  'Application.Approved.v1': completion('approved'),
  'Application.Rejected.v1': completion('rejected'),
  'Licence.Issued.v1': {
    needs: (d) => (d.caseId ? { caseId: d.caseId, calendar: true } : {}),
    count: (d, facts, settings) => {
      // A licence issued outside a case (none are, today) has no case to measure against.
      if (!d.caseId) return undefined;
      const record = required(facts.case, `case ${d.caseId}`);
      const calendar = required(facts.calendar, 'the working-day calendar');
      const decidedAt = record.outcome?.decidedAt;
      const onTime =
        decidedAt !== undefined &&
        calendar.workingDaysBetween(toShanghaiDate(decidedAt), dayOf(d.occurredAt)) <= settings.licenceOnTimeDays;
      const dimensions = {
        day: dayOf(d.occurredAt),
        matter: record.matterCode,
        department: record.department,
        region: record.regionCode,
        channel: record.channel,
      };
      return contribution(dimensions, { licencesIssued: 1, licencesIssuedOnTime: onTime ? 1 : 0 });
    },
  } satisfies Rule<LicenceDetail>,
  'Rating.Submitted.v1': {
    count: (d) =>
      contribution(caseDimensions(d), {
        ratings: 1,
        ratingAbility: d.ability,
        ratingAttitude: d.attitude,
        ratingEffect: d.effect,
        badRatings: d.bad ? 1 : 0,
      }),
  } satisfies Rule<Detail<typeof ratingSubmitted>>,
  'Rectification.Opened.v1': {
    count: (d) => contribution(rectificationDimensions(d), { rectificationsOpened: 1 }),
  } satisfies Rule<Detail<typeof rectificationOpened>>,
  'Rectification.Answered.v1': {
    count: (d) =>
      contribution(rectificationDimensions(d), {
        rectificationsAnswered: 1,
        rectificationsAnsweredOnTime: d.onTime ? 1 : 0,
      }),
  } satisfies Rule<Detail<typeof rectificationAnswered>>,
  'PostCheck.Completed.v1': {
    count: (d) =>
      contribution(
        {
          day: dayOf(d.occurredAt),
          matter: d.matterCode,
          department: d.responsibleDepartment,
          region: d.regionCode,
          channel: d.channel,
        },
        { postChecksDone: 1, postChecksOnTime: d.onTime ? 1 : 0, commitmentsFalse: d.commitmentHeld ? 0 : 1 },
      ),
  } satisfies Rule<Detail<typeof postCheckCompleted>>,
  'Complaint.Received.v1': {
    count: (d) => contribution(complaintDimensions(d), { complaints: 1 }),
  } satisfies Rule<Detail<typeof complaintReceived>>,
  'Complaint.Answered.v1': {
    count: (d) =>
      contribution(complaintDimensions(d), { complaintsAnswered: 1, complaintsAnsweredOnTime: d.onTime ? 1 : 0 }),
  } satisfies Rule<Detail<typeof complaintAnswered>>,
  'Appointment.Booked.v1': appointment('appointmentsBooked'),
  'Appointment.Cancelled.v1': appointment('appointmentsCancelled'),
  'Appointment.NoShow.v1': appointment('appointmentNoShows'),
  'Appointment.CheckedIn.v1': appointment('checkIns'),
  'Delivery.Delivered.v1': {
    count: (d) => {
      const atWindow = d.method === 'window';
      return contribution(caseDimensions(d), {
        resultsDelivered: 1,
        resultsDeliveredOnTime: d.onTime ? 1 : 0,
        resultsPosted: atWindow ? 0 : 1,
        resultsPickedUp: atWindow ? 1 : 0,
        visits: atWindow ? 1 : 0,
      });
    },
  } satisfies Rule<Detail<typeof deliveryDelivered>>,
  'Payment.Ordered.v1': {
    count: (d) => contribution(caseDimensions(d), { paymentsOrdered: 1 }),
  } satisfies Rule<Detail<typeof paymentOrdered>>,
  'Payment.Paid.v1': {
    count: (d) => contribution(caseDimensions(d), { paymentsPaid: 1, feesPaidFen: d.amountFen }),
  } satisfies Rule<Detail<typeof paymentPaid>>,
  'Payment.Refunded.v1': {
    count: (d) => contribution(caseDimensions(d), { refunds: 1, refundedFen: d.amountFen }),
  } satisfies Rule<Detail<typeof paymentRefunded>>,
  'Supervision.DeadlineOverdue.v1': {
    count: (d) => {
      // Complaints, rectifications and deliveries have their own answered-on-time counters.
      const counter = d.kind === 'case' ? 'overdue' : d.kind === 'task' ? 'tasksOverdue' : undefined;
      if (!counter) return undefined;
      return contribution(
        {
          day: dayOf(d.occurredAt),
          matter: d.matterCode ?? NONE,
          department: d.department,
          region: d.regionCode,
          channel: d.channel ?? NONE,
        },
        { [counter]: 1 },
      );
    },
  } satisfies Rule<OverdueDetail>,
} as const;

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
