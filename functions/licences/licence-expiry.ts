import * as z from 'zod';
import { licenceDeps } from '../../shared/adapters/licence-deps';
import { announceExpiries } from '../../shared/domain/licences/expiry';
import { logger } from '../../shared/lambda/logger';
import { logSweepFailures } from '../../shared/lambda/sweep';
import { scheduledJob } from '../../shared/lambda/workflow-task';

const ready = licenceDeps();

/** Daily: Licence.Expired.v1 for the licences whose validity ended yesterday. */
export const handler = scheduledJob(z.object({}).loose(), async () => {
  const result = await announceExpiries(await ready);
  return { expired: result.expired, failed: logSweepFailures(logger, 'licence-expiry', result.failed) };
});
