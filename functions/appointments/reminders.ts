import * as z from 'zod';
import { appointmentDeps } from '../../shared/adapters/appointment-deps';
import { sweepReminders } from '../../shared/domain/appointments/booking-sweeps';
import { logger } from '../../shared/lambda/logger';
import { logSweepFailures } from '../../shared/lambda/sweep';
import { scheduledJob } from '../../shared/lambda/workflow-task';

const deps = appointmentDeps();

/** Hourly: Appointment.ReminderDue.v1 for each booking beginning within REMINDER_HOURS, once per slot booked. */
export const handler = scheduledJob(z.object({ schedule: z.string().optional() }).loose(), async () => {
  const result = await sweepReminders(deps);
  return { reminded: result.reminded, failed: logSweepFailures(logger, 'appointment-reminders', result.failed) };
});
