import { DEMO_CATALOGUE } from '../../infra/seed/demo-catalogue';
import { CHECK_IN_ALPHABET, checkInCode, normaliseCode } from '../../shared/domain/appointments/check-in';
import { DEMO_HALLS } from '../../shared/domain/appointments/demo-halls';
import { regionPrefix, withinRegion } from '../../shared/domain/appointments/halls';
import { hallBodySchema } from '../../shared/domain/appointments/model';
import { instantOf, placesFor, slotAvailability, slotGrid, slotsOn } from '../../shared/domain/appointments/slots';
import { SHIPPED_CALENDARS } from '../../shared/domain/calendar/holidays';
import { CalendarNotLoadedError, WorkingDayCalendar } from '../../shared/domain/calendar/working-days';

const calendar = new WorkingDayCalendar(SHIPPED_CALENDARS);
const { id: _centreId, ...centreBody } = DEMO_HALLS[0]!;
const centre = hallBodySchema.parse(centreBody);
const starts = (slots: { start: string }[]) => slots.map((s) => s.start);
const DAY = [
  '09:00',
  '09:30',
  '10:00',
  '10:30',
  '11:00',
  '11:30',
  '14:00',
  '14:30',
  '15:00',
  '15:30',
  '16:00',
  '16:30',
];

describe('a hall’s slots for a date', () => {
  it('cuts the morning and afternoon sessions into 30-minute slots on an ordinary working day', () => {
    const slots = slotsOn(centre, '2026-04-08', calendar); // a Wednesday
    expect(starts(slots)).toEqual(DAY);
    expect(slots[5]).toEqual({ start: '11:30', end: '12:00' });
    expect(slots[6]).toEqual({ start: '14:00', end: '14:30' });
  });

  it('has none on public holidays, weekdays included (清明节 2026-04-06 is a Monday; 国庆节 2025-10-08 a Wednesday)', () => {
    expect(slotsOn(centre, '2026-04-06', calendar)).toEqual([]);
    expect(slotsOn(centre, '2025-10-08', calendar)).toEqual([]);
    expect(slotsOn(centre, '2026-05-01', calendar)).toEqual([]);
  });

  it('has none on an ordinary weekend, but a full day on an official make-up working day (调休)', () => {
    expect(slotsOn(centre, '2026-05-10', calendar)).toEqual([]); // Sunday
    expect(slotsOn(centre, '2026-04-11', calendar)).toEqual([]); // Saturday
    expect(starts(slotsOn(centre, '2026-05-09', calendar))).toEqual(DAY); // Saturday, 劳动节 make-up day
    expect(starts(slotsOn(centre, '2026-02-14', calendar))).toEqual(DAY); // Saturday, 春节 make-up day
    expect(starts(slotsOn(centre, '2025-09-28', calendar))).toEqual(DAY); // Sunday, 国庆节 make-up day
  });

  it('refuses a year whose holiday notice nobody loaded rather than guessing', () => {
    expect(() => slotsOn(centre, '2031-03-03', calendar)).toThrow(CalendarNotLoadedError);
  });

  it('drops a session’s remainder shorter than a slot, and honours the hall’s own closed dates', () => {
    const odd = {
      hours: [
        { from: '09:00', to: '10:00' },
        { from: '13:30', to: '14:15' },
      ],
      slotMinutes: 25,
      closedDates: ['2026-04-09'],
    };
    expect(slotGrid(odd)).toEqual([
      { start: '09:00', end: '09:25' },
      { start: '09:25', end: '09:50' },
      { start: '13:30', end: '13:55' },
    ]);
    expect(slotsOn(odd, '2026-04-09', calendar)).toEqual([]);
    expect(slotsOn(odd, '2026-04-10', calendar)).toHaveLength(3);
  });

  it('places the slot in Asia/Shanghai time', () => {
    expect(instantOf('2026-04-08', '09:00').toISOString()).toBe('2026-04-08T01:00:00.000Z');
  });
});

describe('free places', () => {
  it('sums the capacity of the windows that serve the matter, less what each has booked', () => {
    // FOOD-BUSINESS-LICENCE: W02 (2) and W03 (1); COMPANY-REGISTRATION: W01 (2) and W02 (2).
    const counters = [
      { start: '09:00', windowId: 'W02', booked: 2 },
      { start: '09:00', windowId: 'W01', booked: 1 },
      { start: '09:30', windowId: 'W03', booked: 1 },
    ];
    const food = slotAvailability(centre, 'FOOD-BUSINESS-LICENCE', '2026-04-08', calendar, counters);
    expect(food.slice(0, 3).map((s) => [s.start, s.capacity, s.free])).toEqual([
      ['09:00', 3, 1],
      ['09:30', 3, 2],
      ['10:00', 3, 3],
    ]);
    // W02's places are shared: booked for food, they are gone for company registration too.
    expect(placesFor(centre, 'COMPANY-REGISTRATION', '09:00', counters).map((p) => [p.window.id, p.free])).toEqual([
      ['W01', 1],
      ['W02', 0],
    ]);
    expect(slotAvailability(centre, 'REAL-ESTATE-REGISTRATION', '2026-04-06', calendar, counters)).toEqual([]);
  });

  it('never shows fewer than 0 free when a capacity was lowered below what is booked', () => {
    expect(
      placesFor(centre, 'REAL-ESTATE-REGISTRATION', '09:00', [{ start: '09:00', windowId: 'W04', booked: 5 }])[0]!.free,
    ).toBe(0);
  });
});

describe('the hall shape', () => {
  const valid = { ...DEMO_HALLS[0]!, id: undefined };
  const problems = (change: Record<string, unknown>) => {
    const { id: _id, ...body } = { ...valid, ...change };
    return (hallBodySchema.safeParse(body).error?.issues ?? []).map((i) => i.path.join('.'));
  };

  it('accepts the demo halls, whose windows serve published demo matters that take appointments', () => {
    const codes = new Set(DEMO_CATALOGUE.matters.map((m) => m.code));
    for (const { id: _id, ...hall } of DEMO_HALLS) {
      expect(hallBodySchema.safeParse(hall).error?.issues ?? []).toEqual([]);
      for (const w of hall.windows) expect(w.matters.filter((m) => !codes.has(m))).toEqual([]);
    }
    expect(DEMO_HALLS.map((h) => [h.name, h.regionCode])).toEqual([
      ['福州市行政服务中心', '350100'],
      ['鼓楼区行政服务中心', '350102'],
    ]);
  });

  it('refuses bad hours, slot lengths, capacities and names, naming each field', () => {
    expect(problems({ slotMinutes: 5 })).toEqual(['slotMinutes']);
    expect(problems({ slotMinutes: 121 })).toEqual(['slotMinutes']);
    expect(problems({ hours: [{ from: '12:00', to: '09:00' }] })).toEqual(['hours.0.to']);
    expect(problems({ hours: [{ from: '9:00', to: '12:00' }] })).toEqual(['hours.0.from']);
    expect(
      problems({
        hours: [
          { from: '09:00', to: '12:00' },
          { from: '11:00', to: '17:00' },
        ],
      }),
    ).toEqual(['hours.1.from']);
    expect(problems({ hours: [{ from: '09:00', to: '09:20' }] })).toEqual(['hours.0']);
    expect(problems({ windows: [{ id: 'W01', name: '窗口', matters: ['SEAL-FILING'], capacity: 0 }] })).toEqual([
      'windows.0.capacity',
    ]);
    expect(problems({ windows: [{ id: 'W01', name: '窗口', matters: [], capacity: 1 }] })).toEqual([
      'windows.0.matters',
    ]);
    expect(problems({ windows: [DEMO_HALLS[0]!.windows[0], DEMO_HALLS[0]!.windows[0]] })).toEqual(['windows.1.id']);
    expect(problems({ name: '福州市办事大厅' })).toEqual(['name']);
    expect(problems({ name: '鼓楼区东街街道便民服务中心' })).toEqual([]);
  });
});

describe('regions and codes', () => {
  it('a city covers its districts, a province its cities, a district itself', () => {
    expect(regionPrefix('350100')).toBe('3501');
    expect(regionPrefix('350000')).toBe('35');
    expect(withinRegion('350102', '350100')).toBe(true);
    expect(withinRegion('350100', '350102')).toBe(false);
    expect(withinRegion('350203', '350100')).toBe(false);
  });

  it('draws 8-character check-in codes without look-alikes, and reads them back forgivingly', () => {
    const codes = Array.from({ length: 200 }, checkInCode);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(new Set(codes).size).toBe(200);
    expect(CHECK_IN_ALPHABET).not.toMatch(/[01ILO]/);
    expect(normaliseCode(' abcd-efgh ')).toBe('ABCDEFGH');
  });
});
