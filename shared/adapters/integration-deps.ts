import * as z from 'zod';
import { parseEnv } from '../config/env';
import type { ExchangeFolder, IntegrationDeps } from '../domain/integration/ports';
import { STATUS_BY_ERROR } from '../lambda/error-response';
import { logger } from '../lambda/logger';
import { applicationDeps } from './application-deps';
import { s3Client } from './aws-clients';
import { dynamoIntegrationStore } from './dynamo-integration-store';
import { mainTable } from './main-table';
import { s3AttachmentStore } from './s3-attachment-store';
import { s3ExchangeFolder } from './s3-exchange-folder';
import { secretStoreFor } from './secret-stores';

/** Sends with fetch and an abort timeout; redirects are not followed (a signed delivery goes where it was configured). */
const fetchTransport: IntegrationDeps['transport'] = {
  async post(url, headers, body, timeoutMs) {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, body: (await response.text()).slice(0, 64 * 1024) };
  },
};

export function integrationDeps(
  options: { exchange?: boolean; attachments?: boolean } = {},
): IntegrationDeps & { folder?: ExchangeFolder } {
  const env = parseEnv({
    MAIN_TABLE_NAME: z.string().min(1),
    // Functions that never sign or verify (the exchange inbox) are not bound to the secrets; their store refuses.
    PLATFORM_SECRETS_PREFIX: z.string().min(1).optional(),
    ATTACHMENTS_BUCKET_NAME: options.attachments ? z.string().min(1) : z.string().optional(),
    EXCHANGE_BUCKET_NAME: z.string().optional(),
    PUBLIC_API_URL: z.url(),
    ALLOW_LOOPBACK_WEBHOOKS: z.enum(['true', 'false']).default('false'),
  });
  const table = mainTable(env.MAIN_TABLE_NAME);
  const { now } = table;
  const attachments =
    options.attachments && env.ATTACHMENTS_BUCKET_NAME
      ? s3AttachmentStore(s3Client(), env.ATTACHMENTS_BUCKET_NAME, now)
      : undefined;
  const app = applicationDeps({ table, ...(attachments ? { attachments } : {}) });
  return {
    app,
    store: dynamoIntegrationStore(table.documents, env.MAIN_TABLE_NAME, now),
    departments: () => table.catalogue.departments(),
    secrets: env.PLATFORM_SECRETS_PREFIX ? secretStoreFor(env.PLATFORM_SECRETS_PREFIX) : noSecrets,
    transport: fetchTransport,
    materials: {
      async links(caseId, expiresInSeconds) {
        const record = await app.cases.get(caseId);
        if (!record || !attachments) return [];
        const files = Object.entries(record.materials).flatMap(([code, m]) => m.files.map((f) => ({ code, f })));
        return Promise.all(
          files.map(async ({ code, f }) => ({
            code,
            fileName: f.fileName,
            ...(await attachments.presignDownload({ key: f.key, fileName: f.fileName, expiresInSeconds })),
          })),
        );
      },
    },
    publicApiUrl: env.PUBLIC_API_URL.replace(/\/$/, ''),
    allowLoopbackHttp: env.ALLOW_LOOPBACK_WEBHOOKS === 'true',
    log: { error: (message, data) => logger.error(message, data), info: (message, data) => logger.info(message, data) },
    refusalStatus: (error) => STATUS_BY_ERROR[error.name],
    ...(options.exchange && env.EXCHANGE_BUCKET_NAME
      ? { folder: s3ExchangeFolder(s3Client(), env.EXCHANGE_BUCKET_NAME, env.ATTACHMENTS_BUCKET_NAME) }
      : {}),
  };
}

const refuseSecrets = () => Promise.reject(new Error('This function has no access to the platform’s secrets'));
const noSecrets: IntegrationDeps['secrets'] = { get: refuseSecrets, put: refuseSecrets };
