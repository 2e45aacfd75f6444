import { NotFoundError } from '../errors';
import type { StatusListPublications, StatusListPublisherDeps } from './ports';
import { signCredentialJws } from './signer';
import { buildStatusListCredential, STATUS_PURPOSES, type StatusPurpose } from './status-list';

/**
 * Status lists are signed by the side that holds the signing key, stored with their validity, and served as
 * stored until they expire. An anonymous request never signs: a flood of GET /status-lists/{id} costs storage
 * reads, not KMS quota, so licence issuance keeps its signatures.
 *
 * A list is signed again only when its bits changed (a revocation, suspension, resumption or new version) or when
 * less than a third of its validity is left; without changes that is once every two thirds of the window per list,
 * whatever the traffic.
 */

/** How long a signed list is valid (its `validUntil`); verifiers reject it afterwards. */
export const STATUS_LIST_VALIDITY_MS = 15 * 60_000;
/** How long a verifier may cache a list (`ttl`, and the upper bound of the served Cache-Control max-age). */
export const STATUS_LIST_TTL_MS = 5 * 60_000;

/** Signed lists live under this prefix of the licences bucket; the public function may read nothing else there. */
export const STATUS_LIST_PREFIX = 'status-lists/';

/** The list ids in URLs (`/status-lists/<id>`), one per purpose. */
export const STATUS_LIST_IDS: Readonly<Record<StatusPurpose, string>> = {
  revocation: 'revocation-1',
  suspension: 'suspension-1',
};
export const statusListUrlOf = (publicApiUrl: string, purpose: StatusPurpose) =>
  `${publicApiUrl}/status-lists/${STATUS_LIST_IDS[purpose]}`;

export function purposeOfListId(id: string): StatusPurpose | undefined {
  return STATUS_PURPOSES.find((p) => STATUS_LIST_IDS[p] === id);
}

/** Signs and stores a purpose's list when it is missing, behind the bits, or near its expiry; else does nothing. */
export async function publishStatusList(
  purpose: StatusPurpose,
  deps: StatusListPublisherDeps,
): Promise<{ signed: boolean }> {
  const id = STATUS_LIST_IDS[purpose];
  const [{ list, revision }, stored] = await Promise.all([
    deps.store.readStatusList(purpose),
    deps.publications.read(id),
  ]);
  const now = deps.now();
  const left = stored ? new Date(stored.validUntil).getTime() - now.getTime() : 0;
  if (stored && stored.revision === revision && left > STATUS_LIST_VALIDITY_MS / 3) return { signed: false };
  const validUntil = new Date(now.getTime() + STATUS_LIST_VALIDITY_MS);
  const url = statusListUrlOf(deps.publicApiUrl, purpose);
  const credential = buildStatusListCredential({
    url,
    issuer: { id: deps.publicApiUrl },
    purpose,
    list,
    validFrom: now,
    validUntil,
    ttlMs: STATUS_LIST_TTL_MS,
  });
  const jwt = await signCredentialJws(credential, deps.signer);
  await deps.publications.write(id, {
    jwt,
    validUntil: validUntil.toISOString(),
    revision,
    signedAt: now.toISOString(),
  });
  return { signed: true };
}

/** Both lists; a list that fails does not keep the other from being published. */
export async function publishStatusLists(deps: StatusListPublisherDeps): Promise<Record<StatusPurpose, boolean>> {
  const results = await Promise.allSettled(STATUS_PURPOSES.map((p) => publishStatusList(p, deps)));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return Object.fromEntries(
    STATUS_PURPOSES.map((p, i) => [p, (results[i] as PromiseFulfilledResult<{ signed: boolean }>).value.signed]),
  ) as Record<StatusPurpose, boolean>;
}

/** Thrown when no valid signed list is stored: the signing side has not published it yet, or could not renew it. */
export class StatusListUnavailableError extends Error {
  override readonly name = 'StatusListUnavailableError';
}

/** The stored signed list and how long a cache may keep it (never beyond its validity), without signing anything. */
export async function servedStatusList(
  id: string,
  deps: { publications: Pick<StatusListPublications, 'read'>; now: () => Date },
): Promise<{ jwt: string; maxAgeSeconds: number }> {
  if (!purposeOfListId(id)) throw new NotFoundError(`No status list ${id}`);
  const stored = await deps.publications.read(id);
  const left = stored ? new Date(stored.validUntil).getTime() - deps.now().getTime() : 0;
  if (!stored || left <= 0)
    throw new StatusListUnavailableError(
      `The status list ${id} is not published or has expired; it is renewed within minutes`,
    );
  return { jwt: stored.jwt, maxAgeSeconds: Math.floor(Math.min(STATUS_LIST_TTL_MS, left) / 1000) };
}
