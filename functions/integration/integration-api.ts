import { integrationDeps } from '../../shared/adapters/integration-deps';
import {
  callbackRoute,
  getIntegrationRoute,
  listDeliveriesRoute,
  listExchangeFilesRoute,
  listIntegrationsRoute,
  putIntegrationRoute,
  redeliverAllRoute,
  redeliverRoute,
  rotateSecretRoute,
} from '../../shared/contracts/integration';
import { receiveCallback } from '../../shared/domain/integration/callbacks';
import { integrationInputSchema } from '../../shared/domain/integration/model';
import {
  exchangeFiles,
  integrationConfig,
  integrationOverview,
  redeliverDeadWebhooksView,
  redeliverWebhookView,
  webhookDeliveryLog,
} from '../../shared/domain/integration/views';
import { configureIntegration, rotateSecret } from '../../shared/domain/integration/webhook-deliveries';
import { generateSecret } from '../../shared/webhooks/standard-webhooks';
import { HttpResponse, httpRouter, route } from '../../shared/lambda/http';

// The exchange folder is only read here (its files listed for department staff).
const deps = integrationDeps({ attachments: true, exchange: true });

/** Departments' systems: signed callbacks, the delivery log and redelivery; administrators: integration settings. */
export const handler = httpRouter([
  route(callbackRoute, async ({ params, headers, rawBody }) => {
    const answer = await receiveCallback(params.deptCode, headers as Record<string, string>, rawBody, deps);
    return new HttpResponse(answer.body, answer.status);
  }),
  route(listDeliveriesRoute, ({ params, query, principal }) =>
    webhookDeliveryLog(params.deptCode, query, principal, deps),
  ),
  route(redeliverRoute, ({ params, principal }) => redeliverWebhookView(params.id, principal, deps)),
  route(redeliverAllRoute, ({ params, principal }) => redeliverDeadWebhooksView(params.deptCode, principal, deps)),
  route(listExchangeFilesRoute, ({ params, query, principal }) =>
    exchangeFiles(params.deptCode, query.status, principal, deps),
  ),
  route(putIntegrationRoute, ({ params, body, principal }) =>
    configureIntegration(params.deptCode, integrationInputSchema.parse(body), principal, deps, generateSecret),
  ),
  route(listIntegrationsRoute, () => integrationOverview(deps)),
  route(getIntegrationRoute, ({ params }) => integrationConfig(params.deptCode, deps)),
  route(rotateSecretRoute, ({ params, body }) => rotateSecret(params.deptCode, body.graceHours, deps, generateSecret)),
]);
