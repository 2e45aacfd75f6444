import type { StoreWrite } from '../store-write';
import type { CaseStore } from '../applications/ports';
import type { PostalAddress } from '../applications/model';
import type { TemplateReader } from '../applications/template';
import type { ProvisionalIndex } from '../calendar/ports';
import type { WorkingDayCalendar } from '../calendar/working-days';
import type { CourierTracking, OpenShipment } from './model';

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
