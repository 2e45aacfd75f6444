import * as z from 'zod';
import { appointmentDeps } from '../../shared/adapters/appointment-deps';
import { sweepNoShows } from '../../shared/domain/appointments/booking-sweeps';
import { logger } from '../../shared/lambda/logger';
import { logSweepFailures } from '../../shared/lambda/sweep';
import { scheduledJob } from '../../shared/lambda/workflow-task';

const deps = appointmentDeps();

/** Hourly: bookings not checked in NO_SHOW_GRACE_MINUTES after their slot began become NO_SHOW (Appointment.NoShow.v1), once each. */
export const handler = scheduledJob(z.object({ schedule: z.string().optional() }).loose(), async () => {
  const result = await sweepNoShows(deps);
  return { noShows: result.noShows, failed: logSweepFailures(logger, 'appointment-no-shows', result.failed) };
});
