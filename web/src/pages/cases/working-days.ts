import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';

/**
 * Working days left until a deadline, on the platform's own holiday calendar (GET /calendars/{year}): the applicant
 * reads "3 working days left" rather than counting weekends and holidays. Unknown (undefined) when a year's calendar
 * is not loaded: the page then shows the date alone.
 */
interface YearDays {
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
}

const years = new Map<number, Promise<YearDays | undefined>>();

function yearDays(year: number): Promise<YearDays | undefined> {
  let found = years.get(year);
  if (!found) {
    found = unwrap(api().GET('/calendars/{year}', { params: { path: { year } } })).then(
      (c) => ({ holidays: new Set(c.holidays.map((h) => h.date)), workdays: new Set(c.workdays.map((w) => w.date)) }),
      () => {
        years.delete(year);
        return undefined;
      },
    );
    years.set(year, found);
  }
  return found;
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** Today in Asia/Shanghai, where the platform's dates live. */
export const shanghaiToday = (): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

/** Working days after `from` up to and including `to`; undefined when a year's calendar is missing. */
async function workingDaysBetween(from: string, to: string): Promise<number | undefined> {
  const first = dayMs(from) + DAY_MS;
  const last = dayMs(to);
  const calendars = new Map<number, YearDays | undefined>();
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year += 1)
    calendars.set(year, await yearDays(year));
  let count = 0;
  for (let day = first; day <= last; day += DAY_MS) {
    const date = isoDay(day);
    const calendar = calendars.get(Number(date.slice(0, 4)));
    if (!calendar) return undefined;
    const weekday = new Date(day).getUTCDay();
    if (calendar.holidays.has(date)) continue;
    if (calendar.workdays.has(date) || (weekday !== 0 && weekday !== 6)) count += 1;
  }
  return count;
}

/** Working days from today to `due`: how many are left, 0 when due today, -1 when overdue. */
export function useWorkingDaysLeft(due: string | undefined): number | undefined {
  const [left, setLeft] = useState<number | undefined>(undefined);
  useEffect(() => {
    setLeft(undefined);
    if (!due || !/^\d{4}-\d{2}-\d{2}$/.test(due)) return;
    const today = shanghaiToday();
    let cancelled = false;
    if (due < today) return setLeft(-1);
    void workingDaysBetween(today, due).then((n) => !cancelled && setLeft(n));
    return () => {
      cancelled = true;
    };
  }, [due]);
  return left;
}
