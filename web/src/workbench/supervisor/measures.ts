import { defineMessages } from '../../i18n/i18n';

/**
 * The names of the indicators and counters the supervisor's pages show (DOMAIN.md §8), as GET /stats and
 * GET /stats/cases name them. Rates are ratios 0..1 (null when nothing was counted), the rest plain numbers.
 */
export const measureMessages = defineMessages(
  {
    onlineRate: '全程网办率',
    onTimeRate: '按时办结率',
    licenceIssueOnTimeRate: '签发及时率',
    badRatingShare: '差评率',
    toleratedShare: '容缺受理占比',
    immediateShare: '即办件占比',
    materialsWaivedShare: '材料免提交率（免证）',
    avgWorkingDays: '平均办理工作日',
    avgPromisedDays: '平均承诺时限（工作日）',
    avgLegalDays: '平均法定时限（工作日）',
    visitsPerCase: '件均跑动次数',
    submitted: '申请件数',
    accepted: '受理件数',
    completed: '办结件数',
    completedOnTime: '按时办结件数',
    fullyOnline: '全程网办件数',
    visits: '跑动次数',
    overdue: '逾期办件',
    tasksOverdue: '逾期审批任务',
    licencesIssued: '签发证照',
    licencesIssuedOnTime: '及时签发证照',
    ratings: '评价数',
    badRatings: '差评数',
    tolerated: '容缺受理件数',
    immediate: '即办件数',
    materialsRequired: '提交材料数',
    materialsWaived: '免提交材料数',
    workingDaysToDecision: '办理工作日合计',
    refused: '不予受理件数',
    complaints: '投诉件数',
    commitmentShare: '告知承诺办结占比',
    postCheckOnTimeRate: '事后核查按时率',
    commitmentFalseShare: '承诺不实率',
    decidedOnCommitment: '告知承诺办结件数',
    postChecksDone: '已核查件数',
    commitmentsFalse: '承诺不实件数',
  },
  {
    onlineRate: 'Fully online rate',
    onTimeRate: 'On-time completion rate',
    licenceIssueOnTimeRate: 'Licences issued on time',
    badRatingShare: 'Bad rating share',
    toleratedShare: 'Accepted with tolerated materials',
    immediateShare: 'Immediate matters share',
    materialsWaivedShare: 'Materials waived by e-licences',
    avgWorkingDays: 'Average working days',
    avgPromisedDays: 'Average promised limit (working days)',
    avgLegalDays: 'Average legal limit (working days)',
    visitsPerCase: 'Visits in person per case',
    submitted: 'Submitted',
    accepted: 'Accepted',
    completed: 'Decided',
    completedOnTime: 'Decided on time',
    fullyOnline: 'Handled fully online',
    visits: 'Visits in person',
    overdue: 'Cases overdue',
    tasksOverdue: 'Tasks overdue',
    licencesIssued: 'Licences issued',
    licencesIssuedOnTime: 'Licences issued on time',
    ratings: 'Ratings',
    badRatings: 'Bad ratings',
    tolerated: 'Accepted with tolerated materials',
    immediate: 'Immediate matters',
    materialsRequired: 'Materials held',
    materialsWaived: 'Materials waived',
    workingDaysToDecision: 'Working days, summed',
    refused: 'Refused at acceptance',
    complaints: 'Complaints',
    commitmentShare: 'Decided on commitment',
    postCheckOnTimeRate: 'Post-checks on time',
    commitmentFalseShare: 'Commitments found false',
    decidedOnCommitment: 'Decided on commitment',
    postChecksDone: 'Post-checks recorded',
    commitmentsFalse: 'Commitments found false',
  },
);

export type Measure = keyof typeof measureMessages.zh;
export const isMeasure = (name: string | null): name is Measure =>
  name !== null && Object.hasOwn(measureMessages.zh, name);

/** Ratios shown as percentages. */
export const RATES = [
  'onlineRate',
  'onTimeRate',
  'licenceIssueOnTimeRate',
  'badRatingShare',
  'toleratedShare',
  'immediateShare',
  'materialsWaivedShare',
  'commitmentShare',
  'postCheckOnTimeRate',
  'commitmentFalseShare',
] as const;
/** Averages in working days (or visits) per decided case. */
export const AVERAGES = ['avgWorkingDays', 'avgPromisedDays', 'avgLegalDays', 'visitsPerCase'] as const;
/** Counts, each a sum of the cases (or events) behind it. */
export const COUNTS = [
  'submitted',
  'accepted',
  'completed',
  'completedOnTime',
  'fullyOnline',
  'visits',
  'overdue',
  'tasksOverdue',
  'licencesIssued',
  'ratings',
  'badRatings',
  'decidedOnCommitment',
  'postChecksDone',
  'commitmentsFalse',
] as const;

export type Rate = (typeof RATES)[number];
export const isRate = (m: string): m is Rate => (RATES as readonly string[]).includes(m);

/** The targets the seeds set (DOMAIN.md §8): 全程网办率 ≥ 60 % (city), 签发及时率 ≥ 95 %. */
export const TARGETS: Partial<Record<Measure, number>> = { onlineRate: 0.6, licenceIssueOnTimeRate: 0.95 };

/** A number as the pages show it: a ratio as a percentage with one decimal, an average with one decimal. */
export function formatMeasure(measure: string, value: number | null | undefined, none: string): string {
  if (value === null || value === undefined) return none;
  if (isRate(measure)) return `${Math.round(value * 1000) / 10}%`;
  if ((AVERAGES as readonly string[]).includes(measure)) return String(Math.round(value * 10) / 10);
  return String(value);
}
