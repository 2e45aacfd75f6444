import { ZodError } from 'zod';
import { SHIPPED_CALENDARS } from '../../shared/domain/calendar/holidays';
import { redate } from '../../shared/domain/calendar/redate';
import { noticeDue } from '../../shared/domain/calendar/provisional';
import {
  CalendarNotLoadedError,
  toShanghaiDate,
  WorkingDayCalendar,
  type YearCalendar,
  yearCalendarSchema,
} from '../../shared/domain/calendar/working-days';

const calendar = new WorkingDayCalendar(SHIPPED_CALENDARS);

/** Every date from first to last inclusive. */
function dates(first: string, last: string): string[] {
  const out: string[] = [];
  for (let ms = Date.parse(`${first}T00:00:00Z`); ms <= Date.parse(`${last}T00:00:00Z`); ms += 86_400_000) {
    out.push(new Date(ms).toISOString().slice(0, 10));
  }
  return out;
}
const previousDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/** The notices, written out again here so that a typo in holidays.ts fails a test. */
const NOTICES = {
  2025: {
    off: [
      ...dates('2025-01-01', '2025-01-01'),
      ...dates('2025-01-28', '2025-02-04'),
      ...dates('2025-04-04', '2025-04-06'),
      ...dates('2025-05-01', '2025-05-05'),
      ...dates('2025-05-31', '2025-06-02'),
      ...dates('2025-10-01', '2025-10-08'),
    ],
    on: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    off: [
      ...dates('2026-01-01', '2026-01-03'),
      ...dates('2026-02-15', '2026-02-23'),
      ...dates('2026-04-04', '2026-04-06'),
      ...dates('2026-05-01', '2026-05-05'),
      ...dates('2026-06-19', '2026-06-21'),
      ...dates('2026-09-25', '2026-09-27'),
      ...dates('2026-10-01', '2026-10-07'),
    ],
    on: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
} as const;

/** Illustrative only, NOT the real 2027 notice: stands in for what an administrator loads at run time. */
const FIXTURE_2027: YearCalendar = {
  year: 2027,
  holidays: dates('2027-01-01', '2027-01-03').map((date) => ({ date, name: '元旦' })),
  workdays: [{ date: '2027-01-09', name: '元旦' }], // a Saturday
};

/** The zod issue paths of a refused calendar, dotted. */
function refusedPaths(input: unknown): string[] {
  const result = yearCalendarSchema.safeParse(input);
  if (result.success) throw new Error('expected the calendar to be refused');
  return result.error.issues.map((issue) => issue.path.join('.'));
}

describe('the acceptance case from the issue', () => {
  it('20 working days from Friday 2025-09-26 end on 2025-10-30, across the 国庆 week and both make-up days', () => {
    // Counted by hand, the 26th itself not counted:
    // 9/27 Sat off; 9/28 Sun make-up → 1; 9/29 → 2; 9/30 → 3; 10/1–10/8 holiday;
    // 10/9 → 4; 10/10 → 5; 10/11 Sat make-up → 6; 10/12 Sun off; 10/13–10/17 → 7..11;
    // 10/20–10/24 → 12..16; 10/27 → 17; 10/28 → 18; 10/29 → 19; 10/30 → 20.
    expect(calendar.addWorkingDays('2025-09-26', 20)).toBe('2025-10-30');
    expect(calendar.workingDaysBetween('2025-09-26', '2025-10-30')).toBe(20);
  });
});

describe('shipped holiday data matches the State Council notices', () => {
  it('every shipped calendar passes the schema it asks administrators to meet', () => {
    for (const c of SHIPPED_CALENDARS) expect(yearCalendarSchema.parse(c)).toEqual(c);
  });

  it('ships exactly 2025 and 2026', () => {
    expect(SHIPPED_CALENDARS.map((c) => c.year)).toEqual([2025, 2026]);
    expect(calendar.years).toEqual([2025, 2026]);
  });

  it.each([2025, 2026] as const)('%i holidays and make-up days are exactly those of the notice', (year) => {
    const shipped = SHIPPED_CALENDARS.find((c) => c.year === year);
    expect(shipped?.holidays.map((h) => h.date)).toEqual(NOTICES[year].off);
    expect(shipped?.workdays.map((w) => w.date).sort()).toEqual([...NOTICES[year].on].sort());
  });

  it.each([2025, 2026] as const)(
    'every day of %i is a working day exactly when the notice and the weekday say so',
    (year) => {
      const off = new Set<string>(NOTICES[year].off);
      const on = new Set<string>(NOTICES[year].on);
      for (const date of dates(`${year}-01-01`, `${year}-12-31`)) {
        const expected = !off.has(date) && (on.has(date) || !isWeekend(date));
        if (calendar.isWorkingDay(date) !== expected) throw new Error(`${date}: expected working=${expected}`);
      }
    },
  );

  it.each([2025, 2026] as const)(
    '%i has 248 working days: 261 weekdays less 13 statutory holidays, bridges paid back',
    (year) => {
      expect(calendar.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`)).toBe(248);
    },
  );

  it('every holiday is off and every make-up day is on, including each weekend make-up day', () => {
    for (const c of SHIPPED_CALENDARS) {
      for (const h of c.holidays) expect([h.date, calendar.isWorkingDay(h.date)]).toEqual([h.date, false]);
      for (const w of c.workdays)
        expect([w.date, isWeekend(w.date), calendar.isWorkingDay(w.date)]).toEqual([w.date, true, true]);
    }
  });

  it('names every day with the holiday of its notice item', () => {
    const names = new Set(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
    for (const c of SHIPPED_CALENDARS) {
      for (const d of [...c.holidays, ...c.workdays]) {
        for (const part of d.name.split('、')) expect(names).toContain(part);
      }
    }
    const names2026 = SHIPPED_CALENDARS.find((c) => c.year === 2026)?.holidays.map((h) => h.name);
    expect(new Set(names2026)).toEqual(names);
  });

  it('is frozen, so no caller can edit the shared data in place', () => {
    const first = SHIPPED_CALENDARS[0] as YearCalendar;
    expect(Object.isFrozen(SHIPPED_CALENDARS)).toBe(true);
    expect(Object.isFrozen(first.holidays)).toBe(true);
    expect(Object.isFrozen(first.holidays[0])).toBe(true);
  });
});

describe('isWorkingDay', () => {
  it('treats an ordinary Saturday and Sunday as off and Monday to Friday as on', () => {
    expect(dates('2025-03-08', '2025-03-14').map((d) => calendar.isWorkingDay(d))).toEqual([
      false,
      false,
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it('treats a weekday holiday as off and a weekend make-up day as on', () => {
    expect(calendar.isWorkingDay('2025-10-01')).toBe(false); // Wednesday, 国庆节
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true); // Sunday, make-up day
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true); // Saturday, make-up day
  });

  it('refuses a malformed or impossible date', () => {
    expect(() => calendar.isWorkingDay('2025-02-29')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2025-9-1')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2025-09-01T00:00:00Z')).toThrow(RangeError);
  });
});

describe('addWorkingDaysProvisionally', () => {
  it('answers as addWorkingDays while every year is loaded', () => {
    expect(calendar.addWorkingDaysProvisionally('2025-09-26', 20)).toEqual({
      date: calendar.addWorkingDays('2025-09-26', 20),
      provisional: false,
    });
  });

  it('counts Monday to Friday in a year whose notice is not loaded, and says so (addWorkingDays gives the same date)', () => {
    const last = Math.max(...calendar.years);
    // From 28 December of the last loaded year: the loaded days first, then weekdays of the next year.
    const start = `${last}-12-28`;
    const { date, provisional } = calendar.addWorkingDaysProvisionally(start, 30);
    expect(calendar.addWorkingDays(start, 30)).toBe(date);
    expect(provisional).toBe(true);
    const loaded = calendar.workingDaysBetween(start, `${last}-12-31`);
    let weekdays = 0;
    let day = new Date(`${last + 1}-01-01T00:00:00Z`);
    for (; ; day = new Date(day.getTime() + 86_400_000)) {
      if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) weekdays += 1;
      if (loaded + weekdays === 30) break;
    }
    expect(date).toBe(day.toISOString().slice(0, 10));
  });
});

describe('addWorkingDays', () => {
  it('returns the start itself for n = 0, even on a holiday', () => {
    expect(calendar.addWorkingDays('2025-10-03', 0)).toBe('2025-10-03');
  });

  it('n = 1 from an ordinary Friday lands on the next Monday', () => {
    expect(calendar.addWorkingDays('2025-03-07', 1)).toBe('2025-03-10');
  });

  it('n = 1 from the Friday before a make-up Sunday lands on that Sunday', () => {
    expect(calendar.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
  });

  it('starting on a Saturday or Sunday counts from the next working day', () => {
    expect(calendar.addWorkingDays('2025-03-08', 1)).toBe('2025-03-10');
    expect(calendar.addWorkingDays('2025-03-09', 1)).toBe('2025-03-10');
    // 3/11..3/14 → 1..4, 3/17 → 5.
    expect(calendar.addWorkingDays('2025-03-10', 5)).toBe('2025-03-17');
  });

  it('starting on a holiday counts from the first working day after the holiday', () => {
    expect(calendar.addWorkingDays('2025-10-03', 1)).toBe('2025-10-09');
    expect(calendar.addWorkingDays('2026-02-15', 1)).toBe('2026-02-24');
  });

  it('starting on a make-up day does not count that day', () => {
    expect(calendar.addWorkingDays('2025-09-28', 1)).toBe('2025-09-29');
    expect(calendar.addWorkingDays('2025-10-11', 1)).toBe('2025-10-13'); // Sat make-up → Sun off → Mon
  });

  it('spans 春节 2025, counting both make-up days', () => {
    // From Fri 1/24: 1/25 Sat off; 1/26 Sun make-up → 1; 1/27 → 2; 1/28–2/4 off; 2/5 → 3; 2/6 → 4; 2/7 → 5;
    // 2/8 Sat make-up → 6; 2/9 Sun off; 2/10 → 7.
    expect([5, 6, 7].map((n) => calendar.addWorkingDays('2025-01-24', n))).toEqual([
      '2025-02-07',
      '2025-02-08',
      '2025-02-10',
    ]);
  });

  it('spans 春节 2026, counting both make-up Saturdays', () => {
    // From Fri 2/13: 2/14 Sat make-up → 1; 2/15–2/23 off; 2/24..2/27 → 2..5; 2/28 Sat make-up → 6; 3/1 Sun off; 3/2 → 7.
    expect([1, 2, 5, 6, 7].map((n) => calendar.addWorkingDays('2026-02-13', n))).toEqual([
      '2026-02-14',
      '2026-02-24',
      '2026-02-27',
      '2026-02-28',
      '2026-03-02',
    ]);
  });

  it('spans 国庆 2026 with the 中秋 weekend before it', () => {
    // From Thu 9/24: 9/25–9/27 中秋 off; 9/28 → 1; 9/29 → 2; 9/30 → 3; 10/1–10/7 off; 10/8 → 4; 10/9 → 5;
    // 10/10 Sat make-up → 6; 10/11 Sun off; 10/12 → 7.
    expect([3, 4, 6, 7].map((n) => calendar.addWorkingDays('2026-09-24', n))).toEqual([
      '2026-09-30',
      '2026-10-08',
      '2026-10-10',
      '2026-10-12',
    ]);
  });

  it('crosses the year end into 2026, skipping 元旦 and counting the make-up Sunday', () => {
    // From Mon 2025-12-29: 12/30 → 1; 12/31 → 2; 1/1–1/3 off; 1/4 Sun make-up → 3; 1/5 → 4.
    expect([1, 2, 3, 4].map((n) => calendar.addWorkingDays('2025-12-29', n))).toEqual([
      '2025-12-30',
      '2025-12-31',
      '2026-01-04',
      '2026-01-05',
    ]);
  });

  it('does not count working days inside a pause in the middle of the period', () => {
    // From Fri 3/7, 10 days: 3/21 without a pause. Pausing Wed 3/12–Thu 3/13 removes two: 3/10 1, 3/11 2, 3/14 3,
    // 3/17..3/21 4..8, 3/24 9, 3/25 10.
    expect(calendar.addWorkingDays('2025-03-07', 10)).toBe('2025-03-21');
    expect(calendar.addWorkingDays('2025-03-07', 10, [{ from: '2025-03-12', to: '2025-03-13' }])).toBe('2025-03-25');
  });

  it('a pause around the 国庆 week removes only the working days it covers', () => {
    // Pause 9/30–10/10 covers working days 9/30, 10/9, 10/10: the acceptance case moves 3 working days on from 10/30
    // (10/31, 11/3, 11/4).
    expect(calendar.addWorkingDays('2025-09-26', 20, [{ from: '2025-09-30', to: '2025-10-10' }])).toBe('2025-11-04');
  });

  it('a pause covering only holidays and weekends changes nothing', () => {
    expect(calendar.addWorkingDays('2025-09-26', 20, [{ from: '2025-10-01', to: '2025-10-08' }])).toBe('2025-10-30');
  });

  it('a pause that began before the start only removes the working days after the start', () => {
    // 9/20–9/28 covers 9/28 (make-up) after the start; the end moves one working day, to 10/31.
    expect(calendar.addWorkingDays('2025-09-26', 20, [{ from: '2025-09-20', to: '2025-09-28' }])).toBe('2025-10-31');
  });

  it('several pauses add up, and overlapping pauses do not double count', () => {
    const pauses = [
      { from: '2025-03-12', to: '2025-03-13' },
      { from: '2025-03-13', to: '2025-03-14' },
      { from: '2025-03-18', to: '2025-03-18' },
    ];
    // Paused working days: 3/12, 3/13, 3/14, 3/18. Counted: 3/10 1, 3/11 2, 3/17 3, 3/19 4, 3/20 5.
    expect(calendar.addWorkingDays('2025-03-07', 5, pauses)).toBe('2025-03-20');
  });

  it('refuses a negative or fractional n, a bad start date and a pause that ends before it starts', () => {
    expect(() => calendar.addWorkingDays('2025-03-07', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2025-03-07', 1.5)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2025-13-01', 1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2025-03-07', 1, [{ from: '2025-03-14', to: '2025-03-12' }])).toThrow(
      RangeError,
    );
  });
});

describe('workingDaysBetween', () => {
  it('is 0 when to is on or before from', () => {
    expect(calendar.workingDaysBetween('2025-03-10', '2025-03-10')).toBe(0);
    expect(calendar.workingDaysBetween('2025-03-10', '2025-03-03')).toBe(0);
  });

  it('counts after from up to and including to', () => {
    expect(calendar.workingDaysBetween('2025-03-10', '2025-03-11')).toBe(1);
    expect(calendar.workingDaysBetween('2025-03-07', '2025-03-09')).toBe(0); // only the weekend
  });

  it('subtracts the paused working days', () => {
    expect(calendar.workingDaysBetween('2025-09-26', '2025-10-30', [{ from: '2025-09-30', to: '2025-10-10' }])).toBe(
      17,
    );
  });

  it('counts across the year end', () => {
    expect(calendar.workingDaysBetween('2025-12-29', '2026-01-05')).toBe(4);
  });

  it('is the inverse of addWorkingDays for every start date of 2025 and n from 1 to 25', () => {
    for (const start of dates('2025-01-01', '2025-12-31')) {
      for (let n = 1; n <= 25; n += 1) {
        const end = calendar.addWorkingDays(start, n);
        const back = calendar.workingDaysBetween(start, end);
        // The end is the first day reaching n: a working day, one short the day before.
        const ok =
          back === n && calendar.isWorkingDay(end) && calendar.workingDaysBetween(start, previousDay(end)) === n - 1;
        if (!ok) throw new Error(`start ${start}, n ${n}: end ${end}, counted back ${back}`);
      }
    }
  });

  it('is the inverse of addWorkingDays with a pause, for every start date of 2025', () => {
    const pauses = [{ from: '2025-06-10', to: '2025-06-20' }];
    for (const start of dates('2025-01-01', '2025-12-31')) {
      const end = calendar.addWorkingDays(start, 15, pauses);
      if (calendar.workingDaysBetween(start, end, pauses) !== 15) throw new Error(`start ${start}: end ${end}`);
    }
  });
});

describe('years without a calendar', () => {
  it('isWorkingDay throws CalendarNotLoadedError naming the year, never guessing', () => {
    expect(() => calendar.isWorkingDay('2024-12-31')).toThrow(CalendarNotLoadedError);
    try {
      calendar.isWorkingDay('2027-01-04');
      throw new Error('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(CalendarNotLoadedError);
      expect(error).toMatchObject({
        name: 'CalendarNotLoadedError',
        year: 2027,
        message: expect.stringContaining('2027'),
      });
    }
  });

  it('a period running past the last loaded year counts Monday to Friday there and is provisional, never failing', () => {
    expect(calendar.addWorkingDays('2026-12-30', 1)).toBe('2026-12-31');
    expect(calendar.provisionalYears('2026-12-30', '2026-12-31')).toEqual([]);
    // Friday 1 January 2027 counts until the 2027 notice says otherwise.
    expect(calendar.addWorkingDays('2026-12-30', 2)).toBe('2027-01-01');
    expect(calendar.provisionalYears('2026-12-30', '2027-01-01')).toEqual([2027]);
    expect(calendar.provisionalYears('2026-12-30', '2028-01-03')).toEqual([2027, 2028]);
    expect(calendar.workingDaysBetween('2026-12-30', '2027-01-04')).toBe(3);
    expect(calendar.addWorkingDaysProvisionally('2026-12-30', 2)).toEqual({ date: '2027-01-01', provisional: true });
  });

  it('re-dates a provisional deadline by the loaded notice: the same working days from the same start, once', () => {
    const loaded = new WorkingDayCalendar([...SHIPPED_CALENDARS, FIXTURE_2027]);
    const before = loaded.without(2027);
    expect(before.hasYear(2027)).toBe(false);
    expect(loaded.hasYear(2027)).toBe(true);
    // Five working days from Mon 28 Dec 2026: 4 Jan counted Monday to Friday, 5 Jan with 1–3 January off.
    const provisional = before.addWorkingDays('2026-12-28', 5);
    expect(provisional).toBe('2027-01-04');
    expect(redate(before, loaded, '2026-12-28', provisional)).toBe('2027-01-05');
    expect(loaded.provisionalYears('2026-12-28', '2027-01-05')).toEqual([]);
    // A deadline that never reached 2027 does not move.
    expect(redate(before, loaded, '2026-12-21', '2026-12-28')).toBe('2026-12-28');
    // The make-up Saturday 9 January counts: ten days from 28 December end on Monday 11 January.
    expect(redate(before, loaded, '2026-12-28', before.addWorkingDays('2026-12-28', 10))).toBe(
      loaded.addWorkingDays('2026-12-28', 10),
    );
    expect(loaded.addWorkingDays('2026-12-28', 10)).toBe('2027-01-11');
  });

  it('an empty calendar knows no year at all', () => {
    expect(() => new WorkingDayCalendar([]).isWorkingDay('2025-03-10')).toThrow(CalendarNotLoadedError);
  });
});

describe('calendars loaded by administrators', () => {
  const withNextYear = new WorkingDayCalendar([...SHIPPED_CALENDARS, FIXTURE_2027]);

  it('an admin-loaded 2027 calendar makes periods across the 2026 year end work', () => {
    // From Wed 2026-12-30: 12/31 → 1; 2027-01-01..01-03 off (Fri–Sun); 1/4 Mon → 2; ... 1/8 Fri → 6; 1/9 Sat make-up → 7.
    expect([2, 6, 7].map((n) => withNextYear.addWorkingDays('2026-12-30', n))).toEqual([
      '2027-01-04',
      '2027-01-08',
      '2027-01-09',
    ]);
    expect(withNextYear.isWorkingDay('2027-01-10')).toBe(false);
    expect(withNextYear.years).toEqual([2025, 2026, 2027]);
  });

  it('a later calendar for the same year replaces the earlier one', () => {
    const corrected = new WorkingDayCalendar([...SHIPPED_CALENDARS, { year: 2025, holidays: [], workdays: [] }]);
    expect(corrected.isWorkingDay('2025-10-01')).toBe(true); // a plain Wednesday now
    expect(corrected.isWorkingDay('2025-09-28')).toBe(false); // a plain Sunday now
    expect(corrected.isWorkingDay('2026-10-01')).toBe(false); // other years untouched
  });

  it('the constructor refuses an invalid calendar with a ZodError naming the path', () => {
    const bad = { ...FIXTURE_2027, workdays: [{ date: '2027-01-06', name: '元旦' }] }; // a Wednesday
    expect(() => new WorkingDayCalendar([bad])).toThrow(ZodError);
    expect(() => new WorkingDayCalendar([bad])).toThrow(/workdays/);
  });

  it('does not change when the input array is edited afterwards', () => {
    const input: YearCalendar = { year: 2027, holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [] };
    const loaded = new WorkingDayCalendar([input]);
    input.holidays.push({ date: '2027-01-04', name: '元旦' });
    expect(loaded.isWorkingDay('2027-01-04')).toBe(true);
  });
});

describe('yearCalendarSchema refuses invalid calendars, naming the path', () => {
  const base = {
    year: 2027,
    holidays: [{ date: '2027-01-01', name: '元旦' }],
    workdays: [] as { date: string; name: string }[],
  };

  it('a date outside the calendar year', () => {
    const holidays = [...base.holidays, { date: '2026-12-31', name: '元旦' }];
    expect(refusedPaths({ ...base, holidays })).toEqual(['holidays.1.date']);
  });

  it('a date that does not exist or is not YYYY-MM-DD', () => {
    expect(refusedPaths({ ...base, holidays: [{ date: '2027-02-29', name: '春节' }] })).toEqual(['holidays.0.date']);
    expect(refusedPaths({ ...base, holidays: [{ date: '2027-1-1', name: '元旦' }] })).toEqual(['holidays.0.date']);
  });

  it('the same date twice', () => {
    const holidays = [...base.holidays, { date: '2027-01-02', name: '元旦' }, { date: '2027-01-01', name: '元旦' }];
    expect(refusedPaths({ ...base, holidays })).toEqual(['holidays.2.date']);
  });

  it('a date that is both a holiday and a workday', () => {
    expect(
      refusedPaths({
        ...base,
        holidays: [{ date: '2027-01-02', name: '元旦' }],
        workdays: [{ date: '2027-01-02', name: '元旦' }],
      }),
    ).toEqual(['workdays.0.date']);
  });

  it('a make-up workday that is not a Saturday or Sunday', () => {
    const workdays = [
      { date: '2027-01-09', name: '元旦' },
      { date: '2027-01-06', name: '元旦' },
    ];
    const result = yearCalendarSchema.safeParse({ ...base, workdays });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['workdays', 1, 'date'], message: expect.stringMatching(/Saturday or Sunday/) }),
    ]);
  });

  it('a year outside 2000–2100, a missing list and an empty name', () => {
    expect(refusedPaths({ ...base, year: 1999, holidays: [] })).toEqual(['year']);
    expect(refusedPaths({ year: 2027, holidays: [] })).toEqual(['workdays']);
    expect(refusedPaths({ ...base, holidays: [{ date: '2027-01-01', name: '' }] })).toEqual(['holidays.0.name']);
  });

  it('accepts a valid calendar', () => {
    expect(yearCalendarSchema.parse(FIXTURE_2027)).toEqual(FIXTURE_2027);
  });
});

describe('toShanghaiDate', () => {
  it('maps an instant to its date in Asia/Shanghai (UTC+8), around local midnight', () => {
    expect(toShanghaiDate('2025-09-30T15:59:59.999Z')).toBe('2025-09-30');
    expect(toShanghaiDate('2025-09-30T16:00:00Z')).toBe('2025-10-01');
  });

  it('accepts a Date and an instant with an explicit offset', () => {
    expect(toShanghaiDate(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01-01');
    expect(toShanghaiDate('2025-10-01T00:30:00+08:00')).toBe('2025-10-01');
    expect(toShanghaiDate('2025-10-01T00:30:00-05:00')).toBe('2025-10-01'); // 05:30Z = 13:30 in Shanghai
  });

  it('refuses a string without a zone, which would depend on the host time zone, and an invalid instant', () => {
    expect(() => toShanghaiDate('2025-10-01T00:30:00')).toThrow(RangeError);
    expect(() => toShanghaiDate('2025-10-01')).toThrow(RangeError);
    expect(() => toShanghaiDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('feeds the calendar: a filing at 23:30 on 2025-09-26 Shanghai time starts the acceptance period', () => {
    expect(calendar.addWorkingDays(toShanghaiDate('2025-09-26T15:30:00Z'), 20)).toBe('2025-10-30');
  });
});

describe('noticeDue: when administrators are warned that a holiday notice is missing', () => {
  const shipped = new WorkingDayCalendar(SHIPPED_CALENDARS);
  const last = Math.max(...shipped.years);

  it('says nothing before 1 November of the last loaded year', () => {
    expect(noticeDue(shipped, `${last}-10-31`)).toBeUndefined();
    expect(noticeDue(shipped, `${last}-01-02`)).toBeUndefined();
  });

  it('names next year from 1 November until its notice is loaded', () => {
    expect(noticeDue(shipped, `${last}-11-01`)).toBe(last + 1);
    expect(noticeDue(shipped, `${last}-12-31`)).toBe(last + 1);
    const loaded = new WorkingDayCalendar([...SHIPPED_CALENDARS, { year: last + 1, holidays: [], workdays: [] }]);
    expect(noticeDue(loaded, `${last}-11-15`)).toBeUndefined();
  });

  it('names this year when even its notice is missing', () => {
    expect(noticeDue(shipped, `${last + 1}-03-01`)).toBe(last + 1);
  });
});
