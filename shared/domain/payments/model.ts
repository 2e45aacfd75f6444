import { createHash } from 'node:crypto';
import type { CasePayment } from '../applications/model';
import type { FeeLine } from '../catalogue/fees';

/**
 * 非税支付: a case's fee order, paid through a payment provider (the simulated one locally; UnionPay, Alipay or
 * WeChat Pay behind the same port). Amounts are in fen (分), never floating-point yuan.
 */
export const PAYMENT_STATUSES = [
  'AWAITING',
  'PAID',
  'FAILED',
  'EXPIRED',
  'CANCELLED',
  'REFUNDING',
  'REFUNDED',
] as const;
export type PaymentStatus = CasePayment['status'];

/** Why a paid order is refunded: its case was rejected or withdrawn, or a newer order of the case replaced it. */
export const REFUND_REASONS = ['rejected', 'withdrawn', 'superseded'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

export const NOTIFICATION_TYPES = ['paid', 'failed', 'expired', 'refunded'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** One fee order. The case carries the projection of its current order (CaseRecord.payment); older orders stay here. */
export interface PaymentOrder {
  /** The merchant order number (商户订单号): short, alphanumeric, derived from the case and the attempt. */
  readonly id: string;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly attempt: number;
  readonly provider: string;
  readonly providerOrderId: string;
  readonly status: PaymentStatus;
  readonly amountFen: number;
  readonly lines: readonly FeeLine[];
  /** What the citizen sees at the cashier: the matter and the case number (no personal data). */
  readonly subject: string;
  /** The provider's cashier page; shown to the owner while the order awaits payment, never put in events. */
  readonly payUrl: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly paidAt?: string;
  readonly failedAt?: string;
  readonly expiredAt?: string;
  readonly cancelledAt?: string;
  readonly refund?: {
    readonly id: string;
    readonly reason: RefundReason;
    readonly requestedAt: string;
    readonly refundedAt?: string;
  };
  /** Optimistic concurrency: every write checks the version it read. */
  readonly version: number;
}

/** A notification as the provider's adapter parsed it, after its signature was checked. */
export interface PaymentNotification {
  /** The provider's id of this notification; a re-delivery keeps it (the de-duplication key). */
  readonly id: string;
  readonly type: NotificationType;
  readonly orderId: string;
  readonly providerOrderId?: string;
  readonly amountFen: number;
  readonly occurredAt: string;
  readonly refundId?: string;
  /** A failure code of the provider (e.g. INSUFFICIENT_FUNDS); never free text from the payer. */
  readonly reason?: string;
}

/** A notification handled once: a replay (same id) gets the first answer; the same id with another body gets 409. */
export interface NotificationRecord {
  readonly provider: string;
  readonly id: string;
  readonly bodyHash: string;
  readonly status: number;
  readonly answer: unknown;
  readonly receivedAt: string;
  /** Set when the notification concerned a known order: it then shows in the case's payment history. */
  readonly caseId?: string;
  readonly orderId?: string;
  /** paid, failed, expired or refunded (not `type`: that is the table item's kind). */
  readonly notificationType?: NotificationType;
  readonly occurredAt?: string;
}

/** Letters only (hex digits mapped to a–p): an id must never look like an ID number, a 统一社会信用代码 or a phone number. */
const shortHash = (text: string, length: number) =>
  createHash('sha256')
    .update(text)
    .digest('hex')
    .slice(0, length)
    .replace(/[0-9a-f]/g, (c) => String.fromCharCode(97 + parseInt(c, 16)));

/** Deterministic, so a retried creation asks the provider for the same order (providers refuse or return duplicates). 31 characters fit every provider's merchant order number. */
export const orderIdFor = (caseId: string, attempt: number) => `P${shortHash(`${caseId}#${attempt}`, 30)}`;
export const refundIdFor = (orderId: string) => `R${shortHash(`refund#${orderId}`, 30)}`;

/** Yuan as the cashier shows it, from fen without floating point: 8000 → "80.00". */
export const fenToYuan = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** The case's projection of an order (the wait token is the case's, kept across orders). */
export function casePaymentOf(order: PaymentOrder, previous?: CasePayment): CasePayment {
  return {
    orderId: order.id,
    status: order.status,
    amountFen: order.amountFen,
    provider: order.provider,
    createdAt: order.createdAt,
    expiresAt: order.expiresAt,
    attempt: order.attempt,
    ...(order.paidAt ? { paidAt: order.paidAt } : {}),
    ...(order.refund ? { refundId: order.refund.id } : {}),
    ...(order.refund?.refundedAt ? { refundedAt: order.refund.refundedAt } : {}),
    ...(previous?.taskToken ? { taskToken: previous.taskToken } : {}),
  };
}
