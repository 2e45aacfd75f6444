import type { OutboxEvent } from '../events';
import { deliveryDelivered, deliveryInTransit, deliveryReturned } from '../../contracts/delivery-events';
import { apply, type CaseChange, caseEvent, retryOnConflict, SYSTEM } from '../applications/changes';
import type { CaseRecord, TrackingStep } from '../applications/model';
import { toShanghaiDate } from '../calendar/working-days';
import { NotFoundError } from '../errors';
import { type CaseDelivery, type CourierTracking, type OpenShipment, rankOf } from './model';
import type { DeliveryDeps } from './ports';

/**
 * The courier's statuses applied to a posted result: IN_TRANSIT, then DELIVERED (送达: the case is DELIVERED) or
 * RETURNED. Each status is applied once: a status at or below the case's changes nothing, so polling the courier
 * again, or two sweeps at once, write nothing twice (the case's sequence number guards the commit).
 */

export interface TrackingResult {
  readonly caseId: string;
  readonly applied: readonly TrackingStep['status'][];
}

/** The steps of the courier's history that the case has not recorded yet, oldest first, none after a final one. */
export function newSteps(delivery: CaseDelivery, tracking: CourierTracking): TrackingStep[] {
  let rank = rankOf(delivery.status);
  const steps: TrackingStep[] = [];
  const history = tracking.events.length > 0 ? tracking.events : [{ status: tracking.status, at: tracking.at }];
  for (const step of [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
    if (rankOf(step.status) <= rank) continue;
    steps.push(step);
    rank = rankOf(step.status);
  }
  return steps;
}

/** Applies what the courier says about a case's parcel; the steps applied (none when nothing was new). */
export async function applyTracking(
  caseId: string,
  tracking: CourierTracking,
  deps: DeliveryDeps,
): Promise<TrackingResult> {
  return retryOnConflict(async () => {
    const record = await deps.cases.get(caseId);
    if (!record) throw new NotFoundError(`No case ${caseId}`);
    const delivery = record.delivery;
    if (delivery?.method !== 'post' || !delivery.trackingNo || rankOf(delivery.status) >= rankOf('DELIVERED'))
      return { caseId, applied: [] };
    const steps = newSteps(delivery, tracking);
    if (steps.length === 0) return { caseId, applied: [] };

    const at = deps.now().toISOString();
    const changes: CaseChange[] = [];
    const events: OutboxEvent[] = [];
    const shipment = { courier: delivery.courier ?? deps.courier.name, trackingNo: delivery.trackingNo };
    let current: CaseDelivery = delivery;
    for (const step of steps) {
      const tracked = [...(current.tracking ?? []), step];
      if (step.status === 'IN_TRANSIT') {
        current = { ...current, status: 'IN_TRANSIT', tracking: tracked };
        changes.push({
          action: 'delivery-updated',
          actor: SYSTEM,
          data: { status: 'IN_TRANSIT', ...shipment, courierAt: step.at },
          patch: { delivery: current },
        });
        events.push(caseEvent(deliveryInTransit, record, at, { ...shipment, at: step.at }));
      } else if (step.status === 'RETURNED') {
        current = { ...current, status: 'RETURNED', tracking: tracked };
        changes.push({
          action: 'delivery-updated',
          actor: SYSTEM,
          data: { status: 'RETURNED', ...shipment, courierAt: step.at },
          patch: { delivery: current },
        });
        events.push(caseEvent(deliveryReturned, record, at, { ...shipment, at: step.at }));
      } else if (step.status === 'DELIVERED') {
        current = { ...current, status: 'DELIVERED', tracking: tracked, deliveredAt: step.at };
        changes.push({
          action: 'delivered',
          actor: SYSTEM,
          data: { method: 'post', deliveredAt: step.at, ...shipment },
          patch: { delivery: current },
        });
        events.push(caseEvent(deliveryDelivered, record, at, deliveredDetail(record, current, step.at)));
      }
    }
    const final = current.status === 'DELIVERED' || current.status === 'RETURNED';
    const open: OpenShipment = {
      caseId,
      ...shipment,
      status: steps.at(-1)!.status,
      shippedAt: delivery.dispatchedAt ?? at,
    };
    await apply(record, changes, deps, events, {
      items: [final ? deps.shipments.closed(caseId) : deps.shipments.progressed(open)],
    });
    return { caseId, applied: steps.map((s) => s.status) };
  });
}

/** Delivery.Delivered.v1's own fields: on time when delivered on or before the due date (Asia/Shanghai). */
export function deliveredDetail(record: CaseRecord, delivery: CaseDelivery, deliveredAt: string) {
  const decidedAt = delivery.decidedAt ?? record.outcome?.decidedAt ?? deliveredAt;
  const dueDate = delivery.dueDate ?? toShanghaiDate(deliveredAt);
  return {
    method: delivery.method,
    deliveredAt,
    decidedAt,
    dueDate,
    onTime: toShanghaiDate(deliveredAt) <= dueDate,
    ...(delivery.courier ? { courier: delivery.courier } : {}),
    ...(delivery.trackingNo ? { trackingNo: delivery.trackingNo } : {}),
  };
}

export interface SweepResult {
  readonly checked: number;
  readonly changed: number;
  readonly failed: number;
}

/**
 * The tracking sweep (every 30 minutes): polls the courier for each open shipment and applies what is new. A
 * courier that fails for one parcel does not stop the others; the next sweep asks again.
 */
export async function trackShipments(
  deps: DeliveryDeps,
  log: (message: string, data: Record<string, unknown>) => void = () => undefined,
): Promise<SweepResult> {
  let checked = 0;
  let changed = 0;
  let failed = 0;
  const batch: OpenShipment[] = [];
  const run = async () => {
    const results = await Promise.allSettled(
      batch.splice(0).map(async (shipment) => {
        const tracking = await deps.courier.track(shipment.trackingNo);
        // Nothing new since the last sweep: the case is not even read.
        if (rankOf(tracking.status) <= rankOf(shipment.status)) return 0;
        return (await applyTracking(shipment.caseId, tracking, deps)).applied.length > 0 ? 1 : 0;
      }),
    );
    for (const r of results) {
      checked += 1;
      if (r.status === 'fulfilled') changed += r.value;
      else {
        failed += 1;
        log('shipment not tracked', { error: (r.reason as Error)?.name, reason: (r.reason as Error)?.message });
      }
    }
  };
  for await (const shipment of deps.shipments.listOpen()) {
    batch.push(shipment);
    if (batch.length >= 10) await run();
  }
  await run();
  return { checked, changed, failed };
}
