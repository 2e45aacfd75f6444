import * as z from 'zod';
import { INTEGRATION_MODES } from '../catalogue/model';

/**
 * How the platform reaches a department's own system (DOMAIN.md §5): a signed webhook per task (push), the staff
 * to-do API (pull), or an exchange folder (前置机 style). The to-do API works for every department whatever its mode.
 */
export const SUBSCRIBABLE_EVENTS = [
  'Task.Opened.v1',
  'Task.Resumed.v1',
  'Task.Escalated.v1',
  'Application.Withdrawn.v1',
] as const;
export type SubscribableEvent = (typeof SUBSCRIBABLE_EVENTS)[number];

export const integrationInputSchema = z.strictObject({
  mode: z.enum(INTEGRATION_MODES),
  endpoint: z.url().optional().meta({ description: 'webhook: where tasks are POSTed (HTTPS in deployed stages)' }),
  events: z.array(z.enum(SUBSCRIBABLE_EVENTS)).min(1).default(['Task.Opened.v1']),
  matters: z.array(z.string().min(1)).min(1).default(['*']).meta({ description: "Matter codes, or ['*'] for all" }),
  timeoutMs: z
    .number()
    .int()
    .min(1000)
    .max(30_000)
    .default(10_000)
    .meta({ description: 'A 2xx within this time is success' }),
});
export type IntegrationInput = z.infer<typeof integrationInputSchema>;

export interface IntegrationConfig extends IntegrationInput {
  readonly department: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/** A department's webhook secrets: during a rotation's grace period the previous one still verifies (and signs). */
export interface DepartmentSecrets {
  readonly current: string;
  readonly previous?: string;
  /** ISO instant until which `previous` is accepted. */
  readonly previousUntil?: string;
}

/** One POST of a webhook to its endpoint. */
export interface WebhookAttempt {
  readonly at: string;
  readonly status?: number;
  readonly latencyMs: number;
  readonly error?: string;
}

/**
 * A webhook delivery: one message to one department's endpoint; its id is the webhook-id on every attempt. (The
 * delivery of a case's result to the applicant is another thing: shared/domain/delivery/.)
 */
export interface WebhookDelivery {
  readonly id: string;
  readonly department: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly taskId?: string;
  readonly caseId: string;
  /** cancelled: its task was decided or cancelled before it could be delivered. */
  readonly status: 'pending' | 'delivered' | 'dead' | 'cancelled';
  readonly attempts: readonly WebhookAttempt[];
  readonly createdAt: string;
  /** The retry schedule runs from here; a redelivery starts a new cycle. */
  readonly cycleStartedAt?: string;
  readonly cycleAttempt?: number;
  readonly nextAttemptAt?: string;
  readonly version: number;
}

/** A callback processed once: a replay (same id) gets the first answer. */
export interface CallbackRecord {
  readonly department: string;
  readonly callbackId: string;
  readonly bodyHash: string;
  readonly status: number;
  readonly answer: unknown;
  readonly receivedAt: string;
}
