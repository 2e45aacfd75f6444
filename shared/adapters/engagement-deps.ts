import * as z from 'zod';
import { parseEnv } from '../config/env';
import type { EngagementDeps } from '../domain/engagement/ports';
import { dynamoEngagementStore } from './dynamo-engagement-store';
import { dynamoProvisionalIndex } from './dynamo-provisional-deadlines';
import { mainTable } from './main-table';

/** 好差评 and complaints: their dependencies, built once per container from the environment. */
export function engagementDeps(): EngagementDeps {
  const env = parseEnv({
    MAIN_TABLE_NAME: z.string().min(1),
    /** Working days the responsible department has to answer a bad rating (差评整改). */
    RECTIFICATION_DAYS: z.coerce.number().int().positive().default(15),
    /** Working days the responsible department has to answer a complaint. */
    COMPLAINT_DAYS: z.coerce.number().int().positive().default(10),
  });
  const { documents, now, catalogue, cases, calendar } = mainTable(env.MAIN_TABLE_NAME);
  return {
    cases,
    engagement: dynamoEngagementStore(documents, env.MAIN_TABLE_NAME, now),
    catalogue,
    calendar,
    now,
    rectificationDays: env.RECTIFICATION_DAYS,
    complaintDays: env.COMPLAINT_DAYS,
    provisional: dynamoProvisionalIndex(documents, env.MAIN_TABLE_NAME),
  };
}
