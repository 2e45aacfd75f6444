import * as z from 'zod';
import { parseEnv } from '../config/env';
import type { ApplicationDeps } from '../domain/applications/commands';
import { catalogueReader } from '../domain/catalogue/queries';
import { dynamoDocumentClient, s3Client } from './aws-clients';
import { clock } from './clock';
import { dynamoCaseStore } from './dynamo-case-store';
import { dynamoCatalogueStore } from './dynamo-catalogue-store';
import { dynamoLicenceStore } from './dynamo-licence-store';
import { s3AttachmentStore } from './s3-attachment-store';

/**
 * The applications context's dependencies, built once per container from its environment. Functions that never
 * touch files (the window, the sweep) are not bound to the attachments bucket and get a store that refuses.
 */
export function applicationDeps(options: { attachments: boolean } = { attachments: true }): ApplicationDeps {
  const env = parseEnv({
    MAIN_TABLE_NAME: z.string().min(1),
    ATTACHMENTS_BUCKET_NAME: options.attachments ? z.string().min(1) : z.string().optional(),
    /** Abandoned drafts expire after this many days. */
    DRAFT_TTL_DAYS: z.coerce.number().int().positive().default(30),
    /** Working days the window has before a case counts as accepted (行政许可法 art. 32). */
    ACCEPTANCE_DAYS: z.coerce.number().int().positive().default(5),
    /** Working days of the one extension a case may get (行政许可法 art. 42). */
    EXTENSION_DAYS: z.coerce.number().int().positive().default(10),
  });
  const documents = dynamoDocumentClient();
  const now = () => clock.now();
  const catalogue = catalogueReader(dynamoCatalogueStore(documents, env.MAIN_TABLE_NAME), now);
  return {
    cases: dynamoCaseStore(documents, env.MAIN_TABLE_NAME, now),
    matters: catalogue,
    calendar: () => catalogue.workingDays(),
    attachments: env.ATTACHMENTS_BUCKET_NAME ? s3AttachmentStore(s3Client(), env.ATTACHMENTS_BUCKET_NAME, now) : noAttachments,
    now,
    draftTtlDays: env.DRAFT_TTL_DAYS,
    acceptanceDays: env.ACCEPTANCE_DAYS,
    extensionDays: env.EXTENSION_DAYS,
    // Reads only: documents are the licence functions' business.
    licences: dynamoLicenceStore(documents, env.MAIN_TABLE_NAME, s3Client(), ''),
  };
}

const refuse = () => Promise.reject(new Error('This function has no access to attachments'));
const noAttachments: ApplicationDeps['attachments'] = { presignUpload: refuse, inspect: refuse, move: refuse, remove: refuse, presignDownload: refuse };
