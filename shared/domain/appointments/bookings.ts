import { randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal';
import {
  appointmentBooked,
  appointmentCancelled,
  appointmentEvent,
  appointmentRescheduled,
} from '../../contracts/appointment-events';
import { canSee, reachCase } from '../applications/access';
import { appointmentPolicy } from '../catalogue/model';
import { ConflictError, NotFoundError, RuleViolationError } from '../errors';
import { requireHall, requireServed } from './halls';
import { type Appointment, CheckInCodeTakenError, type Hall, type Place } from './model';
import type { AppointmentDeps } from './ports';
import { eventDetail, requireBookableSlot, rule, startsAt, withPlace } from './booking-rules';
import { checkInCode } from './check-in';

/**
 * The applicant's bookings: book, reschedule, cancel. Every change is written with its event in one transaction;
 * places are taken by a conditional counter update (withPlace), so concurrent bookers can never overbook a slot, and
 * a lost race is retried while places remain. Check-in is in check-in.ts, the hourly reminders and no-shows in
 * booking-sweeps.ts.
 */

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
