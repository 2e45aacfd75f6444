/** What the booking use cases share: rule details, a bookable slot, taking a place in it, an event's base detail. */
import { randomInt } from 'node:crypto';
import type { AppointmentEventBase } from '../../contracts/appointment-events';
import { ConflictError, type ErrorDetail, RuleViolationError, ThrottledError } from '../errors';
import { openOn } from './halls';
import { type Appointment, type Hall, type Place, PlaceRaceLostError } from './model';
import type { AppointmentDeps } from './ports';
import { instantOf, placesFor, slotGrid } from './slots';

/** Attempts at a slot before giving up with 429 while places still show free (a storm of concurrent bookers). */
const MAX_ATTEMPTS = 40;
export const MINUTE_MS = 60_000;

export const rule = (path: string, name: string, message: string, messageZh?: string): ErrorDetail => ({
  path,
  rule: name,
  message,
  ...(messageZh ? { messageZh } : {}),
});
const backoff = (attempt: number) => new Promise((r) => setTimeout(r, randomInt(2, 10 + Math.min(attempt, 10) * 10)));
export const startsAt = (a: Pick<Appointment, 'date' | 'start'>) => instantOf(a.date, a.start);
const slotFull = (hall: Hall, matterCode: string, date: string, start: string) =>
  new ConflictError(`The slot ${date} ${start} at ${hall.name} is full for ${matterCode}`, [
    rule('start', 'full', `no free place at ${start} on ${date}`, '该时段已约满'),
  ]);

/** A slot on the hall's grid, on a day it opens, not begun yet. */
export async function requireBookableSlot(deps: AppointmentDeps, hall: Hall, date: string, start: string) {
  const slot = slotGrid(hall).find((s) => s.start === start);
  if (!slot) {
    const grid = slotGrid(hall).map((s) => s.start);
    throw new RuleViolationError(`${start} is not a slot start at ${hall.name}`, [
      rule(
        'start',
        'grid',
        `slots of ${hall.slotMinutes} min start at ${grid.slice(0, 3).join(', ')}, …`,
        '预约时段不在可选范围内',
      ),
    ]);
  }
  if (!(await openOn(deps, hall, date)))
    throw new RuleViolationError(`${hall.name} is closed on ${date}`, [
      rule('date', 'working-day', `${date} is not a working day of ${hall.id}`, '该日期非工作日'),
    ]);
  if (instantOf(date, start).getTime() <= deps.now().getTime())
    throw new RuleViolationError(`The slot ${date} ${start} has begun`, [
      rule('start', 'past', 'the slot has already begun', '该时段已开始'),
    ]);
  return slot;
}

export function eventDetail(a: Appointment, eventId: string, at: Date): AppointmentEventBase {
  return {
    eventId,
    occurredAt: at.toISOString(),
    appointmentId: a.id,
    hallId: a.hallId,
    regionCode: a.regionCode,
    windowId: a.windowId,
    matterCode: a.matterCode,
    department: a.department,
    date: a.date,
    start: a.start,
    end: a.end,
    applicantSub: a.applicantSub,
    ...(a.caseId ? { caseId: a.caseId } : {}),
  };
}

/**
 * Takes a place in a slot for a matter: reads the slot's counters, picks a serving window with the most free places
 * (ties at random, to spread concurrent bookers), writes; a lost race reads again, until it wins or nothing is free.
 */
export async function withPlace<T>(
  deps: AppointmentDeps,
  hall: Hall,
  matterCode: string,
  date: string,
  start: string,
  write: (place: Place, windowName: string) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const places = placesFor(hall, matterCode, start, await deps.store.slotCounters(hall.id, date, start)).filter(
      (p) => p.free > 0,
    );
    if (places.length === 0) throw slotFull(hall, matterCode, date, start);
    if (attempt >= MAX_ATTEMPTS)
      throw new ThrottledError(`Too many people are booking ${date} ${start} at once; try again`);
    const most = Math.max(...places.map((p) => p.free));
    const best = places.filter((p) => p.free === most);
    const { window } = best[randomInt(best.length)]!;
    try {
      return await write({ hallId: hall.id, date, start, windowId: window.id, capacity: window.capacity }, window.name);
    } catch (error) {
      if (!(error instanceof PlaceRaceLostError)) throw error;
      await backoff(attempt);
    }
  }
}
