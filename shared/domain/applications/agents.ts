import type { Principal } from '../../auth/principal';
import { ForbiddenError, ValidationError } from '../errors';
import { identityKey } from './access';
import type { Authorisation } from './model';
import type { ApplicationDeps } from './ports';

/** 代办: an applicant's authorisations of agents, given, listed and revoked by the applicant. */

/** An applicant authorises an agent (代办) for some matters until a date. */
export async function authoriseAgent(
  input: { agentSub: string; matters: string[]; until: string },
  principal: Principal,
  deps: ApplicationDeps,
): Promise<Authorisation> {
  const principalKey = identityKey(principal);
  if (principal.role !== 'applicant' || !principalKey)
    throw new ForbiddenError('Only a citizen or an enterprise can authorise an agent');
  if (new Date(input.until) <= deps.now())
    throw new ValidationError('The authorisation must end in the future', [
      { path: 'body.until', rule: 'future', message: 'must be a future time' },
    ]);
  const authorisation: Authorisation = {
    principalKey,
    principalSub: principal.sub,
    agentSub: input.agentSub,
    matters: input.matters,
    until: input.until,
    createdAt: deps.now().toISOString(),
  };
  await deps.cases.putAuthorisation(authorisation);
  return authorisation;
}

/** The applicant's own authorisations (none for a token without an identity). */
export async function listAuthorisations(
  principal: Principal,
  deps: Pick<ApplicationDeps, 'cases'>,
): Promise<Authorisation[]> {
  return deps.cases.listAuthorisations(identityKey(principal) ?? '-');
}

export async function revokeAuthorisation(
  agentSub: string,
  principal: Principal,
  deps: Pick<ApplicationDeps, 'cases'>,
): Promise<void> {
  await deps.cases.deleteAuthorisation(identityKey(principal) ?? '-', agentSub);
}
