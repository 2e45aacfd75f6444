import * as z from 'zod';
import { applicationDeps } from '../../shared/adapters/application-deps';
import { deemOverdueAcceptances } from '../../shared/domain/applications/acceptance';
import { scheduledJob } from '../../shared/lambda/workflow-task';

const deps = applicationDeps();

/** Scheduled: cases nobody decided on within the acceptance limit count as accepted (视为受理). */
export const handler = scheduledJob(z.object({ schedule: z.string().optional() }).loose(), () =>
  deemOverdueAcceptances(deps),
);
