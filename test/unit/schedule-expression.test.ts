import { parseScheduleExpression } from '../../infra/local/schedule-expression';

/** The next `count` fire times after `after`, as ISO strings ('none' once the schedule has no more). */
function fires(expression: string, after: string, count = 1, timezone?: string, start?: string): string[] {
  const schedule = parseScheduleExpression(expression, timezone, start === undefined ? {} : { start: new Date(start) });
  const times: string[] = [];
  let cursor: Date | undefined = new Date(after);
  for (let i = 0; i < count; i += 1) {
    cursor = cursor && schedule.next(cursor);
    times.push(cursor?.toISOString() ?? 'none');
  }
  return times;
}

// Calendar facts used below: 2026-03-01 is a Sunday, 2026-03-06 a Friday, 2026-08-01 and 2026-08-15 Saturdays.
// Asia/Shanghai is UTC+8, so local 10:00 is 02:00Z and local midnight is 16:00Z the day before.

describe('cron schedules from the AWS "Schedule types" examples, in Asia/Shanghai by default', () => {
  it('cron(0 10 * * ? *) fires every day at 10:00 Shanghai time, which is 02:00Z', () => {
    expect(fires('cron(0 10 * * ? *)', '2026-03-02T00:00:00Z', 3)).toEqual([
      '2026-03-02T02:00:00.000Z',
      '2026-03-03T02:00:00.000Z',
      '2026-03-04T02:00:00.000Z',
    ]);
  });

  it('returns the fire strictly after the given instant, not one equal to it', () => {
    expect(fires('cron(0 10 * * ? *)', '2026-03-02T02:00:00Z')).toEqual(['2026-03-03T02:00:00.000Z']);
    expect(fires('cron(0 10 * * ? *)', '2026-03-02T01:59:59.999Z')).toEqual(['2026-03-02T02:00:00.000Z']);
  });

  it('cron(15 12 * * ? *) fires at 12:15, the next day once 12:15 has passed', () => {
    expect(fires('cron(15 12 * * ? *)', '2026-03-02T05:00:00Z', 2)).toEqual([
      '2026-03-03T04:15:00.000Z',
      '2026-03-04T04:15:00.000Z',
    ]);
  });

  it('cron(0 18 ? * MON-FRI *) fires at 18:00 Monday to Friday and skips the weekend', () => {
    expect(fires('cron(0 18 ? * MON-FRI *)', '2026-03-06T09:00:00Z', 3)).toEqual([
      '2026-03-06T10:00:00.000Z',
      '2026-03-09T10:00:00.000Z',
      '2026-03-10T10:00:00.000Z',
    ]);
  });

  it('cron(0 8 1 * ? *) fires at 08:00 on the first of every month, across a year end', () => {
    expect(fires('cron(0 8 1 * ? *)', '2026-11-15T00:00:00Z', 3)).toEqual([
      '2026-12-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
      '2027-02-01T00:00:00.000Z',
    ]);
  });

  it('cron(0/15 * * * ? *) fires every quarter hour', () => {
    expect(fires('cron(0/15 * * * ? *)', '2026-03-02T03:07:00Z', 4)).toEqual([
      '2026-03-02T03:15:00.000Z',
      '2026-03-02T03:30:00.000Z',
      '2026-03-02T03:45:00.000Z',
      '2026-03-02T04:00:00.000Z',
    ]);
  });

  it('cron(0/10 * ? * MON-FRI *) fires every 10 minutes on weekdays', () => {
    expect(fires('cron(0/10 * ? * MON-FRI *)', '2026-03-04T03:01:00Z', 2)).toEqual([
      '2026-03-04T03:10:00.000Z',
      '2026-03-04T03:20:00.000Z',
    ]);
  });

  it('cron(0/10 * ? * MON-FRI *) goes from Friday 23:50 straight to Monday 00:00 Shanghai time', () => {
    expect(fires('cron(0/10 * ? * MON-FRI *)', '2026-03-06T15:45:00Z', 2)).toEqual([
      '2026-03-06T15:50:00.000Z',
      '2026-03-08T16:00:00.000Z',
    ]);
  });

  it('cron(0/5 8-17 ? * MON-FRI *) fires every 5 minutes from 08:00 to 17:55 on weekdays', () => {
    expect(fires('cron(0/5 8-17 ? * MON-FRI *)', '2026-03-04T09:50:00Z', 3)).toEqual([
      '2026-03-04T09:55:00.000Z',
      '2026-03-05T00:00:00.000Z',
      '2026-03-05T00:05:00.000Z',
    ]);
  });

  it('cron(0 9 ? * 2#1 *) fires at 09:00 on the first Monday of each month', () => {
    expect(fires('cron(0 9 ? * 2#1 *)', '2026-03-01T00:00:00Z', 2)).toEqual([
      '2026-03-02T01:00:00.000Z',
      '2026-04-06T01:00:00.000Z',
    ]);
  });
});

describe('cron special characters', () => {
  it('L in day-of-month fires on 29 February in the leap year 2028, then on 31 March', () => {
    expect(fires('cron(0 0 L * ? *)', '2028-02-01T00:00:00Z', 2)).toEqual([
      '2028-02-28T16:00:00.000Z',
      '2028-03-30T16:00:00.000Z',
    ]);
  });

  it('L in day-of-month fires on 28 February in the non-leap year 2027', () => {
    expect(fires('cron(0 0 L * ? *)', '2027-02-01T00:00:00Z')).toEqual(['2027-02-27T16:00:00.000Z']);
  });

  it('15W moves a Sunday 15th to Monday the 16th and keeps a weekday 15th', () => {
    expect(fires('cron(0 9 15W * ? *)', '2026-03-01T00:00:00Z', 2)).toEqual([
      '2026-03-16T01:00:00.000Z',
      '2026-04-15T01:00:00.000Z',
    ]);
  });

  it('15W moves a Saturday 15th back to Friday the 14th', () => {
    expect(fires('cron(0 9 15W * ? *)', '2026-08-01T00:00:00Z')).toEqual(['2026-08-14T01:00:00.000Z']);
  });

  it('1W on a Saturday the 1st moves forward to Monday the 3rd rather than into the previous month', () => {
    expect(fires('cron(0 9 1W * ? *)', '2026-07-02T00:00:00Z')).toEqual(['2026-08-03T01:00:00.000Z']);
  });

  it('31W on a Sunday the 31st moves back to Friday the 29th, and months without a 31st have no fire', () => {
    // May 2026 ends on a Sunday; June has 30 days; 31 July 2026 is a Friday.
    expect(fires('cron(0 9 31W * ? *)', '2026-05-01T00:00:00Z', 2)).toEqual([
      '2026-05-29T01:00:00.000Z',
      '2026-07-31T01:00:00.000Z',
    ]);
  });

  it('6L in day-of-week fires on the last Friday of the month', () => {
    expect(fires('cron(15 10 ? * 6L *)', '2026-03-01T00:00:00Z', 2)).toEqual([
      '2026-03-27T02:15:00.000Z',
      '2026-04-24T02:15:00.000Z',
    ]);
  });

  it('L alone in day-of-week is the last day of the week, Saturday', () => {
    expect(fires('cron(0 12 ? * L *)', '2026-03-01T00:00:00Z', 2)).toEqual([
      '2026-03-07T04:00:00.000Z',
      '2026-03-14T04:00:00.000Z',
    ]);
  });

  it('3#2 fires on the second Tuesday of the month', () => {
    expect(fires('cron(0 9 ? * 3#2 *)', '2026-03-01T00:00:00Z', 2)).toEqual([
      '2026-03-10T01:00:00.000Z',
      '2026-04-14T01:00:00.000Z',
    ]);
  });

  it('2#5 skips the months that have no fifth Monday', () => {
    // Mondays in 2026: 30 March is a fifth one; April and May have four; 29 June is the next fifth one.
    expect(fires('cron(0 9 ? * MON#5 *)', '2026-03-01T00:00:00Z', 2)).toEqual([
      '2026-03-30T01:00:00.000Z',
      '2026-06-29T01:00:00.000Z',
    ]);
  });

  it('accepts month names in lists, and names case-insensitively', () => {
    expect(fires('cron(0 12 1 jan,JUL ? *)', '2026-02-01T00:00:00Z', 2)).toEqual([
      '2026-07-01T04:00:00.000Z',
      '2027-01-01T04:00:00.000Z',
    ]);
  });

  it('numbers day-of-week from 1 = Sunday, as AWS does', () => {
    expect(fires('cron(0 12 ? * 1,7 *)', '2026-03-02T00:00:00Z', 2)).toEqual([
      '2026-03-07T04:00:00.000Z',
      '2026-03-08T04:00:00.000Z',
    ]);
  });

  it('treats */20 like 0/20, and a/n as starting at a', () => {
    expect(fires('cron(*/20 * * * ? *)', '2026-03-02T03:07:00Z', 3)).toEqual([
      '2026-03-02T03:20:00.000Z',
      '2026-03-02T03:40:00.000Z',
      '2026-03-02T04:00:00.000Z',
    ]);
    expect(fires('cron(5/20 * * * ? *)', '2026-03-02T03:07:00Z', 3)).toEqual([
      '2026-03-02T03:25:00.000Z',
      '2026-03-02T03:45:00.000Z',
      '2026-03-02T04:05:00.000Z',
    ]);
  });

  it('supports increments over a range: 10-20/5 in hours is 10, 15 and 20', () => {
    expect(fires('cron(0 10-20/5 * * ? *)', '2026-03-02T00:00:00Z', 4)).toEqual([
      '2026-03-02T02:00:00.000Z',
      '2026-03-02T07:00:00.000Z',
      '2026-03-02T12:00:00.000Z',
      '2026-03-03T02:00:00.000Z',
    ]);
  });
});

describe('cron year field', () => {
  it('stops firing once a year range has ended', () => {
    expect(fires('cron(0 0 1 1 ? 2027-2028)', '2026-03-01T00:00:00Z', 3)).toEqual([
      '2026-12-31T16:00:00.000Z',
      '2027-12-31T16:00:00.000Z',
      'none',
    ]);
  });

  it('returns undefined for a day that never occurs, after searching month by month to 2199', () => {
    expect(fires('cron(0 0 30 2 ? *)', '2026-03-01T00:00:00Z')).toEqual(['none']);
  });

  it('finds a fire more than a century away (the first fifth Monday of 2199)', () => {
    expect(fires('cron(* * ? * 2#5 2199)', '2026-03-01T00:00:00Z')).toEqual(['2199-04-28T16:00:00.000Z']);
  });

  it('answers an every-minute cron late in the day with the next minute', () => {
    const schedule = parseScheduleExpression('cron(* * * * ? *)');
    expect(schedule.next(new Date('2026-03-02T15:58:30Z'))?.toISOString()).toBe('2026-03-02T15:59:00.000Z');
  });
});

describe('cron time zones', () => {
  it('evaluates in the given IANA zone: cron(0 10 * * ? *) in UTC fires at 10:00Z', () => {
    expect(fires('cron(0 10 * * ? *)', '2026-03-02T00:00:00Z', 1, 'UTC')).toEqual(['2026-03-02T10:00:00.000Z']);
  });

  it('keeps local time across a daylight saving change (America/New_York, 8 March 2026)', () => {
    expect(fires('cron(0 10 * * ? *)', '2026-03-06T12:00:00Z', 4, 'America/New_York')).toEqual([
      '2026-03-06T15:00:00.000Z',
      '2026-03-07T15:00:00.000Z',
      '2026-03-08T14:00:00.000Z',
      '2026-03-09T14:00:00.000Z',
    ]);
  });

  it('skips a fire whose local time falls in the spring-forward gap', () => {
    expect(fires('cron(30 2 * * ? *)', '2026-03-07T08:00:00Z', 1, 'America/New_York')).toEqual([
      '2026-03-09T06:30:00.000Z',
    ]);
  });

  it('fires once, not twice, at a local time repeated when clocks go back', () => {
    expect(fires('cron(30 1 * * ? *)', '2026-11-01T04:00:00Z', 2, 'America/New_York')).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
  });
});

describe('rate schedules', () => {
  const start = '2026-03-02T01:02:03Z';

  it('rate(5 minutes) fires at its start and every 5 minutes after it', () => {
    expect(fires('rate(5 minutes)', '2026-03-01T00:00:00Z', 3, undefined, start)).toEqual([
      '2026-03-02T01:02:03.000Z',
      '2026-03-02T01:07:03.000Z',
      '2026-03-02T01:12:03.000Z',
    ]);
    expect(fires('rate(5 minutes)', '2026-03-02T01:14:03Z', 1, undefined, start)).toEqual(['2026-03-02T01:17:03.000Z']);
  });

  it('rate(1 day) fires every 24 hours from its start', () => {
    expect(fires('rate(1 day)', '2026-03-04T00:00:00Z', 2, undefined, start)).toEqual([
      '2026-03-04T01:02:03.000Z',
      '2026-03-05T01:02:03.000Z',
    ]);
  });

  it('rate(1 day) stays 24 hours apart across a daylight saving change, so its local time moves', () => {
    expect(fires('rate(1 day)', '2026-03-07T12:00:00Z', 2, 'America/New_York', '2026-03-07T12:00:00Z')).toEqual([
      '2026-03-08T12:00:00.000Z',
      '2026-03-09T12:00:00.000Z',
    ]);
  });

  it('rate(2 hours) without a start is anchored at 1970-01-01T00:00:00Z', () => {
    expect(fires('rate(2 hours)', '2026-03-02T01:30:00Z', 2)).toEqual([
      '2026-03-02T02:00:00.000Z',
      '2026-03-02T04:00:00.000Z',
    ]);
  });
});

describe('one-time schedules', () => {
  it('at(2026-03-10T09:30:00) fires once at 09:30 Shanghai time, then never again', () => {
    expect(fires('at(2026-03-10T09:30:00)', '2026-03-01T00:00:00Z', 2)).toEqual(['2026-03-10T01:30:00.000Z', 'none']);
  });

  it('at(...) already in the past has no fire', () => {
    expect(fires('at(2026-03-10T09:30:00)', '2026-03-10T01:30:00Z')).toEqual(['none']);
  });

  it('at(...) is read in the given zone, daylight saving included (Europe/London in July is UTC+1)', () => {
    expect(fires('at(2026-07-01T09:00:00)', '2026-03-01T00:00:00Z', 1, 'Europe/London')).toEqual([
      '2026-07-01T08:00:00.000Z',
    ]);
  });
});

it('keeps the expression it was parsed from', () => {
  expect(parseScheduleExpression('cron(0 10 * * ? *)').expression).toBe('cron(0 10 * * ? *)');
});

describe('invalid expressions throw an error naming the expression and the problem', () => {
  it.each([
    ['cron(0 1 * * * *)', "one of day-of-month or day-of-week must be '?'"],
    ['cron(0 1 1 * MON *)', "one of day-of-month or day-of-week must be '?'"],
    ['cron(0 1 ? * ? *)', "day-of-month and day-of-week cannot both be '?'"],
    ['cron(0 10 * * ?)', 'expected 6 fields (minutes hours day-of-month month day-of-week year), got 5'],
    ['cron()', 'expected 6 fields (minutes hours day-of-month month day-of-week year), got 0'],
    ['cron(60 10 * * ? *)', 'minutes value 60 is out of range 0-59'],
    ['cron(0 24 * * ? *)', 'hours value 24 is out of range 0-23'],
    ['cron(0 0 32 * ? *)', 'day-of-month value 32 is out of range 1-31'],
    ['cron(0 0 ? 13 * *)', 'month value 13 is out of range 1-12'],
    ['cron(0 0 ? * 0 *)', 'day-of-week value 0 is out of range 1-7'],
    ['cron(0 0 ? * 8 *)', 'day-of-week value 8 is out of range 1-7'],
    ['cron(0 0 1 * ? 1969)', 'year value 1969 is out of range 1970-2199'],
    ['cron(0 0 ? * FUN *)', "invalid day-of-week value 'FUN'"],
    ['cron(0 0 1 JANUARY ? *)', "invalid month value 'JANUARY'"],
    ['cron(0 0 1,,2 * ? *)', "invalid day-of-month value ''"],
    ['cron(0 0 10-5 * ? *)', "day-of-month range '10-5' runs backwards"],
    ['cron(0/0 * * * ? *)', "minutes increment '0' must be an integer from 1 to 60"],
    ['cron(0/x * * * ? *)', "minutes increment 'X' must be an integer from 1 to 60"],
    ['cron(0/5/5 * * * ? *)', "invalid minutes '0/5/5'"],
    ['cron(0 1-2-3 * * ? *)', "invalid hours range '1-2-3'"],
    ['cron(? 0 1 * ? *)', "'?' is not allowed in minutes"],
    ['cron(0 0 ?,1 * * *)', "'?' must stand alone in day-of-month"],
    ['cron(0 0 ? * 2/2 *)', "'/' is not allowed in day-of-week"],
    ['cron(0 0 1#2 * ? *)', "'#' is not allowed in day-of-month"],
    ['cron(0 0 L,15 * ? *)', "'L' and 'W' must stand alone in day-of-month"],
    ['cron(0 0 1-5W * ? *)', "'L' and 'W' must stand alone in day-of-month"],
    ['cron(0 0 32W * ? *)', 'day-of-month value 32 is out of range 1-31'],
    ['cron(0 0 ? * 2#6 *)', "'#' occurrence '6' must be 1-5"],
    ['cron(0 0 ? * 2#1,4#1 *)', "'L' and '#' must stand alone in day-of-week"],
    ['cron(0 0 ? * 6L,2 *)', "'L' and '#' must stand alone in day-of-week"],
    ['rate(0 minutes)', "rate value '0' is not a positive integer"],
    ['rate(1.5 hours)', "rate value '1.5' is not a positive integer"],
    ['rate(1 minutes)', "rate unit must be 'minute' when the value is 1"],
    ['rate(5 hour)', "rate unit must be 'hours' when the value is 5"],
    ['rate(2 weeks)', "unknown rate unit 'weeks' (expected minute(s), hour(s) or day(s))"],
    ['rate(5)', 'expected rate(value unit)'],
    ['rate(5 minutes extra)', 'expected rate(value unit)'],
    ['at(2026-03-10 09:30:00)', 'expected at(yyyy-mm-ddThh:mm:ss)'],
    ['at(2026-02-29T10:00:00)', 'day 29 does not exist in 2026-02'],
    ['at(2026-13-01T10:00:00)', 'month 13 is out of range 1-12'],
    ['at(2026-03-10T24:00:00)', 'time 24:00:00 is not a valid time of day'],
    ['every(5 minutes)', 'expected at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron('],
    ['cron(0 10 * * ? *) ', 'expected at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron('],
  ])('%s: %s', (expression, problem) => {
    expect(() => parseScheduleExpression(expression)).toThrow(`${expression}: ${problem}`);
  });

  it('rejects an unknown time zone', () => {
    expect(() => parseScheduleExpression('cron(0 10 * * ? *)', 'Mars/Olympus')).toThrow(
      "cron(0 10 * * ? *): unknown time zone 'Mars/Olympus'",
    );
  });

  it('rejects a one-time schedule whose local time is skipped by a daylight saving change', () => {
    expect(() => parseScheduleExpression('at(2026-03-08T02:30:00)', 'America/New_York')).toThrow(
      'at(2026-03-08T02:30:00): 2026-03-08T02:30:00 does not exist in America/New_York',
    );
  });

  it('rejects a rate start that is not a valid date', () => {
    expect(() => parseScheduleExpression('rate(5 minutes)', 'UTC', { start: new Date('not a date') })).toThrow(
      'rate(5 minutes): start is not a valid date',
    );
  });
});
