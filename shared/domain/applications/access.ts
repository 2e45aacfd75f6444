import type { Principal } from '../../auth/principal';
import { ForbiddenError, NotFoundError } from '../errors';
import type { CaseRecord } from './model';

/** The key of the person or enterprise a case belongs to: the ID number or the 统一社会信用代码. */
export function identityKey(identity: { idNumber?: string; uscc?: string }): string | undefined {
  if (identity.idNumber) return `P#${identity.idNumber}`;
  if (identity.uscc) return `E#${identity.uscc}`;
  return undefined;
}

/** Who may see a case. Anyone else gets 404, so a case's existence is not revealed. */
export function canSee(record: CaseRecord, principal: Principal): boolean {
  switch (principal.role) {
    case 'applicant':
      return identityKey(principal) === record.ownerKey;
    case 'agent':
      return record.agentSub === principal.sub;
    case 'window':
      // 前台综合受理: the cases waiting for a window decision or a correction.
      return record.status === 'SUBMITTED' || record.status === 'CORRECTION_REQUESTED';
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

/** The owner's actions (edit, upload, submit, withdraw): the applicant, or the agent who acts for them. */
export function requireOwner(record: CaseRecord | undefined, principal: Principal, id: string): CaseRecord {
  const visible = requireVisible(record, principal, id);
  if (principal.role !== 'applicant' && principal.role !== 'agent') throw new ForbiddenError('Only the applicant or their agent may do this');
  return visible;
}
