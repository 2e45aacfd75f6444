import { ValidationError } from '../errors';
import { COUNTERS, type Counter, type Counters, DIMENSIONS, type Dimension, type Dimensions } from './counters';

/**
 * The read side of the statistics (../shared/DOMAIN.md §8): counters summed over days and grouped by dimensions, and
 * the indicators derived from them. What one event adds to the counters is counting.ts.
 */

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
  visits:
    'Visits in person (跑动次数): window and kiosk cases at their decision, appointment check-ins, window pickups',
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
  licenceIssueOnTimeRate: [
    'licencesIssuedOnTime',
    'licencesIssued',
    '签发及时率: licencesIssuedOnTime / licencesIssued',
  ],
  avgRatingAbility: ['ratingAbility', 'ratings', 'Average ability (能力) score'],
  avgRatingAttitude: ['ratingAttitude', 'ratings', 'Average attitude (态度) score'],
  avgRatingEffect: ['ratingEffect', 'ratings', 'Average effect (效果) score'],
  badRatingShare: ['badRatings', 'ratings', '差评 share of the ratings'],
  rectificationOnTimeRate: [
    'rectificationsAnsweredOnTime',
    'rectificationsAnswered',
    'Rectifications answered on time / answered',
  ],
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

export const INDICATOR_DESCRIPTIONS = Object.fromEntries(
  INDICATORS.map((i) => [i, `${DERIVED[i][2]}; null when the denominator is 0`]),
) as Record<Indicator, string>;

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
    if (!group) {
      group = { dimensions, counters: zeroCounters() };
      groups.set(key, group);
    }
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
    throw new ValidationError(`from (${from}) is after to (${to})`, [
      {
        path: 'query.from',
        rule: 'notAfterTo',
        message: 'from must be on or before to',
        messageZh: '起始日期不得晚于截止日期',
      },
    ]);
  }
  const count = (last - first) / DAY_MS + 1;
  if (count > MAX_RANGE_DAYS) {
    throw new ValidationError(`The range covers ${count} days; at most ${MAX_RANGE_DAYS}`, [
      {
        path: 'query.to',
        rule: 'maxDays',
        message: `the range from..to may cover at most ${MAX_RANGE_DAYS} days (got ${count})`,
        messageZh: `统计区间最长${MAX_RANGE_DAYS}天`,
      },
    ]);
  }
  return Array.from({ length: count }, (_, i) => new Date(first + i * DAY_MS).toISOString().slice(0, 10));
}

/** `day,matter` → ['day', 'matter']; empty → [] (one total row); repeated names once. The contract checks the names. */
export function parseGroupBy(groupBy: string | undefined): Dimension[] {
  const names = (groupBy ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = names.filter((n) => !(DIMENSIONS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new ValidationError(`Unknown groupBy dimension(s): ${unknown.join(', ')}`, [
      { path: 'query.groupBy', rule: 'enum', message: `group by a comma list of ${DIMENSIONS.join(', ')}` },
    ]);
  }
  return [...new Set(names)] as Dimension[];
}
