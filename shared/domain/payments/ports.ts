import type { HeaderSource } from '../../webhooks/standard-webhooks';
import type { ApplicationDeps } from '../applications/ports';
import type { DomainError } from '../errors';
import type { StoreWrite } from '../store-write';
import type { WorkflowEngine } from '../workflow/ports';
import type { NotificationRecord, PaymentNotification, PaymentOrder, RefundReason } from './model';

/** 非税支付's ports: the payment provider, the store of orders and notifications, and the use cases' dependencies. */

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

export interface PaymentStore {
  getOrder(orderId: string): Promise<PaymentOrder | undefined>;
  getOrderByProviderId(provider: string, providerOrderId: string): Promise<PaymentOrder | undefined>;
  /** A case's orders (oldest first) and the notifications about them (in the order received). */
  recordsOf(caseId: string): Promise<{ orders: PaymentOrder[]; notifications: NotificationRecord[] }>;
  getNotification(provider: string, id: string): Promise<NotificationRecord | undefined>;
  /** false when a record with this id is there already (nothing written). */
  putNotification(record: NotificationRecord): Promise<boolean>;
  /** Items for a case transaction: a new order (with its provider lookup), or an order change checked on its version. */
  orderItems(change: { before?: PaymentOrder; after: PaymentOrder }): StoreWrite[];
  notificationItem(record: NotificationRecord): StoreWrite;
}

export interface PaymentDeps {
  readonly app: ApplicationDeps;
  readonly store: PaymentStore;
  /** The configured provider: the one orders are made with. */
  readonly provider: PaymentProvider;
  /** A provider by the name in a notification's URL; undefined for one that is not configured. */
  providerNamed(name: string): PaymentProvider | undefined;
  readonly engine: WorkflowEngine;
  /** Where providers send notifications; the provider's name is appended. */
  readonly notifyBaseUrl: string;
  readonly orderHours: number;
  readonly log: {
    info(message: string, data?: Record<string, unknown>): void;
    error(message: string, data?: Record<string, unknown>): void;
  };
  /**
   * The status a refused notification is answered, and remembered, with: the HTTP layer's table
   * (shared/lambda/error-response.ts), passed in by the adapter that builds these dependencies.
   */
  readonly refusalStatus: (error: DomainError) => number;
}
