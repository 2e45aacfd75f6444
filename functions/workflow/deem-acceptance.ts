import * as z from 'zod';
import { applicationDeps } from '../../shared/adapters/application-deps';
import { deemOverdueAcceptances } from '../../shared/domain/applications/commands';
import { workflowTask } from '../../shared/lambda/workflow-task';

const deps = applicationDeps();

/** Scheduled: cases nobody decided on within the acceptance limit count as accepted (视为受理). */
export const handler = workflowTask(z.object({ schedule: z.string().optional() }).loose(), () => deemOverdueAcceptances(deps));
