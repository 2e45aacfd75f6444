import type { Principal } from '../../auth/principal';
import { deliveryDelivered } from '../../contracts/delivery-events';
import { actorOf, apply, caseEvent, retryOnConflict } from '../applications/changes';
import type { CaseRecord } from '../applications/model';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { canSeeDelivery } from './choice';
import type { CaseDelivery, DeliveryDeps } from './model';
import { deliveredDetail } from './tracking';

/**
 * 窗口领取: the window officer hands the result over and confirms it; that moment is 送达 and the case is DELIVERED.
 * Only a result waiting at the window (READY_FOR_PICKUP) can be confirmed; anything else is 409.
 */
export async function confirmPickup(caseId: string, input: { receivedBy?: string }, principal: Principal, deps: DeliveryDeps): Promise<CaseRecord> {
  if (principal.role !== 'window') throw new ForbiddenError('Only a window officer confirms a pickup');
  return retryOnConflict(async () => {
    const record = await deps.cases.get(caseId);
    if (!record || !canSeeDelivery(record, principal)) throw new NotFoundError(`No case ${caseId}`);
    const delivery = record.delivery;
    if (delivery?.status !== 'READY_FOR_PICKUP') {
      throw new ConflictError(`The result of case ${record.number} is not waiting at the window (${delivery?.status ?? 'not dispatched yet'})`);
    }
    const at = deps.now().toISOString();
    const receivedBy = input.receivedBy?.trim();
    const after: CaseDelivery = { ...delivery, status: 'DELIVERED', deliveredAt: at, confirmedBy: principal.sub, ...(receivedBy ? { receivedBy } : {}) };
    // Who received it stays on the case (shown to the owner and the window), never in the history or the event.
    return apply(
      record,
      [{ action: 'delivered', actor: actorOf(principal), data: { method: 'window', deliveredAt: at }, patch: { delivery: after } }],
      deps,
      [caseEvent(deliveryDelivered, record, at, deliveredDetail(record, after, at))],
    );
  });
}
