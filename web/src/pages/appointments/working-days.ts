import { useEffect, useMemo, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { type Lang, useLang } from '../../i18n/i18n';

/** Today in Asia/Shanghai, where the halls are, as YYYY-MM-DD. */
export function shanghaiToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

function addDays(day: string, n: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

interface YearDays {
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
}

const calendars = new Map<number, Promise<YearDays | undefined>>();

/** A year's holidays and make-up working days; undefined when that year's calendar is not loaded yet (404). */
function yearDays(year: number): Promise<YearDays | undefined> {
  let found = calendars.get(year);
  if (!found) {
    found = unwrap(api().GET('/calendars/{year}', { params: { path: { year } } })).then(
      (c) => ({ holidays: new Set(c.holidays.map((h) => h.date)), workdays: new Set(c.workdays.map((w) => w.date)) }),
      () => {
        calendars.delete(year);
        return undefined;
      },
    );
    calendars.set(year, found);
  }
  return found;
}

/**
 * The next `count` working days from today (today included): the calendar's holidays are off, its make-up days
 * (调休) on, otherwise Monday to Friday. Days of a year whose calendar is not loaded are left out, since the halls
 * cannot give their slots either.
 */
export function useUpcomingWorkingDays(count = 10): string[] | undefined {
  const [days, setDays] = useState<string[] | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    const today = shanghaiToday();
    const year = Number(today.slice(0, 4));
    void Promise.all([yearDays(year), yearDays(year + 1)]).then((years) => {
      const found: string[] = [];
      for (let i = 0; found.length < count && i < 60; i++) {
        const day = addDays(today, i);
        const calendar = years[Number(day.slice(0, 4)) - year];
        if (!calendar) continue;
        const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
        if (calendar.workdays.has(day) || (!calendar.holidays.has(day) && weekday >= 1 && weekday <= 5))
          found.push(day);
      }
      if (!cancelled) setDays(found);
    });
    return () => {
      cancelled = true;
    };
  }, [count]);
  return days;
}

/** '12月7日周一' / 'Mon 7 Dec': a day as people read it in a list of days (short enough for two columns on a phone). */
export function useDayLabel(): (day: string) => string {
  const { lang } = useLang();
  return useMemo(() => dayLabel(lang), [lang]);
}

function dayLabel(lang: Lang): (day: string) => string {
  const format = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    month: lang === 'zh' ? 'long' : 'short',
    day: 'numeric',
    weekday: 'short',
  });
  return (day) => format.format(new Date(`${day}T12:00:00+08:00`));
}
