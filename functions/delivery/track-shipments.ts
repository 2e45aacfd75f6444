import * as z from 'zod';
import { deliveryDeps } from '../../shared/adapters/delivery-deps';
import type { DeliveryDeps } from '../../shared/domain/delivery/model';
import { trackShipments } from '../../shared/domain/delivery/tracking';
import { createLogger } from '../../shared/lambda/logger';
import { workflowTask } from '../../shared/lambda/workflow-task';

let deps: DeliveryDeps | undefined;
const logger = createLogger(process.env.SERVICE_NAME ?? 'one-stop');

/** Every 30 minutes: each open shipment's courier status; what is new (in transit, delivered, returned) applied once. */
export const handler = workflowTask(z.object({ schedule: z.string().optional() }).loose(), async () => {
  deps ??= deliveryDeps();
  const result = await trackShipments(deps, (message, data) => logger.warn(message, data));
  logger.info('shipments tracked', { ...result });
  return result;
});
