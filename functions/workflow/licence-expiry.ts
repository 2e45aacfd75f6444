import * as z from 'zod';
import { licenceDeps } from '../../shared/adapters/licence-deps';
import { announceExpiries } from '../../shared/domain/licences/expiry';
import { createLogger } from '../../shared/lambda/logger';
import { logSweepFailures } from '../../shared/lambda/sweep';
import { workflowTask } from '../../shared/lambda/workflow-task';

const ready = licenceDeps();
const logger = createLogger(process.env.SERVICE_NAME ?? 'licenceExpiry');

/** Daily: Licence.Expired.v1 for the licences whose validity ended yesterday. */
export const handler = workflowTask(z.object({}).loose(), async () => {
  const result = await announceExpiries(await ready);
  return { expired: result.expired, failed: logSweepFailures(logger, 'licence-expiry', result.failed) };
});
