import * as z from 'zod/mini';
import { parseEnv } from '../config/env';
import type { StatusListPublisherDeps } from '../domain/licences/ports';
import { dynamoDocumentClient, s3Client } from './aws-clients';
import { clock } from './clock';
import { dynamoLicenceStore } from './dynamo-licence-store';
import { licenceSignerFor } from './licence-signers';
import { s3StatusListPublications } from './s3-status-lists';

/**
 * The status-list publisher's dependencies, resolved once per container: the lists' bits (STATUSLIST#…, nothing
 * else of the register), the signer, and the licences bucket the signed lists are served from. Apart from
 * licence-deps.ts so that the register's functions bundle no S3 client; and not on mainTable(), whose catalogue and
 * case store (~40 KiB of bundle) it never reads.
 */
export async function statusListPublisherDeps(): Promise<StatusListPublisherDeps> {
  const env = parseEnv({
    MAIN_TABLE_NAME: z.string().check(z.minLength(1)),
    LICENCES_BUCKET_NAME: z.string().check(z.minLength(1)),
    LICENCE_SIGNING_KEY: z.string().check(z.minLength(1)),
    PUBLIC_API_URL: z.url(),
  });
  return {
    store: dynamoLicenceStore(dynamoDocumentClient(), env.MAIN_TABLE_NAME),
    signer: await licenceSignerFor(env.LICENCE_SIGNING_KEY),
    publications: s3StatusListPublications(s3Client(), env.LICENCES_BUCKET_NAME),
    publicApiUrl: env.PUBLIC_API_URL.replace(/\/$/, ''),
    now: () => clock.now(),
  };
}
