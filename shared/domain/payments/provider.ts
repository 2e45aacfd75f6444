import type { HeaderSource } from '../../integration/standard-webhooks';
import type { PaymentNotification, RefundReason } from './model';

/**
 * The payment-provider port (支付渠道). The simulated provider of the local cloud implements it over HTTP; UnionPay,
 * Alipay and WeChat Pay are adapters behind the same port, each mapping its own API and signature scheme. Every
 * operation is idempotent on the platform's ids (orderId, refundId), so a retry never makes a second order or refund.
 */
export interface CreateOrderInput {
  readonly orderId: string;
  readonly amountFen: number;
  readonly subject: string;
  readonly expiresAt: string;
  readonly notifyUrl: string;
}

export interface RefundInput {
  readonly orderId: string;
  readonly providerOrderId: string;
  readonly refundId: string;
  readonly amountFen: number;
  readonly reason: RefundReason;
  readonly notifyUrl: string;
}

export interface PaymentProvider {
  /** The name in the notification URL (`/payments/notifications/{name}`) and on every order. */
  readonly name: string;
  /** Creates the order (or returns the one already made with this orderId): the provider's id and its cashier page. */
  createOrder(input: CreateOrderInput): Promise<{ providerOrderId: string; payUrl: string; expiresAt?: string }>;
  /** Closes an unpaid order so it can no longer be paid; a paid one is left alone (its notification follows). */
  closeOrder(input: { orderId: string; providerOrderId: string }): Promise<void>;
  /** Asks for a refund; the outcome arrives later as a `refunded` notification. */
  refund(input: RefundInput): Promise<{ providerRefundId: string }>;
  /**
   * Checks a notification's signature and timestamp on the raw bytes first (UnauthorizedError otherwise), and only
   * then parses it (ValidationError when it is not a notification).
   */
  verifyNotification(headers: HeaderSource, rawBody: string): Promise<PaymentNotification>;
}

/** Thrown when no provider is configured (PAYMENT_PROVIDER=none) and a case needs an order. */
export class PaymentsUnavailableError extends Error {
  override readonly name = 'PaymentsUnavailable';
}

/** The secret store key of a provider's notification secret. */
export const providerSecretKey = (provider: string) => `payments/${provider}`;
