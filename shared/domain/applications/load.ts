import type { Principal } from '../../auth/principal';
import { ForbiddenError } from '../errors';
import { authorisationHolds, requireOwner } from './access';
import type { Authorisation, CaseRecord } from './model';
import type { ApplicationDeps } from './ports';

/**
 * Reading a case for a use case of applications/: an expired draft is gone, and an agent acts for the owner only
 * while an authorisation holds.
 */

/** An abandoned draft is gone once it expires, even before DynamoDB's TTL removes it: for reads and lists alike. */
export const isExpiredDraft = (record: CaseRecord, deps: Pick<ApplicationDeps, 'now'>) =>
  record.status === 'DRAFT' && record.expiresAt !== undefined && record.expiresAt * 1000 <= deps.now().getTime();

export async function loadCase(id: string, deps: ApplicationDeps): Promise<CaseRecord | undefined> {
  const record = await deps.cases.get(id);
  return record && !isExpiredDraft(record, deps) ? record : undefined;
}

export async function requireAuthorisation(
  principalKey: string,
  agent: Principal,
  matterCode: string,
  deps: ApplicationDeps,
): Promise<Authorisation> {
  const found = await deps.cases.getAuthorisation(principalKey, agent.sub);
  if (!authorisationHolds(found, matterCode, deps.now())) {
    throw new ForbiddenError('No valid authorisation to act for this applicant on this matter');
  }
  return found;
}

/** The owner's right to act: the applicant themself, or an agent whose authorisation still holds. */
export async function requireActingOwner(id: string, principal: Principal, deps: ApplicationDeps): Promise<CaseRecord> {
  const record = requireOwner(await loadCase(id, deps), principal, id);
  if (principal.role === 'agent') await requireAuthorisation(record.ownerKey, principal, record.matterCode, deps);
  return record;
}
