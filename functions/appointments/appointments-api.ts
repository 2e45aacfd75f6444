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
import { hallSlots } from '../../shared/domain/appointments/halls';
import {
  bookAsOwner,
  cancelAsOwner,
  checkInAsStaff,
  hallById,
  hallDayView,
  hallList,
  myAppointments,
  ownAppointment,
  rescheduleAsOwner,
  saveHall,
} from '../../shared/domain/appointments/views';
import { HttpResponse, httpRouter, route } from '../../shared/lambda/http';

const deps = appointmentDeps();

/** 统一预约: halls and slots for anyone, bookings for applicants and agents, check-in for windows, halls for admins. */
export const handler = httpRouter([
  route(listHallsRoute, ({ query }) => hallList(deps, query)),
  route(getHallRoute, ({ params }) => hallById(deps, params.id)),
  route(hallSlotsRoute, ({ params, query }) => hallSlots(deps, params.id, query.matter, query.date)),
  route(bookRoute, ({ body, principal }) => bookAsOwner(deps, principal, body)),
  route(myAppointmentsRoute, ({ query, principal }) => myAppointments(deps, principal, query)),
  route(getAppointmentRoute, ({ params, principal }) => ownAppointment(deps, principal, params.id)),
  route(rescheduleRoute, ({ params, body, principal }) => rescheduleAsOwner(deps, principal, params.id, body)),
  route(cancelRoute, ({ params, principal }) => cancelAsOwner(deps, principal, params.id)),
  route(checkInRoute, ({ params, body, principal }) => checkInAsStaff(deps, principal, params.id, body.code)),
  route(hallAppointmentsRoute, ({ params, query, principal }) => hallDayView(deps, principal, params.id, query.date)),
  route(putHallRoute, async ({ params, body, principal }) => {
    const { hall, created } = await saveHall(deps, params.id, body, principal);
    return new HttpResponse(hall, created ? 201 : 200);
  }),
]);
