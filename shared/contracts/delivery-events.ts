import * as z from 'zod';
import { caseEventBase } from './case-event';
import { defineEvent, EVENT_SOURCES } from './event-contract';

/**
 * 统一出件: how a case's result reaches the applicant, step by step. Like every case event they carry ids and
 * dimensions, never the address, the recipient or the phone: consumers that need them read the case.
 */
const source = EVENT_SOURCES.delivery;
const day = z.iso.date();
const instant = z.string().datetime({ offset: true });
const method = z.enum(['window', 'post']);
const shipment = { courier: z.string().min(1), trackingNo: z.string().min(1) };

/** The applicant chose (or changed) window pickup or post, before the result was issued. */
export const deliveryChosen = defineEvent('Delivery.Chosen.v1', source, caseEventBase.extend({ method }));

/** The result waits at the window (统一出件窗口); 送达 is due by `dueDate` (working days from the decision). */
export const deliveryReadyForPickup = defineEvent(
  'Delivery.ReadyForPickup.v1',
  source,
  caseEventBase.extend({ decidedAt: instant, dueDate: day }),
);

/** The result was handed to the courier. */
export const deliveryShipped = defineEvent(
  'Delivery.Shipped.v1',
  source,
  caseEventBase.extend({ ...shipment, decidedAt: instant, dueDate: day }),
);

/** The courier reports the parcel on its way (`at`: the courier's time). */
export const deliveryInTransit = defineEvent(
  'Delivery.InTransit.v1',
  source,
  caseEventBase.extend({ ...shipment, at: instant }),
);

/** 送达: picked up at the window or delivered by post; on time when on or before the due date (Asia/Shanghai). */
export const deliveryDelivered = defineEvent(
  'Delivery.Delivered.v1',
  source,
  caseEventBase.extend({
    method,
    deliveredAt: instant,
    decidedAt: instant,
    dueDate: day,
    onTime: z.boolean(),
    courier: z.string().min(1).optional(),
    trackingNo: z.string().min(1).optional(),
  }),
);

/** The courier could not deliver and sent the parcel back to the issuing hall. */
export const deliveryReturned = defineEvent(
  'Delivery.Returned.v1',
  source,
  caseEventBase.extend({ ...shipment, at: instant }),
);

export const DELIVERY_EVENTS = [
  deliveryChosen,
  deliveryReadyForPickup,
  deliveryShipped,
  deliveryInTransit,
  deliveryDelivered,
  deliveryReturned,
] as const;
