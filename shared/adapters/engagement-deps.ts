import * as z from 'zod';
import { parseEnv } from '../config/env';
import { catalogueReader } from '../domain/catalogue/queries';
import type { EngagementDeps } from '../domain/engagement/model';
import { dynamoDocumentClient } from './aws-clients';
import { clock } from './clock';
import { dynamoCaseStore } from './dynamo-case-store';
import { dynamoCatalogueStore } from './dynamo-catalogue-store';
import { dynamoEngagementStore } from './dynamo-engagement-store';

/** 好差评 and complaints: their dependencies, built once per container from the environment. */
export function engagementDeps(): EngagementDeps {
  const env = parseEnv({
    MAIN_TABLE_NAME: z.string().min(1),
    /** Working days the responsible department has to answer a bad rating (差评整改). */
    RECTIFICATION_DAYS: z.coerce.number().int().positive().default(15),
    /** Working days the responsible department has to answer a complaint. */
    COMPLAINT_DAYS: z.coerce.number().int().positive().default(10),
  });
  const documents = dynamoDocumentClient();
  const now = () => clock.now();
  const catalogue = catalogueReader(dynamoCatalogueStore(documents, env.MAIN_TABLE_NAME), now);
  return {
    cases: dynamoCaseStore(documents, env.MAIN_TABLE_NAME, now),
    engagement: dynamoEngagementStore(documents, env.MAIN_TABLE_NAME, now),
    catalogue,
    calendar: () => catalogue.workingDays(),
    now,
    rectificationDays: env.RECTIFICATION_DAYS,
    complaintDays: env.COMPLAINT_DAYS,
  };
}
