import * as z from 'zod';
import { parseEnv } from '../config/env';
import type { AppointmentDeps } from '../domain/appointments/ports';
import { dynamoAppointmentStore } from './dynamo-appointment-store';
import { mainTable } from './main-table';

/** 统一预约: its dependencies, built once per container from the environment. */
export function appointmentDeps(): AppointmentDeps {
  const env = parseEnv({
    MAIN_TABLE_NAME: z.string().min(1),
    /** Minutes after a slot began until a booking not checked in is a no-show (check-in closes then too). */
    NO_SHOW_GRACE_MINUTES: z.coerce.number().int().min(0).max(240).default(15),
    /** Bookings beginning within this many hours are reminded (once per slot booked). */
    REMINDER_HOURS: z.coerce.number().int().min(1).max(168).default(24),
  });
  const { documents, now, catalogue, cases } = mainTable(env.MAIN_TABLE_NAME);
  return {
    store: dynamoAppointmentStore(documents, env.MAIN_TABLE_NAME, now),
    catalogue,
    // Reads only: a booking may name the caller's case.
    cases,
    now,
    noShowGraceMinutes: env.NO_SHOW_GRACE_MINUTES,
    reminderHours: env.REMINDER_HOURS,
  };
}
