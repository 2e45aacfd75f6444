import type { Principal } from '../../auth/principal';
import { identityKey } from '../applications/access';
import type { ContentChoices } from './credential';
import type { LicenceDeps, LicenceRecord } from './ports';
import { changeState, choicesOf, documentLink, type LifecycleAction, reissue, verificationUrl } from './register';
import { visibleLicence } from './visibility';

/**
 * What signed-in people see of a licence (电子证照): the wallet, one licence, the lifecycle's answer.
 * The register's bookkeeping (status index, revision, holder key, document key) stays inside. (Public
 * verification answers with publicVerificationView, public-verification.ts, loaded without the register.)
 */

/** The contract's arrays are mutable; the domain's are not. */
const mutableChoices = (kept: ContentChoices) =>
  Object.fromEntries(Object.entries(kept).map(([key, list]) => [key, [...list]]));

export async function licenceView(record: LicenceRecord, deps: LicenceDeps) {
  const {
    statusIndex: _i,
    revision: _r,
    holderKey: _h,
    documentKey: _d,
    imported: _m,
    reason: _reason,
    ...rest
  } = record;
  return {
    ...rest,
    contentChoices: mutableChoices(await choicesOf(record, deps)),
    expired: record.validUntil !== undefined && new Date(record.validUntil) <= deps.now(),
    verificationUrl: verificationUrl(deps, record.licenceNo),
  };
}

/** The caller's wallet: the licences held under the caller's identity, a page at a time. */
export async function myLicences(principal: Principal, query: { limit: number; cursor?: string }, deps: LicenceDeps) {
  const key = identityKey(principal);
  if (!key) return { items: [] };
  const page = await deps.store.listByHolder(key, query.limit, query.cursor);
  return {
    items: await Promise.all(page.items.map((r) => licenceView(r, deps))),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

/** One licence, for its holder, its department and supervisors. */
export async function licenceFor(licenceNo: string, principal: Principal, deps: LicenceDeps) {
  return licenceView(await visibleLicence(licenceNo, principal, deps), deps);
}

/** A licence's document for those who may see the licence: rendered and stored on first request, then a link. */
export async function documentLinkFor(licenceNo: string, principal: Principal, deps: LicenceDeps) {
  return documentLink(await visibleLicence(licenceNo, principal, deps), deps);
}

/** Change, renew, suspend, resume, revoke or check a licence, for those who may change it; answers its new view. */
export async function lifecycle(
  licenceNo: string,
  action: LifecycleAction | 'change' | 'renew',
  body: Parameters<typeof reissue>[2],
  principal: Principal,
  deps: LicenceDeps,
) {
  await visibleLicence(licenceNo, principal, deps, true);
  const record =
    action === 'change' || action === 'renew'
      ? await reissue(licenceNo, action, body, deps)
      : await changeState(licenceNo, action, body, deps);
  return licenceView(record, deps);
}
