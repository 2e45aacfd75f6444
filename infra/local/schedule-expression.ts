/**
 * Evaluates EventBridge Scheduler schedule expressions (`rate(...)`, `cron(...)`, `at(...)`) so the local cloud can fire
 * schedules from a clock that tests move. Follows "Schedule types in EventBridge Scheduler" in the AWS user guide.
 */

export interface Schedule {
  readonly expression: string;
  /** The first fire time strictly after `after`, or undefined when the schedule never fires again. */
  next(after: Date): Date | undefined;
}

export interface ScheduleOptions {
  /**
   * The instant a rate schedule is anchored at: it fires at `start`, `start + rate`, `start + 2 × rate`, ...
   * AWS anchors at the schedule's StartDate, or at its creation time when there is none; creation time is not
   * deterministic here, so without `start` the anchor is 1970-01-01T00:00:00Z and callers that emulate AWS pass the
   * StartDate (or the creation time) themselves. Cron and at schedules ignore it.
   */
  readonly start?: Date;
}

type Fail = (problem: string) => never;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Parses an expression, throwing an Error whose message starts with the expression and says what is wrong. */
export function parseScheduleExpression(
  expression: string,
  timezone = 'Asia/Shanghai',
  options: ScheduleOptions = {},
): Schedule {
  const fail: Fail = (problem) => {
    throw new Error(`${expression}: ${problem}`);
  };
  const zone = new Zone(timezone, fail);
  const form = /^(rate|cron|at)\((.*)\)$/s.exec(expression);
  if (!form)
    fail(
      'expected at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(minutes hours day-of-month month day-of-week year)',
    );
  const [, kind, body = ''] = form;
  if (kind === 'rate') return rateSchedule(expression, body, options.start ?? new Date(0), fail);
  if (kind === 'cron') return cronSchedule(expression, body, zone, fail);
  return atSchedule(expression, body, zone, fail);
}

// ---------------------------------------------------------------------------------------------------------------------
// rate(value unit)

const RATE_UNITS: Readonly<Record<string, number>> = { minute: MINUTE_MS, hour: 60 * MINUTE_MS, day: DAY_MS };

function rateSchedule(expression: string, body: string, start: Date, fail: Fail): Schedule {
  const [value = '', unit = '', ...rest] = body.trim().split(/\s+/);
  if (rest.length > 0 || unit === '') fail('expected rate(value unit)');
  if (!/^[1-9]\d*$/.test(value)) fail(`rate value '${value}' is not a positive integer`);
  const count = Number(value);
  const singular = unit.endsWith('s') ? unit.slice(0, -1) : unit;
  const unitMs = RATE_UNITS[singular];
  if (unitMs === undefined) fail(`unknown rate unit '${unit}' (expected minute(s), hour(s) or day(s))`);
  // AWS requires the singular unit for a value of 1 and the plural otherwise: rate(1 hour), rate(5 hours).
  const expected = count === 1 ? singular : `${singular}s`;
  if (unit !== expected) fail(`rate unit must be '${expected}' when the value is ${count}`);
  const anchor = start.getTime();
  if (Number.isNaN(anchor)) fail('start is not a valid date');
  // A day is a fixed 24 hours, also across daylight saving changes, as AWS documents.
  const period = count * unitMs;
  return {
    expression,
    next(after) {
      const elapsed = after.getTime() - anchor;
      if (elapsed < 0) return new Date(anchor);
      return new Date(anchor + (Math.floor(elapsed / period) + 1) * period);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// at(yyyy-mm-ddThh:mm:ss)

function atSchedule(expression: string, body: string, zone: Zone, fail: Fail): Schedule {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!match) fail('expected at(yyyy-mm-ddThh:mm:ss)');
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12) fail(`month ${month} is out of range 1-12`);
  if (day < 1 || day > daysInMonth(year, month)) fail(`day ${day} does not exist in ${body.slice(0, 7)}`);
  if (hour > 23 || minute > 59 || second > 59) fail(`time ${body.slice(11)} is not a valid time of day`);
  const instant = zone.toInstant(year, month, day, hour, minute, second);
  if (instant === undefined) fail(`${body} does not exist in ${zone.name} (skipped by a daylight saving change)`);
  return { expression, next: (after) => (instant > after.getTime() ? new Date(instant) : undefined) };
}

// ---------------------------------------------------------------------------------------------------------------------
// cron(minutes hours day-of-month month day-of-week year)

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** The wildcards among `/ ? #` that the AWS field table allows; `, - *` are allowed everywhere, L and W are parsed apart. */
  readonly wildcards: string;
  readonly names?: readonly string[];
}

const MINUTES: Field = { name: 'minutes', min: 0, max: 59, wildcards: '/' };
const HOURS: Field = { name: 'hours', min: 0, max: 23, wildcards: '/' };
const DAY_OF_MONTH: Field = { name: 'day-of-month', min: 1, max: 31, wildcards: '/?' };
const MONTH: Field = {
  name: 'month',
  min: 1,
  max: 12,
  wildcards: '/',
  names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
};
// AWS numbers the days of the week 1-7 from Sunday (Quartz style), not 0-6 as Unix cron does.
const DAY_OF_WEEK: Field = {
  name: 'day-of-week',
  min: 1,
  max: 7,
  wildcards: '?#',
  names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
};
const YEAR: Field = { name: 'year', min: 1970, max: 2199, wildcards: '/' };

/** The days of a month on which a cron schedule fires, ascending. */
type DayRule = (year: number, month: number) => number[];

function cronSchedule(expression: string, body: string, zone: Zone, fail: Fail): Schedule {
  const fields = body.trim().toUpperCase().split(/\s+/);
  if (fields.length !== 6) {
    fail(
      `expected 6 fields (minutes hours day-of-month month day-of-week year), got ${body.trim() === '' ? 0 : fields.length}`,
    );
  }
  const [minuteText = '', hourText = '', domText = '', monthText = '', dowText = '', yearText = ''] = fields;
  const texts: [Field, string][] = [
    [MINUTES, minuteText],
    [HOURS, hourText],
    [DAY_OF_MONTH, domText],
    [MONTH, monthText],
    [DAY_OF_WEEK, dowText],
    [YEAR, yearText],
  ];
  for (const [field, text] of texts) checkWildcards(field, text, fail);
  // AWS cannot combine both day fields: exactly one of them is '?', and the other one picks the days.
  if (domText !== '?' && dowText !== '?') fail("one of day-of-month or day-of-week must be '?'");
  if (domText === '?' && dowText === '?') fail("day-of-month and day-of-week cannot both be '?'");
  const minutes = parseList(MINUTES, minuteText, fail);
  const hours = parseList(HOURS, hourText, fail);
  const months = parseList(MONTH, monthText, fail);
  const years = parseList(YEAR, yearText, fail);
  const days = domText === '?' ? parseDayOfWeek(dowText, fail) : parseDayOfMonth(domText, fail);

  return {
    expression,
    next(after) {
      const afterMs = after.getTime();
      const from = zone.wallClock(afterMs);
      const fromMinuteOfDay = from.hour * 60 + from.minute;
      // Walk the calendar in the schedule's time zone, day by day, and only through the allowed hours and minutes of a
      // matching day; wall times before `after` on its own day are skipped without converting them to instants.
      for (const year of years) {
        if (year < from.year) continue;
        for (const month of months) {
          if (year === from.year && month < from.month) continue;
          const sameMonth = year === from.year && month === from.month;
          for (const day of days(year, month)) {
            if (sameMonth && day < from.day) continue;
            const sameDay = sameMonth && day === from.day;
            for (const hour of hours) {
              for (const minute of minutes) {
                if (sameDay && hour * 60 + minute < fromMinuteOfDay) continue;
                const instant = zone.toInstant(year, month, day, hour, minute, 0);
                if (instant !== undefined && instant > afterMs) return new Date(instant);
              }
            }
          }
        }
      }
      return undefined;
    },
  };
}

function checkWildcards(field: Field, text: string, fail: Fail): void {
  const wildcard = [...text].find((ch) => '/?#'.includes(ch) && !field.wildcards.includes(ch));
  if (wildcard !== undefined) fail(`'${wildcard}' is not allowed in ${field.name}`);
  if (text.includes('?') && text !== '?') fail(`'?' must stand alone in ${field.name}`);
}

/** Parses `,` lists of `*`, values and `a-b` ranges, each optionally followed by a `/n` increment, into ascending values. */
function parseList(field: Field, text: string, fail: Fail): number[] {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range = '', step, ...extra] = item.split('/');
    if (extra.length > 0) fail(`invalid ${field.name} '${item}'`);
    let low: number;
    let high: number;
    if (range === '*') {
      [low, high] = [field.min, field.max];
    } else if (range.includes('-')) {
      const [first = '', last = '', ...more] = range.split('-');
      if (more.length > 0) fail(`invalid ${field.name} range '${range}'`);
      [low, high] = [parseValue(field, first, fail), parseValue(field, last, fail)];
      if (low > high) fail(`${field.name} range '${range}' runs backwards`);
    } else {
      low = parseValue(field, range, fail);
      // `a/n` starts at a and runs to the end of the field: 0/15 in minutes is 0, 15, 30, 45.
      high = step === undefined ? low : field.max;
    }
    const span = field.max - field.min + 1;
    if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1 && Number(step) <= span)) {
      fail(`${field.name} increment '${step}' must be an integer from 1 to ${span}`);
    }
    for (let value = low; value <= high; value += Number(step ?? 1)) values.add(value);
  }
  return [...values].sort((a, b) => a - b);
}

function parseValue(field: Field, token: string, fail: Fail): number {
  const named = field.names?.indexOf(token) ?? -1;
  if (named >= 0) return field.min + named;
  if (!/^\d+$/.test(token)) fail(`invalid ${field.name} value '${token}'`);
  const value = Number(token);
  if (value < field.min || value > field.max)
    fail(`${field.name} value ${value} is out of range ${field.min}-${field.max}`);
  return value;
}

function parseDayOfMonth(text: string, fail: Fail): DayRule {
  if (text === 'L') return (year, month) => [daysInMonth(year, month)];
  const weekday = /^(\d+)W$/.exec(text);
  if (weekday) {
    const target = parseValue(DAY_OF_MONTH, weekday[1] ?? '', fail);
    return (year, month) => nearestWeekday(year, month, target);
  }
  if (/[LW]/.test(text)) fail(`'L' and 'W' must stand alone in day-of-month (as L or nW), got '${text}'`);
  const listed = parseList(DAY_OF_MONTH, text, fail);
  return (year, month) => listed.filter((day) => day <= daysInMonth(year, month));
}

/**
 * `nW` fires on the weekday (Monday-Friday) nearest day n without leaving the month: a Saturday moves back to Friday
 * (or forward to Monday the 3rd when n is the 1st), a Sunday moves forward to Monday (or back to Friday when n is the
 * month's last day). A month without day n has no fire.
 */
function nearestWeekday(year: number, month: number, target: number): number[] {
  const last = daysInMonth(year, month);
  if (target > last) return [];
  const weekday = dayOfWeek(year, month, target);
  if (weekday === 7) return [target === 1 ? 3 : target - 1];
  if (weekday === 1) return [target === last ? target - 2 : target + 1];
  return [target];
}

function parseDayOfWeek(text: string, fail: Fail): DayRule {
  // 'L' alone is the last day of the week, Saturday; 'nL' is the last weekday n of the month (6L: the last Friday).
  if (text === 'L') return weekdaysOf(new Set([7]));
  const last = /^(\w+)L$/.exec(text);
  if (last) {
    const weekday = parseValue(DAY_OF_WEEK, last[1] ?? '', fail);
    return (year, month) => {
      const lastDay = daysInMonth(year, month);
      return [lastDay - ((dayOfWeek(year, month, lastDay) - weekday + 7) % 7)];
    };
  }
  // 'n#k' is the k-th weekday n of the month (3#2: the second Tuesday); months without a k-th one have no fire.
  const nth = /^(\w+)#(\w+)$/.exec(text);
  if (nth) {
    const weekday = parseValue(DAY_OF_WEEK, nth[1] ?? '', fail);
    if (!/^[1-5]$/.test(nth[2] ?? '')) fail(`'#' occurrence '${nth[2]}' must be 1-5`);
    const occurrence = Number(nth[2]);
    return (year, month) => {
      const day = 1 + ((weekday - dayOfWeek(year, month, 1) + 7) % 7) + 7 * (occurrence - 1);
      return day <= daysInMonth(year, month) ? [day] : [];
    };
  }
  if (/[L#]/.test(text)) fail(`'L' and '#' must stand alone in day-of-week (as L, nL or n#k), got '${text}'`);
  return weekdaysOf(new Set(parseList(DAY_OF_WEEK, text, fail)));
}

function weekdaysOf(weekdays: ReadonlySet<number>): DayRule {
  return (year, month) => {
    const days: number[] = [];
    for (let day = 1; day <= daysInMonth(year, month); day += 1)
      if (weekdays.has(dayOfWeek(year, month, day))) days.push(day);
    return days;
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Calendar and time zone arithmetic

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Sunday ... 7 = Saturday, as AWS numbers them. */
function dayOfWeek(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** Converts between instants and wall-clock times of an IANA time zone with Intl, so offsets and DST come from tzdata. */
class Zone {
  private readonly format: Intl.DateTimeFormat;

  constructor(
    readonly name: string,
    fail: Fail,
  ) {
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone: name,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      fail(`unknown time zone '${name}'`);
    }
  }

  wallClock(instant: number): WallClock {
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(instant)) parts[part.type] = Number(part.value);
    const { year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0 } = parts;
    return { year, month, day, hour, minute, second };
  }

  /**
   * The instant the zone's clocks show the given wall time, the earlier one when they show it twice (a schedule fires
   * once when clocks go back), or undefined when they skip it (AWS skips that fire when clocks go forward).
   */
  toInstant(
    year: number,
    month: number,
    day: number,
    hour: number,
    minute: number,
    second: number,
  ): number | undefined {
    const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
    // The offsets a day either side cover both sides of any single transition near that wall time. When clocks go back
    // the offset shrinks, so the candidate from the earlier offset is the earlier instant and is tried first.
    const candidates = [asUtc - this.offset(asUtc - DAY_MS), asUtc - this.offset(asUtc + DAY_MS)];
    return candidates.find((instant) => {
      const wall = this.wallClock(instant);
      return (
        wall.year === year &&
        wall.month === month &&
        wall.day === day &&
        wall.hour === hour &&
        wall.minute === minute &&
        wall.second === second
      );
    });
  }

  /** Wall-clock time minus UTC at an instant, in milliseconds. */
  private offset(instant: number): number {
    const wall = this.wallClock(instant);
    const wholeSeconds = Math.floor(instant / 1000) * 1000;
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - wholeSeconds;
  }
}
