import * as z from 'zod';
import { contract } from './events';

/**
 * 统一出件: how a case's result reaches the applicant, step by step. Like every case event they carry ids and
 * dimensions, never the address, the recipient or the phone: consumers that need them read the case.
 */
export const DELIVERY_SOURCE = 'gov.one-stop.delivery';

const day = z.iso.date();
const instant = z.string().datetime({ offset: true });
const method = z.enum(['window', 'post']);
const delivery = <T extends z.ZodRawShape>(detailType: string, shape: T) => contract(detailType, shape, DELIVERY_SOURCE);
const shipment = { courier: z.string().min(1), trackingNo: z.string().min(1) };

/** The applicant chose (or changed) window pickup or post, before the result was issued. */
export const deliveryChosen = delivery('Delivery.Chosen.v1', { method });

/** The result waits at the window (统一出件窗口); 送达 is due by `dueDate` (working days from the decision). */
export const deliveryReadyForPickup = delivery('Delivery.ReadyForPickup.v1', { decidedAt: instant, dueDate: day });

/** The result was handed to the courier. */
export const deliveryShipped = delivery('Delivery.Shipped.v1', { ...shipment, decidedAt: instant, dueDate: day });

/** The courier reports the parcel on its way (`at`: the courier's time). */
export const deliveryInTransit = delivery('Delivery.InTransit.v1', { ...shipment, at: instant });

/** 送达: picked up at the window or delivered by post; on time when on or before the due date (Asia/Shanghai). */
export const deliveryDelivered = delivery('Delivery.Delivered.v1', {
  method,
  deliveredAt: instant,
  decidedAt: instant,
  dueDate: day,
  onTime: z.boolean(),
  courier: z.string().min(1).optional(),
  trackingNo: z.string().min(1).optional(),
});

/** The courier could not deliver and sent the parcel back to the issuing hall. */
export const deliveryReturned = delivery('Delivery.Returned.v1', { ...shipment, at: instant });

export const DELIVERY_EVENTS = [deliveryChosen, deliveryReadyForPickup, deliveryShipped, deliveryInTransit, deliveryDelivered, deliveryReturned] as const;
