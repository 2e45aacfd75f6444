import { publicLicenceDeps } from '../../shared/adapters/public-licence-deps';
import {
  jwksRoute,
  statusListRoute,
  verifyByNumberRoute,
  verifyCredentialRoute,
} from '../../shared/contracts/licences';
import { publicVerificationView } from '../../shared/domain/licences/public-verification';
import { servedStatusList, StatusListUnavailableError } from '../../shared/domain/licences/status-list-publication';
import { HttpResponse, httpRouter, route } from '../../shared/lambda/http';

// Anonymous callers only: public keys, the register read-only, the stored signed lists. This function holds no
// signing right and no secret (infra/topology.ts), so nothing a flood of it does can spend the KMS signing quota.
const ready = publicLicenceDeps();

/** 电子证照, the public side: verification by number or credential, the keys, the signed status lists. */
export const handler = httpRouter([
  route(
    jwksRoute,
    async () =>
      new HttpResponse({ keys: [...(await (await ready).jwks()).keys] as unknown as Record<string, unknown>[] }, 200, {
        'cache-control': 'public, max-age=300',
      }),
  ),
  route(statusListRoute, async ({ params }) => {
    try {
      const { jwt, maxAgeSeconds } = await servedStatusList(params.id, await ready);
      return new HttpResponse(jwt, 200, {
        'content-type': 'application/vc+jwt',
        'cache-control': `public, max-age=${maxAgeSeconds}`,
      });
    } catch (error) {
      if (!(error instanceof StatusListUnavailableError)) throw error;
      // Not signed here, ever: the publisher renews it (on a change and on its schedule); a verifier retries.
      return new HttpResponse({ error: { code: 'StatusListUnavailable', message: error.message } } as never, 503, {
        'retry-after': '60',
        'cache-control': 'no-store',
      });
    }
  }),
  route(verifyByNumberRoute, async ({ params }) =>
    publicVerificationView({ licenceNo: params.licenceNo }, await ready),
  ),
  route(verifyCredentialRoute, async ({ body }) =>
    publicVerificationView({ credential: body.credential }, await ready),
  ),
]);
