import { integrationDeps } from '../../shared/adapters/integration-deps';
import { callbackRoute, getIntegrationRoute, listDeliveriesRoute, listExchangeFilesRoute, putIntegrationRoute, redeliverAllRoute, redeliverRoute, rotateSecretRoute } from '../../shared/contracts/integration';
import { NotFoundError } from '../../shared/domain/errors';
import { receiveCallback } from '../../shared/domain/integration/callbacks';
import { configureIntegration, redeliver, redeliverAll, rotateSecret } from '../../shared/domain/integration/deliveries';
import { listExchangeFiles } from '../../shared/domain/integration/exchange';
import { integrationInputSchema, type Delivery } from '../../shared/domain/integration/model';
import { generateSecret } from '../../shared/webhooks/standard-webhooks';
import { HttpResponse, httpRouter, route } from '../../shared/lambda/http';

// The exchange folder is only read here (its files listed for department staff).
const deps = integrationDeps({ attachments: true, exchange: true });

const deliveryView = ({ version: _v, eventId: _e, cycleAttempt: _a, cycleStartedAt: _c, attempts, ...rest }: Delivery) => ({ ...rest, attempts: [...attempts] });

/** Departments' systems: signed callbacks, the delivery log and redelivery; administrators: integration settings. */
export const handler = httpRouter([
  route(callbackRoute, async ({ params, headers, rawBody }) => {
    const answer = await receiveCallback(params.deptCode, headers as Record<string, string>, rawBody, deps);
    return new HttpResponse(answer.body, answer.status);
  }),
  route(listDeliveriesRoute, async ({ params, query, principal }) => {
    if (principal.role === 'department' && principal.department !== params.deptCode) throw new NotFoundError(`No department ${params.deptCode}`);
    const page = await deps.store.listDeliveries(params.deptCode, query.status, query.limit, query.cursor);
    return { items: page.items.map(deliveryView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }),
  route(redeliverRoute, async ({ params, principal }) => deliveryView(await redeliver(params.id, principal, deps))),
  route(redeliverAllRoute, async ({ params, principal }) => ({ redelivered: (await redeliverAll(params.deptCode, principal, deps)).redelivered.map(deliveryView) })),
  route(listExchangeFilesRoute, async ({ params, query, principal }) => {
    if (principal.role === 'department' && principal.department !== params.deptCode) throw new NotFoundError(`No department ${params.deptCode}`);
    const mode = (await deps.store.getConfig(params.deptCode))?.mode ?? 'todo';
    if (!deps.folder) return { mode, items: [], truncated: false };
    return { mode, ...(await listExchangeFiles(params.deptCode, query.status, { app: deps.app, folder: deps.folder })) };
  }),
  route(putIntegrationRoute, async ({ params, body, principal }) => configureIntegration(params.deptCode, integrationInputSchema.parse(body), principal, deps, generateSecret)),
  route(getIntegrationRoute, async ({ params }) => {
    const config = await deps.store.getConfig(params.deptCode);
    if (!config) throw new NotFoundError(`No integration for ${params.deptCode}`);
    return config;
  }),
  route(rotateSecretRoute, async ({ params, body }) => rotateSecret(params.deptCode, body.graceHours, deps, generateSecret)),
]);
