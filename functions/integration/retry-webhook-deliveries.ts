import * as z from 'zod';
import { integrationDeps } from '../../shared/adapters/integration-deps';
import { retryDueWebhooks } from '../../shared/domain/integration/webhook-deliveries';
import { logger } from '../../shared/lambda/logger';
import { scheduledJob } from '../../shared/lambda/workflow-task';

const deps = integrationDeps({ attachments: true });

/** Every minute: the webhook deliveries whose next attempt is due, each on its own (one failing stops no other). */
export const handler = scheduledJob(z.object({}).loose(), async () => {
  const result = await retryDueWebhooks(deps);
  for (const f of result.failed) logger.error('sweep item failed', { deliveryId: f.id, error: f.error });
  return { attempted: result.attempted, failed: result.failed.length };
});
