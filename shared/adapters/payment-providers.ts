import * as z from 'zod';
import type { SecretStore } from '../domain/integration/ports';
import { activeSecrets } from '../domain/integration/webhook-deliveries';
import { NOTIFICATION_TYPES, type PaymentNotification } from '../domain/payments/model';
import { type PaymentProvider, PaymentsUnavailableError, providerSecretKey } from '../domain/payments/provider';
import { UnauthorizedError, ValidationError } from '../domain/errors';
import { type HeaderSource, verify, WebhookVerificationError } from '../webhooks/standard-webhooks';

/**
 * The payment providers behind the port. PAYMENT_PROVIDER names the one in use: `simulated:<baseUrl>` (the local
 * cloud's simulated provider, over HTTP) or `none` (no provider: a case that owes a fee cannot get an order, which
 * fails loudly rather than issuing a licence unpaid). UnionPay, Alipay and WeChat Pay adapters implement the same
 * port with their own APIs and signatures.
 */
export function paymentProviderFor(
  spec: string,
  options: { secrets?: SecretStore; now: () => Date; timeoutMs?: number },
): PaymentProvider {
  if (spec === 'none') return noPaymentProvider;
  const simulated = /^simulated:(https?:\/\/.+)$/.exec(spec);
  if (simulated)
    return simulatedPaymentProvider(simulated[1]!, {
      ...(options.secrets ? { secrets: options.secrets } : {}),
      now: options.now,
      timeoutMs: options.timeoutMs ?? 10_000,
    });
  throw new Error(`PAYMENT_PROVIDER must be "simulated:<baseUrl>" or "none", not "${spec}"`);
}

export const noPaymentProvider: PaymentProvider = {
  name: 'none',
  createOrder: () =>
    Promise.reject(new PaymentsUnavailableError('No payment provider is configured (PAYMENT_PROVIDER=none)')),
  closeOrder: () =>
    Promise.reject(new PaymentsUnavailableError('No payment provider is configured (PAYMENT_PROVIDER=none)')),
  refund: () =>
    Promise.reject(new PaymentsUnavailableError('No payment provider is configured (PAYMENT_PROVIDER=none)')),
  verifyNotification: () => Promise.reject(new UnauthorizedError('No payment provider is configured')),
};

/** The simulated provider's notification body (the webhook-id header is its `id`). */
export const simulatedNotificationSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/),
  type: z.enum(NOTIFICATION_TYPES),
  orderId: z.string().min(1).max(64),
  providerOrderId: z.string().min(1).max(64),
  amountFen: z.number().int().positive(),
  occurredAt: z.string().datetime({ offset: true }),
  refundId: z.string().min(1).max(64).optional(),
  reason: z
    .string()
    .regex(/^[A-Z0-9_]{1,64}$/)
    .optional(),
});

class ProviderError extends Error {
  override readonly name = 'PaymentProviderError';
}

/** `secrets` is needed only where notifications are verified (the notification function is bound to the secrets). */
export function simulatedPaymentProvider(
  baseUrl: string,
  options: { secrets?: SecretStore; now: () => Date; timeoutMs: number },
): PaymentProvider {
  const base = baseUrl.replace(/\/$/, '');
  const post = async (path: string, body: unknown, accept: readonly number[] = []) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await response.text();
    if (!response.ok && !accept.includes(response.status))
      throw new ProviderError(`The payment provider answered ${response.status} to POST ${path}`);
    return { status: response.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
  const secretKey = providerSecretKey('simulated');

  return {
    name: 'simulated',
    async createOrder(input) {
      const { json } = await post('/orders', input);
      return {
        providerOrderId: String(json.providerOrderId),
        payUrl: String(json.cashierUrl),
        ...(typeof json.expiresAt === 'string' ? { expiresAt: json.expiresAt } : {}),
      };
    },
    async closeOrder({ orderId }) {
      // 409: paid meanwhile; its notification is on its way and the case's payment is then refunded.
      await post(`/orders/${encodeURIComponent(orderId)}/close`, {}, [409]);
    },
    async refund(input) {
      const { json } = await post('/refunds', input);
      return { providerRefundId: String(json.providerRefundId) };
    },
    async verifyNotification(headers: HeaderSource, rawBody: string): Promise<PaymentNotification> {
      const now = options.now();
      const store = options.secrets;
      if (!store)
        throw new Error('This function cannot verify payment notifications: PLATFORM_SECRETS_PREFIX is not set');
      let secrets = await store.get(secretKey);
      if (!secrets) throw new UnauthorizedError('The notification signature does not verify');
      let webhookId: string;
      try {
        try {
          webhookId = verify(headers, rawBody, activeSecrets(secrets, now), now).id;
        } catch (error) {
          // Rotated in another container since this one cached its copy: read afresh once.
          if (!(error instanceof WebhookVerificationError) || error.reason !== 'bad_signature') throw error;
          const fresh = await store.get(secretKey, { fresh: true });
          if (!fresh || fresh.current === secrets.current) throw error;
          secrets = fresh;
          webhookId = verify(headers, rawBody, activeSecrets(secrets, now), now).id;
        }
      } catch (error) {
        if (error instanceof WebhookVerificationError)
          throw new UnauthorizedError(`The notification was refused: ${error.reason}`);
        throw error;
      }
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        throw new ValidationError('The body is not JSON', [
          { path: 'body', rule: 'json', message: 'a JSON notification' },
        ]);
      }
      const parsed = simulatedNotificationSchema.safeParse(json);
      if (!parsed.success) {
        throw new ValidationError(
          'The notification is not valid',
          parsed.error.issues.map((i) => ({
            path: ['body', ...i.path.map(String)].join('.'),
            rule: i.code,
            message: i.message,
          })),
        );
      }
      if (parsed.data.id !== webhookId)
        throw new ValidationError('The webhook-id header must be the notification’s id', [
          { path: 'headers.webhook-id', rule: 'equals', message: 'must equal body.id' },
        ]);
      return parsed.data;
    },
  };
}
