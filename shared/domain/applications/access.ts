import type { Principal } from '../../auth/principal';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import type { CaseRecord } from './model';

/** The key of the person or enterprise a case belongs to: the ID number or the 统一社会信用代码. */
export function identityKey(identity: { idNumber?: string; uscc?: string }): string | undefined {
  if (identity.idNumber) return `P#${identity.idNumber}`;
  if (identity.uscc) return `E#${identity.uscc}`;
  return undefined;
}

/** 窗口收件: the window officer who registered this walk-in case (and no other officer, and never for an online case). */
export function isIntakeOfficer(record: Pick<CaseRecord, 'channel' | 'intakeOfficerSub'>, principal: Principal): boolean {
  return principal.role === 'window' && record.channel === 'window' && record.intakeOfficerSub !== undefined && record.intakeOfficerSub === principal.sub;
}

/** The states in which the intake officer acts for the applicant: filling in at the counter, and answering a correction. */
export const INTAKE_OWNER_STATUSES: readonly string[] = ['DRAFT', 'CORRECTION_REQUESTED'];

/** Region codes as prefixes: a province covers its cities and districts, a city its districts. */
const regionPrefix = (code: string) => (code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code);

/** Whether a case lies in the region a staff token names (none named: everywhere). */
export function withinRegion(record: Pick<CaseRecord, 'regionCode'>, principal: Pick<Principal, 'region'>): boolean {
  return !principal.region || record.regionCode.startsWith(regionPrefix(principal.region));
}

/**
 * 即办件: a window officer may decide a matter on the spot under a department's delegation, held as
 * `DEPT:MATTER-CODE`, or `DEPT:*` for every 即办件 of that department.
 */
export function delegatedBy(principal: Pick<Principal, 'delegations'>, department: string, matterCode: string): boolean {
  return (principal.delegations ?? []).some((d) => d === `${department}:${matterCode}` || d === `${department}:*`);
}

/** A 即办件 accepted and in review, in the officer's region, every reviewing department of which delegated it. */
export function mayDecideOnTheSpot(record: Pick<CaseRecord, 'status' | 'immediate' | 'departments' | 'matterCode' | 'regionCode'>, principal: Principal): boolean {
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

/** Who may see a case. Anyone else gets 404, so a case's existence is not revealed. */
export function canSee(record: CaseRecord, principal: Principal): boolean {
  switch (principal.role) {
    case 'applicant':
      return identityKey(principal) === record.ownerKey;
    case 'agent':
      return record.agentSub === principal.sub;
    case 'window':
      // 前台综合受理: the cases waiting for a window decision or a correction; and the officer's own walk-in cases,
      // as an agent sees the cases they act in.
      // An officer holding every reviewing department's delegation also sees a 即办件 in review in their region, to
      // decide it on the spot; no other case in review.
      return record.status === 'SUBMITTED' || record.status === 'CORRECTION_REQUESTED' || isIntakeOfficer(record, principal) || mayDecideOnTheSpot(record, principal);
    case 'department':
      return principal.department !== undefined && (record.departments ?? []).includes(principal.department);
    case 'supervisor':
    case 'admin':
      return true;
  }
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
      throw new ConflictError(`The window acts for the applicant while the case is a draft or awaits correction, not in status ${visible.status}`);
    }
    return visible;
  }
  throw new ForbiddenError('Only the applicant or their agent may do this (or, for a walk-in case, the window officer who registered it)');
}
