import * as z from 'zod';
import { parseEnv } from '../config/env';
import type { ApplicationDeps } from '../domain/applications/ports';
import { dynamoLicenceStore } from './dynamo-licence-store';
import { dynamoPostCheckStore } from './dynamo-post-check-store';
import { dynamoProvisionalIndex } from './dynamo-provisional-deadlines';
import { type MainTable, mainTable } from './main-table';
import { withForms } from './catalogue-forms';

/**
 * The applications context's dependencies, built once per container from its environment. Functions that never
 * touch files (the window, the workflow) are not bound to the attachments bucket: they get a store that refuses, and
 * their bundles carry no S3 client (application-file-deps.ts gives the others the S3 store).
 */
export function applicationDeps(
  options: { attachments?: ApplicationDeps['attachments']; table?: MainTable } = {},
): ApplicationDeps {
  const env = parseEnv({
    MAIN_TABLE_NAME: z.string().min(1),
    /** Abandoned drafts expire after this many days. */
    DRAFT_TTL_DAYS: z.coerce.number().int().positive().default(30),
    /** Working days the window has before a case counts as accepted (行政许可法 art. 32). */
    ACCEPTANCE_DAYS: z.coerce.number().int().positive().default(5),
    /** Working days of the one extension a case may get (行政许可法 art. 42). */
    EXTENSION_DAYS: z.coerce.number().int().positive().default(10),
  });
  // A caller that builds on the table itself (integration, payments) hands it in: one catalogue cache per function.
  const table = options.table ?? mainTable(env.MAIN_TABLE_NAME);
  const { documents, now, cases, calendar } = table;
  return {
    cases,
    // The reader keeps the versions cases pin, with their compiled forms (shared/domain/catalogue/queries.ts).
    matters: withForms(table),
    calendar,
    attachments: options.attachments ?? noAttachments,
    now,
    draftTtlDays: env.DRAFT_TTL_DAYS,
    acceptanceDays: env.ACCEPTANCE_DAYS,
    extensionDays: env.EXTENSION_DAYS,
    // Reads only: documents are the licence functions' business.
    licences: dynamoLicenceStore(documents, env.MAIN_TABLE_NAME),
    postChecks: dynamoPostCheckStore(documents, env.MAIN_TABLE_NAME),
    provisional: dynamoProvisionalIndex(documents, env.MAIN_TABLE_NAME),
  };
}

const refuse = () => Promise.reject(new Error('This function has no access to attachments'));
const noAttachments: ApplicationDeps['attachments'] = {
  presignUpload: refuse,
  inspect: refuse,
  move: refuse,
  remove: refuse,
  presignDownload: refuse,
};
