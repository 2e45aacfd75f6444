import * as z from 'zod';
import { parseEnv } from '../config/env';
import type { NoticeDeps } from '../domain/notices/ports';
import { mainTable } from './main-table';
import { withForms } from './catalogue-forms';

/**
 * The notices' dependencies: the cases and their history, the catalogue (matter, materials, form labels, department
 * names) and the calendar, read-only. The case's page is on the online hall (PUBLIC_WEB_URL), or on the API's origin
 * where the hall is served beside it (the local cloud) or not set yet.
 */
export function noticeDeps(): NoticeDeps {
  const env = parseEnv({
    MAIN_TABLE_NAME: z.string().min(1),
    PUBLIC_API_URL: z.url(),
    PUBLIC_WEB_URL: z.url().optional(),
  });
  const table = mainTable(env.MAIN_TABLE_NAME);
  const { catalogue, cases, calendar, now } = table;
  const base = (env.PUBLIC_WEB_URL ?? env.PUBLIC_API_URL).replace(/\/$/, '');
  return {
    cases,
    now,
    matters: withForms(table),
    calendar,
    departmentName: async (code) => (await catalogue.departments()).find((d) => d.code === code)?.name ?? code,
    caseUrl: (caseId) => `${base}/cases/${caseId}`,
  };
}
