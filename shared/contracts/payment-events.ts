import * as z from 'zod';
import { REFUND_REASONS } from '../domain/payments/model';
import { applicationAccepted, applicationRejected, applicationWithdrawn, contract } from './events';

/**
 * 非税支付: every step of a case's fee order. They carry the case's dimensions, the order id and the amount in fen;
 * never personal data and never the cashier URL (whoever holds it could pay, or see the order).
 */
export const PAYMENTS_SOURCE = 'gov.one-stop.payments';

const instant = z.string().datetime({ offset: true });
const id = z.string().min(1).max(64);
const payment = <T extends z.ZodRawShape>(detailType: string, shape: T) =>
  contract(detailType, { orderId: id, amountFen: z.number().int().positive(), provider: z.string().min(1), ...shape }, PAYMENTS_SOURCE);

/** An order was made (at acceptance, or renewed after it expired or failed); it waits for payment until expiresAt. */
export const paymentOrdered = payment('Payment.Ordered.v1', { expiresAt: instant, attempt: z.number().int().positive() });

/** The provider reported the order paid; the licence may now be issued. */
export const paymentPaid = payment('Payment.Paid.v1', { paidAt: instant, notificationId: id });

/** The provider reported the payment failed; the owner may renew the order. */
export const paymentFailed = payment('Payment.Failed.v1', { notificationId: id, reason: z.string().regex(/^[A-Z0-9_]{1,64}$/).optional() });

/** The order expired unpaid; the owner may renew it. */
export const paymentExpired = payment('Payment.Expired.v1', { notificationId: id });

/** An unpaid order was cancelled because its case ended (rejected or withdrawn). */
export const paymentCancelled = payment('Payment.Cancelled.v1', { reason: z.enum(['rejected', 'withdrawn']) });

/** A paid order is being refunded: its case was rejected or withdrawn, or a newer order replaced it. */
export const paymentRefundRequested = payment('Payment.RefundRequested.v1', { refundId: id, reason: z.enum(REFUND_REASONS) });

/** The provider reported the refund done. */
export const paymentRefunded = payment('Payment.Refunded.v1', { refundId: id, refundedAt: instant, notificationId: id });

export const PAYMENT_EVENTS = [paymentOrdered, paymentPaid, paymentFailed, paymentExpired, paymentCancelled, paymentRefundRequested, paymentRefunded] as const;

/** The case events the payments consumer (functions/payments/case-events.ts) reads: its rule is patternFor(these). */
export const PAYMENT_CASE_CONTRACTS = [applicationAccepted, applicationRejected, applicationWithdrawn] as const;
