import type { BundleMember, CaseRecord } from '../applications/model';
import type { DeliveryDeps } from './ports';

/**
 * 一件事: where each member's result is, as the window that hands them over at once (一窗出件) sees it: waiting at the
 * window, handed over, still to come, sent by post, or none (rejected, not started, withdrawn).
 */
export type MemberResultState = 'ready' | 'delivered' | 'not-ready' | 'by-post' | 'no-result';

export interface MemberResult {
  readonly member: BundleMember;
  /** The member case, once it was started. */
  readonly record?: CaseRecord;
  readonly state: MemberResultState;
  /** Handed over by this call. */
  readonly handedOver?: boolean;
}

const NO_RESULT: readonly string[] = ['REJECTED', 'WITHDRAWN', 'REFUSED', 'NOT_STARTED'];

/** Where one member's result is: a pure reading of the bundle's member entry and the member case. */
export function memberResultState(member: BundleMember, record: CaseRecord | undefined): MemberResultState {
  if (!record) return NO_RESULT.includes(member.status) ? 'no-result' : 'not-ready';
  const delivery = record.delivery;
  if (delivery?.status === 'DELIVERED' || record.status === 'DELIVERED') return 'delivered';
  if (delivery?.method === 'post') return 'by-post';
  if (delivery?.status === 'READY_FOR_PICKUP') return 'ready';
  if (NO_RESULT.includes(record.status)) return 'no-result';
  return 'not-ready';
}

/** A bundle case's members with their cases and where each result is. */
export async function memberResults(bundle: CaseRecord, deps: Pick<DeliveryDeps, 'cases'>): Promise<MemberResult[]> {
  const members = bundle.members ?? [];
  const records = await Promise.all(
    members.map((m) => (m.caseId ? deps.cases.get(m.caseId) : Promise.resolve(undefined))),
  );
  return members.map((member, i) => ({
    member,
    ...(records[i] ? { record: records[i] } : {}),
    state: memberResultState(member, records[i]),
  }));
}
