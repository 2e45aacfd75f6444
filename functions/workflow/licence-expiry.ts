import * as z from 'zod';
import { licenceDeps } from '../../shared/adapters/licence-deps';
import { announceExpiries } from '../../shared/domain/licences/expiry';
import { workflowTask } from '../../shared/lambda/workflow-task';

const ready = licenceDeps();

/** Daily: Licence.Expired.v1 for the licences whose validity ended yesterday. */
export const handler = workflowTask(z.object({}).loose(), async () => announceExpiries(await ready));
