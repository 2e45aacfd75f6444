import { ALL_EVENT_CONTRACTS } from '../../shared/contracts/all-events';
import { SHIPPED_CALENDARS } from '../../shared/domain/calendar/holidays';
import { WorkingDayCalendar } from '../../shared/domain/calendar/working-days';
import { bundleCompletion } from '../../shared/domain/analytics/case-counting';
import { type CaseFacts, COUNTERS, type Facts, type MatterFacts } from '../../shared/domain/analytics/counters';
import { COUNTED_CONTRACTS, contributionOf, needsOf } from '../../shared/domain/analytics/counting';
import {
  type CounterItem,
  daysInRange,
  indicatorsOf,
  INDICATORS,
  parseGroupBy,
  statsRows,
  zeroCounters,
} from '../../shared/domain/analytics/indicators';
import { ValidationError } from '../../shared/domain/errors';
import {
  archiveLine,
  ARCHIVE_COLUMNS,
  ARCHIVE_SERDE,
  ATHENA_EVENTS_DDL,
  archiveTableProperties,
} from '../../shared/adapters/s3-event-archive';
import { shardOf, statKey } from '../../shared/adapters/dynamo-stats-store';
import { eventFixture } from '../fixtures/events';

const calendar = new WorkingDayCalendar(SHIPPED_CALENDARS);
const settings = { licenceOnTimeDays: 1 };
const FOOD: MatterFacts = { promisedLimitDays: 5, legalLimitDays: 10, immediate: false };
const SEAL: MatterFacts = { promisedLimitDays: 0, legalLimitDays: 1, immediate: true };

/** The fixture case (3f9a2c4e…): accepted Mon 2 March 2026, due 16 March, one working day paused, decided 10 March. */
function caseFacts(overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    matterCode: 'FOOD-BUSINESS-LICENCE',
    department: 'SAMR',
    regionCode: '350100',
    channel: 'online',
    materials: {
      businessLicence: { files: [], licenceNo: '91350100M000100Y43' },
      legalRepIdCard: { files: [], licenceNo: 'RID-350100-0001' },
      floorPlan: { files: [{ uploadId: 'u1' }] },
      equipmentList: { files: [{ uploadId: 'u2' }, { uploadId: 'u3' }] },
      healthCertificates: { files: [] },
    },
    review: { startDate: '2026-03-02', dueDate: '2026-03-16', pausedDays: 1 },
    outcome: { decidedAt: '2026-03-10T16:00:00+08:00' },
    ...overrides,
  };
}

const count = (detailType: string, detail: Record<string, unknown>, facts: Facts = {}) =>
  contributionOf(detailType, detail, facts, settings);
const dims = {
  day: '2026-03-02',
  matter: 'FOOD-BUSINESS-LICENCE',
  department: 'SAMR',
  region: '350100',
  channel: 'online',
};

describe('what each event adds to the counters', () => {
  it('Application.Submitted: one case, the materials it holds and those met by a licence reference (免证)', () => {
    const detail = eventFixture('Application.Submitted.v1');
    expect(needsOf('Application.Submitted.v1', detail)).toEqual({ caseId: detail.caseId });
    // Four materials held (two uploads, two licence references); healthCertificates is missing (tolerable).
    expect(count('Application.Submitted.v1', detail, { case: caseFacts() })).toEqual({
      ...dims,
      counters: { submitted: 1, materialsRequired: 4, materialsWaived: 2 },
    });
  });

  it('Application.Resubmitted is not a new case: it counts nothing', () => {
    expect(count('Application.Resubmitted.v1', eventFixture('Application.Resubmitted.v1'))).toBeUndefined();
  });

  it('Application.Accepted: accepted, deemed when nobody decided in time, tolerated (容缺) when materials were tolerated', () => {
    const detail = eventFixture('Application.Accepted.v1');
    expect(count('Application.Accepted.v1', detail)).toEqual({ ...dims, counters: { accepted: 1, tolerated: 1 } });
    expect(count('Application.Accepted.v1', { ...detail, deemed: true, tolerated: [] })).toEqual({
      ...dims,
      counters: { accepted: 1, deemed: 1 },
    });
  });

  it('Application.Refused and Application.Withdrawn count once each', () => {
    const refused = eventFixture('Application.Refused.v1');
    const withdrawn = eventFixture('Application.Withdrawn.v1');
    expect(count('Application.Refused.v1', refused)?.counters).toEqual({ refused: 1 });
    expect(count('Application.Withdrawn.v1', withdrawn)?.counters).toEqual({ withdrawn: 1 });
  });

  it('Application.Approved: completed on time, working days to decision less the paused day, the limits of the matter', () => {
    const detail = eventFixture('Application.Approved.v1');
    expect(needsOf('Application.Approved.v1', detail)).toEqual({
      caseId: detail.caseId,
      matter: { code: 'FOOD-BUSINESS-LICENCE', version: 1 },
      calendar: true,
    });
    const result = count('Application.Approved.v1', detail, { case: caseFacts(), matter: FOOD, calendar });
    // Working days after Mon 2 March up to Tue 10 March: 3, 4, 5, 6, 9, 10 March = 6, less 1 paused = 5.
    expect(result).toEqual({
      day: '2026-03-04',
      matter: 'FOOD-BUSINESS-LICENCE',
      department: 'SAMR',
      region: '350100',
      channel: 'online',
      counters: {
        completed: 1,
        approved: 1,
        completedOnTime: 1,
        workingDaysToDecision: 5,
        promisedDays: 5,
        legalDays: 10,
        fullyOnline: 1,
      },
    });
  });

  it('Application.Rejected after the due date: completed, rejected, not on time; a window case is one visit and not fully online', () => {
    const detail = { ...eventFixture('Application.Rejected.v1'), channel: 'window' };
    const late = caseFacts({
      outcome: { decidedAt: '2026-03-17T09:00:00+08:00' },
      review: { startDate: '2026-03-02', dueDate: '2026-03-16', pausedDays: 0 },
    });
    const result = count('Application.Rejected.v1', detail, { case: late, matter: FOOD, calendar });
    // 3–6, 9–13, 16, 17 March: 11 working days.
    expect(result?.counters).toEqual({
      completed: 1,
      rejected: 1,
      workingDaysToDecision: 11,
      promisedDays: 5,
      legalDays: 10,
      visits: 1,
    });
    expect(result?.channel).toBe('window');
  });

  it('a visit count recorded on the case wins over the channel; an immediate (即办件) matter is counted as such', () => {
    const detail = { ...eventFixture('Application.Approved.v1'), channel: 'mobile' };
    const visited = count('Application.Approved.v1', detail, {
      case: caseFacts({ visits: 2 }),
      matter: SEAL,
      calendar,
    });
    // A promised limit of 0 adds nothing; two visits in person are not 全程网办 although the channel is mobile.
    expect(visited?.counters).toEqual({
      completed: 1,
      approved: 1,
      completedOnTime: 1,
      workingDaysToDecision: 5,
      legalDays: 1,
      immediate: 1,
      visits: 2,
    });
    const selfService = count(
      'Application.Approved.v1',
      { ...detail, channel: 'self-service' },
      { case: caseFacts(), matter: SEAL, calendar },
    );
    expect(selfService?.counters).toMatchObject({ visits: 1 });
  });

  it('bundle cases (一件事): intake is counted on the member cases, completion once on the bundle (not by these rules)', () => {
    for (const detailType of [
      'Application.Submitted.v1',
      'Application.Accepted.v1',
      'Application.Refused.v1',
      'Application.Withdrawn.v1',
      'Application.Approved.v1',
      'Application.Rejected.v1',
    ]) {
      const bundle = { ...eventFixture(detailType), kind: 'bundle' };
      expect(needsOf(detailType, bundle)).toEqual({});
      expect(count(detailType, bundle, { case: caseFacts(), matter: FOOD, calendar })).toBeUndefined();
    }
    for (const detailType of [
      'Application.Submitted.v1',
      'Application.Accepted.v1',
      'Application.Refused.v1',
      'Application.Withdrawn.v1',
    ]) {
      const member = { ...eventFixture(detailType), parentCaseId: 'bundle-1' };
      expect([detailType, count(detailType, member, { case: caseFacts(), matter: FOOD, calendar })]).toEqual([
        detailType,
        expect.anything(),
      ]);
    }
    // A member's decision is part of its bundle's completion (bundleCompletion), so it adds nothing on its own.
    for (const detailType of ['Application.Approved.v1', 'Application.Rejected.v1']) {
      const member = { ...eventFixture(detailType), parentCaseId: 'bundle-1' };
      expect(needsOf(detailType, member)).toEqual({});
      expect(count(detailType, member, { case: caseFacts(), matter: FOOD, calendar })).toBeUndefined();
      expect(
        count(detailType, eventFixture(detailType), { case: caseFacts(), matter: FOOD, calendar })?.counters,
      ).toMatchObject({ completed: 1 });
    }
  });

  it('a bundle counts as one completed case, on time against its own promised limit', () => {
    // Accepted Mon 2 March 2026 with a promise of 3 working days: due Thu 5 March.
    const bundle = {
      ...caseFacts({
        matterCode: 'OPEN-COMPANY',
        channel: 'window',
        review: { startDate: '2026-03-02', dueDate: '2026-03-05', pausedDays: 0 },
      }),
      review: { startDate: '2026-03-02', dueDate: '2026-03-05', pausedDays: 0, limitDays: 3 },
    };
    const onTime = bundleCompletion('approved', '2026-03-05T17:00:00+08:00', { case: bundle, legalDays: 18, calendar });
    expect(onTime).toEqual({
      day: '2026-03-05',
      matter: 'OPEN-COMPANY',
      department: 'SAMR',
      region: '350100',
      channel: 'window',
      counters: {
        completed: 1,
        approved: 1,
        completedOnTime: 1,
        workingDaysToDecision: 3,
        promisedDays: 3,
        legalDays: 18,
        visits: 1,
      },
    });
    const late = bundleCompletion('approved', '2026-03-06T09:00:00+08:00', { case: bundle, legalDays: 18, calendar });
    expect(late.counters).toMatchObject({ completed: 1, workingDaysToDecision: 4 });
    expect(late.counters.completedOnTime).toBeUndefined();
    expect(
      bundleCompletion('rejected', '2026-03-04T09:00:00+08:00', { case: bundle, legalDays: 18, calendar }).counters,
    ).toMatchObject({ completed: 1, rejected: 1, completedOnTime: 1 });
    // Summed with two ordinary cases, one late: 2 of 3 on time (the bundle's four members are not three more cases).
    const rows = statsRows(
      [
        { ...onTime, ...onTime.counters },
        { ...dims, completed: 1, completedOnTime: 1 },
        { ...dims, completed: 1 },
      ],
      [],
    );
    expect([rows[0]!.completed, rows[0]!.onTimeRate]).toEqual([3, 0.6667]);
  });

  it('Licence.Issued with a case: dimensions from the case, on time within the configured working days of the decision', () => {
    const licence = {
      eventId: 'L1',
      occurredAt: '2026-03-11T10:00:00+08:00',
      licenceNo: 'JY2026',
      version: 1,
      licenceType: 'FOOD_BUSINESS_LICENCE',
      issuingDepartment: 'SAMR',
      holderType: 'enterprise',
      caseId: 'case-1',
    };
    expect(needsOf('Licence.Issued.v1', licence)).toEqual({ caseId: 'case-1', calendar: true });
    const window = caseFacts({ channel: 'window', regionCode: '350102' });
    expect(count('Licence.Issued.v1', licence, { case: window, calendar })).toEqual({
      day: '2026-03-11',
      matter: 'FOOD-BUSINESS-LICENCE',
      department: 'SAMR',
      region: '350102',
      channel: 'window',
      counters: { licencesIssued: 1, licencesIssuedOnTime: 1 },
    });
    // Decided Tue 10 March; Thu 12 March is two working days later.
    expect(
      count('Licence.Issued.v1', { ...licence, occurredAt: '2026-03-12T10:00:00+08:00' }, { case: window, calendar })
        ?.counters,
    ).toEqual({ licencesIssued: 1 });
    expect(
      contributionOf(
        'Licence.Issued.v1',
        { ...licence, occurredAt: '2026-03-12T10:00:00+08:00' },
        { case: window, calendar },
        { licenceOnTimeDays: 2 },
      )?.counters,
    ).toEqual({ licencesIssued: 1, licencesIssuedOnTime: 1 });
    const { caseId: _none, ...withoutCase } = licence;
    expect(count('Licence.Issued.v1', withoutCase)).toBeUndefined();
    expect(count('Licence.Revoked.v1', licence)).toBeUndefined();
  });

  it('Rating.Submitted: one rating, the three score sums, a bad rating', () => {
    const detail = eventFixture('Rating.Submitted.v1');
    expect(count('Rating.Submitted.v1', detail)).toEqual({
      ...dims,
      day: '2026-03-20',
      counters: { ratings: 1, ratingAbility: 2, ratingAttitude: 4, ratingEffect: 3, badRatings: 1 },
    });
    expect(count('Rating.Submitted.v1', { ...detail, ability: 5, bad: false })?.counters).toEqual({
      ratings: 1,
      ratingAbility: 5,
      ratingAttitude: 4,
      ratingEffect: 3,
    });
  });

  it('rectifications count for the responsible department', () => {
    const opened = { ...eventFixture('Rectification.Opened.v1'), responsibleDepartment: 'HEALTH' };
    expect(count('Rectification.Opened.v1', opened)).toMatchObject({
      department: 'HEALTH',
      counters: { rectificationsOpened: 1 },
    });
    const answered = eventFixture('Rectification.Answered.v1');
    expect(count('Rectification.Answered.v1', answered)).toMatchObject({
      day: '2026-03-27',
      department: 'SAMR',
      counters: { rectificationsAnswered: 1, rectificationsAnsweredOnTime: 1 },
    });
    expect(count('Rectification.Answered.v1', { ...answered, onTime: false })?.counters).toEqual({
      rectificationsAnswered: 1,
    });
  });

  it('complaints: matter or "-", the responsible department, the region, no channel', () => {
    const received = eventFixture('Complaint.Received.v1');
    expect(count('Complaint.Received.v1', received)).toMatchObject({
      matter: received.matterCode ?? '-',
      department: received.responsibleDepartment,
      region: received.regionCode,
      channel: '-',
      counters: { complaints: 1 },
    });
    const { matterCode: _m, ...aboutNoMatter } = received;
    expect(count('Complaint.Received.v1', aboutNoMatter)?.matter).toBe('-');
    const answered = eventFixture('Complaint.Answered.v1');
    expect(count('Complaint.Answered.v1', answered)).toEqual({
      day: '2026-03-25',
      matter: 'FOOD-BUSINESS-LICENCE',
      department: 'SAMR',
      region: '350100',
      channel: '-',
      counters: { complaintsAnswered: 1, complaintsAnsweredOnTime: 1 },
    });
    expect(count('Complaint.Answered.v1', { ...answered, onTime: false })?.counters).toEqual({ complaintsAnswered: 1 });
  });

  it('Supervision.DeadlineOverdue: a case is overdue, a task is a task overdue, other kinds count nothing', () => {
    const detail = eventFixture('Supervision.DeadlineOverdue.v1');
    expect(count('Supervision.DeadlineOverdue.v1', detail)).toEqual({
      day: '2026-03-09',
      matter: 'FOOD-BUSINESS-LICENCE',
      department: 'SAMR',
      region: '350100',
      channel: 'online',
      counters: { tasksOverdue: 1 },
    });
    expect(count('Supervision.DeadlineOverdue.v1', { ...detail, kind: 'case' })?.counters).toEqual({ overdue: 1 });
    expect(count('Supervision.DeadlineOverdue.v1', { ...detail, kind: 'complaint' })).toBeUndefined();
    expect(count('Supervision.DeadlineWarning.v1', eventFixture('Supervision.DeadlineWarning.v1'))).toBeUndefined();
  });

  it('counts on the day of occurredAt in Asia/Shanghai, not in UTC', () => {
    const late = { ...eventFixture('Application.Refused.v1'), occurredAt: '2026-03-02T16:30:00Z' };
    expect(count('Application.Refused.v1', late)?.day).toBe('2026-03-03');
  });

  it('refuses to count an event whose facts the consumer did not read', () => {
    expect(() =>
      count('Application.Approved.v1', eventFixture('Application.Approved.v1'), { matter: FOOD, calendar }),
    ).toThrow(/needs case/);
  });

  it('COUNTED_CONTRACTS are exactly the contracts with a rule, all from ALL_EVENT_CONTRACTS', () => {
    expect(COUNTED_CONTRACTS.map((c) => c.detailType).sort()).toEqual(
      [
        'Application.Accepted.v1',
        'Application.Approved.v1',
        'Application.Refused.v1',
        'Application.Rejected.v1',
        'Application.Submitted.v1',
        'Application.Withdrawn.v1',
        'Appointment.Booked.v1',
        'Appointment.Cancelled.v1',
        'Appointment.CheckedIn.v1',
        'Appointment.NoShow.v1',
        'Complaint.Answered.v1',
        'Complaint.Received.v1',
        'Delivery.Delivered.v1',
        'Licence.Issued.v1',
        'Payment.Ordered.v1',
        'Payment.Paid.v1',
        'Payment.Refunded.v1',
        'PostCheck.Completed.v1',
        'Rating.Submitted.v1',
        'Rectification.Answered.v1',
        'Rectification.Opened.v1',
        'Supervision.DeadlineOverdue.v1',
      ].sort(),
    );
    for (const c of COUNTED_CONTRACTS) expect(ALL_EVENT_CONTRACTS).toContain(c);
  });

  it('every counted fixture parses with its contract (the tests above use contract-valid details)', () => {
    for (const c of COUNTED_CONTRACTS.filter((c) => !c.detailType.startsWith('Licence.'))) {
      expect(c.detail.safeParse(eventFixture(c.detailType)).success).toBe(true);
    }
  });
});

describe('derived indicators', () => {
  it('divides the counters, rounded to 4 decimals', () => {
    const c = {
      ...zeroCounters(),
      completed: 3,
      fullyOnline: 2,
      completedOnTime: 3,
      workingDaysToDecision: 10,
      promisedDays: 15,
      legalDays: 30,
      immediate: 1,
      visits: 1,
      accepted: 4,
      tolerated: 1,
    };
    Object.assign(c, {
      materialsRequired: 10,
      materialsWaived: 4,
      licencesIssued: 2,
      licencesIssuedOnTime: 1,
      ratings: 2,
      ratingAbility: 9,
      ratingAttitude: 7,
      ratingEffect: 3,
      badRatings: 1,
    });
    Object.assign(c, {
      rectificationsAnswered: 4,
      rectificationsAnsweredOnTime: 3,
      complaintsAnswered: 3,
      complaintsAnsweredOnTime: 2,
    });
    Object.assign(c, { decidedOnCommitment: 1, postChecksDone: 4, postChecksOnTime: 3, commitmentsFalse: 1 });
    expect(indicatorsOf(c)).toEqual({
      onlineRate: 0.6667,
      onTimeRate: 1,
      avgWorkingDays: 3.3333,
      avgPromisedDays: 5,
      avgLegalDays: 10,
      immediateShare: 0.3333,
      toleratedShare: 0.25,
      visitsPerCase: 0.3333,
      materialsWaivedShare: 0.4,
      licenceIssueOnTimeRate: 0.5,
      avgRatingAbility: 4.5,
      avgRatingAttitude: 3.5,
      avgRatingEffect: 1.5,
      badRatingShare: 0.5,
      rectificationOnTimeRate: 0.75,
      complaintOnTimeRate: 0.6667,
      noShowRate: null,
      deliveryOnTimeRate: null,
      commitmentShare: 0.3333,
      postCheckOnTimeRate: 0.75,
      commitmentFalseShare: 0.25,
    });
  });

  it('is null, not 0, when the denominator is 0', () => {
    const all = indicatorsOf({ ...zeroCounters(), fullyOnline: 0, submitted: 5 });
    expect(Object.keys(all).sort()).toEqual([...INDICATORS].sort());
    for (const name of INDICATORS) expect(all[name]).toBeNull();
  });
});

describe('statsRows', () => {
  const item = (d: Partial<CounterItem>): CounterItem =>
    ({ day: '2026-03-02', matter: 'A', department: 'SAMR', region: '350100', channel: 'online', ...d }) as CounterItem;
  const items = [
    item({ submitted: 2, completed: 1, completedOnTime: 1 }),
    item({ matter: 'B', submitted: 1 }),
    item({ day: '2026-03-03', submitted: 4, completed: 2 }),
    item({ day: '2026-03-03', channel: 'window', submitted: 1 }),
  ];

  it('one total row without groupBy, even over nothing', () => {
    const [total, ...rest] = statsRows(items, []);
    expect(rest).toEqual([]);
    expect(total).toMatchObject({ submitted: 8, completed: 3, completedOnTime: 1, onTimeRate: 0.3333 });
    expect(total).not.toHaveProperty('day');
    expect(statsRows([], [])).toEqual([{ ...zeroCounters(), ...indicatorsOf(zeroCounters()) }]);
    expect(statsRows([], ['matter'])).toEqual([]);
  });

  it('sums by the chosen dimensions only, sorted, every counter present', () => {
    const rows = statsRows(items, ['day', 'matter']);
    expect(rows.map((r) => [r.day, r.matter, r.submitted])).toEqual([
      ['2026-03-02', 'A', 2],
      ['2026-03-02', 'B', 1],
      ['2026-03-03', 'A', 5],
    ]);
    expect(rows[0]).not.toHaveProperty('channel');
    for (const c of COUNTERS) expect(typeof rows[2]![c]).toBe('number');
  });
});

describe('the range and groupBy of GET /stats', () => {
  const detailOf = (f: () => unknown) => {
    try {
      f();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).details[0];
    }
    throw new Error('expected a ValidationError');
  };

  it('lists the days inclusive, across a month end and a leap day', () => {
    expect(daysInRange('2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(daysInRange('2026-03-02', '2026-03-02')).toEqual(['2026-03-02']);
    expect(daysInRange('2026-01-01', '2027-01-01')).toHaveLength(366);
  });

  it('refuses from after to, naming from; more than 366 days, naming to', () => {
    expect(detailOf(() => daysInRange('2026-03-03', '2026-03-02'))).toMatchObject({
      path: 'query.from',
      rule: 'notAfterTo',
    });
    expect(detailOf(() => daysInRange('2026-01-01', '2027-01-02'))).toMatchObject({
      path: 'query.to',
      rule: 'maxDays',
    });
  });

  it('parses groupBy, dropping repeats; refuses an unknown dimension naming groupBy', () => {
    expect(parseGroupBy(undefined)).toEqual([]);
    expect(parseGroupBy('')).toEqual([]);
    expect(parseGroupBy('day,department,day')).toEqual(['day', 'department']);
    expect(detailOf(() => parseGroupBy('day,colour'))).toMatchObject({ path: 'query.groupBy', rule: 'enum' });
  });
});

describe('counter keys and the archive layout', () => {
  it('spreads events over the shards by event id, deterministically', () => {
    const shards = new Set(Array.from({ length: 200 }, (_, i) => shardOf(`evt-${i}`, 4)));
    expect([...shards].sort()).toEqual([0, 1, 2, 3]);
    expect(shardOf('evt-7', 4)).toBe(shardOf('evt-7', 4));
    expect(statKey('2026-03-02', 3, dims)).toEqual({
      pk: 'STAT#2026-03-02#3',
      sk: 'FOOD-BUSINESS-LICENCE#SAMR#350100#online',
    });
  });

  it('archives an event as one JSON line, however its strings break', () => {
    const event = {
      eventId: 'a/b c',
      source: 'gov.one-stop.applications',
      detailType: 'Application.Refused.v1',
      occurredAt: '2026-03-02T16:30:00Z',
      detail: { reason: 'line\nbreak' },
    };
    const line = archiveLine(event);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(line)).toEqual(event);
  });

  it('the Athena DDL declares every column, the dt partition projected by day, and maps camelCase keys', () => {
    for (const c of ARCHIVE_COLUMNS) expect(ATHENA_EVENTS_DDL).toContain(`\`${c.name}\` ${c.type}`);
    expect(ATHENA_EVENTS_DDL).toContain('PARTITIONED BY (`dt` string');
    expect(ARCHIVE_SERDE.parameters['mapping.event_id']).toBe('eventid');
    expect(archiveTableProperties('b')).toMatchObject({
      'projection.enabled': 'true',
      'projection.dt.type': 'date',
      'storage.location.template': 's3://b/events/dt=${dt}/',
    });
  });
});

describe('appointments and delivery of results in the indicators', () => {
  it('counts bookings, cancellations and no-shows by the hall’s region, and a check-in as a visit in person', () => {
    const booked = eventFixture('Appointment.Booked.v1');
    expect(count('Appointment.Booked.v1', booked)).toMatchObject({
      region: booked.regionCode,
      matter: booked.matterCode,
      channel: '-',
      counters: { appointmentsBooked: 1 },
    });
    expect(count('Appointment.Cancelled.v1', eventFixture('Appointment.Cancelled.v1'))?.counters).toEqual({
      appointmentsCancelled: 1,
    });
    expect(count('Appointment.NoShow.v1', eventFixture('Appointment.NoShow.v1'))?.counters).toEqual({
      appointmentNoShows: 1,
    });
    expect(count('Appointment.CheckedIn.v1', eventFixture('Appointment.CheckedIn.v1'))?.counters).toEqual({
      checkIns: 1,
      visits: 1,
    });
  });

  it('counts a posted result delivered on time, and a late pickup at the window as a visit', () => {
    const delivered = eventFixture('Delivery.Delivered.v1');
    expect(count('Delivery.Delivered.v1', delivered)?.counters).toEqual({
      resultsDelivered: 1,
      resultsDeliveredOnTime: 1,
      resultsPosted: 1,
    });
    expect(count('Delivery.Delivered.v1', { ...delivered, method: 'window', onTime: false })?.counters).toEqual({
      resultsDelivered: 1,
      resultsPickedUp: 1,
      visits: 1,
    });
  });

  it('derives the no-show rate and the delivery on-time rate', () => {
    const rates = indicatorsOf({
      ...zeroCounters(),
      appointmentsBooked: 4,
      appointmentNoShows: 1,
      resultsDelivered: 2,
      resultsDeliveredOnTime: 1,
    });
    expect([rates.noShowRate, rates.deliveryOnTimeRate]).toEqual([0.25, 0.5]);
  });
});

describe('fees in the indicators', () => {
  it('counts orders, payments and refunds with their amounts in fen, on the case’s dimensions', () => {
    const paid = eventFixture('Payment.Paid.v1');
    expect(count('Payment.Ordered.v1', eventFixture('Payment.Ordered.v1'))?.counters).toEqual({ paymentsOrdered: 1 });
    expect(count('Payment.Paid.v1', paid)).toMatchObject({
      matter: paid.matterCode,
      department: paid.department,
      counters: { paymentsPaid: 1, feesPaidFen: 8000 },
    });
    expect(count('Payment.Refunded.v1', eventFixture('Payment.Refunded.v1'))?.counters).toEqual({
      refunds: 1,
      refundedFen: 8000,
    });
  });
});
