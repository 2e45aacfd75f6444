import * as z from 'zod';
import { pageOf } from './common';
import { defineRoute } from './route-contract';
import { SPECIAL_PROCEDURES } from '../domain/catalogue/model';

/**
 * Contracts of the push integration with departments' systems (DOMAIN.md §5): the task webhook the platform
 * sends, and the decision a department sends back, in a signed callback or as the 200 answer to the webhook.
 * clients/department-client.ts mirrors these as plain types and a hand check, because departments' code must not
 * need zod; test/unit/department-client.test.ts keeps the two in step.
 */

export const DECISION_KINDS = ['approve', 'reject', 'return', 'suspend', 'resume', 'extend'] as const;

const materialLinkSchema = z.object({
  code: z.string().min(1),
  fileName: z.string().min(1),
  url: z.url().meta({ description: 'Presigned download link; fetch it before expiresAt' }),
  expiresAt: z.iso.datetime({ offset: true }),
});

export const taskWebhookPayloadSchema = z
  .object({
    type: z.literal('task.opened'),
    taskId: z.string().min(1),
    caseId: z.string().min(1),
    caseNumber: z.string().min(1),
    matterCode: z.string().min(1),
    department: z.string().min(1),
    stageIndex: z.number().int().nonnegative(),
    taskName: z.string().min(1),
    dueDate: z.iso.date().meta({ description: 'Last working day for the decision (YYYY-MM-DD)' }),
    form: z.record(z.string(), z.unknown()),
    materials: z.array(materialLinkSchema),
    callbackUrl: z.url().meta({ description: 'Where to POST the signed decision' }),
  })
  .meta({
    id: 'TaskWebhook',
    description: 'Sent to a department’s system, signed per Standard Webhooks, for each task',
  });
export type TaskWebhookPayload = z.infer<typeof taskWebhookPayloadSchema>;

/** Also the callback's webhook-id, so it must be a short header-safe token (a UUID fits). */
export const CALLBACK_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

const correctionSchema = z.strictObject({
  target: z.enum(['material', 'field']),
  code: z.string().min(1),
  message: z.string().min(1).max(500),
});

/**
 * Which fields each decision needs, as the review commands (shared/domain/workflow/review.ts) require them, so a
 * department's client can refuse a decision before sending it: a refusal needs its written reason (行政许可法
 * art. 38), a return every correction at once (一次性告知), a suspension for a special procedure its reason and
 * expected working days (art. 45), an extension the reason the applicant is told (art. 42; days default to 10).
 */
export const DECISION_REQUIRES = {
  approve: [],
  reject: ['reason'],
  return: ['corrections'],
  suspend: ['reason', 'expectedDays'],
  resume: [],
  extend: ['reason'],
} as const satisfies Record<(typeof DECISION_KINDS)[number], readonly string[]>;

export const decisionSchema = z
  .strictObject({
    callbackId: z.string().regex(CALLBACK_ID_PATTERN).meta({
      description: 'Unique per decision; also the callback’s webhook-id, which the platform de-duplicates on',
    }),
    taskId: z.string().max(256).regex(/\S/),
    decision: z.enum(DECISION_KINDS),
    reason: z.string().max(2000).regex(/\S/, 'must not be blank').optional(),
    corrections: z
      .array(correctionSchema)
      .min(1)
      .max(50)
      .optional()
      .meta({ description: 'return: every item to correct, at once' }),
    specialProcedure: z.enum(SPECIAL_PROCEDURES).optional().meta({ description: 'suspend: which special procedure' }),
    expectedDays: z.number().int().min(1).max(365).optional().meta({ description: 'suspend: expected working days' }),
    days: z.number().int().min(1).max(30).optional().meta({ description: 'extend: working days added (default 10)' }),
    result: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'approve: what the decision establishes' }),
  })
  .superRefine((value, ctx) => {
    for (const field of DECISION_REQUIRES[value.decision]) {
      if (value[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `${value.decision} needs ${field}` });
    }
  })
  .meta({
    id: 'DepartmentDecision',
    description: 'A decision sent by a department’s system: a signed callback, or the 200 answer to a task webhook',
  });
export type DepartmentDecision = z.infer<typeof decisionSchema>;

// ---- routes ----

const deptParams = z.object({ deptCode: z.string().regex(/^[A-Z][A-Z0-9_-]{1,31}$/) });
const attemptSchema = z.object({
  at: z.string(),
  status: z.number().optional(),
  latencyMs: z.number(),
  error: z.string().optional(),
});
export const deliveryViewSchema = z
  .object({
    id: z.string().meta({ description: 'The webhook-id, the same on every attempt' }),
    department: z.string(),
    eventType: z.string(),
    taskId: z.string().optional(),
    caseId: z.string(),
    status: z.enum(['pending', 'delivered', 'dead', 'cancelled']),
    attempts: z.array(attemptSchema),
    createdAt: z.string(),
    nextAttemptAt: z.string().optional(),
  })
  .meta({ id: 'Delivery' });

export const callbackRoute = defineRoute({
  method: 'POST',
  path: '/integration/{deptCode}/callbacks',
  auth: 'public',
  signed: true,
  summary:
    'A department’s decision, signed per Standard Webhooks (webhook-id = callbackId); the body is a DepartmentDecision. Replays get the first answer.',
  tags: ['integration'],
  params: deptParams,
  response: z.unknown(),
});

export const listDeliveriesRoute = defineRoute({
  method: 'GET',
  path: '/integration/{deptCode}/deliveries',
  auth: ['admin', 'department'],
  summary: 'The delivery log of a department: every attempt with its time, status, latency and error',
  tags: ['integration'],
  params: deptParams,
  query: z.object({
    status: z.enum(['pending', 'delivered', 'dead', 'cancelled']).default('dead'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().optional(),
  }),
  response: pageOf(deliveryViewSchema),
});

export const redeliverRoute = defineRoute({
  method: 'POST',
  path: '/integration/deliveries/{id}/redeliver',
  auth: ['admin', 'department'],
  summary: 'Send a failed delivery again (a new retry cycle starts now)',
  tags: ['integration'],
  params: z.object({ id: z.string().regex(/^msg_[A-Za-z0-9_-]{10,60}$/) }),
  response: deliveryViewSchema,
});

export const redeliverAllRoute = defineRoute({
  method: 'POST',
  path: '/integration/{deptCode}/deliveries/redeliver',
  auth: ['admin', 'department'],
  summary: 'Send every dead delivery of a department again',
  tags: ['integration'],
  params: deptParams,
  response: z.object({ redelivered: z.array(deliveryViewSchema) }),
});

export const EXCHANGE_FILE_STATUSES = ['waiting', 'failed'] as const;

export const exchangeFileSchema = z
  .object({
    key: z.string().meta({ description: 'The file’s key in the exchange bucket' }),
    name: z.string().meta({ description: 'The file’s name under the department’s folder' }),
    kind: z.enum(['task', 'decision']).meta({
      description:
        'task: written by the platform under outbox/ for the department; decision: dropped by the department under inbox/',
    }),
    taskId: z.string().optional(),
    caseNumber: z.string().optional(),
    dueDate: z.iso.date().optional().meta({ description: 'task: the last working day for the department’s decision' }),
    reason: z
      .string()
      .optional()
      .meta({ description: 'failed: why the platform could not use the file (its .reason.txt)' }),
  })
  .meta({ id: 'ExchangeFile' });

export const listExchangeFilesRoute = defineRoute({
  method: 'GET',
  path: '/integration/{deptCode}/exchange',
  auth: ['admin', 'department'],
  summary:
    'A department’s exchange folder (前置机): waiting = task files whose task is still open and decision files not yet picked up; failed = decision files moved to error/ with their reason. Also says how the department is integrated.',
  tags: ['integration'],
  params: deptParams,
  query: z.object({ status: z.enum(EXCHANGE_FILE_STATUSES).default('waiting') }),
  response: z.object({
    mode: z
      .enum(['todo', 'webhook', 'exchange'])
      .meta({ description: 'How the department is reached now (todo when nothing is configured)' }),
    items: z.array(exchangeFileSchema),
    truncated: z.boolean().meta({ description: 'More files exist than were listed' }),
  }),
});

const integrationConfigSchema = z.object({
  department: z.string(),
  mode: z.string(),
  endpoint: z.string().optional(),
  events: z.array(z.string()),
  matters: z.array(z.string()),
  timeoutMs: z.number(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

export const putIntegrationRoute = defineRoute({
  method: 'PUT',
  path: '/admin/integrations/{deptCode}',
  auth: ['admin'],
  summary:
    'Configure how a department is reached (webhook, to-do, exchange folder); a new webhook department gets its secret, shown once',
  tags: ['integration'],
  params: deptParams,
  body: z.strictObject({
    mode: z.enum(['todo', 'webhook', 'exchange']),
    endpoint: z.url().optional(),
    events: z
      .array(z.enum(['Task.Opened.v1']))
      .min(1)
      .optional(),
    matters: z.array(z.string().min(1)).min(1).optional(),
    timeoutMs: z.number().int().min(1000).max(30_000).optional(),
  }),
  response: z.object({
    config: integrationConfigSchema,
    secret: z.string().optional().meta({ description: 'whsec_…: shown once; store it in the department’s system' }),
  }),
});

export const getIntegrationRoute = defineRoute({
  method: 'GET',
  path: '/admin/integrations/{deptCode}',
  auth: ['admin'],
  summary: 'A department’s integration (never its secret)',
  tags: ['integration'],
  params: deptParams,
  response: integrationConfigSchema,
});

export const listIntegrationsRoute = defineRoute({
  method: 'GET',
  path: '/admin/integrations',
  auth: ['admin'],
  summary:
    'Every department of the catalogue with its integration (null where none is configured: its tasks wait in the to-do list); one request for the administrators’ overview',
  tags: ['integration'],
  response: z.object({
    items: z.array(
      z.object({
        department: z.string(),
        name: z.string(),
        config: integrationConfigSchema.nullable(),
      }),
    ),
  }),
});

export const rotateSecretRoute = defineRoute({
  method: 'POST',
  path: '/admin/integrations/{deptCode}/rotate-secret',
  auth: ['admin'],
  summary: 'A new webhook secret; the old one keeps verifying and signing for the grace period',
  tags: ['integration'],
  params: deptParams,
  body: z.strictObject({
    graceHours: z
      .number()
      .int()
      .min(0)
      .max(24 * 14)
      .default(24),
  }),
  response: z.object({ secret: z.string(), previousValidUntil: z.string() }),
});

export const INTEGRATION_ROUTES = [
  callbackRoute,
  listDeliveriesRoute,
  redeliverRoute,
  redeliverAllRoute,
  listExchangeFilesRoute,
  putIntegrationRoute,
  listIntegrationsRoute,
  getIntegrationRoute,
  rotateSecretRoute,
];
