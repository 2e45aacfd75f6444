import * as z from 'zod';
import { deliveryDeps } from '../../shared/adapters/delivery-deps';
import { trackShipments } from '../../shared/domain/delivery/tracking';
import { logger } from '../../shared/lambda/logger';
import { scheduledJob } from '../../shared/lambda/workflow-task';

const deps = deliveryDeps();

/** Every 30 minutes: each open shipment's courier status; what is new (in transit, delivered, returned) applied once. */
export const handler = scheduledJob(z.object({ schedule: z.string().optional() }).loose(), async () => {
  const result = await trackShipments(deps, (message, data) => logger.warn(message, data));
  logger.info('shipments tracked', { ...result });
  return result;
});
