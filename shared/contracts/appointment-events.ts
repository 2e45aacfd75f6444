import * as z from 'zod';
import type { OutboxEvent } from '../domain/events';
import { defineEvent, EVENT_SOURCES, outboxEvent } from './event-contract';

/**
 * 统一预约: every step of a booking, from the appointments context. Like case events they carry ids and dimensions,
 * never personal data, and never the check-in code (whoever holds it may check in): messaging looks the booking up.
 */
// Kept by name because test/integration/appointments.test.ts filters the bus archive on it.
export const APPOINTMENTS_SOURCE = EVENT_SOURCES.appointments;

const day = z.iso.date();
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day 'HH:MM'");
const instant = z.string().datetime({ offset: true });

export const appointmentEventBase = z.object({
  eventId: z.string().min(1),
  occurredAt: instant,
  appointmentId: z.string().min(1),
  hallId: z.string().min(1),
  regionCode: z.string().regex(/^\d{6}$/),
  /** The window whose place the booking holds. */
  windowId: z.string().min(1),
  matterCode: z.string().min(1),
  /** The matter's department. */
  department: z.string().min(1),
  /** The slot, Asia/Shanghai. */
  date: day,
  start: time,
  end: time,
  applicantSub: z.string().min(1),
  caseId: z.string().optional(),
});
export type AppointmentEventBase = z.infer<typeof appointmentEventBase>;

const source = EVENT_SOURCES.appointments;

/** A place was taken (the applicant gets the check-in code in the answer, never through the bus). */
export const appointmentBooked = defineEvent('Appointment.Booked.v1', source, appointmentEventBase.extend({}));

/** Moved to another slot of the same hall: the new place was taken and the old one released together. */
export const appointmentRescheduled = defineEvent(
  'Appointment.Rescheduled.v1',
  source,
  appointmentEventBase.extend({ previousDate: day, previousStart: time, previousWindowId: z.string().min(1) }),
);

/** Cancelled by its owner before the slot began; the place is free again. */
export const appointmentCancelled = defineEvent('Appointment.Cancelled.v1', source, appointmentEventBase.extend({}));

/** The applicant arrived and a window officer checked the code. */
export const appointmentCheckedIn = defineEvent(
  'Appointment.CheckedIn.v1',
  source,
  appointmentEventBase.extend({ checkedInAt: instant }),
);

/** Nobody checked in within the grace after the slot began (爽约). */
export const appointmentNoShow = defineEvent(
  'Appointment.NoShow.v1',
  source,
  appointmentEventBase.extend({ graceMinutes: z.number().int().nonnegative() }),
);

/** The slot begins within the reminder period: messaging reminds the applicant, once per slot booked. */
export const appointmentReminderDue = defineEvent(
  'Appointment.ReminderDue.v1',
  source,
  appointmentEventBase.extend({ startsAt: instant, hoursAhead: z.number().int().positive() }),
);

export const APPOINTMENT_EVENTS = [
  appointmentBooked,
  appointmentRescheduled,
  appointmentCancelled,
  appointmentCheckedIn,
  appointmentNoShow,
  appointmentReminderDue,
] as const;

/** An outbox event of one of these contracts, parsed (a malformed detail is a bug, so it throws). */
export function appointmentEvent<C extends (typeof APPOINTMENT_EVENTS)[number]>(
  contract: C,
  detail: z.input<C['detail']>,
): OutboxEvent {
  return outboxEvent(contract, detail);
}
