import { deadlineOverdue, deadlineWarning } from '../../shared/contracts/supervision-events';
import { SHIPPED_CALENDARS } from '../../shared/domain/calendar/holidays';
import { WorkingDayCalendar } from '../../shared/domain/calendar/working-days';
import { datesToSweep } from '../../shared/domain/supervision/sweep';
import { regionPrefix } from '../../shared/domain/access/scope';
import { type LevelPolicy, levelOn, warningHorizon, workingDaysAfter } from '../../shared/domain/supervision/levels';
import type { Watch } from '../../shared/domain/supervision/model';
import {
  closedAt,
  held,
  newWatch,
  noticeOf,
  pausedAt,
  resumedAt,
  settle,
  withDueDate,
} from '../../shared/domain/supervision/watch';

/** The real calendar (2025 and 2026 State Council notices) and the default threshold of 2 working days. */
const calendar = new WorkingDayCalendar(SHIPPED_CALENDARS);
const policy: LevelPolicy = { calendar, warningDays: 2 };
const level = (today: string, due: string) => levelOn(today, due, policy).level;

describe('levels at the threshold', () => {
  // Due Friday 6 March 2026; no holiday near.
  it('is yellow with exactly WARNING_WORKING_DAYS left, green with one more', () => {
    expect(levelOn('2026-03-04', '2026-03-06', policy)).toEqual({ level: 'yellow', remainingDays: 2, overdueDays: 0 });
    expect(levelOn('2026-03-03', '2026-03-06', policy)).toEqual({ level: 'green', remainingDays: 3, overdueDays: 0 });
  });

  it('stays yellow on the due date itself and turns red the day after', () => {
    expect(levelOn('2026-03-06', '2026-03-06', policy)).toEqual({ level: 'yellow', remainingDays: 0, overdueDays: 0 });
    // Saturday after a Friday due date: red, one day overdue although no working day has passed yet.
    expect(levelOn('2026-03-07', '2026-03-06', policy)).toEqual({ level: 'red', remainingDays: 0, overdueDays: 1 });
    // Monday: one working day overdue (as the contract's fixture says).
    expect(levelOn('2026-03-09', '2026-03-06', policy)).toMatchObject({ level: 'red', overdueDays: 1 });
    expect(levelOn('2026-03-11', '2026-03-06', policy)).toMatchObject({ level: 'red', overdueDays: 3 });
  });

  it('does not count a weekend in between', () => {
    // Due Monday 9 March: on Thursday, Friday and Monday are left (2) → yellow; on Wednesday 3 → green.
    expect(level('2026-03-05', '2026-03-09')).toBe('yellow');
    expect(level('2026-03-04', '2026-03-09')).toBe('green');
  });

  it('does not count a public holiday (清明节 4–6 April 2026)', () => {
    // Due Wednesday 8 April: on Friday 3 April only Tuesday 7 and Wednesday 8 are left, five calendar days ahead.
    expect(levelOn('2026-04-03', '2026-04-08', policy)).toMatchObject({ level: 'yellow', remainingDays: 2 });
    expect(levelOn('2026-04-02', '2026-04-08', policy)).toMatchObject({ level: 'green', remainingDays: 3 });
  });

  it('counts a make-up working day (Saturday 14 February 2026, before 春节)', () => {
    // Due Tuesday 24 February, the first working day after the holiday: Sat 14 Feb and Tue 24 Feb are left on the 13th.
    expect(levelOn('2026-02-13', '2026-02-24', policy)).toMatchObject({ level: 'yellow', remainingDays: 2 });
    expect(levelOn('2026-02-12', '2026-02-24', policy)).toMatchObject({ level: 'green', remainingDays: 3 });
  });

  it('follows the configured threshold', () => {
    const strict: LevelPolicy = { calendar, warningDays: 0 };
    expect(levelOn('2026-03-05', '2026-03-06', strict).level).toBe('green');
    expect(levelOn('2026-03-06', '2026-03-06', strict).level).toBe('yellow');
  });

  it('counts Monday to Friday in a year whose notice is not loaded yet, instead of stopping', () => {
    // 2027 is not shipped: Thu 31 Dec 2026 → Mon 4 Jan 2027 counts Fri 1 Jan and Mon 4 Jan.
    expect(calendar.workingDaysBetween('2026-12-31', '2027-01-04')).toBe(2);
    expect(workingDaysAfter(calendar, '2026-12-31', '2027-01-04')).toBe(2);
    expect(level('2026-12-31', '2027-01-04')).toBe('yellow');
  });
});

describe('the warning horizon and the dates a sweep reads', () => {
  it('is the last due date that is yellow today', () => {
    expect(warningHorizon('2026-03-05', policy)).toBe('2026-03-09');
    expect(level('2026-03-05', '2026-03-09')).toBe('yellow');
    expect(level('2026-03-05', '2026-03-10')).toBe('green');
    // Before 春节: Fri 13 and Sat 14 Feb (make-up) are the two days left; the holiday up to 23 Feb is within.
    expect(warningHorizon('2026-02-12', policy)).toBe('2026-02-23');
  });

  it('reads the dates that passed and those that came within the threshold since the last sweep, several days at once', () => {
    // Last swept Thursday 5 March, next run Monday 9 March (Friday to Sunday missed).
    expect(datesToSweep('2026-03-05', '2026-03-09', policy)).toEqual([
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-10',
      '2026-03-11',
    ]);
    // One day on: yesterday's due date turns red, the next working day's turns yellow.
    expect(datesToSweep('2026-03-09', '2026-03-10', policy)).toEqual(['2026-03-09', '2026-03-12']);
    // Thursday's horizon already spans the weekend (Fri 13, Mon 16 left): Friday adds only Tuesday 17.
    expect(datesToSweep('2026-03-12', '2026-03-13', policy)).toEqual(['2026-03-12', '2026-03-17']);
    // Friday to Monday: three dates pass, one comes within.
    expect(datesToSweep('2026-03-13', '2026-03-16', policy)).toEqual([
      '2026-03-13',
      '2026-03-14',
      '2026-03-15',
      '2026-03-18',
    ]);
  });

  it('covers every date whose level differs between the two days', () => {
    const from = '2026-02-10';
    const today = '2026-02-26';
    const read = new Set(datesToSweep(from, today, policy));
    for (let t = Date.parse('2026-01-20T00:00:00Z'); t <= Date.parse('2026-03-31T00:00:00Z'); t += 86_400_000) {
      const due = new Date(t).toISOString().slice(0, 10);
      if (level(from, due) !== level(today, due)) expect([due, read.has(due)]).toEqual([due, true]);
    }
  });
});

describe('watch changes', () => {
  const subject = {
    kind: 'task' as const,
    subjectId: 'c1.0.SAMR',
    caseId: 'c1',
    department: 'SAMR',
    regionCode: '350100',
  };
  const open = (due: string, today: string): Watch =>
    settle(undefined, newWatch(subject, { dueDate: due, at: '2026-03-02T01:00:00.000Z' }), today, policy)!;

  it('computes the level at once when a watch is created; a case that opens yellow is warned of', () => {
    const watch = open('2026-03-04', '2026-03-02');
    expect(watch).toMatchObject({ level: 'yellow', status: 'open', version: 1 });
    const caseWatch = settle(
      undefined,
      newWatch(
        { kind: 'case', subjectId: 'c1', caseId: 'c1', department: 'SAMR', regionCode: '350100' },
        { dueDate: '2026-03-04', at: '2026-03-02T01:00:00.000Z' },
      ),
      '2026-03-02',
      policy,
    )!;
    const notice = noticeOf(undefined, caseWatch, '2026-03-02', policy, new Date('2026-03-02T01:00:00Z'))!;
    expect(notice.detailType).toBe('Supervision.DeadlineWarning.v1');
    expect(deadlineWarning.detail.parse(notice.detail)).toMatchObject({
      watchId: 'case#c1',
      remainingDays: 2,
      department: 'SAMR',
    });
    expect(noticeOf(undefined, open('2026-03-20', '2026-03-02'), '2026-03-02', policy, new Date())).toBeUndefined();
  });

  it('does not warn of a task that opens yellow (its own message says so), but of one that turns yellow', () => {
    const born = open('2026-03-04', '2026-03-02');
    expect(born.level).toBe('yellow');
    const at = new Date('2026-03-02T01:00:00Z');
    expect(noticeOf(undefined, born, '2026-03-02', policy, at, 'task')).toBeUndefined();
    // The same watch built by another event (its subject's state, before its Task.Opened arrived) is warned of.
    expect(noticeOf(undefined, born, '2026-03-02', policy, at)?.detailType).toBe('Supervision.DeadlineWarning.v1');
    expect(noticeOf(undefined, born, '2026-03-02', policy, at, 'complaint')?.detailType).toBe(
      'Supervision.DeadlineWarning.v1',
    );
    // Task.Opened of 2 March (due 10 March, green then) processed late, on 6 March when it is yellow: warned of, once.
    const late = settle(
      undefined,
      newWatch(subject, { dueDate: '2026-03-10', at: '2026-03-02T01:00:00.000Z' }),
      '2026-03-06',
      policy,
    )!;
    expect(late.level).toBe('yellow');
    expect(noticeOf(undefined, late, '2026-03-06', policy, new Date('2026-03-06T01:00:00Z'), 'task')?.detailType).toBe(
      'Supervision.DeadlineWarning.v1',
    );
    // Opened green; two working days before its due date it turns yellow, and that is warned of.
    const green = open('2026-03-10', '2026-03-02');
    const yellow = settle(green, green, '2026-03-06', policy)!;
    expect(yellow).toMatchObject({ level: 'yellow', version: 2 });
    expect(noticeOf(green, yellow, '2026-03-06', policy, new Date('2026-03-06T01:00:00Z'))?.detailType).toBe(
      'Supervision.DeadlineWarning.v1',
    );
    // Opened already past its due date (a late event): red, and that is told at once.
    const overdue = open('2026-03-02', '2026-03-04');
    expect(overdue.level).toBe('red');
    expect(
      noticeOf(undefined, overdue, '2026-03-04', policy, new Date('2026-03-04T01:00:00Z'), 'task')?.detailType,
    ).toBe('Supervision.DeadlineOverdue.v1');
  });

  it('publishes red once per level change, with a stable id per watch, level and version', () => {
    const yellow = open('2026-03-04', '2026-03-02');
    const red = settle(yellow, yellow, '2026-03-05', policy)!;
    expect(red).toMatchObject({ level: 'red', version: 2 });
    const a = noticeOf(yellow, red, '2026-03-05', policy, new Date('2026-03-05T00:05:00+08:00'))!;
    const b = noticeOf(yellow, red, '2026-03-05', policy, new Date('2026-03-05T00:06:00+08:00'))!;
    expect(deadlineOverdue.detail.parse(a.detail)).toMatchObject({ level: 'red', overdueDays: 1 });
    expect(a.eventId).toBe(b.eventId);
    // Nothing changes the next hour: no write, no notice.
    expect(settle(red, red, '2026-03-05', policy)).toBeUndefined();
  });

  it('freezes the level while paused and reads it again on resume with the new due date', () => {
    const yellow = open('2026-03-04', '2026-03-02');
    const paused = settle(yellow, pausedAt(yellow, '2026-03-03T02:00:00.000Z', '2026-03-03'), '2026-03-03', policy)!;
    expect(paused).toMatchObject({ status: 'paused', level: 'yellow', pausedSince: '2026-03-03' });
    // Long past the old due date: still yellow, since paused.
    expect(settle(paused, paused, '2026-03-10', policy)).toBeUndefined();
    const resumed = settle(paused, resumedAt(paused, '2026-03-20', '2026-03-10T02:00:00.000Z'), '2026-03-10', policy)!;
    expect(resumed).toMatchObject({ status: 'open', level: 'green', dueDate: '2026-03-20' });
    expect(resumed).not.toHaveProperty('pausedSince');
  });

  it('ignores an older change arriving late and never reopens a closed watch', () => {
    const watch = open('2026-03-04', '2026-03-02');
    const resumed = resumedAt(
      pausedAt(watch, '2026-03-03T01:00:00.000Z', '2026-03-03'),
      '2026-03-06',
      '2026-03-04T01:00:00.000Z',
    );
    // The suspension (earlier) is redelivered after the resumption: the watch stays open.
    expect(pausedAt(resumed, '2026-03-03T01:00:00.000Z', '2026-03-03')).toBe(resumed);
    expect(withDueDate(resumed, '2026-03-05', '2026-03-03T23:00:00.000Z')).toBe(resumed);
    const closed = closedAt(resumed, '2026-03-05T01:00:00.000Z', 'Task.Decided.v1');
    expect(resumedAt(closed, '2026-03-30', '2026-03-06T01:00:00.000Z')).toBe(closed);
    expect(held(closed, 't', true, '2026-03-06T01:00:00.000Z', '2026-03-06')).toBe(closed);
  });

  it('pauses a case while any of its tasks holds it, in any order of the holds', () => {
    const caseWatch = newWatch(
      { ...subject, kind: 'case', subjectId: 'c1' },
      { dueDate: '2026-03-09', at: '2026-03-02T01:00:00.000Z' },
    );
    const a = held(caseWatch, 'A', true, '2026-03-03T01:00:00.000Z', '2026-03-03');
    const ab = held(a, 'B', true, '2026-03-03T02:00:00.000Z', '2026-03-03');
    expect(held(ab, 'A', false, '2026-03-04T01:00:00.000Z', '2026-03-04').status).toBe('paused');
    const released = held(
      held(ab, 'A', false, '2026-03-04T01:00:00.000Z', '2026-03-04'),
      'B',
      false,
      '2026-03-05T01:00:00.000Z',
      '2026-03-05',
    );
    expect(released.status).toBe('open');
    // A's hold redelivered after its release changes nothing.
    expect(held(released, 'A', true, '2026-03-03T01:00:00.000Z', '2026-03-03').status).toBe('open');
  });

  it('reads region codes as prefixes of the division hierarchy', () => {
    expect(regionPrefix('350000')).toBe('35');
    expect(regionPrefix('350100')).toBe('3501');
    expect(regionPrefix('350102')).toBe('350102');
  });
});
