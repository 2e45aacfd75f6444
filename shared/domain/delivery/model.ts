import type { StoreWrite } from '../store-write';
import type { CaseStore } from '../applications/ports';
import type { CaseDelivery, PostalAddress, TrackingStep } from '../applications/model';
import type { TemplateReader } from '../applications/template';
import type { ProvisionalIndex } from '../calendar/provisional';
import type { WorkingDayCalendar } from '../calendar/working-days';

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

/**
 * The courier port (邮政 EMS, 顺丰 and the like). `reference` is the case id: creating a shipment twice for one
 * reference answers the same tracking number, so a retried dispatch never sends two parcels.
 */
export interface Courier {
  /** The name recorded on the case and in events (e.g. `simulated`, `ems`). */
  readonly name: string;
  /** False for `none`: no courier configured, so post cannot be chosen. */
  readonly available: boolean;
  createShipment(address: PostalAddress, reference: string): Promise<{ trackingNo: string }>;
  track(trackingNo: string): Promise<CourierTracking>;
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

/**
 * The index of open shipments. Its writes are transaction items, committed with the case change that opens,
 * moves or closes the shipment; the sweep reads it by key (sharded partitions), never by scanning.
 */
export interface ShipmentIndex {
  opened(shipment: OpenShipment): StoreWrite;
  progressed(shipment: OpenShipment): StoreWrite;
  closed(caseId: string): StoreWrite;
  /** Every open shipment, page by page. */
  listOpen(): AsyncIterable<OpenShipment>;
}

export interface DeliveryDeps {
  readonly cases: CaseStore;
  readonly matters: TemplateReader;
  calendar(): Promise<WorkingDayCalendar>;
  readonly courier: Courier;
  readonly shipments: ShipmentIndex;
  now(): Date;
  /** Working days from the decision to 送达. */
  readonly deliveryDays: number;
  /** Where a due date counted Monday to Friday in a year not loaded lists its case for re-dating (calendar/redate.ts). */
  readonly provisional?: ProvisionalIndex;
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
export const dispatched = (delivery: CaseDelivery | undefined) => delivery !== undefined && delivery.status !== 'CHOSEN';
