import type { Principal } from '../../auth/principal';
import { book, type BookingInput, cancel, requireOwn, reschedule } from './bookings';
import { checkIn, hallDay } from './check-in';
import { listHalls, putHall, requireHall } from './halls';
import type { Appointment, Hall, HallBody } from './model';
import type { AppointmentDeps } from './ports';

/**
 * What callers see of halls and bookings (统一预约), and the use cases of the HTTP API answering with those views:
 * the owner sees the check-in code and the hall's and window's names, staff see who booked but never the code.
 */

/** A hall as anyone sees it: without who last changed it, closed dates always listed. */
export const hallView = ({ updatedBy: _by, ...hall }: Hall) => ({ ...hall, closedDates: hall.closedDates ?? [] });

/** The fields every view of a booking shows. */
function appointmentFields(a: Appointment) {
  return {
    id: a.id,
    hallId: a.hallId,
    windowId: a.windowId,
    matterCode: a.matterCode,
    department: a.department,
    date: a.date,
    start: a.start,
    end: a.end,
    startsAt: `${a.date}T${a.start}:00+08:00`,
    status: a.status,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    ...(a.caseId ? { caseId: a.caseId } : {}),
    ...(a.cancelledAt ? { cancelledAt: a.cancelledAt } : {}),
    ...(a.checkedInAt ? { checkedInAt: a.checkedInAt } : {}),
    ...(a.noShowAt ? { noShowAt: a.noShowAt } : {}),
  };
}

/** The owner's view, with the check-in code and the hall's and window's names where known. */
export function ownerView(a: Appointment, hall?: Hall) {
  const window = hall?.windows.find((w) => w.id === a.windowId);
  return {
    ...appointmentFields(a),
    checkInCode: a.checkInCode,
    ...(hall ? { hallName: hall.name } : {}),
    ...(window ? { windowName: window.name } : {}),
  };
}

/** Staff see who booked (the subject) but never the code the applicant brings. */
export const staffView = (a: Appointment) => ({
  ...appointmentFields(a),
  applicantSub: a.applicantSub,
  bookedBy: a.bookedBy,
});

// ---- halls ----

export async function hallList(deps: AppointmentDeps, query: { region?: string; matter?: string }) {
  return { items: (await listHalls(deps, query)).map(hallView) };
}

export async function hallById(deps: AppointmentDeps, id: string) {
  return hallView(await requireHall(deps, id, 'params.id'));
}

/** Creates or replaces a hall; `created` says which. */
export async function saveHall(deps: AppointmentDeps, id: string, body: HallBody, principal: Principal) {
  const { hall, created } = await putHall(deps, id, body, principal);
  return { hall: hallView(hall), created };
}

/** A hall's bookings of one day, as staff see them. */
export async function hallDayView(deps: AppointmentDeps, principal: Principal, hallId: string, date: string) {
  const { hall, items } = await hallDay(deps, principal, hallId, date);
  return { hallId: hall.id, date, items: items.map(staffView) };
}

// ---- bookings ----

export async function bookAsOwner(deps: AppointmentDeps, principal: Principal, input: BookingInput) {
  const booked = await book(deps, principal, input);
  return { ...ownerView(booked), hallName: booked.hallName, windowName: booked.windowName };
}

export async function rescheduleAsOwner(
  deps: AppointmentDeps,
  principal: Principal,
  id: string,
  to: { date: string; start: string },
) {
  const moved = await reschedule(deps, principal, id, to);
  return { ...ownerView(moved), hallName: moved.hallName, windowName: moved.windowName };
}

export async function cancelAsOwner(deps: AppointmentDeps, principal: Principal, id: string) {
  const cancelled = await cancel(deps, principal, id);
  return ownerView(cancelled, await deps.store.getHall(cancelled.hallId));
}

export async function checkInAsStaff(deps: AppointmentDeps, principal: Principal, hallId: string, code: string) {
  return staffView(await checkIn(deps, principal, hallId, code));
}

/** The caller's own booking, with its hall's and window's names. */
export async function ownAppointment(deps: AppointmentDeps, principal: Principal, id: string) {
  const appointment = await requireOwn(deps, principal, id);
  return ownerView(appointment, await deps.store.getHall(appointment.hallId));
}

/** A page of the caller's bookings, each hall read once. */
export async function myAppointments(
  deps: AppointmentDeps,
  principal: Principal,
  query: { limit: number; cursor?: string },
) {
  const page = await deps.store.listByApplicant(principal.sub, query.limit, query.cursor);
  const halls = new Map<string, Hall | undefined>();
  for (const id of new Set(page.items.map((a) => a.hallId))) halls.set(id, await deps.store.getHall(id));
  return {
    items: page.items.map((a) => ownerView(a, halls.get(a.hallId))),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}
