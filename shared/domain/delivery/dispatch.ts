import { deliveryReadyForPickup, deliveryShipped } from '../../contracts/delivery-events';
import { applicationApproved } from '../../contracts/workflow-events';
import { LICENCE_EVENTS } from '../../contracts/licence-events';
import { apply, caseEvent, retryOnConflict, SYSTEM } from '../applications/changes';
import type { CaseRecord } from '../applications/model';
import { toShanghaiDate } from '../calendar/working-days';
import { NotFoundError } from '../errors';
import { type CaseDelivery, dispatched } from './model';
import type { DeliveryDeps } from './ports';

/**
 * When the result is ready it is dispatched, once: by post through the courier (SHIPPED, with its tracking
 * number), or to the window (READY_FOR_PICKUP); no choice means the window. The result is ready when the licence is
 * issued (Licence.Issued.v1 of the case), or at approval for a matter whose pinned version yields no licence. A
 * bundle case (一件事) delivers nothing itself: its member cases deliver their own results.
 */

const licenceIssued = LICENCE_EVENTS.find((c) => c.detailType === 'Licence.Issued.v1')!;

/** The events that make a result ready: the on-result consumer's rule matches exactly these. */
export const RESULT_CONTRACTS = [applicationApproved, licenceIssued] as const;

export type DispatchOutcome = 'dispatched' | 'already' | 'skipped';

/** The due date of 送达: working days from the day of the decision (that day not counted). */
export async function deliveryDueDate(
  decidedAt: string,
  deps: Pick<DeliveryDeps, 'calendar' | 'deliveryDays'>,
): Promise<string> {
  return (await deliveryDue(decidedAt, deps)).dueDate;
}

/**
 * The due date of 送达 and the years without a loaded holiday notice it reaches (counted Monday to Friday there: the
 * date is provisional, and its case is listed for re-dating when they are loaded).
 */
export async function deliveryDue(
  decidedAt: string,
  deps: Pick<DeliveryDeps, 'calendar' | 'deliveryDays'>,
): Promise<{ dueDate: string; years: number[] }> {
  const calendar = await deps.calendar();
  const from = toShanghaiDate(decidedAt);
  const dueDate = calendar.addWorkingDays(from, deps.deliveryDays);
  return { dueDate, years: calendar.provisionalYears(from, dueDate) };
}

/** Whether the case's pinned matter version yields a licence (then its Licence.Issued.v1 makes the result ready). */
export async function yieldsLicence(
  record: Pick<CaseRecord, 'matterCode' | 'matterVersion'>,
  deps: Pick<DeliveryDeps, 'matters'>,
): Promise<boolean> {
  const matter = await deps.matters.matter(record.matterCode, record.matterVersion);
  return Boolean(matter.content.yieldsLicenceType);
}

/**
 * Dispatches the result of a case. Idempotent: a case already dispatched changes nothing, and the courier answers
 * the same tracking number for the same case, so a retry after a failed commit ships nothing twice.
 */
export async function dispatchResult(caseId: string, deps: DeliveryDeps): Promise<DispatchOutcome> {
  return retryOnConflict(async () => {
    const record = await deps.cases.get(caseId);
    if (!record) throw new NotFoundError(`No case ${caseId}`);
    if (record.kind === 'bundle') return 'skipped';
    if (dispatched(record.delivery)) return 'already';
    if (record.status !== 'APPROVED' && record.status !== 'ISSUED') return 'skipped';
    const decidedAt = record.outcome?.decidedAt ?? deps.now().toISOString();
    const { dueDate, years } = await deliveryDue(decidedAt, deps);
    const at = deps.now().toISOString();
    const chosen = record.delivery;
    const base = {
      chosenAt: chosen?.chosenAt ?? at,
      decidedAt,
      dueDate,
      ...(years.length > 0 ? { dueProvisional: true } : {}),
      dispatchedAt: at,
    };
    // Listed under each year not loaded, in the same transaction as the date (calendar/redate.ts re-dates it).
    const marks = years.length > 0 && deps.provisional ? deps.provisional.mark(record.id, years) : [];

    if (chosen?.method === 'post' && chosen.address) {
      // A courier that fails throws: the event is retried, then goes to the DLQ for an operator.
      const { trackingNo } = await deps.courier.createShipment(chosen.address, record.id);
      const delivery: CaseDelivery = {
        ...chosen,
        ...base,
        status: 'SHIPPED',
        courier: deps.courier.name,
        trackingNo,
        tracking: [{ status: 'PICKED_UP', at }],
      };
      await apply(
        record,
        [
          {
            action: 'delivery-updated',
            actor: SYSTEM,
            data: { status: 'SHIPPED', courier: deps.courier.name, trackingNo, dueDate },
            patch: { delivery },
          },
        ],
        deps,
        [caseEvent(deliveryShipped, record, at, { courier: deps.courier.name, trackingNo, decidedAt, dueDate })],
        {
          items: [
            deps.shipments.opened({
              caseId: record.id,
              trackingNo,
              courier: deps.courier.name,
              status: 'PICKED_UP',
              shippedAt: at,
            }),
            ...marks,
          ],
        },
      );
      return 'dispatched';
    }

    const delivery: CaseDelivery = { method: 'window', ...base, status: 'READY_FOR_PICKUP' };
    await apply(
      record,
      [
        {
          action: 'delivery-updated',
          actor: SYSTEM,
          data: { status: 'READY_FOR_PICKUP', method: 'window', dueDate },
          patch: { delivery },
        },
      ],
      deps,
      [caseEvent(deliveryReadyForPickup, record, at, { decidedAt, dueDate })],
      { items: marks },
    );
    return 'dispatched';
  });
}

/** The on-result consumer's use case: which case an event makes ready, if any. */
export async function onResult(
  event: { detailType: string; detail: Record<string, unknown> },
  deps: DeliveryDeps,
): Promise<DispatchOutcome> {
  if (event.detailType === licenceIssued.detailType) {
    const caseId = event.detail.caseId as string | undefined;
    // Imported licences and licences of no case deliver nothing. The licence exists, so the result is ready even when
    // its case has not recorded ISSUED yet (the register commits first); the two changes retry on each other's conflict.
    return caseId ? dispatchResult(caseId, deps) : 'skipped';
  }
  if (event.detailType === applicationApproved.detailType) {
    const d = event.detail as { caseId: string; kind?: string; matterCode: string; matterVersion: number };
    if (d.kind === 'bundle') return 'skipped';
    if (await yieldsLicence(d, deps)) return 'skipped';
    return dispatchResult(d.caseId, deps);
  }
  throw new Error(`Delivery does not handle ${event.detailType}`);
}
