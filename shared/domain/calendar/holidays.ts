/**
 * The shipped holiday calendars, transcribed from the State Council notices:
 *   - 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12)
 *   - 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04, published by Xinhua)
 * Later years are loaded by administrators at run time (see yearCalendarSchema). A make-up working day carries
 * the name of the holiday whose arrangement it belongs to.
 */
import type { YearCalendar } from './working-days';

type Day = YearCalendar['holidays'][number];

/** Every date from `first` to `last` inclusive, as the notices write holidays ("1月28日至2月4日"). */
function span(name: string, first: string, last: string): Day[] {
  const days: Day[] = [];
  for (let ms = Date.parse(`${first}T00:00:00Z`); ms <= Date.parse(`${last}T00:00:00Z`); ms += 86_400_000) {
    days.push({ date: new Date(ms).toISOString().slice(0, 10), name });
  }
  return days;
}

const on = (name: string, ...dates: string[]): Day[] => dates.map((date) => ({ date, name }));

/** Frozen all the way down: shared module data must not be edited in place by one caller for all. */
function frozen(calendars: YearCalendar[]): readonly YearCalendar[] {
  for (const c of calendars) {
    for (const d of [...c.holidays, ...c.workdays]) Object.freeze(d);
    Object.freeze(c.holidays);
    Object.freeze(c.workdays);
    Object.freeze(c);
  }
  return Object.freeze(calendars);
}

export const SHIPPED_CALENDARS: readonly YearCalendar[] = frozen([
  {
    year: 2025,
    holidays: [
      ...span('元旦', '2025-01-01', '2025-01-01'),
      ...span('春节', '2025-01-28', '2025-02-04'),
      ...span('清明节', '2025-04-04', '2025-04-06'),
      ...span('劳动节', '2025-05-01', '2025-05-05'),
      ...span('端午节', '2025-05-31', '2025-06-02'),
      // The notice merges the two: 中秋节 (10-06) falls inside the 国庆节 week.
      ...span('国庆节、中秋节', '2025-10-01', '2025-10-08'),
    ],
    workdays: [
      ...on('春节', '2025-01-26', '2025-02-08'),
      ...on('劳动节', '2025-04-27'),
      ...on('国庆节、中秋节', '2025-09-28', '2025-10-11'),
    ],
  },
  {
    year: 2026,
    holidays: [
      ...span('元旦', '2026-01-01', '2026-01-03'),
      ...span('春节', '2026-02-15', '2026-02-23'),
      ...span('清明节', '2026-04-04', '2026-04-06'),
      ...span('劳动节', '2026-05-01', '2026-05-05'),
      ...span('端午节', '2026-06-19', '2026-06-21'),
      ...span('中秋节', '2026-09-25', '2026-09-27'),
      ...span('国庆节', '2026-10-01', '2026-10-07'),
    ],
    workdays: [
      ...on('元旦', '2026-01-04'),
      ...on('春节', '2026-02-14', '2026-02-28'),
      ...on('劳动节', '2026-05-09'),
      ...on('国庆节', '2026-09-20', '2026-10-10'),
    ],
  },
]);
