import * as z from 'zod';
import {
  APPOINTMENT_STATUSES,
  hallBodySchema,
  hallIdSchema,
  timeOfDaySchema,
  windowSchema,
} from '../domain/appointments/model';
import { entryCodeSchema, regionCodeSchema } from '../domain/catalogue/model';
import { pageOf } from './common';
import { defineRoute } from './route-contract';

/** 统一预约: service halls and their slots (public), bookings (applicants and agents), check-in (windows), halls (admin). */
const booker = ['applicant', 'agent'] as const;
const day = z.iso.date();
const hallParams = z.object({ id: hallIdSchema });
const appointmentParams = z.object({ id: z.uuid() });
const page = { limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().max(2000).optional() };

export const hallViewSchema = z
  .object({
    id: z.string(),
    name: z.string().meta({ description: 'Standard naming, e.g. 福州市行政服务中心' }),
    regionCode: z.string(),
    address: z.string(),
    phone: z.string().optional(),
    windows: z.array(windowSchema.meta({ description: 'A window, the matters it serves and its places per slot' })),
    hours: z
      .array(z.object({ from: z.string(), to: z.string() }))
      .meta({ description: 'Opening sessions of a working day (Asia/Shanghai)' }),
    slotMinutes: z.number(),
    closedDates: z.array(day),
    updatedAt: z.string(),
  })
  .meta({ id: 'Hall' });

const slotViewSchema = z.object({
  start: z.string(),
  end: z.string(),
  startsAt: z.string().meta({ description: 'ISO 8601 with +08:00' }),
  capacity: z.number().meta({ description: 'Places for this matter: the capacity of the windows that serve it' }),
  free: z.number(),
  bookable: z.boolean().meta({ description: 'Free places left and the slot has not begun' }),
});

const bookingFields = {
  id: z.string(),
  hallId: z.string(),
  windowId: z.string().meta({ description: 'The window to queue at' }),
  matterCode: z.string(),
  department: z.string(),
  date: day,
  start: z.string(),
  end: z.string(),
  startsAt: z.string().meta({ description: 'ISO 8601 with +08:00' }),
  status: z.enum(APPOINTMENT_STATUSES),
  caseId: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().optional(),
  checkedInAt: z.string().optional(),
  noShowAt: z.string().optional(),
};

/** What the owner sees: the check-in code included (show it at the window). */
export const appointmentViewSchema = z
  .object({
    ...bookingFields,
    hallName: z.string().optional(),
    windowName: z.string().optional(),
    checkInCode: z
      .string()
      .meta({ description: '8 characters without look-alikes; show it at the window to check in' }),
  })
  .meta({ id: 'Appointment' });

/** What window staff and supervisors see: no check-in code (the applicant brings it). */
export const staffAppointmentViewSchema = z
  .object({ ...bookingFields, applicantSub: z.string(), bookedBy: z.enum(['applicant', 'agent']) })
  .meta({ id: 'HallAppointment' });

export const listHallsRoute = defineRoute({
  method: 'GET',
  path: '/halls',
  auth: 'public',
  summary:
    'Service halls (政务服务大厅), optionally within a region (a city includes its districts) or serving a matter',
  tags: ['appointments'],
  query: z.object({ region: regionCodeSchema.optional(), matter: entryCodeSchema.optional() }),
  response: z.object({ items: z.array(hallViewSchema) }),
});

export const getHallRoute = defineRoute({
  method: 'GET',
  path: '/halls/{id}',
  auth: 'public',
  summary: 'One hall: address, windows and the matters each serves, opening hours, slot length',
  tags: ['appointments'],
  params: hallParams,
  response: hallViewSchema,
});

export const hallSlotsRoute = defineRoute({
  method: 'GET',
  path: '/halls/{id}/slots',
  auth: 'public',
  summary:
    'A matter’s slots at a hall on a date, with free places; none on days off (holidays), all on make-up working days (调休)',
  tags: ['appointments'],
  params: hallParams,
  query: z.object({ matter: entryCodeSchema, date: day }),
  response: z.object({
    hallId: z.string(),
    matterCode: z.string(),
    date: day,
    open: z.boolean(),
    slotMinutes: z.number(),
    slots: z.array(slotViewSchema),
  }),
});

export const bookRoute = defineRoute({
  method: 'POST',
  path: '/appointments',
  auth: booker,
  summary:
    'Book a place: one per applicant, matter and day; 409 when the slot is full. Never required for a case unless its matter says so',
  tags: ['appointments'],
  body: z.strictObject({
    hallId: hallIdSchema,
    matterCode: entryCodeSchema,
    date: day,
    start: timeOfDaySchema,
    caseId: z.uuid().optional(),
  }),
  successStatus: 201,
  response: appointmentViewSchema,
});

export const myAppointmentsRoute = defineRoute({
  method: 'GET',
  path: '/me/appointments',
  auth: booker,
  summary: 'My bookings, the latest slot first',
  tags: ['appointments'],
  query: z.object(page),
  response: pageOf(appointmentViewSchema),
});

export const getAppointmentRoute = defineRoute({
  method: 'GET',
  path: '/appointments/{id}',
  auth: booker,
  summary: 'One of my bookings',
  tags: ['appointments'],
  params: appointmentParams,
  response: appointmentViewSchema,
});

export const rescheduleRoute = defineRoute({
  method: 'PATCH',
  path: '/appointments/{id}',
  auth: booker,
  summary:
    'Reschedule to another slot of the same hall: the new place is taken and the old released together, or nothing changes',
  tags: ['appointments'],
  params: appointmentParams,
  body: z.strictObject({ date: day, start: timeOfDaySchema }),
  response: appointmentViewSchema,
});

export const cancelRoute = defineRoute({
  method: 'DELETE',
  path: '/appointments/{id}',
  auth: booker,
  summary: 'Cancel before the slot begins (409 after); the place is free again',
  tags: ['appointments'],
  params: appointmentParams,
  response: appointmentViewSchema,
});

export const checkInRoute = defineRoute({
  method: 'POST',
  path: '/halls/{id}/check-ins',
  auth: ['window'],
  summary: 'Check an applicant in with their code: from an hour before the slot to the end of the grace; once',
  tags: ['appointments'],
  params: hallParams,
  body: z.strictObject({ code: z.string().trim().min(4).max(20) }),
  response: staffAppointmentViewSchema,
});

export const hallAppointmentsRoute = defineRoute({
  method: 'GET',
  path: '/halls/{id}/appointments',
  auth: ['window', 'supervisor'],
  summary: 'A hall’s bookings of a day, by time (window staff: any hall; supervisors: their region’s)',
  tags: ['appointments'],
  params: hallParams,
  query: z.object({ date: day }),
  response: z.object({ hallId: z.string(), date: day, items: z.array(staffAppointmentViewSchema) }),
});

export const putHallRoute = defineRoute({
  method: 'PUT',
  path: '/admin/halls/{id}',
  auth: ['admin'],
  summary:
    'Create or replace a hall: windows serve published matter codes, hours well-formed, slots of 10 to 120 min, capacity ≥ 1',
  tags: ['appointments', 'admin'],
  params: hallParams,
  body: hallBodySchema,
  response: hallViewSchema,
});

export const PUBLIC_APPOINTMENT_ROUTES = [listHallsRoute, getHallRoute, hallSlotsRoute];
export const APPOINTMENT_ROUTES = [
  ...PUBLIC_APPOINTMENT_ROUTES,
  bookRoute,
  myAppointmentsRoute,
  getAppointmentRoute,
  rescheduleRoute,
  cancelRoute,
  checkInRoute,
  hallAppointmentsRoute,
  putHallRoute,
];
