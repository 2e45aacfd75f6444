import type { Principal } from '../../auth/principal';
import { identityKey } from '../applications/access';
import { NotFoundError } from '../errors';
import type { LicenceDeps, LicenceRecord } from './register';

/**
 * The holder, the issuing department, supervisors and administrators see a licence; only the issuing department and
 * administrators change it. Anyone else is told it does not exist.
 */
export async function visibleLicence(licenceNo: string, principal: Principal, deps: Pick<LicenceDeps, 'store'>, forChange = false): Promise<LicenceRecord> {
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
