import * as z from 'zod';
import { parseEnv } from '../config/env';
import { DEFAULT_WARNING_WORKING_DAYS } from '../domain/supervision/levels';
import type { EfficiencyStore, TrackDeps, WatchStore } from '../domain/supervision/ports';
import { dynamoSupervisionStore } from './dynamo-supervision-store';
import { mainTable } from './main-table';

export interface SupervisionDeps extends TrackDeps {
  readonly store: WatchStore & EfficiencyStore;
  /** Department codes of the catalogue: a supervisor's lists go through each. */
  departments(): Promise<string[]>;
}

/** Supervision's dependencies (the consumer, the sweep, the API), built once per container from its environment. */
export function supervisionDeps(): SupervisionDeps {
  const env = parseEnv({
    MAIN_TABLE_NAME: z.string().min(1),
    /** Yellow when this many working days or fewer are left before a due date. */
    WARNING_WORKING_DAYS: z.coerce.number().int().min(0).max(30).default(DEFAULT_WARNING_WORKING_DAYS),
    /** Working days from a decision to 送达 of its result. */
    DELIVERY_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(10),
  });
  const { documents, now, catalogue, cases, calendar } = mainTable(env.MAIN_TABLE_NAME);
  return {
    store: dynamoSupervisionStore(documents, env.MAIN_TABLE_NAME, now),
    cases,
    matters: catalogue,
    calendar,
    departments: async () => (await catalogue.departments()).map((d) => d.code),
    warningDays: env.WARNING_WORKING_DAYS,
    deliveryDays: env.DELIVERY_WORKING_DAYS,
    now,
  };
}
