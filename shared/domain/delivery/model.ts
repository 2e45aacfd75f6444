import type { CaseDelivery, PostalAddress, TrackingStep } from '../applications/model';

/**
 * 统一出件: the result of a case reaches the applicant at the window (window pickup, 窗口领取) or by post (邮寄送达).
 * The applicant chooses until the result is issued; when it is ready it is dispatched (ready at the window, or
 * shipped through the courier); 送达 is recorded when the window hands it over or the courier delivers it. The
 * delivery record lives on the case (CaseRecord.delivery), so each step commits with its history entry and event.
 */
export type { CaseDelivery, PostalAddress, TrackingStep };
export type DeliveryStatus = CaseDelivery['status'];

/** 行政许可法 art. 44: the result is delivered within 10 working days of the decision (configurable). */
export const DEFAULT_DELIVERY_WORKING_DAYS = 10;

/** What a courier says about a parcel. PICKED_UP is the shipment's creation; DELIVERED and RETURNED are final. */
export const COURIER_STATUSES = ['PICKED_UP', 'IN_TRANSIT', 'DELIVERED', 'RETURNED'] as const;
export type CourierStatus = (typeof COURIER_STATUSES)[number];

export interface CourierTracking {
  readonly status: CourierStatus;
  /** When the parcel reached its current status (the courier's clock). */
  readonly at: string;
  /** Every status so far, oldest first. */
  readonly events: readonly TrackingStep[];
}

/** A parcel still on its way: what the tracking sweep polls. */
export interface OpenShipment {
  readonly caseId: string;
  readonly trackingNo: string;
  readonly courier: string;
  /** The last courier status applied to the case. */
  readonly status: CourierStatus;
  readonly shippedAt: string;
}

/** The rank of a status along the way: a courier status at or below the case's changes nothing. */
export function rankOf(status: DeliveryStatus | CourierStatus): number {
  switch (status) {
    case 'CHOSEN':
      return 0;
    case 'READY_FOR_PICKUP':
    case 'SHIPPED':
    case 'PICKED_UP':
      return 1;
    case 'IN_TRANSIT':
      return 2;
    case 'DELIVERED':
    case 'RETURNED':
      return 3;
  }
}

/** Whether the result has left the applicant's hands to choose: dispatched, or further. */
export const dispatched = (delivery: CaseDelivery | undefined) =>
  delivery !== undefined && delivery.status !== 'CHOSEN';
