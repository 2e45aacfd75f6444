import * as z from 'zod';
import { deliveryDeps } from '../../shared/adapters/delivery-deps';
import type { DeliveryDeps } from '../../shared/domain/delivery/ports';
import { trackShipments } from '../../shared/domain/delivery/tracking';
import { logger } from '../../shared/lambda/logger';
import { scheduledJob } from '../../shared/lambda/workflow-task';

let deps: DeliveryDeps | undefined;

/** Every 30 minutes: each open shipment's courier status; what is new (in transit, delivered, returned) applied once. */
export const handler = scheduledJob(z.object({ schedule: z.string().optional() }).loose(), async () => {
  deps ??= deliveryDeps();
  const result = await trackShipments(deps, (message, data) => logger.warn(message, data));
  logger.info('shipments tracked', { ...result });
  return result;
});
