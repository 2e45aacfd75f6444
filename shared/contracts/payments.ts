import * as z from 'zod';
import { NOTIFICATION_TYPES, PAYMENT_STATUSES, REFUND_REASONS } from '../domain/payments/model';
import { defineRoute } from './route-contract';

/** 非税支付: a case's fee order for its owner and the staff who may see the case; the providers' signed notifications. */
const idParams = z.object({ id: z.uuid() });

const feeLineSchema = z.object({
  name: z.string(),
  basis: z.string().meta({ description: '收费依据: the document that sets the fee' }),
  unitFen: z.number().int(),
  quantity: z.number().int(),
  amountFen: z.number().int(),
});

export const paymentOrderViewSchema = z
  .object({
    orderId: z.string(),
    attempt: z.number().int().meta({ description: '1 for the order made at acceptance, then one more per renewal' }),
    status: z.enum(PAYMENT_STATUSES),
    amountFen: z.number().int().meta({ description: 'In fen (分)' }),
    amount: z.string().meta({ description: 'In yuan, e.g. "80.00"' }),
    currency: z.literal('CNY'),
    lines: z.array(feeLineSchema),
    provider: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    paidAt: z.string().optional(),
    failedAt: z.string().optional(),
    expiredAt: z.string().optional(),
    cancelledAt: z.string().optional(),
    refund: z
      .object({ reason: z.enum(REFUND_REASONS), requestedAt: z.string(), refundedAt: z.string().optional() })
      .optional(),
    payUrl: z
      .string()
      .optional()
      .meta({ description: 'The provider’s cashier page, while the order awaits payment (owner only)' }),
  })
  .meta({ id: 'PaymentOrder' });

export const paymentViewSchema = z
  .object({
    caseId: z.string(),
    caseNumber: z.string(),
    order: paymentOrderViewSchema.meta({ description: 'The current order' }),
    previousOrders: z
      .array(paymentOrderViewSchema)
      .meta({ description: 'Orders it replaced (expired or failed), oldest first' }),
    notifications: z.array(
      z.object({
        id: z.string(),
        orderId: z.string(),
        type: z.enum(NOTIFICATION_TYPES),
        occurredAt: z.string().optional(),
        receivedAt: z.string(),
        outcome: z.number().int().meta({ description: 'The HTTP status the platform answered' }),
      }),
    ),
  })
  .meta({ id: 'CasePayment' });

export const getPaymentRoute = defineRoute({
  method: 'GET',
  path: '/applications/{id}/payment',
  auth: ['applicant', 'agent', 'window', 'department', 'supervisor', 'admin'],
  summary:
    'The case’s fee order (非税支付): amount and lines, status, the cashier URL while it awaits payment, and the provider’s notifications',
  tags: ['payments'],
  params: idParams,
  response: paymentViewSchema,
});

export const renewPaymentRoute = defineRoute({
  method: 'POST',
  path: '/applications/{id}/payment/renew',
  auth: ['applicant', 'agent'],
  summary: 'A new order for the same fee after the last one expired or failed (409 otherwise)',
  tags: ['payments'],
  params: idParams,
  successStatus: 201,
  response: paymentViewSchema,
});

export const paymentNotificationRoute = defineRoute({
  method: 'POST',
  path: '/payments/notifications/{provider}',
  auth: 'public',
  signed: true,
  summary:
    'A payment provider’s notification (paid, failed, expired, refunded), signed per the provider’s scheme (the simulated provider: Standard Webhooks). Checked before the body is parsed (401); replays get the first answer; the same id with another body gets 409.',
  tags: ['payments'],
  params: z.object({ provider: z.string().min(1).max(64) }),
  maxBodyBytes: 16 * 1024,
  response: z.unknown(),
});

/** The applicant-facing routes (JWT) and the providers' route (signed): two functions, each with only what it needs. */
export const PAYMENT_APPLICANT_ROUTES = [getPaymentRoute, renewPaymentRoute];
export const PAYMENT_NOTIFICATION_ROUTES = [paymentNotificationRoute];
export const PAYMENT_ROUTES = [...PAYMENT_APPLICANT_ROUTES, ...PAYMENT_NOTIFICATION_ROUTES];
