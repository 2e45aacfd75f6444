import type { Principal } from '../../auth/principal';
import { reachesRegion, regionCovers, windowReaches } from '../access/scope';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import type { Authorisation, CaseRecord } from './model';

/** The key of the person or enterprise a case belongs to: the ID number or the 统一社会信用代码. */
export function identityKey(identity: { idNumber?: string; uscc?: string }): string | undefined {
  if (identity.idNumber) return `P#${identity.idNumber}`;
  if (identity.uscc) return `E#${identity.uscc}`;
  return undefined;
}

/** 窗口收件: the window officer who registered this walk-in case (and no other officer, and never for an online case). */
export function isIntakeOfficer(
  record: Pick<CaseRecord, 'channel' | 'intakeOfficerSub'>,
  principal: Principal,
): boolean {
  return (
    principal.role === 'window' &&
    record.channel === 'window' &&
    record.intakeOfficerSub !== undefined &&
    record.intakeOfficerSub === principal.sub
  );
}

/** The states in which the intake officer acts for the applicant: filling in at the counter, and answering a correction. */
export const INTAKE_OWNER_STATUSES: readonly string[] = ['DRAFT', 'CORRECTION_REQUESTED'];

/** Whether a case lies in the region a staff token names; a token without a region claim reaches none (fail closed). */
export function withinRegion(record: Pick<CaseRecord, 'regionCode'>, principal: Pick<Principal, 'region'>): boolean {
  return principal.region !== undefined && regionCovers(principal.region, record.regionCode);
}

/**
 * 即办件: a window officer may decide a matter on the spot under a department's delegation, held as
 * `DEPT:MATTER-CODE`, or `DEPT:*` for every 即办件 of that department.
 */
export function delegatedBy(
  principal: Pick<Principal, 'delegations'>,
  department: string,
  matterCode: string,
): boolean {
  return (principal.delegations ?? []).some((d) => d === `${department}:${matterCode}` || d === `${department}:*`);
}

/** A 即办件 accepted and in review, in the officer's region, every reviewing department of which delegated it. */
export function mayDecideOnTheSpot(
  record: Pick<CaseRecord, 'status' | 'immediate' | 'departments' | 'matterCode' | 'regionCode'>,
  principal: Principal,
): boolean {
  const departments = record.departments ?? [];
  return (
    principal.role === 'window' &&
    record.immediate === true &&
    (record.status === 'ACCEPTED' || record.status === 'IN_REVIEW') &&
    departments.length > 0 &&
    departments.every((d) => delegatedBy(principal, d, record.matterCode)) &&
    withinRegion(record, principal)
  );
}

/**
 * Who may see a case (the synchronous part of the rule; an agent's authorisation is checked by reachCase). Anyone
 * else gets 404, so a case's existence is not revealed. Staff reach only their scope (shared/domain/access/scope.ts).
 */
export function canSee(record: CaseRecord, principal: Principal): boolean {
  switch (principal.role) {
    case 'applicant':
      return identityKey(principal) === record.ownerKey;
    case 'agent':
      return record.agentSub === principal.sub;
    case 'window':
      // 前台综合受理, within the officer's region or hall: the cases waiting for a window decision or a correction;
      // and the officer's own walk-in cases, as an agent sees the cases they act in. An officer holding every
      // reviewing department's delegation also sees a 即办件 in review, to decide it on the spot; no other case in review.
      if (isIntakeOfficer(record, principal)) return true;
      return (
        windowReaches(principal, record) &&
        (record.status === 'SUBMITTED' ||
          record.status === 'CORRECTION_REQUESTED' ||
          mayDecideOnTheSpot(record, principal))
      );
    case 'department':
      return principal.department !== undefined && (record.departments ?? []).includes(principal.department);
    case 'supervisor':
    case 'admin':
      return reachesRegion(principal, record.regionCode);
  }
}

/** An authorisation that still holds for this matter: not revoked (deleted), not expired, naming the matter or `*`. */
export function authorisationHolds(
  found: Authorisation | undefined,
  matterCode: string,
  now: Date,
): found is Authorisation {
  return (
    found !== undefined &&
    new Date(found.until) > now &&
    (found.matters.includes('*') || found.matters.includes(matterCode))
  );
}

/** What reachCase reads besides the case: the agent's authorisation, and the time. */
export interface ReachDeps {
  readonly cases: { getAuthorisation(principalKey: string, agentSub: string): Promise<Authorisation | undefined> };
  readonly now: () => Date;
}

/**
 * THE read check for one case: canSee, and for an agent a live authorisation from the case's owner for its matter
 * (revoked or expired: the case answers 404, as anyone else's does, for reads as for commands).
 */
export async function reachCase(
  record: CaseRecord | undefined,
  principal: Principal,
  id: string,
  deps: ReachDeps,
): Promise<CaseRecord> {
  const visible = requireVisible(record, principal, id);
  if (
    principal.role === 'agent' &&
    !authorisationHolds(
      await deps.cases.getAuthorisation(visible.ownerKey, principal.sub),
      visible.matterCode,
      deps.now(),
    )
  ) {
    throw new NotFoundError(`No case ${id}`);
  }
  return visible;
}

/** The owner's actions with the agent's authorisation checked: requireOwner, then reachCase's check. */
export async function reachCaseAsOwner(
  record: CaseRecord | undefined,
  principal: Principal,
  id: string,
  deps: ReachDeps,
): Promise<CaseRecord> {
  const owned = requireOwner(record, principal, id);
  return reachCase(owned, principal, id, deps);
}

export function requireVisible(record: CaseRecord | undefined, principal: Principal, id: string): CaseRecord {
  if (!record || !canSee(record, principal)) throw new NotFoundError(`No case ${id}`);
  return record;
}

/**
 * The owner's actions (edit, upload, submit, withdraw): the applicant, or the agent who acts for them; and, for a
 * walk-in case while it is a draft or awaits correction, the window officer who registered it.
 */
export function requireOwner(record: CaseRecord | undefined, principal: Principal, id: string): CaseRecord {
  const visible = requireVisible(record, principal, id);
  if (principal.role === 'applicant' || principal.role === 'agent') return visible;
  if (isIntakeOfficer(visible, principal)) {
    if (!INTAKE_OWNER_STATUSES.includes(visible.status)) {
      throw new ConflictError(
        `The window acts for the applicant while the case is a draft or awaits correction, not in status ${visible.status}`,
      );
    }
    return visible;
  }
  throw new ForbiddenError(
    'Only the applicant or their agent may do this (or, for a walk-in case, the window officer who registered it)',
  );
}
