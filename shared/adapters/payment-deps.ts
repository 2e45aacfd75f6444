import * as z from 'zod';
import { parseEnv } from '../config/env';
import type { PaymentDeps } from '../domain/payments/ports';
import { STATUS_BY_ERROR } from '../lambda/error-response';
import { logger } from '../lambda/logger';
import { applicationDeps } from './application-deps';
import { sfnClient } from './aws-clients';
import { dynamoPaymentStore } from './dynamo-payment-store';
import { mainTable } from './main-table';
import { paymentProviderFor } from './payment-providers';
import { secretStoreFor } from './secret-stores';
import { stepFunctionsEngine } from './step-functions-engine';

/**
 * 非税支付: its dependencies, built once per container from the environment.
 *   PAYMENT_PROVIDER          `simulated:<baseUrl>` | `none` (default)
 *   PLATFORM_SECRETS_PREFIX   where the provider's notification secret is (key `payments/<provider>`)
 *   PUBLIC_API_URL            the notify URL is `${PUBLIC_API_URL}/payments/notifications/<provider>`
 *   PAYMENT_ORDER_HOURS       how long an order may be paid (default 168: a week)
 */
export function paymentDeps(): PaymentDeps {
  const env = parseEnv({
    MAIN_TABLE_NAME: z.string().min(1),
    PAYMENT_PROVIDER: z.string().min(1).default('none'),
    PLATFORM_SECRETS_PREFIX: z.string().min(1).optional(),
    PUBLIC_API_URL: z.url(),
    PAYMENT_ORDER_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(168),
  });
  const table = mainTable(env.MAIN_TABLE_NAME);
  const { now } = table;
  const provider = paymentProviderFor(env.PAYMENT_PROVIDER, {
    ...(env.PLATFORM_SECRETS_PREFIX ? { secrets: secretStoreFor(env.PLATFORM_SECRETS_PREFIX) } : {}),
    now,
  });
  return {
    app: applicationDeps({ table }),
    store: dynamoPaymentStore(table.documents, env.MAIN_TABLE_NAME),
    provider,
    // Only the configured provider is known; `none` receives nothing.
    providerNamed: (name) => (name === provider.name && name !== 'none' ? provider : undefined),
    engine: stepFunctionsEngine(sfnClient()),
    notifyBaseUrl: `${env.PUBLIC_API_URL.replace(/\/$/, '')}/payments/notifications`,
    orderHours: env.PAYMENT_ORDER_HOURS,
    log: {
      info: (message, data) => logger.info(message, data ?? {}),
      error: (message, data) => logger.error(message, data ?? {}),
    },
    refusalStatus: (error) => STATUS_BY_ERROR[error.name],
  };
}
