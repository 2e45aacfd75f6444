import * as z from 'zod';
import { parseEnv } from '../config/env';
import { catalogueReader } from '../domain/catalogue/queries';
import { DEFAULT_DELIVERY_WORKING_DAYS, type DeliveryDeps } from '../domain/delivery/model';
import { dynamoDocumentClient } from './aws-clients';
import { clock } from './clock';
import { courierFrom } from './courier';
import { dynamoCaseStore } from './dynamo-case-store';
import { dynamoCatalogueStore } from './dynamo-catalogue-store';
import { dynamoDeliveryStore } from './dynamo-delivery-store';

/** 统一出件: the delivery context's dependencies, built once per container from its environment. */
export function deliveryDeps(): DeliveryDeps {
  const env = parseEnv({
    MAIN_TABLE_NAME: z.string().min(1),
    /** `simulated:<baseUrl>` (the local cloud's courier) or `none` (post is not offered). */
    COURIER: z.string().min(1).default('none'),
    /** Working days from the decision to 送达 (行政许可法 art. 44). */
    DELIVERY_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(DEFAULT_DELIVERY_WORKING_DAYS),
  });
  const documents = dynamoDocumentClient();
  const now = () => clock.now();
  const catalogue = catalogueReader(dynamoCatalogueStore(documents, env.MAIN_TABLE_NAME), now);
  return {
    cases: dynamoCaseStore(documents, env.MAIN_TABLE_NAME, now),
    matters: catalogue,
    calendar: () => catalogue.workingDays(),
    courier: courierFrom(env.COURIER),
    shipments: dynamoDeliveryStore(documents, env.MAIN_TABLE_NAME),
    now,
    deliveryDays: env.DELIVERY_WORKING_DAYS,
  };
}
