import type { Hall, HallWindow, SlotCounter } from './model';

/**
 * A hall's slots, computed (never stored): each opening session cut into slots of the hall's length, on working days
 * of the catalogue's calendar only. Holidays have none; an official make-up working day (调休, a Saturday or Sunday)
 * has the full day. Times are Asia/Shanghai wall-clock times; China has no daylight saving, so +08:00 always holds.
 */
export interface Slot {
  readonly start: string;
  readonly end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
export const timeOf = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** Every slot of an open day: a session's last, shorter remainder is not a slot. */
export function slotGrid(hall: Pick<Hall, 'hours' | 'slotMinutes'>): Slot[] {
  const slots: Slot[] = [];
  for (const session of hall.hours) {
    const end = minutesOf(session.to);
    for (let start = minutesOf(session.from); start + hall.slotMinutes <= end; start += hall.slotMinutes) {
      slots.push({ start: timeOf(start), end: timeOf(start + hall.slotMinutes) });
    }
  }
  return slots;
}

/** Whether the hall opens on a date. Throws CalendarNotLoadedError for a year without a calendar (never guessed). */
export function isOpenOn(
  hall: Pick<Hall, 'closedDates'>,
  date: string,
  calendar: { isWorkingDay(date: string): boolean },
): boolean {
  return calendar.isWorkingDay(date) && !(hall.closedDates ?? []).includes(date);
}

/** The hall's slots on a date: none on a day off. */
export function slotsOn(
  hall: Pick<Hall, 'hours' | 'slotMinutes' | 'closedDates'>,
  date: string,
  calendar: { isWorkingDay(date: string): boolean },
): Slot[] {
  return isOpenOn(hall, date, calendar) ? slotGrid(hall) : [];
}

/** The instant a slot's time of day is reached on a date, in Asia/Shanghai. */
export function instantOf(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** The windows that serve a matter. */
export function servingWindows(hall: Pick<Hall, 'windows'>, matterCode: string): HallWindow[] {
  return hall.windows.filter((w) => w.matters.includes(matterCode));
}

export interface WindowPlaces {
  readonly window: HallWindow;
  readonly free: number;
}

/** A matter's places in one slot: per serving window, its capacity less what is booked (never below 0). */
export function placesFor(
  hall: Pick<Hall, 'windows'>,
  matterCode: string,
  start: string,
  counters: readonly SlotCounter[],
): WindowPlaces[] {
  return servingWindows(hall, matterCode).map((window) => {
    const booked = counters.find((c) => c.start === start && c.windowId === window.id)?.booked ?? 0;
    return { window, free: Math.max(0, window.capacity - booked) };
  });
}

/** A matter's capacity and free places in each slot of a day. */
export function slotAvailability(
  hall: Pick<Hall, 'windows' | 'hours' | 'slotMinutes' | 'closedDates'>,
  matterCode: string,
  date: string,
  calendar: { isWorkingDay(date: string): boolean },
  counters: readonly SlotCounter[],
) {
  return slotsOn(hall, date, calendar).map((slot) => {
    const places = placesFor(hall, matterCode, slot.start, counters);
    return {
      ...slot,
      capacity: places.reduce((n, p) => n + p.window.capacity, 0),
      free: places.reduce((n, p) => n + p.free, 0),
    };
  });
}
