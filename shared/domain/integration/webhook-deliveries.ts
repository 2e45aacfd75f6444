import { createHash } from 'node:crypto';
import { decisionSchema, type TaskWebhookPayload } from '../../contracts/integration';
import { DEFAULT_DELIVERY_SCHEDULE, nextAttemptAt } from '../../webhooks/delivery-schedule';
import { sign } from '../../webhooks/standard-webhooks';
import {
  ConcurrentChangeError,
  ConflictError,
  ForbiddenError,
  isDomainError,
  NotFoundError,
  ValidationError,
} from '../errors';
import { decide } from '../workflow/decide';
import type { CaseRecord } from '../applications/model';
import type { DepartmentTask } from '../workflow/task';
import type { DepartmentSecrets, IntegrationConfig, IntegrationInput, WebhookDelivery } from './model';
import type { IntegrationDeps } from './ports';

/**
 * Outbound webhooks (Standard Webhooks): each subscribed event becomes a webhook delivery to the department's
 * endpoint, signed with its secret(s), retried on the schedule (≥ 24 h, jittered) with the same webhook-id, then
 * dead: operators are alerted (an error log that the stack alarms on) and can redeliver. Not to be confused with the
 * delivery of a case's result to the applicant (shared/domain/delivery/).
 */

/** The secrets that verify now: the current one, and the previous one during its grace period. */
export function activeSecrets(secrets: DepartmentSecrets, now: Date): string[] {
  return secrets.previous && secrets.previousUntil && new Date(secrets.previousUntil) > now
    ? [secrets.current, secrets.previous]
    : [secrets.current];
}

export function checkEndpoint(endpoint: string | undefined, allowLoopbackHttp: boolean): void {
  if (!endpoint)
    throw new ValidationError('A webhook department needs an endpoint', [
      { path: 'body.endpoint', rule: 'required', message: 'the URL tasks are POSTed to' },
    ]);
  const url = new URL(endpoint);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(allowLoopbackHttp && loopback && url.protocol === 'http:')) {
    throw new ValidationError('Webhook endpoints must use HTTPS', [
      {
        path: 'body.endpoint',
        rule: 'https',
        message: allowLoopbackHttp ? 'https, or http on a loopback address locally' : 'https only',
      },
    ]);
  }
}

const deliveryId = (eventId: string, department: string) =>
  `msg_${createHash('sha256').update(`${eventId}/${department}`).digest('base64url').slice(0, 27)}`;

/** A subscribed Task.Opened.v1 becomes a delivery for the task's department when it is in webhook mode. */
export async function dispatchTaskOpened(
  event: { eventId: string; taskId: string; taskDepartment: string; caseId: string; matterCode: string },
  deps: IntegrationDeps,
): Promise<WebhookDelivery | undefined> {
  const config = await deps.store.getConfig(event.taskDepartment);
  if (config?.mode !== 'webhook' || !config.endpoint || !config.events.includes('Task.Opened.v1')) return undefined;
  if (!config.matters.includes('*') && !config.matters.includes(event.matterCode)) return undefined;
  const now = deps.app.now().toISOString();
  const delivery: WebhookDelivery = {
    id: deliveryId(event.eventId, event.taskDepartment),
    department: event.taskDepartment,
    eventId: event.eventId,
    eventType: 'Task.Opened.v1',
    taskId: event.taskId,
    caseId: event.caseId,
    status: 'pending',
    attempts: [],
    createdAt: now,
    cycleStartedAt: now,
    nextAttemptAt: now,
    version: 1,
  };
  // A redelivered event finds its delivery: that one goes on with its own schedule.
  if (!(await deps.store.createDelivery(delivery))) return deps.store.getDelivery(delivery.id);
  return attemptWebhook(delivery, deps);
}

/** What a department's system is told of a task, by webhook or in its exchange folder: the task and the case's form. */
export function taskOpenedMessage(task: DepartmentTask, record: CaseRecord) {
  return {
    type: 'task.opened' as const,
    taskId: task.id,
    caseId: record.id,
    caseNumber: record.number,
    matterCode: record.matterCode,
    department: task.department,
    stageIndex: task.stageIndex,
    taskName: task.name,
    dueDate: task.dueDate,
    form: record.form,
  };
}

/** The webhook body: the task, the case data the department may see, short-lived links to the materials. */
async function payloadOf(delivery: WebhookDelivery, deps: IntegrationDeps): Promise<TaskWebhookPayload | undefined> {
  const task = delivery.taskId ? await deps.app.cases.getTask(delivery.taskId) : undefined;
  const record = await deps.app.cases.get(delivery.caseId);
  if (!task || !record) return undefined;
  return {
    ...taskOpenedMessage(task, record),
    materials: await deps.materials.links(record.id, 15 * 60),
    callbackUrl: `${deps.publicApiUrl}/integration/${task.department}/callbacks`,
  };
}

/** One attempt: sign, POST, record; a 200 carrying a decision decides at once, a 202 waits for the callback. */
export async function attemptWebhook(delivery: WebhookDelivery, deps: IntegrationDeps): Promise<WebhookDelivery> {
  const now = deps.app.now();
  const [config, secrets, payload] = await Promise.all([
    deps.store.getConfig(delivery.department),
    deps.secrets.get(delivery.department),
    payloadOf(delivery, deps),
  ]);
  let outcome: { status?: number; error?: string; body?: string };
  const started = Date.now();
  if (!config?.endpoint || config.mode !== 'webhook')
    outcome = { error: 'the department has no webhook endpoint any more' };
  else if (!secrets) outcome = { error: 'the department has no secret' };
  else if (!payload) outcome = { error: 'the task or its case no longer exists' };
  else if (delivery.taskId && !(await taskStillOpen(delivery.taskId, deps))) {
    // Decided or cancelled meanwhile: nothing to deliver any more, and nothing to alarm about.
    const { nextAttemptAt: _n, ...rest } = delivery;
    const closed: WebhookDelivery = { ...rest, status: 'cancelled', version: delivery.version + 1 };
    await deps.store.updateDelivery({ before: delivery, after: closed });
    return closed;
  } else {
    const body = JSON.stringify(payload);
    // Signed when sent, not when the attempt began: the reads above take time, and the receiver checks the
    // timestamp against its own clock (±5 minutes).
    const sentAt = deps.app.now();
    const headers = {
      ...sign({ id: delivery.id, timestamp: sentAt, body }, activeSecrets(secrets, sentAt)),
      'content-type': 'application/json',
    };
    try {
      const answer = await deps.transport.post(config.endpoint, headers, body, config.timeoutMs);
      outcome =
        answer.status >= 200 && answer.status < 300
          ? { status: answer.status, body: answer.body }
          : { status: answer.status, error: `HTTP ${answer.status}` };
    } catch (error) {
      outcome = { error: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : 'request failed' };
    }
  }
  const record = {
    at: now.toISOString(),
    latencyMs: Date.now() - started,
    ...(outcome.status !== undefined ? { status: outcome.status } : {}),
    ...(outcome.error ? { error: outcome.error } : {}),
  };
  const attempts = [...delivery.attempts, record];
  const cycleAttempt = (delivery.cycleAttempt ?? 0) + 1;
  let after: WebhookDelivery;
  if (!outcome.error) {
    const { nextAttemptAt: _n, ...rest } = delivery;
    after = { ...rest, status: 'delivered', attempts, cycleAttempt, version: delivery.version + 1 };
  } else {
    const next = nextAttemptAt(
      cycleAttempt,
      new Date(delivery.cycleStartedAt ?? delivery.createdAt),
      deps.random ?? Math.random,
      deps.schedule ?? DEFAULT_DELIVERY_SCHEDULE,
    );
    const { nextAttemptAt: _n, ...rest } = delivery;
    after = next
      ? {
          ...rest,
          status: 'pending',
          attempts,
          cycleAttempt,
          nextAttemptAt: next.toISOString(),
          version: delivery.version + 1,
        }
      : { ...rest, status: 'dead', attempts, cycleAttempt, version: delivery.version + 1 };
    // The stack alarms on this message (a metric filter on the function's logs).
    if (after.status === 'dead')
      deps.log.error('delivery dead', {
        deliveryId: delivery.id,
        department: delivery.department,
        attempts: attempts.length,
        lastError: outcome.error,
      });
  }
  // A decision in the answer is taken before the delivery counts as delivered: a transient failure fails the attempt.
  if (outcome.status === 200 && outcome.body && delivery.taskId) await decideFromAnswer(delivery, outcome.body, deps);
  await deps.store.updateDelivery({ before: delivery, after });
  return after;
}

/** A department may answer the webhook itself: 200 with a decision. A body that is not a decision is just an acknowledgement. */
async function decideFromAnswer(delivery: WebhookDelivery, body: string, deps: IntegrationDeps): Promise<void> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return;
  }
  if (!parsed || typeof parsed !== 'object' || !('decision' in parsed)) return;
  const decision = decisionSchema.safeParse({
    callbackId: `answer.${delivery.id}`,
    taskId: delivery.taskId,
    ...parsed,
  });
  if (!decision.success) {
    deps.log.error('webhook answer is not a valid decision', {
      deliveryId: delivery.id,
      department: delivery.department,
      problems: decision.error.issues.map((i) => i.path.join('.')),
    });
    return;
  }
  if (decision.data.taskId !== delivery.taskId) return;
  try {
    await decide(
      delivery.taskId!,
      decision.data,
      {
        sub: `system:${delivery.department}`,
        role: 'system',
        department: delivery.department,
        via: 'webhook-answer',
        callbackId: decision.data.callbackId,
      },
      deps.app,
    );
  } catch (error) {
    if (!isDomainError(error) || error instanceof ConcurrentChangeError) throw error;
    deps.log.error('webhook answer refused', {
      deliveryId: delivery.id,
      department: delivery.department,
      error: error.message,
    });
  }
}

async function taskStillOpen(taskId: string, deps: IntegrationDeps): Promise<boolean> {
  const task = await deps.app.cases.getTask(taskId);
  return task !== undefined && ['WAITING', 'CLAIMED', 'SUSPENDED', 'RETURNED'].includes(task.status);
}

/**
 * The scheduled sweep: every pending webhook delivery whose next attempt is due. Each is tried on its own: one that
 * fails unexpectedly (its store, its secret, a bug) is reported and stays due for the next sweep, and the sweep
 * goes on with the others.
 */
export async function retryDueWebhooks(
  deps: IntegrationDeps,
): Promise<{ attempted: number; failed: { id: string; error: string }[] }> {
  const due = await deps.store.listDueRetries(deps.app.now().toISOString(), 50);
  const failed: { id: string; error: string }[] = [];
  for (const delivery of due) {
    try {
      await attemptWebhook(delivery, deps);
    } catch (error) {
      if (error instanceof ConflictError) continue; // another sweep took it
      failed.push({ id: delivery.id, error: (error as Error).name });
    }
  }
  return { attempted: due.length, failed };
}

/** Operators (or the department) send a failed webhook again: a new cycle of the retry schedule starts now. */
export async function redeliverWebhook(
  id: string,
  principal: { role: string; department?: string },
  deps: IntegrationDeps,
): Promise<WebhookDelivery> {
  const delivery = await deps.store.getDelivery(id);
  if (!delivery || (principal.role === 'department' && principal.department !== delivery.department))
    throw new NotFoundError(`No delivery ${id}`);
  if (principal.role !== 'admin' && principal.role !== 'department')
    throw new ForbiddenError('Only administrators and the department redeliver');
  if (delivery.status === 'delivered') throw new ConflictError('This delivery was delivered');
  const now = deps.app.now().toISOString();
  const restarted: WebhookDelivery = {
    ...delivery,
    status: 'pending',
    cycleStartedAt: now,
    cycleAttempt: 0,
    nextAttemptAt: now,
    version: delivery.version + 1,
  };
  await deps.store.updateDelivery({ before: delivery, after: restarted });
  return attemptWebhook(restarted, deps);
}

/** Every dead webhook of a department back to pending: the minute sweep sends them. */
export async function redeliverDeadWebhooks(
  department: string,
  principal: { role: string; department?: string },
  deps: IntegrationDeps,
): Promise<{ redelivered: WebhookDelivery[] }> {
  if (principal.role === 'department' && principal.department !== department)
    throw new NotFoundError(`No department ${department}`);
  const redelivered: WebhookDelivery[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.listDeliveries(department, 'dead', 50, cursor);
    for (const d of page.items) {
      // Reset only: the minute sweep sends them, so one slow endpoint cannot time this request out.
      const restarted: WebhookDelivery = {
        ...d,
        status: 'pending',
        cycleStartedAt: deps.app.now().toISOString(),
        cycleAttempt: 0,
        nextAttemptAt: deps.app.now().toISOString(),
        version: d.version + 1,
      };
      await deps.store.updateDelivery({ before: d, after: restarted });
      redelivered.push(restarted);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { redelivered };
}

/** Administrators configure a department's integration; a new webhook or exchange department gets its first secret (shown once): it signs callbacks and decision files. */
export async function configureIntegration(
  department: string,
  input: IntegrationInput,
  actor: { sub: string },
  deps: IntegrationDeps,
  generateSecret: () => string,
): Promise<{ config: IntegrationConfig; secret?: string }> {
  if (input.mode === 'webhook') checkEndpoint(input.endpoint, deps.allowLoopbackHttp);
  const config: IntegrationConfig = {
    ...input,
    department,
    updatedAt: deps.app.now().toISOString(),
    updatedBy: actor.sub,
  };
  let secret: string | undefined;
  if ((input.mode === 'webhook' || input.mode === 'exchange') && !(await deps.secrets.get(department))) {
    secret = generateSecret();
    await deps.secrets.put(department, { current: secret });
  }
  await deps.store.putConfig(config);
  return { config, ...(secret ? { secret } : {}) };
}

/** Rotation: a new current secret; the old one keeps verifying (and the department keeps receiving) for the grace period. */
export async function rotateSecret(
  department: string,
  graceHours: number,
  deps: IntegrationDeps,
  generateSecret: () => string,
): Promise<{ secret: string; previousValidUntil: string }> {
  const existing = await deps.secrets.get(department);
  if (!existing) throw new NotFoundError(`Department ${department} has no webhook secret`);
  const secret = generateSecret();
  const previousUntil = new Date(deps.app.now().getTime() + graceHours * 3600_000).toISOString();
  await deps.secrets.put(department, { current: secret, previous: existing.current, previousUntil });
  return { secret, previousValidUntil: previousUntil };
}
