/**
 * The statistics of ../shared/DOMAIN.md §8, as arithmetic with no I/O: what one event adds to the counters of its
 * day and dimensions, and the indicators derived from summed counters. The consumer (record.ts) reads the facts an
 * event does not carry (the case, the matter version, the calendar) and hands them in.
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
import type { complaintAnswered, complaintReceived, rectificationAnswered, rectificationOpened, ratingSubmitted } from '../../contracts/engagement-events';
import type { applicationAccepted, applicationRefused, applicationSubmitted, applicationWithdrawn } from '../../contracts/application-events';
import type { caseEventBase } from '../../contracts/case-event';
import type { applicationApproved, applicationRejected, postCheckCompleted } from '../../contracts/workflow-events';
import type { LICENCE_EVENTS } from '../../contracts/licence-events';
import type { deadlineOverdue } from '../../contracts/supervision-events';
import type { APPOINTMENT_EVENTS } from '../../contracts/appointment-events';
import type { deliveryDelivered } from '../../contracts/delivery-events';
import type { paymentOrdered, paymentPaid, paymentRefunded } from '../../contracts/payment-events';
import { toShanghaiDate } from '../calendar/working-days';
import { ValidationError } from '../errors';

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

/** What each counter counts (the OpenAPI document shows these). */
export const COUNTER_DESCRIPTIONS: Record<Counter, string> = {
  submitted: 'Cases submitted (a resubmission after a correction is not a new case)',
  accepted: 'Cases accepted (受理), deemed ones included',
  deemed: 'Cases accepted because the window did not decide in time (行政许可法 art. 32)',
  refused: 'Cases refused at acceptance (不予受理)',
  withdrawn: 'Cases withdrawn by the applicant',
  completed: 'Cases decided (办结): approved + rejected',
  approved: 'Cases approved',
  rejected: 'Cases rejected',
  completedOnTime: 'Decided on or before the review’s due date (按时办结)',
  workingDaysToDecision: 'Sum of working days from acceptance to decision, paused days not counted',
  promisedDays: 'Sum of the promised limits (承诺时限) of the decided cases’ matter versions',
  legalDays: 'Sum of the legal limits (法定时限) of the decided cases’ matter versions',
  immediate: 'Decided cases of 即办件 matters',
  fullyOnline: 'Decided cases handled fully online (全程网办): online or mobile, no visit in person',
  visits: 'Visits in person (跑动次数): window and kiosk cases at their decision, appointment check-ins, window pickups',
  tolerated: 'Cases accepted with missing materials tolerated (容缺受理)',
  materialsRequired: 'Materials the submitted cases held',
  materialsWaived: 'Of those, materials met by an e-licence reference (免证)',
  licencesIssued: 'Licences issued for cases',
  licencesIssuedOnTime: 'Issued within the on-time limit of working days after the decision (签发及时)',
  ratings: 'Ratings (好差评)',
  ratingAbility: 'Sum of the ability (能力) scores',
  ratingAttitude: 'Sum of the attitude (态度) scores',
  ratingEffect: 'Sum of the effect (效果) scores',
  badRatings: 'Bad ratings (差评: a score of 2 or less)',
  rectificationsOpened: 'Rectifications (差评整改) opened, by responsible department',
  rectificationsAnswered: 'Rectifications answered',
  rectificationsAnsweredOnTime: 'Rectifications answered by their due date',
  complaints: 'Complaints received, by responsible department',
  complaintsAnswered: 'Complaints answered',
  complaintsAnsweredOnTime: 'Complaints answered by their due date',
  overdue: 'Cases in review that went past their deadline (red)',
  tasksOverdue: 'Department tasks that went past their deadline (red)',
  appointmentsBooked: 'Hall appointments booked (统一预约), by the hall’s region',
  appointmentsCancelled: 'Appointments cancelled by the applicant',
  appointmentNoShows: 'Appointments not checked in within the grace period (爽约)',
  checkIns: 'Appointments checked in at a window (each a visit in person)',
  resultsDelivered: 'Results delivered (送达), by post or at the window',
  resultsDeliveredOnTime: 'Delivered within the working days allowed after the decision',
  resultsPosted: 'Results delivered by post (邮寄送达)',
  resultsPickedUp: 'Results picked up at a window (each a visit in person)',
  paymentsOrdered: 'Fee orders made (非税支付), renewals included',
  paymentsPaid: 'Fee orders paid',
  feesPaidFen: 'Fees paid, in fen (分)',
  refunds: 'Fees refunded (a paid case rejected or withdrawn)',
  refundedFen: 'Fees refunded, in fen (分)',
  decidedOnCommitment: 'Cases approved on the applicant’s written commitment (告知承诺制)',
  postChecksDone: 'Post-checks of commitments recorded (事后核查), by responsible department',
  postChecksOnTime: 'Post-checks recorded by their due date',
  commitmentsFalse: 'Commitments found false on their post-check (承诺不实)',
};

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
const caseDimensions = (d: CaseDetail): Dimensions => ({ day: dayOf(d.occurredAt), matter: d.matterCode, department: d.department, region: d.regionCode, channel: d.channel });

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
    needs: (d) => (isBundle(d) || isMember(d) ? {} : { caseId: d.caseId, matter: { code: d.matterCode, version: d.matterVersion }, calendar: true }),
    count: (d, facts) => {
      if (isBundle(d) || isMember(d)) return undefined;
      const record = required(facts.case, `case ${d.caseId}`);
      const matter = required(facts.matter, `matter ${d.matterCode} v${d.matterVersion}`);
      const calendar = required(facts.calendar, 'the working-day calendar');
      const decisionDate = toShanghaiDate(record.outcome?.decidedAt ?? d.decidedAt);
      const review = record.review;
      // Every decided case went through a review (its clock starts at acceptance); without one nothing ran late.
      const onTime = review ? decisionDate <= review.dueDate : true;
      const workingDays = review ? Math.max(0, calendar.workingDaysBetween(review.startDate, decisionDate) - review.pausedDays) : 0;
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
  readonly case: CaseFacts & { readonly caseNumber?: string; readonly review?: CaseFacts['review'] & { readonly limitDays: number } };
  /** The members' legal limits added up along the waves (the longest of each wave). */
  readonly legalDays: number;
  readonly calendar: { workingDaysBetween(from: string, to: string): number };
}

/**
 * 一件事 completed, once: approved when its last member's result is out, or rejected. On time when that day is on or
 * before the bundle's due date (its own promised limit from acceptance, bundle-limit.ts). Counted on the bundle's
 * dimensions (its code, its receiving department, its channel), as one case.
 */
export function bundleCompletion(outcome: 'approved' | 'rejected', completedAt: string, facts: BundleCompletionFacts): Contribution {
  const record = facts.case;
  const date = toShanghaiDate(completedAt);
  const review = record.review;
  const visits = visitsOf(record, record.channel);
  return contribution(
    { day: date, matter: record.matterCode, department: record.department, region: record.regionCode, channel: record.channel },
    {
      completed: 1,
      [outcome]: 1,
      completedOnTime: !review || date <= review.dueDate ? 1 : 0,
      workingDaysToDecision: review ? Math.max(0, facts.calendar.workingDaysBetween(review.startDate, date) - review.pausedDays) : 0,
      promisedDays: review?.limitDays ?? 0,
      legalDays: facts.legalDays,
      fullyOnline: ONLINE_CHANNELS.includes(record.channel) && visits === 0 ? 1 : 0,
      visits,
    },
  );
}

type LicenceDetail = z.infer<(typeof LICENCE_EVENTS)[number]['detail']>;
type AppointmentDetail = z.infer<(typeof APPOINTMENT_EVENTS)[number]['detail']>;
const appointmentDimensions = (d: AppointmentDetail): Dimensions => ({ day: dayOf(d.occurredAt), matter: d.matterCode, department: d.department, region: d.regionCode, channel: NONE });
const appointment = (counter: Counter): Rule<AppointmentDetail> => ({ count: (d) => contribution(appointmentDimensions(d), { [counter]: 1, ...(counter === 'checkIns' ? { visits: 1 } : {}) }) });
type OverdueDetail = Detail<typeof deadlineOverdue>;
type ComplaintDetail = Detail<typeof complaintReceived> | Detail<typeof complaintAnswered>;

const complaintDimensions = (d: ComplaintDetail): Dimensions => ({ day: dayOf(d.occurredAt), matter: d.matterCode ?? NONE, department: d.responsibleDepartment, region: d.regionCode, channel: NONE });
const rectificationDimensions = (d: Detail<typeof rectificationOpened>): Dimensions => ({ ...caseDimensions(d), department: d.responsibleDepartment });

/** The counting rule of each detail-type that contributes; the analytics consumer's rule matches exactly these. */
const RULES = {
  'Application.Submitted.v1': {
    needs: (d) => (isBundle(d) ? {} : { caseId: d.caseId }),
    count: (d, facts) => {
      if (isBundle(d)) return undefined;
      const materials = Object.values(required(facts.case, `case ${d.caseId}`).materials ?? {});
      const held = materials.filter((m) => (m.files?.length ?? 0) > 0 || Boolean(m.licenceNo));
      return contribution(caseDimensions(d), { submitted: 1, materialsRequired: held.length, materialsWaived: held.filter((m) => m.licenceNo).length });
    },
  } satisfies Rule<Detail<typeof applicationSubmitted>>,
  'Application.Accepted.v1': {
    count: (d) => (isBundle(d) ? undefined : contribution(caseDimensions(d), { accepted: 1, deemed: d.deemed ? 1 : 0, tolerated: d.tolerated.length > 0 ? 1 : 0 })),
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
      const onTime = decidedAt !== undefined && calendar.workingDaysBetween(toShanghaiDate(decidedAt), dayOf(d.occurredAt)) <= settings.licenceOnTimeDays;
      const dimensions = { day: dayOf(d.occurredAt), matter: record.matterCode, department: record.department, region: record.regionCode, channel: record.channel };
      return contribution(dimensions, { licencesIssued: 1, licencesIssuedOnTime: onTime ? 1 : 0 });
    },
  } satisfies Rule<LicenceDetail>,
  'Rating.Submitted.v1': {
    count: (d) =>
      contribution(caseDimensions(d), { ratings: 1, ratingAbility: d.ability, ratingAttitude: d.attitude, ratingEffect: d.effect, badRatings: d.bad ? 1 : 0 }),
  } satisfies Rule<Detail<typeof ratingSubmitted>>,
  'Rectification.Opened.v1': {
    count: (d) => contribution(rectificationDimensions(d), { rectificationsOpened: 1 }),
  } satisfies Rule<Detail<typeof rectificationOpened>>,
  'Rectification.Answered.v1': {
    count: (d) => contribution(rectificationDimensions(d), { rectificationsAnswered: 1, rectificationsAnsweredOnTime: d.onTime ? 1 : 0 }),
  } satisfies Rule<Detail<typeof rectificationAnswered>>,
  'PostCheck.Completed.v1': {
    count: (d) =>
      contribution(
        { day: dayOf(d.occurredAt), matter: d.matterCode, department: d.responsibleDepartment, region: d.regionCode, channel: d.channel },
        { postChecksDone: 1, postChecksOnTime: d.onTime ? 1 : 0, commitmentsFalse: d.commitmentHeld ? 0 : 1 },
      ),
  } satisfies Rule<Detail<typeof postCheckCompleted>>,
  'Complaint.Received.v1': {
    count: (d) => contribution(complaintDimensions(d), { complaints: 1 }),
  } satisfies Rule<Detail<typeof complaintReceived>>,
  'Complaint.Answered.v1': {
    count: (d) => contribution(complaintDimensions(d), { complaintsAnswered: 1, complaintsAnsweredOnTime: d.onTime ? 1 : 0 }),
  } satisfies Rule<Detail<typeof complaintAnswered>>,
  'Appointment.Booked.v1': appointment('appointmentsBooked'),
  'Appointment.Cancelled.v1': appointment('appointmentsCancelled'),
  'Appointment.NoShow.v1': appointment('appointmentNoShows'),
  'Appointment.CheckedIn.v1': appointment('checkIns'),
  'Delivery.Delivered.v1': {
    count: (d) => {
      const atWindow = d.method === 'window';
      return contribution(caseDimensions(d), { resultsDelivered: 1, resultsDeliveredOnTime: d.onTime ? 1 : 0, resultsPosted: atWindow ? 0 : 1, resultsPickedUp: atWindow ? 1 : 0, visits: atWindow ? 1 : 0 });
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
      return contribution({ day: dayOf(d.occurredAt), matter: d.matterCode ?? NONE, department: d.department, region: d.regionCode, channel: d.channel ?? NONE }, { [counter]: 1 });
    },
  } satisfies Rule<OverdueDetail>,
} as const;

export type CountedDetailType = keyof typeof RULES;
export const COUNTED_DETAIL_TYPES = Object.keys(RULES) as CountedDetailType[];

/** The event contracts that contribute to a counter: the analytics consumer's rule matches exactly these. */
export const COUNTED_CONTRACTS = ALL_EVENT_CONTRACTS.filter((c) => (COUNTED_DETAIL_TYPES as readonly string[]).includes(c.detailType));

function ruleOf(detailType: string): Rule<unknown> | undefined {
  return (RULES as Record<string, Rule<unknown>>)[detailType];
}

/** What the consumer must read to count this event (nothing for most). */
export function needsOf(detailType: string, detail: unknown): Needs {
  return ruleOf(detailType)?.needs?.(detail) ?? {};
}

/** What this event adds to the counters; undefined when it adds nothing (a bundle case, an uncounted type). */
export function contributionOf(detailType: string, detail: unknown, facts: Facts, settings: IndicatorSettings): Contribution | undefined {
  const result = ruleOf(detailType)?.count(detail, facts, settings);
  return result && Object.keys(result.counters).length > 0 ? result : undefined;
}

// ---- the read side ----

export const INDICATORS = [
  'onlineRate',
  'onTimeRate',
  'avgWorkingDays',
  'avgPromisedDays',
  'avgLegalDays',
  'immediateShare',
  'toleratedShare',
  'visitsPerCase',
  'materialsWaivedShare',
  'licenceIssueOnTimeRate',
  'avgRatingAbility',
  'avgRatingAttitude',
  'avgRatingEffect',
  'badRatingShare',
  'rectificationOnTimeRate',
  'complaintOnTimeRate',
  'noShowRate',
  'deliveryOnTimeRate',
  'commitmentShare',
  'postCheckOnTimeRate',
  'commitmentFalseShare',
] as const;
export type Indicator = (typeof INDICATORS)[number];
export type Indicators = Record<Indicator, number | null>;

const DERIVED: Record<Indicator, readonly [Counter, Counter, string]> = {
  onlineRate: ['fullyOnline', 'completed', '全程网办率: fullyOnline / completed'],
  onTimeRate: ['completedOnTime', 'completed', '按时办结率: completedOnTime / completed'],
  avgWorkingDays: ['workingDaysToDecision', 'completed', 'Average working days to decision'],
  avgPromisedDays: ['promisedDays', 'completed', 'Average promised limit of the decided cases'],
  avgLegalDays: ['legalDays', 'completed', 'Average legal limit of the decided cases'],
  immediateShare: ['immediate', 'completed', '即办件 share of the decided cases'],
  toleratedShare: ['tolerated', 'accepted', '容缺 share of the accepted cases'],
  visitsPerCase: ['visits', 'completed', '跑动次数 per decided case'],
  materialsWaivedShare: ['materialsWaived', 'materialsRequired', 'Share of materials met by e-licences (证明材料减免)'],
  licenceIssueOnTimeRate: ['licencesIssuedOnTime', 'licencesIssued', '签发及时率: licencesIssuedOnTime / licencesIssued'],
  avgRatingAbility: ['ratingAbility', 'ratings', 'Average ability (能力) score'],
  avgRatingAttitude: ['ratingAttitude', 'ratings', 'Average attitude (态度) score'],
  avgRatingEffect: ['ratingEffect', 'ratings', 'Average effect (效果) score'],
  badRatingShare: ['badRatings', 'ratings', '差评 share of the ratings'],
  rectificationOnTimeRate: ['rectificationsAnsweredOnTime', 'rectificationsAnswered', 'Rectifications answered on time / answered'],
  complaintOnTimeRate: ['complaintsAnsweredOnTime', 'complaintsAnswered', 'Complaints answered on time / answered'],
  noShowRate: ['appointmentNoShows', 'appointmentsBooked', '爽约率: no-shows / appointments booked'],
  deliveryOnTimeRate: ['resultsDeliveredOnTime', 'resultsDelivered', '送达及时率: delivered on time / delivered'],
  commitmentShare: ['decidedOnCommitment', 'completed', '告知承诺 share of the decided cases'],
  postCheckOnTimeRate: ['postChecksOnTime', 'postChecksDone', 'Post-checks recorded on time / recorded'],
  commitmentFalseShare: ['commitmentsFalse', 'postChecksDone', '承诺不实 share of the post-checks recorded'],
};

/** The counters an indicator divides: [numerator, denominator] (the drill-down lists the denominator's cases). */
export function indicatorParts(indicator: Indicator): readonly [Counter, Counter] {
  const [numerator, denominator] = DERIVED[indicator];
  return [numerator, denominator];
}

export const INDICATOR_DESCRIPTIONS = Object.fromEntries(INDICATORS.map((i) => [i, `${DERIVED[i][2]}; null when the denominator is 0`])) as Record<Indicator, string>;

/** Ratios rounded to 4 decimals; null when the denominator is 0 (no cases is not a rate of 0). */
export function indicatorsOf(counters: Counters): Indicators {
  return Object.fromEntries(
    INDICATORS.map((name) => {
      const [numerator, denominator] = DERIVED[name];
      const d = counters[denominator];
      return [name, d === 0 ? null : Math.round((counters[numerator] / d) * 10_000) / 10_000];
    }),
  ) as Indicators;
}

export const zeroCounters = (): Counters => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counters;

/** One stored counter item: its dimensions and counters (missing counters are 0). */
export type CounterItem = Dimensions & Partial<Counters>;

export type StatsRow = Partial<Dimensions> & Counters & Indicators;

/**
 * Sums counter items by the chosen dimensions and derives the indicators. No dimension: one total row, also when
 * nothing was counted. Rows come sorted by their dimensions, in the order asked.
 */
export function statsRows(items: readonly CounterItem[], groupBy: readonly Dimension[]): StatsRow[] {
  const groups = new Map<string, { dimensions: Partial<Dimensions>; counters: Counters }>();
  const keyOf = (item: Partial<Dimensions>) => JSON.stringify(groupBy.map((d) => item[d]));
  if (groupBy.length === 0) groups.set(keyOf({}), { dimensions: {}, counters: zeroCounters() });
  for (const item of items) {
    const dimensions = Object.fromEntries(groupBy.map((d) => [d, item[d]])) as Partial<Dimensions>;
    const key = keyOf(item);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { dimensions, counters: zeroCounters() }));
    for (const c of COUNTERS) group.counters[c] += Number(item[c] ?? 0);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, g]) => ({ ...g.dimensions, ...g.counters, ...indicatorsOf(g.counters) }));
}

export const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

/** The dates from `from` to `to`, inclusive; a reversed or too long range is refused naming the field. */
export function daysInRange(from: string, to: string): string[] {
  const first = Date.parse(`${from}T00:00:00Z`);
  const last = Date.parse(`${to}T00:00:00Z`);
  if (first > last) {
    throw new ValidationError(`from (${from}) is after to (${to})`, [{ path: 'query.from', rule: 'notAfterTo', message: 'from must be on or before to', messageZh: '起始日期不得晚于截止日期' }]);
  }
  const count = (last - first) / DAY_MS + 1;
  if (count > MAX_RANGE_DAYS) {
    throw new ValidationError(`The range covers ${count} days; at most ${MAX_RANGE_DAYS}`, [
      { path: 'query.to', rule: 'maxDays', message: `the range from..to may cover at most ${MAX_RANGE_DAYS} days (got ${count})`, messageZh: `统计区间最长${MAX_RANGE_DAYS}天` },
    ]);
  }
  return Array.from({ length: count }, (_, i) => new Date(first + i * DAY_MS).toISOString().slice(0, 10));
}

/** `day,matter` → ['day', 'matter']; empty → [] (one total row); repeated names once. The contract checks the names. */
export function parseGroupBy(groupBy: string | undefined): Dimension[] {
  const names = (groupBy ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = names.filter((n) => !(DIMENSIONS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new ValidationError(`Unknown groupBy dimension(s): ${unknown.join(', ')}`, [{ path: 'query.groupBy', rule: 'enum', message: `group by a comma list of ${DIMENSIONS.join(', ')}` }]);
  }
  return [...new Set(names)] as Dimension[];
}
