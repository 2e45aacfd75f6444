import * as z from 'zod';
import { appointmentDeps } from '../../shared/adapters/appointment-deps';
import { sweepReminders } from '../../shared/domain/appointments/bookings';
import { workflowTask } from '../../shared/lambda/workflow-task';

const deps = appointmentDeps();

/** Hourly: Appointment.ReminderDue.v1 for each booking beginning within REMINDER_HOURS, once per slot booked. */
export const handler = workflowTask(z.object({ schedule: z.string().optional() }).loose(), () => sweepReminders(deps));
