import { NotFoundError } from '../errors';
import { listExchangeFiles } from './exchange';
import type { WebhookDelivery } from './model';
import type { ExchangeFolder, IntegrationDeps } from './ports';
import { redeliverDeadWebhooks, redeliverWebhook } from './webhook-deliveries';

/**
 * What departments' staff and administrators see of an integration over HTTP: the webhook delivery log, the
 * exchange folder, the settings. A department sees only its own; another department's looks absent.
 */
type Caller = { readonly role: string; readonly department?: string };

function requireOwnDepartment(principal: Caller, department: string): void {
  if (principal.role === 'department' && principal.department !== department) {
    throw new NotFoundError(`No department ${department}`);
  }
}

/** A webhook delivery without its bookkeeping (version, event id, the retry cycle). */
export const webhookDeliveryView = ({
  version: _v,
  eventId: _e,
  cycleAttempt: _a,
  cycleStartedAt: _c,
  attempts,
  ...rest
}: WebhookDelivery) => ({ ...rest, attempts: [...attempts] });

export async function webhookDeliveryLog(
  department: string,
  query: { status: WebhookDelivery['status']; limit: number; cursor?: string },
  principal: Caller,
  deps: IntegrationDeps,
) {
  requireOwnDepartment(principal, department);
  const page = await deps.store.listDeliveries(department, query.status, query.limit, query.cursor);
  return { items: page.items.map(webhookDeliveryView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

export async function redeliverWebhookView(id: string, principal: Caller, deps: IntegrationDeps) {
  return webhookDeliveryView(await redeliverWebhook(id, principal, deps));
}

export async function redeliverDeadWebhooksView(department: string, principal: Caller, deps: IntegrationDeps) {
  const { redelivered } = await redeliverDeadWebhooks(department, principal, deps);
  return { redelivered: redelivered.map(webhookDeliveryView) };
}

/** The department's mode and, where the function reads an exchange folder, the files waiting or failed in it. */
export async function exchangeFiles(
  department: string,
  status: 'waiting' | 'failed',
  principal: Caller,
  deps: Pick<IntegrationDeps, 'app' | 'store'> & { folder?: ExchangeFolder },
) {
  requireOwnDepartment(principal, department);
  const mode = (await deps.store.getConfig(department))?.mode ?? 'todo';
  if (!deps.folder) return { mode, items: [], truncated: false };
  return { mode, ...(await listExchangeFiles(department, status, { app: deps.app, folder: deps.folder })) };
}

/** Every department with its integration, or null: the catalogue's departments and their configs in two reads. */
export async function integrationOverview(deps: Pick<IntegrationDeps, 'store' | 'departments'>) {
  const departments = await deps.departments();
  const configs = new Map((await deps.store.getConfigs(departments.map((d) => d.code))).map((c) => [c.department, c]));
  return {
    items: departments.map((d) => ({ department: d.code, name: d.name, config: configs.get(d.code) ?? null })),
  };
}

export async function integrationConfig(department: string, deps: Pick<IntegrationDeps, 'store'>) {
  const config = await deps.store.getConfig(department, { consistent: true });
  if (!config) throw new NotFoundError(`No integration for ${department}`);
  return config;
}
