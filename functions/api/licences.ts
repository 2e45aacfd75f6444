import { licenceDocumentDeps } from '../../shared/adapters/licence-document-deps';
import { getLicenceRoute, jwksRoute, licenceDocumentRoute, licenceLifecycleRoute, myLicencesRoute, statusListRoute, verifyByNumberRoute, verifyCredentialRoute } from '../../shared/contracts/licences';
import type { Principal } from '../../shared/auth/principal';
import { identityKey } from '../../shared/domain/applications/access';
import { NotFoundError } from '../../shared/domain/errors';
import { changeState, documentLink, jwksOf, type LicenceDeps, type LicenceRecord, publishedStatusList, reissue, verificationUrl, verify } from '../../shared/domain/licences/register';
import { HttpResponse, httpRouter, route } from '../../shared/lambda/http';

const ready = licenceDocumentDeps();

function view(record: LicenceRecord, deps: LicenceDeps) {
  const { statusIndex: _i, revision: _r, holderKey: _h, documentKey: _d, imported: _m, reason: _reason, ...rest } = record;
  return { ...rest, expired: record.validUntil !== undefined && new Date(record.validUntil) <= deps.now(), verificationUrl: verificationUrl(deps, record.licenceNo) };
}

const verification = (v: Awaited<ReturnType<typeof verify>>) => ({ ...v, problems: [...v.problems] });

/** The holder, the issuing department, supervisors and administrators see a licence; anyone else is told it does not exist. */
async function visible(licenceNo: string, principal: Principal, deps: LicenceDeps, forChange = false): Promise<LicenceRecord> {
  const record = await deps.store.get(licenceNo);
  const allowed =
    record &&
    (forChange
      ? principal.role === 'admin' || (principal.role === 'department' && principal.department === record.issuingDepartment)
      : (principal.role === 'applicant' && identityKey(principal) === record.holderKey) ||
        (principal.role === 'department' && principal.department === record.issuingDepartment) ||
        principal.role === 'supervisor' ||
        principal.role === 'admin');
  if (!allowed) throw new NotFoundError(`No licence ${licenceNo}`);
  return record!;
}

/** 电子证照: public verification, keys and status lists; the wallet and documents; the issuing department's lifecycle. */
export const handler = httpRouter([
  route(jwksRoute, async () => new HttpResponse({ keys: [...(await jwksOf(await ready)).keys] as unknown as Record<string, unknown>[] }, 200, { 'cache-control': 'public, max-age=300' })),
  route(statusListRoute, async ({ params }) => new HttpResponse(await publishedStatusList(params.id, await ready), 200, { 'content-type': 'application/vc+jwt', 'cache-control': 'public, max-age=60' })),
  route(verifyByNumberRoute, async ({ params }) => verification(await verify({ licenceNo: params.licenceNo }, await ready))),
  route(verifyCredentialRoute, async ({ body }) => verification(await verify({ credential: body.credential }, await ready))),
  route(myLicencesRoute, async ({ query, principal }) => {
    const deps = await ready;
    const key = identityKey(principal);
    if (!key) return { items: [] };
    const page = await deps.store.listByHolder(key, query.limit, query.cursor);
    return { items: page.items.map((r) => view(r, deps)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }),
  route(getLicenceRoute, async ({ params, principal }) => {
    const deps = await ready;
    return view(await visible(params.licenceNo, principal, deps), deps);
  }),
  route(licenceDocumentRoute, async ({ params, principal }) => {
    const deps = await ready;
    return documentLink(await visible(params.licenceNo, principal, deps), deps);
  }),
  route(licenceLifecycleRoute, async ({ params, body, principal }) => {
    const deps = await ready;
    await visible(params.licenceNo, principal, deps, true);
    const { action } = params;
    const record = action === 'change' || action === 'renew' ? await reissue(params.licenceNo, action, body, deps) : await changeState(params.licenceNo, action, body, deps);
    return view(record, deps);
  }),
]);
