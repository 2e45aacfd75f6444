import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { parseEnv } from '../config/env';
import { NotFoundError } from '../domain/errors';
import type { LicenceDeps } from '../domain/licences/register';
import { signerJwk } from '../domain/licences/jwks';
import { dynamoLicenceStore, type LicenceDocuments } from './dynamo-licence-store';
import { kmsLicenceSigner, localLicenceSigner } from './licence-signers';
import { mainTable } from './main-table';
import { secretStoreFor } from './secret-stores';

/**
 * The licence register's dependencies, resolved once per container. LICENCE_SIGNING_KEY is a KMS key ARN in AWS
 * (ECC_NIST_P256, SIGN_VERIFY) or a `file:` folder holding the local P-256 key; the holder key (for citizens'
 * subject ids) is a platform secret, created on first use.
 */
export async function licenceDeps(
  options: { documents?: (bucket: string) => LicenceDocuments } = {},
): Promise<LicenceDeps & { store: ReturnType<typeof dynamoLicenceStore> }> {
  const env = parseEnv({
    MAIN_TABLE_NAME: z.string().min(1),
    // Only the function that serves licence documents (PDFs) is bound to the licences bucket.
    LICENCES_BUCKET_NAME: options.documents ? z.string().min(1) : z.string().optional(),
    LICENCE_SIGNING_KEY: z.string().min(1),
    PLATFORM_SECRETS_PREFIX: z.string().min(1),
    PUBLIC_API_URL: z.url(),
    /** The hall, where licences' QR codes lead; unset in the local cloud, which serves the page on the API's origin. */
    PUBLIC_WEB_URL: z.url().optional(),
    /** Keys that signed licences before a rotation (KMS key ARNs or local key folders), published for verification. */
    LICENCE_RETIRED_KEYS: z.string().default(''),
  });
  const { documents, now, catalogue } = mainTable(env.MAIN_TABLE_NAME);
  const signerOf = (ref: string) =>
    ref.startsWith('file:') ? localLicenceSigner(fileURLToPath(ref)) : kmsLicenceSigner({ keyId: ref });
  const retiredKeys = await Promise.all(
    env.LICENCE_RETIRED_KEYS.split(',')
      .map((r) => r.trim())
      .filter(Boolean)
      .map(async (ref) => signerJwk(await signerOf(ref))),
  );
  const signer = await signerOf(env.LICENCE_SIGNING_KEY);
  const secrets = secretStoreFor(env.PLATFORM_SECRETS_PREFIX);
  if (!(await secrets.get('licence-holder-key')))
    await secrets.put('licence-holder-key', { current: randomBytes(32).toString('base64') });
  // Another container may have written it meanwhile: everyone uses what is stored.
  const holderIdKey = Buffer.from((await secrets.get('licence-holder-key'))!.current, 'base64');
  const publicApiUrl = env.PUBLIC_API_URL.replace(/\/$/, '');
  const publicWebUrl = env.PUBLIC_WEB_URL?.replace(/\/$/, '');
  const licenceTypes = async (code: string) => {
    const type = (await catalogue.licenceTypes()).find((t) => t.code === code);
    if (!type) throw new NotFoundError(`No licence type ${code}`);
    return type;
  };
  const deps: LicenceDeps & { store: ReturnType<typeof dynamoLicenceStore> } = {
    store: dynamoLicenceStore(
      documents,
      env.MAIN_TABLE_NAME,
      options.documents && env.LICENCES_BUCKET_NAME ? options.documents(env.LICENCES_BUCKET_NAME) : undefined,
    ),
    signer,
    retiredKeys,
    holderIdKey,
    publicApiUrl,
    publicWebUrl,
    now,
    licenceTypes,
    departmentName: async (code) => (await catalogue.departments()).find((d) => d.code === code)?.name ?? code,
    departmentRegion: async (code) =>
      (await catalogue.departments()).find((d) => d.code === code)?.regionCode ?? '000000',
  };
  return deps;
}

/**
 * The register and the clock only, for revoking a licence: status lists are signed by their publisher from the
 * revocation's event, so revoking needs no signing key and no secret.
 */
export function licenceRegisterDeps(): Pick<LicenceDeps, 'store' | 'now'> {
  const env = parseEnv({ MAIN_TABLE_NAME: z.string().min(1) });
  const { documents, now } = mainTable(env.MAIN_TABLE_NAME);
  return { store: dynamoLicenceStore(documents, env.MAIN_TABLE_NAME), now };
}
