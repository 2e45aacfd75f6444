import * as z from 'zod';
import { applicationDeps } from '../../shared/adapters/application-deps';
import { dynamoDocumentClient } from '../../shared/adapters/aws-clients';
import { dynamoLicenceStore } from '../../shared/adapters/dynamo-licence-store';
import { parseEnv } from '../../shared/config/env';
import { getPostCheckRoute, listPostChecksRoute, recordPostCheckRoute } from '../../shared/contracts/post-checks';
import { ConflictError } from '../../shared/domain/errors';
import { changeState } from '../../shared/domain/licences/register';
import { getPostCheck, type LicenceRevoker, type PostCheck, listPostChecks, recordPostCheck } from '../../shared/domain/workflow/post-check';
import { httpRouter, route } from '../../shared/lambda/http';

const deps = applicationDeps();
const { MAIN_TABLE_NAME } = parseEnv({ MAIN_TABLE_NAME: z.string().min(1) });
const register = { store: dynamoLicenceStore(dynamoDocumentClient(), MAIN_TABLE_NAME), now: deps.now };

/** A false commitment revokes the licence; revoking one that is revoked already is what a retried request finds. */
const revoker: LicenceRevoker = {
  async revoke(licenceNo, reason) {
    try {
      await changeState(licenceNo, 'revoke', { reason }, register);
    } catch (error) {
      if (!(error instanceof ConflictError) || (await register.store.get(licenceNo))?.state !== 'revoked') throw error;
    }
  },
};

/** The contract's arrays are mutable; the domain's are not. */
const view = (check: PostCheck) => ({ ...check, materials: [...check.materials] });

/** 告知承诺制的事后核查: the responsible department lists its post-checks and records their results. */
export const handler = httpRouter([
  route(listPostChecksRoute, async ({ query, principal }) => {
    const page = await listPostChecks(principal, query, deps.postChecks);
    return { items: page.items.map(view), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }),
  route(getPostCheckRoute, async ({ params, principal }) => view(await getPostCheck(params.id, principal, deps.postChecks))),
  route(recordPostCheckRoute, async ({ params, body, principal }) => view(await recordPostCheck(params.id, body, principal, { ...deps, revoker }))),
]);
