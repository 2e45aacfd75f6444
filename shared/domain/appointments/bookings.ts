import { eachIsolated, type SweepFailure } from '../sweep';
import { randomInt, randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal';
import type { OutboxEvent } from '../events';
import {
  appointmentBooked,
  appointmentCancelled,
  appointmentCheckedIn,
  appointmentEvent,
  appointmentNoShow,
  appointmentReminderDue,
  appointmentRescheduled,
  type AppointmentEventBase,
} from '../../contracts/appointment-events';
import { canSee, reachCase } from '../applications/access';
import { toShanghaiDate } from '../calendar/working-days';
import { appointmentPolicy } from '../catalogue/model';
import {
  ConcurrentChangeError,
  ConflictError,
  type ErrorDetail,
  NotFoundError,
  RuleViolationError,
  ThrottledError,
} from '../errors';
import { openOn, requireHall, requireHallAccess, requireServed } from './halls';
import {
  type Appointment,
  CHECK_IN_EARLY_MINUTES,
  CheckInCodeTakenError,
  type Hall,
  type Place,
  PlaceRaceLostError,
} from './model';
import type { AppointmentDeps } from './ports';
import { instantOf, placesFor, slotGrid } from './slots';

/**
 * Bookings: book, reschedule, cancel, check in; the hourly reminders and no-shows. Every change is written with its
 * event in one transaction; places are taken by a conditional counter update, so concurrent bookers can never
 * overbook a slot, and a lost race is retried while places remain.
 */

/** 8 characters without look-alikes (no 0/O, 1/I/L): 31^8 ≈ 8.5 × 10^11 codes. */
export const CHECK_IN_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CHECK_IN_CODE_LENGTH = 8;
export const checkInCode = () =>
  Array.from({ length: CHECK_IN_CODE_LENGTH }, () => CHECK_IN_ALPHABET[randomInt(CHECK_IN_ALPHABET.length)]).join('');
export const normaliseCode = (code: string) => code.trim().toUpperCase().replace(/[\s-]/g, '');

/** Attempts at a slot before giving up with 429 while places still show free (a storm of concurrent bookers). */
const MAX_ATTEMPTS = 40;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

const rule = (path: string, name: string, message: string, messageZh?: string): ErrorDetail => ({
  path,
  rule: name,
  message,
  ...(messageZh ? { messageZh } : {}),
});
const backoff = (attempt: number) => new Promise((r) => setTimeout(r, randomInt(2, 10 + Math.min(attempt, 10) * 10)));
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** An instant's wall-clock time in Asia/Shanghai (UTC+8 all year). */
const shanghaiTime = (instant: Date) => new Date(instant.getTime() + 8 * HOUR_MS).toISOString().slice(11, 16);
const startsAt = (a: Pick<Appointment, 'date' | 'start'>) => instantOf(a.date, a.start);
const slotFull = (hall: Hall, matterCode: string, date: string, start: string) =>
  new ConflictError(`The slot ${date} ${start} at ${hall.name} is full for ${matterCode}`, [
    rule('start', 'full', `no free place at ${start} on ${date}`, '该时段已约满'),
  ]);

/** A slot on the hall's grid, on a day it opens, not begun yet. */
async function requireBookableSlot(deps: AppointmentDeps, hall: Hall, date: string, start: string) {
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

function eventDetail(a: Appointment, eventId: string, at: Date): AppointmentEventBase {
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
async function withPlace<T>(
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

export interface BookingInput {
  readonly hallId: string;
  readonly matterCode: string;
  readonly date: string;
  readonly start: string;
  readonly caseId?: string;
}

export async function book(
  deps: AppointmentDeps,
  principal: Principal,
  input: BookingInput,
): Promise<Appointment & { hallName: string; windowName: string }> {
  const hall = await requireHall(deps, input.hallId);
  requireServed(hall, input.matterCode);
  const matter = await deps.catalogue.matter(input.matterCode).catch((error: unknown) => {
    if (error instanceof NotFoundError)
      throw new NotFoundError(`No published matter ${input.matterCode}`, [
        rule('matterCode', 'published', `${input.matterCode} is not a published matter`, '事项不存在或未发布'),
      ]);
    throw error;
  });
  if (appointmentPolicy(matter.content) === 'none')
    throw new RuleViolationError(`${input.matterCode} takes no appointments`, [
      rule('matterCode', 'appointment', 'this matter is served without appointment', '该事项无需预约'),
    ]);
  const slot = await requireBookableSlot(deps, hall, input.date, input.start);
  if (input.caseId) {
    const record = await deps.cases.get(input.caseId);
    if (!record || !canSee(record, principal))
      throw new NotFoundError(`No case ${input.caseId}`, [
        rule('caseId', 'exists', `no case ${input.caseId} of yours`),
      ]);
    if (principal.role === 'agent') await reachCase(record, principal, input.caseId, deps);
    const matters = record.kind === 'bundle' ? (record.members ?? []).map((m) => m.matterCode) : [record.matterCode];
    if (!matters.includes(input.matterCode))
      throw new RuleViolationError(`Case ${input.caseId} is not about ${input.matterCode}`, [
        rule('caseId', 'matter', `the case is about ${matters.join(', ')}`),
      ]);
  }

  return withPlace(deps, hall, input.matterCode, input.date, input.start, async (place, windowName) => {
    // A check-in code collision draws another code, with the same place.
    for (;;) {
      const now = deps.now();
      const appointment: Appointment = {
        id: randomUUID(),
        hallId: hall.id,
        regionCode: hall.regionCode,
        windowId: place.windowId,
        matterCode: input.matterCode,
        department: matter.content.department,
        date: input.date,
        start: slot.start,
        end: slot.end,
        applicantSub: principal.sub,
        bookedBy: principal.role === 'agent' ? 'agent' : 'applicant',
        ...(input.caseId ? { caseId: input.caseId } : {}),
        checkInCode: checkInCode(),
        status: 'BOOKED',
        revision: 1,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      };
      const event = appointmentEvent(appointmentBooked, eventDetail(appointment, randomUUID(), now));
      try {
        await deps.store.book(appointment, place, event);
        return { ...appointment, hallName: hall.name, windowName };
      } catch (error) {
        if (!(error instanceof CheckInCodeTakenError)) throw error;
      }
    }
  });
}

/** The owner's booking; anyone else's is not found (its existence is not revealed). */
export async function requireOwn(
  deps: Pick<AppointmentDeps, 'store'>,
  principal: Principal,
  id: string,
): Promise<Appointment> {
  const appointment = await deps.store.get(id);
  if (!appointment || appointment.applicantSub !== principal.sub) throw new NotFoundError(`No appointment ${id}`);
  return appointment;
}

function requireChangeable(deps: Pick<AppointmentDeps, 'now'>, a: Appointment, what: string) {
  if (a.status !== 'BOOKED')
    throw new ConflictError(`Appointment ${a.id} is ${a.status}; it cannot be ${what}`, [
      rule('status', 'state', `the booking is ${a.status}`),
    ]);
  if (startsAt(a).getTime() <= deps.now().getTime())
    throw new ConflictError(`The slot ${a.date} ${a.start} has begun; the booking cannot be ${what}`, [
      rule('start', 'started', 'the slot has already begun', '预约时段已开始，无法变更'),
    ]);
}

const placeOf = (a: Appointment, hall: Hall | undefined): Place => ({
  hallId: a.hallId,
  date: a.date,
  start: a.start,
  windowId: a.windowId,
  capacity: hall?.windows.find((w) => w.id === a.windowId)?.capacity ?? 0,
});

/** Moves a booking to another slot of its hall: all or nothing. */
export async function reschedule(
  deps: AppointmentDeps,
  principal: Principal,
  id: string,
  to: { date: string; start: string },
): Promise<Appointment & { hallName: string; windowName: string }> {
  const before = await requireOwn(deps, principal, id);
  requireChangeable(deps, before, 'rescheduled');
  if (before.date === to.date && before.start === to.start)
    throw new RuleViolationError('The booking is already at that time', [
      rule('start', 'unchanged', `already booked for ${to.date} ${to.start}`),
    ]);
  const hall = await requireHall(deps, before.hallId);
  requireServed(hall, before.matterCode);
  const slot = await requireBookableSlot(deps, hall, to.date, to.start);
  return withPlace(deps, hall, before.matterCode, to.date, to.start, async (place, windowName) => {
    const now = deps.now();
    const after: Appointment = {
      ...before,
      date: to.date,
      start: slot.start,
      end: slot.end,
      windowId: place.windowId,
      revision: before.revision + 1,
      updatedAt: now.toISOString(),
      rescheduled: [
        ...(before.rescheduled ?? []),
        { date: before.date, start: before.start, windowId: before.windowId, at: now.toISOString() },
      ],
    };
    const event = appointmentEvent(appointmentRescheduled, {
      ...eventDetail(after, randomUUID(), now),
      previousDate: before.date,
      previousStart: before.start,
      previousWindowId: before.windowId,
    });
    await deps.store.reschedule(before, after, { take: place, release: placeOf(before, hall) }, event);
    return { ...after, hallName: hall.name, windowName };
  });
}

/** Cancels before the slot begins: the place is free again. */
export async function cancel(deps: AppointmentDeps, principal: Principal, id: string): Promise<Appointment> {
  const before = await requireOwn(deps, principal, id);
  requireChangeable(deps, before, 'cancelled');
  const now = deps.now();
  const after: Appointment = {
    ...before,
    status: 'CANCELLED',
    cancelledAt: now.toISOString(),
    updatedAt: now.toISOString(),
    revision: before.revision + 1,
  };
  await deps.store.cancel(
    before,
    after,
    placeOf(before, await deps.store.getHall(before.hallId)),
    appointmentEvent(appointmentCancelled, eventDetail(after, randomUUID(), now)),
  );
  return after;
}

/**
 * A window officer types in the applicant's code. Window tokens carry no hall claim, so any window officer may check
 * in at any hall; the code must belong to this hall. Open from an hour before the slot to the end of the grace.
 */
export async function checkIn(
  deps: AppointmentDeps,
  principal: Principal,
  hallId: string,
  rawCode: string,
): Promise<Appointment> {
  requireHallAccess(await requireHall(deps, hallId, 'params.id'), principal);
  const code = normaliseCode(rawCode);
  const before = await deps.store.findByCheckInCode(hallId, code);
  if (!before || before.hallId !== hallId)
    throw new NotFoundError('No booking with this check-in code at this hall', [
      rule('code', 'exists', 'unknown check-in code', '预约码无效'),
    ]);
  if (before.status === 'CHECKED_IN')
    throw new ConflictError(`Checked in already at ${before.checkedInAt}`, [
      rule('code', 'once', 'this booking is checked in already', '已签到'),
    ]);
  if (before.status === 'CANCELLED')
    throw new ConflictError('The booking was cancelled', [
      rule('code', 'state', 'the booking was cancelled', '预约已取消'),
    ]);
  const now = deps.now();
  const begins = startsAt(before).getTime();
  const tooLate = before.status === 'NO_SHOW' || now.getTime() > begins + deps.noShowGraceMinutes * MINUTE_MS;
  if (tooLate)
    throw new RuleViolationError(`Check-in closed ${deps.noShowGraceMinutes} min after the slot began`, [
      rule(
        'code',
        'too-late',
        `check-in closes ${deps.noShowGraceMinutes} min after ${before.start}`,
        '已超过签到时间',
      ),
    ]);
  if (now.getTime() < begins - CHECK_IN_EARLY_MINUTES * MINUTE_MS) {
    throw new RuleViolationError(
      `Check-in opens ${CHECK_IN_EARLY_MINUTES} min before the slot (${before.date} ${before.start})`,
      [
        rule(
          'code',
          'too-early',
          `check-in opens ${CHECK_IN_EARLY_MINUTES} min before ${before.start} on ${before.date}`,
          '未到签到时间',
        ),
      ],
    );
  }
  const after: Appointment = {
    ...before,
    status: 'CHECKED_IN',
    checkedInAt: now.toISOString(),
    checkedInBy: principal.sub,
    updatedAt: now.toISOString(),
    revision: before.revision + 1,
  };
  try {
    await deps.store.update(
      before,
      after,
      appointmentEvent(appointmentCheckedIn, {
        ...eventDetail(after, randomUUID(), now),
        checkedInAt: after.checkedInAt!,
      }),
    );
  } catch (error) {
    // Two officers typing the same code at once: one wins, the other hears "checked in already".
    if (error instanceof ConcurrentChangeError)
      throw new ConflictError('The booking changed meanwhile (checked in already?)', [
        rule('code', 'once', 'this booking changed meanwhile'),
      ]);
    throw error;
  }
  return after;
}

/** A hall's bookings of one day, for the windows and supervisors who reach the hall (requireHallAccess). */
export async function hallDay(deps: AppointmentDeps, principal: Principal, hallId: string, date: string) {
  const hall = await requireHall(deps, hallId, 'params.id');
  requireHallAccess(hall, principal);
  return { hall, items: await deps.store.listByHallDate(hall.id, date) };
}

/** Each hall's bookings still BOOKED with a start in [from, to] (instants), read a day partition at a time. */
async function bookedBetween(deps: AppointmentDeps, from: Date, to: Date): Promise<Appointment[]> {
  const found: Appointment[] = [];
  const first = toShanghaiDate(from);
  const last = toShanghaiDate(to);
  const halls = await deps.store.listHalls();
  for (const hall of halls) {
    for (let date = first; date <= last; date = addDays(date, 1)) {
      const bounds = {
        ...(date === first ? { from: shanghaiTime(from) } : {}),
        ...(date === last ? { to: shanghaiTime(to) } : {}),
      };
      const items = await deps.store.listByHallDate(hall.id, date, { ...bounds, status: 'BOOKED' });
      found.push(...items.filter((a) => startsAt(a) >= from && startsAt(a) <= to));
    }
  }
  return found;
}

async function tryUpdate(
  deps: AppointmentDeps,
  before: Appointment,
  after: Appointment,
  event: OutboxEvent,
): Promise<boolean> {
  try {
    await deps.store.update(before, after, event);
    return true;
  } catch (error) {
    // The owner cancelled or a window checked in meanwhile: the next run sees the new state.
    if (error instanceof ConcurrentChangeError) return false;
    throw error;
  }
}

/** Hourly: Appointment.ReminderDue.v1 for each booking beginning within the reminder period, once per slot booked. */
export async function sweepReminders(deps: AppointmentDeps): Promise<{ reminded: string[]; failed: SweepFailure[] }> {
  const now = deps.now();
  const reminded: string[] = [];
  const failed: SweepFailure[] = [];
  const due = await bookedBetween(
    deps,
    new Date(now.getTime() + 1),
    new Date(now.getTime() + deps.reminderHours * HOUR_MS),
  );
  // Each booking on its own: one that cannot be written waits for the next hour, the others are reminded now.
  await eachIsolated(
    due,
    (b) => b.id,
    async (before) => {
      const slotKey = `${before.date}T${before.start}`;
      if (before.remindedFor === slotKey) return;
      const after: Appointment = {
        ...before,
        remindedFor: slotKey,
        revision: before.revision + 1,
        updatedAt: now.toISOString(),
      };
      const event = appointmentEvent(appointmentReminderDue, {
        ...eventDetail(after, `${before.id}.reminder.${after.revision}`, now),
        startsAt: `${before.date}T${before.start}:00+08:00`,
        hoursAhead: deps.reminderHours,
      });
      if (await tryUpdate(deps, before, after, event)) reminded.push(before.id);
    },
    failed,
  );
  return { reminded, failed };
}

/** Hourly: bookings whose slot began more than the grace ago and nobody checked in become NO_SHOW, once each. */
export async function sweepNoShows(
  deps: AppointmentDeps,
  lookbackDays = 2,
): Promise<{ noShows: string[]; failed: SweepFailure[] }> {
  const now = deps.now();
  const cutoff = new Date(now.getTime() - deps.noShowGraceMinutes * MINUTE_MS - 1);
  const from = instantOf(addDays(toShanghaiDate(cutoff), -lookbackDays), '00:00');
  const noShows: string[] = [];
  const failed: SweepFailure[] = [];
  await eachIsolated(
    await bookedBetween(deps, from, cutoff),
    (b) => b.id,
    async (before) => {
      const after: Appointment = {
        ...before,
        status: 'NO_SHOW',
        noShowAt: now.toISOString(),
        revision: before.revision + 1,
        updatedAt: now.toISOString(),
      };
      const event = appointmentEvent(appointmentNoShow, {
        ...eventDetail(after, `${before.id}.no-show`, now),
        graceMinutes: deps.noShowGraceMinutes,
      });
      if (await tryUpdate(deps, before, after, event)) noShows.push(before.id);
    },
    failed,
  );
  return { noShows, failed };
}
