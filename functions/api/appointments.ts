import { appointmentDeps } from '../../shared/adapters/appointment-deps';
import {
  bookRoute,
  cancelRoute,
  checkInRoute,
  getAppointmentRoute,
  getHallRoute,
  hallAppointmentsRoute,
  hallSlotsRoute,
  listHallsRoute,
  myAppointmentsRoute,
  putHallRoute,
  rescheduleRoute,
} from '../../shared/contracts/appointments';
import { book, cancel, checkIn, hallDay, requireOwn, reschedule } from '../../shared/domain/appointments/bookings';
import { hallSlots, listHalls, putHall, requireHall } from '../../shared/domain/appointments/halls';
import type { Appointment, Hall } from '../../shared/domain/appointments/model';
import { HttpResponse, httpRouter, route } from '../../shared/lambda/http';

const deps = appointmentDeps();

const hallView = ({ updatedBy: _by, ...hall }: Hall) => ({ ...hall, closedDates: hall.closedDates ?? [] });

const common = (a: Appointment) => ({
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
});

/** The owner's view, with the check-in code and the hall's and window's names where known. */
const ownerView = (a: Appointment, hall?: Hall) => {
  const window = hall?.windows.find((w) => w.id === a.windowId);
  return { ...common(a), checkInCode: a.checkInCode, ...(hall ? { hallName: hall.name } : {}), ...(window ? { windowName: window.name } : {}) };
};

/** Staff see who booked (the subject) but never the code the applicant brings. */
const staffView = (a: Appointment) => ({ ...common(a), applicantSub: a.applicantSub, bookedBy: a.bookedBy });

/** 统一预约: halls and slots for anyone, bookings for applicants and agents, check-in for windows, halls for admins. */
export const handler = httpRouter([
  route(listHallsRoute, async ({ query }) => ({ items: (await listHalls(deps, query)).map(hallView) })),
  route(getHallRoute, async ({ params }) => hallView(await requireHall(deps, params.id, 'params.id'))),
  route(hallSlotsRoute, async ({ params, query }) => hallSlots(deps, params.id, query.matter, query.date)),
  route(bookRoute, async ({ body, principal }) => {
    const booked = await book(deps, principal, body);
    return { ...ownerView(booked), hallName: booked.hallName, windowName: booked.windowName };
  }),
  route(myAppointmentsRoute, async ({ query, principal }) => {
    const page = await deps.store.listByApplicant(principal.sub, query.limit, query.cursor);
    const halls = new Map<string, Hall | undefined>();
    for (const id of new Set(page.items.map((a) => a.hallId))) halls.set(id, await deps.store.getHall(id));
    return { items: page.items.map((a) => ownerView(a, halls.get(a.hallId))), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }),
  route(getAppointmentRoute, async ({ params, principal }) => {
    const appointment = await requireOwn(deps, principal, params.id);
    return ownerView(appointment, await deps.store.getHall(appointment.hallId));
  }),
  route(rescheduleRoute, async ({ params, body, principal }) => {
    const moved = await reschedule(deps, principal, params.id, body);
    return { ...ownerView(moved), hallName: moved.hallName, windowName: moved.windowName };
  }),
  route(cancelRoute, async ({ params, principal }) => {
    const cancelled = await cancel(deps, principal, params.id);
    return ownerView(cancelled, await deps.store.getHall(cancelled.hallId));
  }),
  route(checkInRoute, async ({ params, body, principal }) => staffView(await checkIn(deps, principal, params.id, body.code))),
  route(hallAppointmentsRoute, async ({ params, query, principal }) => {
    const { hall, items } = await hallDay(deps, principal, params.id, query.date);
    return { hallId: hall.id, date: query.date, items: items.map(staffView) };
  }),
  route(putHallRoute, async ({ params, body, principal }) => {
    const { hall, created } = await putHall(deps, params.id, body, principal);
    return new HttpResponse(hallView(hall), created ? 201 : 200);
  }),
]);
