import { applicationDeps } from '../../shared/adapters/application-deps';
import { licenceRegisterDeps } from '../../shared/adapters/licence-deps';
import { commitmentBreached } from '../../shared/contracts/workflow-events';
import { registerRevoker, revokeOnBreach } from '../../shared/domain/workflow/breach';
import { eventConsumer } from '../../shared/lambda/event-consumer';

const deps = applicationDeps();
// The register and the clock only: status lists are signed by their publisher from the revocation's event, so
// revoking needs no signing key.
const revoker = registerRevoker(licenceRegisterDeps());

/** 告知承诺制: a commitment found false on its post-check revokes the case's licence (the status list at once). */
export const handler = eventConsumer(commitmentBreached.detail, async ({ detail }) => {
  await revokeOnBreach(detail, { ...deps, revoker });
});
