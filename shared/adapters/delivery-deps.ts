import * as z from 'zod';
import { parseEnv } from '../config/env';
import { DEFAULT_DELIVERY_WORKING_DAYS } from '../domain/delivery/model';
import type { DeliveryDeps } from '../domain/delivery/ports';
import { courierFrom } from './courier';
import { dynamoDeliveryStore } from './dynamo-delivery-store';
import { dynamoProvisionalIndex } from './dynamo-provisional-deadlines';
import { mainTable } from './main-table';
import { withForms } from './catalogue-forms';

/** 统一出件: the delivery context's dependencies, built once per container from its environment. */
export function deliveryDeps(): DeliveryDeps {
  const env = parseEnv({
    MAIN_TABLE_NAME: z.string().min(1),
    /** `simulated:<baseUrl>` (the local cloud's courier) or `none` (post is not offered). */
    COURIER: z.string().min(1).default('none'),
    /** Working days from the decision to 送达 (行政许可法 art. 44). */
    DELIVERY_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(DEFAULT_DELIVERY_WORKING_DAYS),
  });
  const table = mainTable(env.MAIN_TABLE_NAME);
  const { documents, now, cases, calendar } = table;
  return {
    cases,
    matters: withForms(table),
    calendar,
    courier: courierFrom(env.COURIER),
    shipments: dynamoDeliveryStore(documents, env.MAIN_TABLE_NAME),
    now,
    deliveryDays: env.DELIVERY_WORKING_DAYS,
    provisional: dynamoProvisionalIndex(documents, env.MAIN_TABLE_NAME),
  };
}
