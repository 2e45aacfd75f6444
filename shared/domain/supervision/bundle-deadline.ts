import type { CaseRecord } from '../applications/model';
import type { BundleResultLookups } from './ports';

/**
 * 一件事 as one deadline: a bundle case's clock runs from its acceptance to its last member's licence
 * (bundle-limit.ts gives the limit). The bundle is approved once every member is (bundles.ts, closeBundle), but a
 * member's licence comes after its approval (fees first, then issuance), so the approval alone does not stop
 * the bundle's clock: it stops when every member's result is out.
 *
 * Supervision (the watch) and analytics (按时办结率) both ask this, each from its own events: the bundle's
 * Application.Approved.v1 and its members' Licence.Issued.v1, in whichever order they arrive. Each asks after its
 * event's change was written, so the later of the two always sees the whole.
 */

const DECIDED_APPROVED = ['APPROVED', 'ISSUED', 'DELIVERED'];

/** A member case's result is out: its licence is issued, or it was approved and its matter yields no licence. */
export async function memberResultOut(
  member: Pick<CaseRecord, 'status' | 'licenceNo' | 'matterCode' | 'matterVersion'>,
  lookups: Pick<BundleResultLookups, 'yieldsLicence'>,
): Promise<boolean> {
  if (member.licenceNo) return true;
  if (!DECIDED_APPROVED.includes(member.status)) return false;
  return lookups.yieldsLicence ? !(await lookups.yieldsLicence(member.matterCode, member.matterVersion)) : false;
}

/**
 * Whether an approved bundle case's every member result is out. `issuedCaseId`: the member whose Licence.Issued.v1
 * is being handled; its licence is out even if its case does not show the number yet (the register publishes the
 * event before the case records the number).
 */
export async function bundleResultsOut(
  bundle: Pick<CaseRecord, 'kind' | 'status' | 'members'>,
  lookups: BundleResultLookups,
  issuedCaseId?: string,
): Promise<boolean> {
  if (bundle.kind !== 'bundle' || !DECIDED_APPROVED.includes(bundle.status)) return false;
  const members = bundle.members ?? [];
  if (members.length === 0) return false;
  for (const m of members) {
    if (m.status !== 'APPROVED' || !m.caseId) return false;
    if (m.caseId === issuedCaseId) continue;
    const child = await lookups.getCase(m.caseId);
    if (!child || !(await memberResultOut(child, lookups))) return false;
  }
  return true;
}
