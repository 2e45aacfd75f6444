import * as z from 'zod';
import { dynamoDocumentClient, s3Client } from '../../shared/adapters/aws-clients';
import { clock } from '../../shared/adapters/clock';
import { dynamoLicenceStore } from '../../shared/adapters/dynamo-licence-store';
import { licenceSignerFor } from '../../shared/adapters/licence-signers';
import { s3StatusListPublications } from '../../shared/adapters/s3-status-lists';
import { parseEnv } from '../../shared/config/env';
import { publishStatusLists } from '../../shared/domain/licences/status-list-publication';
import { scheduledJob } from '../../shared/lambda/workflow-task';

const env = parseEnv({ MAIN_TABLE_NAME: z.string().min(1), LICENCES_BUCKET_NAME: z.string().min(1), LICENCE_SIGNING_KEY: z.string().min(1), PUBLIC_API_URL: z.url() });
const ready = licenceSignerFor(env.LICENCE_SIGNING_KEY).then((signer) => ({
  // The bits only (STATUSLIST#…): this function reads nothing else of the register.
  store: dynamoLicenceStore(dynamoDocumentClient(), env.MAIN_TABLE_NAME),
  signer,
  publications: s3StatusListPublications(s3Client(), env.LICENCES_BUCKET_NAME),
  publicApiUrl: env.PUBLIC_API_URL.replace(/\/$/, ''),
  now: () => clock.now(),
}));

/**
 * Signs the status lists that changed or are near their expiry, and stores them for the public function to serve.
 * Run by a licence's status change (the event) and on a schedule (renewal); a run with nothing to do signs nothing.
 */
export const handler = scheduledJob(z.object({}).loose(), async () => publishStatusLists(await ready));
