import * as z from 'zod';
import { integrationDeps } from '../../shared/adapters/integration-deps';
import { retryDue } from '../../shared/domain/integration/deliveries';
import { createLogger } from '../../shared/lambda/logger';
import { workflowTask } from '../../shared/lambda/workflow-task';

const deps = integrationDeps({ attachments: true });
const logger = createLogger(process.env.SERVICE_NAME ?? 'retryDeliveries');

/** Every minute: the webhook deliveries whose next attempt is due, each on its own (one failing stops no other). */
export const handler = workflowTask(z.object({}).loose(), async () => {
  const result = await retryDue(deps);
  for (const f of result.failed) logger.error('sweep item failed', { deliveryId: f.id, error: f.error });
  return { attempted: result.attempted, failed: result.failed.length };
});
