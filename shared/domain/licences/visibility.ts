import type { Principal } from '../../auth/principal';
import { reachesRegion } from '../access/scope';
import { identityKey } from '../applications/access';
import { NotFoundError } from '../errors';
import type { LicenceDeps, LicenceRecord } from './register';

/**
 * The holder, the issuing department, supervisors and administrators see a licence; only the issuing department and
 * administrators change it. Anyone else is told it does not exist.
 */
export async function visibleLicence(
  licenceNo: string,
  principal: Principal,
  deps: Pick<LicenceDeps, 'store' | 'departmentRegion'>,
  forChange = false,
): Promise<LicenceRecord> {
  const record = await deps.store.get(licenceNo);
  // Supervisors and administrators reach the licences of their region: the issuing department's.
  const inRegion = async (r: LicenceRecord) =>
    (principal.role === 'supervisor' || principal.role === 'admin') &&
    reachesRegion(principal, await deps.departmentRegion(r.issuingDepartment));
  const allowed =
    record &&
    (forChange
      ? (principal.role === 'admin' && (await inRegion(record))) ||
        (principal.role === 'department' && principal.department === record.issuingDepartment)
      : (principal.role === 'applicant' && identityKey(principal) === record.holderKey) ||
        (principal.role === 'department' && principal.department === record.issuingDepartment) ||
        (await inRegion(record)));
  if (!allowed) throw new NotFoundError(`No licence ${licenceNo}`);
  return record!;
}
