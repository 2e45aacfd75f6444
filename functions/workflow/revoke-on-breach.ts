import * as z from 'zod';
import { applicationDeps } from '../../shared/adapters/application-deps';
import { dynamoDocumentClient } from '../../shared/adapters/aws-clients';
import { dynamoLicenceStore } from '../../shared/adapters/dynamo-licence-store';
import { parseEnv } from '../../shared/config/env';
import { commitmentBreached } from '../../shared/contracts/workflow-events';
import { registerRevoker, revokeOnBreach } from '../../shared/domain/workflow/breach';
import { eventConsumer } from '../../shared/lambda/event-consumer';

const deps = applicationDeps();
const { MAIN_TABLE_NAME } = parseEnv({ MAIN_TABLE_NAME: z.string().min(1) });
// The register and the clock only: status lists are signed by their publisher from the revocation's event, so
// revoking needs no signing key.
const revoker = registerRevoker({ store: dynamoLicenceStore(dynamoDocumentClient(), MAIN_TABLE_NAME), now: deps.now });

/** 告知承诺制: a commitment found false on its post-check revokes the case's licence (the status list at once). */
export const handler = eventConsumer(commitmentBreached.detail, async ({ detail }) => {
  await revokeOnBreach(detail, { ...deps, revoker });
});
