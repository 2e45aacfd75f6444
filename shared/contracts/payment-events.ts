import * as z from 'zod';
import { REFUND_REASONS } from '../domain/payments/model';
import { applicationAccepted, applicationWithdrawn } from './application-events';
import { caseEventBase } from './case-event';
import { defineEvent, EVENT_SOURCES } from './event-contract';
import { applicationRejected } from './workflow-events';

/**
 * 非税支付: every step of a case's fee order. They carry the case's dimensions, the order id and the amount in fen;
 * never personal data and never the cashier URL (whoever holds it could pay, or see the order).
 */
const source = EVENT_SOURCES.payments;
const instant = z.string().datetime({ offset: true });
const id = z.string().min(1).max(64);
/** A case event about one order: the order's fields come first, then the event's own. */
const orderEventDetail = <T extends z.ZodRawShape>(shape: T) =>
  caseEventBase.extend({ orderId: id, amountFen: z.number().int().positive(), provider: z.string().min(1), ...shape });

/** An order was made (at acceptance, or renewed after it expired or failed); it waits for payment until expiresAt. */
export const paymentOrdered = defineEvent(
  'Payment.Ordered.v1',
  source,
  orderEventDetail({ expiresAt: instant, attempt: z.number().int().positive() }),
);

/** The provider reported the order paid; the licence may now be issued. */
export const paymentPaid = defineEvent(
  'Payment.Paid.v1',
  source,
  orderEventDetail({ paidAt: instant, notificationId: id }),
);

/** The provider reported the payment failed; the owner may renew the order. */
export const paymentFailed = defineEvent(
  'Payment.Failed.v1',
  source,
  orderEventDetail({
    notificationId: id,
    reason: z
      .string()
      .regex(/^[A-Z0-9_]{1,64}$/)
      .optional(),
  }),
);

/** The order expired unpaid; the owner may renew it. */
export const paymentExpired = defineEvent('Payment.Expired.v1', source, orderEventDetail({ notificationId: id }));

/** An unpaid order was cancelled because its case ended (rejected or withdrawn). */
export const paymentCancelled = defineEvent(
  'Payment.Cancelled.v1',
  source,
  orderEventDetail({ reason: z.enum(['rejected', 'withdrawn']) }),
);

/** A paid order is being refunded: its case was rejected or withdrawn, or a newer order replaced it. */
export const paymentRefundRequested = defineEvent(
  'Payment.RefundRequested.v1',
  source,
  orderEventDetail({ refundId: id, reason: z.enum(REFUND_REASONS) }),
);

/** The provider reported the refund done. */
export const paymentRefunded = defineEvent(
  'Payment.Refunded.v1',
  source,
  orderEventDetail({ refundId: id, refundedAt: instant, notificationId: id }),
);

export const PAYMENT_EVENTS = [
  paymentOrdered,
  paymentPaid,
  paymentFailed,
  paymentExpired,
  paymentCancelled,
  paymentRefundRequested,
  paymentRefunded,
] as const;

/** The case events the payments consumer (functions/payments/case-events.ts) reads: its rule is patternFor(these). */
export const PAYMENT_CASE_CONTRACTS = [applicationAccepted, applicationRejected, applicationWithdrawn] as const;
