import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { parseEnv } from '../config/env';
import { caseItems } from '../db/keys';
import { VERIFICATION_READ_SCOPE } from '../db/table';
import { templateOfCase } from '../domain/applications/template';
import type { FormField } from '../domain/catalogue/form';
import { NotFoundError } from '../domain/errors';
import { buildJwks, publishedJwk } from '../domain/licences/jwks';
import type { PublicVerificationDeps, StatusListPublications } from '../domain/licences/ports';
import { s3Client } from './aws-clients';
import { dynamoLicenceStore } from './dynamo-licence-store';
import { licencePublicKey } from './licence-signers';
import { mainTable } from './main-table';
import { s3StatusListPublications } from './s3-status-lists';
import { withForms } from './catalogue-forms';

/**
 * The public licence function's dependencies: public keys (GetPublicKey, never Sign), the register read-only, the
 * stored signed status lists. It reads no secret, so it has no holder key and no department's webhook secret.
 */
export async function publicLicenceDeps(): Promise<PublicVerificationDeps & { publications: StatusListPublications }> {
  const env = parseEnv({
    MAIN_TABLE_NAME: z.string().min(1),
    LICENCES_BUCKET_NAME: z.string().min(1),
    LICENCE_SIGNING_KEY: z.string().min(1),
    PUBLIC_API_URL: z.url(),
    LICENCE_RETIRED_KEYS: z.string().default(''),
  });
  const table = mainTable(env.MAIN_TABLE_NAME);
  const { documents, now, catalogue } = table;
  const applicantsReader = withForms(table);
  const current = await licencePublicKey(env.LICENCE_SIGNING_KEY);
  const retired = await Promise.all(
    env.LICENCE_RETIRED_KEYS.split(',')
      .map((r) => r.trim())
      .filter(Boolean)
      .map(async (ref) => {
        const key = await licencePublicKey(ref);
        return publishedJwk(await key.publicJwk(), key.kid);
      }),
  );
  const jwks = buildJwks(publishedJwk(await current.publicJwk(), current.kid), retired);

  // Of a case, only which versions it pinned: a projection of exactly the attributes the function's policy allows.
  const attributes = VERIFICATION_READ_SCOPE.partial.attributes.filter((a) => a !== 'pk' && a !== 'sk');
  const forms = new Map<string, Promise<readonly FormField[]>>();
  const formOf = async ({ caseId }: { caseId?: string }) => {
    if (!caseId) return undefined;
    const { Item } = await documents.send(
      new GetCommand({
        TableName: env.MAIN_TABLE_NAME,
        Key: caseItems.case.key(caseId),
        ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a])),
      }),
    );
    if (!Item?.matterCode) return undefined;
    const pinned = Item as {
      kind?: 'matter' | 'bundle';
      matterCode: string;
      matterVersion: number;
      memberVersions?: Record<string, number>;
    };
    const key = JSON.stringify([
      pinned.kind ?? 'matter',
      pinned.matterCode,
      pinned.matterVersion,
      pinned.memberVersions ?? {},
    ]);
    if (!forms.has(key))
      forms.set(
        key,
        templateOfCase(applicantsReader, pinned).then((t) => t.fields),
      );
    return forms.get(key)!.catch((error: unknown) => {
      forms.delete(key);
      throw error;
    });
  };

  return {
    store: dynamoLicenceStore(documents, env.MAIN_TABLE_NAME),
    jwks: async () => jwks,
    publicApiUrl: env.PUBLIC_API_URL.replace(/\/$/, ''),
    now,
    licenceTypes: async (code) => {
      const type = (await catalogue.licenceTypes()).find((t) => t.code === code);
      if (!type) throw new NotFoundError(`No licence type ${code}`);
      return type;
    },
    formOf,
    publications: s3StatusListPublications(s3Client(), env.LICENCES_BUCKET_NAME),
  };
}
