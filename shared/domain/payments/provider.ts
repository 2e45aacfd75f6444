/** The payment-provider port is declared with the context's other ports (./ports.ts). */
export type { CreateOrderInput, PaymentProvider, RefundInput } from './ports';

/** Thrown when no provider is configured (PAYMENT_PROVIDER=none) and a case needs an order. */
export class PaymentsUnavailableError extends Error {
  override readonly name = 'PaymentsUnavailable';
}

/** The secret store key of a provider's notification secret. */
export const providerSecretKey = (provider: string) => `payments/${provider}`;
