import * as z from 'zod';
import { parseEnv } from '../config/env';
import type { ApplicationDeps } from '../domain/applications/ports';
import { applicationDeps } from './application-deps';
import { s3Client } from './aws-clients';
import { clock } from './clock';
import { s3AttachmentStore } from './s3-attachment-store';

/** The applications context with the applicants' files (presigned uploads and downloads) in the attachments bucket. */
export function applicationDepsWithFiles(): ApplicationDeps {
  const env = parseEnv({ ATTACHMENTS_BUCKET_NAME: z.string().min(1) });
  return applicationDeps({
    attachments: s3AttachmentStore(s3Client(), env.ATTACHMENTS_BUCKET_NAME, () => clock.now()),
  });
}
