import * as z from 'zod';
import { applicationDeps } from '../../shared/adapters/application-deps';
import { dynamoDocumentClient } from '../../shared/adapters/aws-clients';
import { dynamoLicenceStore } from '../../shared/adapters/dynamo-licence-store';
import { parseEnv } from '../../shared/config/env';
import { commitmentBreached } from '../../shared/contracts/workflow-events';
import { ConflictError } from '../../shared/domain/errors';
import { changeState } from '../../shared/domain/licences/register';
import { type LicenceRevoker, revokeOnBreach } from '../../shared/domain/workflow/post-check';
import { eventConsumer } from '../../shared/lambda/event-consumer';

const deps = applicationDeps();
const { MAIN_TABLE_NAME } = parseEnv({ MAIN_TABLE_NAME: z.string().min(1) });
// The register and the clock only: status lists are signed by their publisher from the revocation's event, so revoking needs no signing key.
const register = { store: dynamoLicenceStore(dynamoDocumentClient(), MAIN_TABLE_NAME), now: deps.now };

/** Revoking a licence that is revoked already is what a redelivered event finds: done. */
const revoker: LicenceRevoker = {
  async revoke(licenceNo, reason) {
    try {
      await changeState(licenceNo, 'revoke', { reason }, register);
    } catch (error) {
      if (!(error instanceof ConflictError) || (await register.store.get(licenceNo))?.state !== 'revoked') throw error;
    }
  },
};

/** 告知承诺制: a commitment found false on its post-check revokes the case's licence (the status list at once). */
export const handler = eventConsumer(commitmentBreached.detail, async ({ detail }) => {
  await revokeOnBreach(detail, { ...deps, revoker });
});
