import * as z from 'zod';
import { SPECIAL_PROCEDURES } from '../domain/catalogue/model';
import { DECISIONS, TASK_STATUSES } from '../domain/workflow/task';
import { caseViewSchema } from './case-schemas';
import { pageOf } from './common';
import { defineRoute } from './route-contract';

const page = { limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().optional() };
const day = z.iso.date();

export const taskViewSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    caseNumber: z.string(),
    matterCode: z.string(),
    stageIndex: z.number(),
    department: z.string(),
    name: z.string(),
    status: z.enum(TASK_STATUSES),
    openedAt: z.string(),
    startDate: day,
    timeLimitDays: z.number(),
    dueDate: day.meta({
      description: 'Due by this date: working days from the day it opened, pauses and extension included',
    }),
    provisional: z.boolean().optional().meta({
      description:
        'The due date reaches a year whose State Council holiday notice is not loaded: counted Monday to Friday there for now, re-dated when it is loaded',
    }),
    pausedDays: z.number(),
    pause: z
      .object({
        kind: z.enum(['suspend', 'return']),
        since: day,
        reason: z.string(),
        specialProcedure: z.string().optional(),
        expectedDays: z.number().optional(),
      })
      .optional(),
    claimedBy: z.string().optional(),
    claimedByName: z
      .string()
      .optional()
      .meta({ description: 'The name of the member of staff who claimed the task, when their sign-in carries one' }),
    escalations: z.number(),
    decision: z
      .object({
        decision: z.enum(['approve', 'reject']),
        by: z.string(),
        at: z.string(),
        reason: z.string().optional(),
        via: z.string(),
      })
      .optional(),
  })
  .meta({ id: 'DepartmentTask' });

const correctionItem = z.object({
  target: z.enum(['material', 'field']),
  code: z.string().min(1),
  message: z.string().min(1),
});

/** A department's decision: the same body through the to-do API, a signed callback or an exchange-folder file. */
export const decisionBodySchema = z.strictObject({
  decision: z.enum(DECISIONS),
  reason: z.string().max(2000).optional().meta({ description: 'Required to reject, suspend or extend' }),
  corrections: z
    .array(correctionItem)
    .max(50)
    .optional()
    .meta({ description: 'return: every item to correct, at once (一次性告知)' }),
  specialProcedure: z
    .enum(SPECIAL_PROCEDURES)
    .optional()
    .meta({ description: 'suspend: which special procedure (行政许可法 art. 45)' }),
  expectedDays: z.number().int().min(1).max(365).optional().meta({ description: 'suspend: expected working days' }),
  days: z.number().int().min(1).max(30).optional().meta({ description: 'extend: working days (default 10)' }),
  result: z
    .record(z.string(), z.unknown())
    .optional()
    .meta({ description: 'approve: what the decision establishes (e.g. the 统一社会信用代码 of a registration)' }),
});

export const listTasksRoute = defineRoute({
  method: 'GET',
  path: '/tasks',
  auth: ['department'],
  summary: 'My department’s to-do (统一待办): open tasks by default, the earliest due first',
  tags: ['workflow'],
  query: z.object({ status: z.enum(TASK_STATUSES).optional(), ...page }),
  response: pageOf(taskViewSchema),
});

const taskParams = z.object({ id: z.string().min(1).max(120) });

export const getTaskRoute = defineRoute({
  method: 'GET',
  path: '/tasks/{id}',
  auth: ['department'],
  summary: 'One of my department’s tasks, with its case',
  tags: ['workflow'],
  params: taskParams,
  response: z.object({ task: taskViewSchema, case: caseViewSchema }),
});

export const claimTaskRoute = defineRoute({
  method: 'POST',
  path: '/tasks/{id}/claim',
  auth: ['department'],
  summary: 'Take a task (others then cannot decide it)',
  tags: ['workflow'],
  params: taskParams,
  response: taskViewSchema,
});

export const decideTaskRoute = defineRoute({
  method: 'POST',
  path: '/tasks/{id}/decision',
  auth: ['department'],
  summary:
    'Decide a task: approve, reject, return for correction, suspend / resume (special procedure), ask for the extension',
  tags: ['workflow'],
  params: taskParams,
  body: decisionBodySchema,
  response: z.object({ task: taskViewSchema, case: caseViewSchema }),
});

export const extensionDecisionRoute = defineRoute({
  method: 'POST',
  path: '/applications/{id}/extension',
  auth: ['window', 'supervisor'],
  summary: 'Grant or deny the extension (延期) a department asked for; the applicant is told why',
  tags: ['workflow'],
  params: z.object({ id: z.uuid() }),
  body: z.strictObject({ decision: z.enum(['approve', 'deny']), note: z.string().max(2000).optional() }),
  // Not the whole case: a window officer decides the extension without seeing the applicant's form.
  response: z.object({ id: z.string(), number: z.string(), status: z.string(), review: caseViewSchema.shape.review }),
});

export const pendingExtensionsRoute = defineRoute({
  method: 'GET',
  path: '/supervision/extensions',
  auth: ['window', 'supervisor'],
  summary: 'The extensions (延期) departments asked for that wait for a decision, newest request first',
  tags: ['supervision'],
  query: z.object({
    status: z.enum(['pending']).default('pending').meta({ description: 'Only pending requests are listed' }),
    ...page,
  }),
  response: pageOf(
    z.object({
      id: z.string(),
      number: z.string(),
      matterCode: z.string(),
      department: z.string(),
      regionCode: z.string(),
      status: z.string(),
      dueDate: day.meta({ description: 'The decision is due by this date now; a grant moves it by days working days' }),
      extension: z.object({
        days: z.number().int(),
        reason: z.string(),
        taskId: z.string(),
        requestedBy: z.string(),
        requestedAt: z.string(),
      }),
    }),
  ),
});

export const WORKFLOW_ROUTES = [
  listTasksRoute,
  getTaskRoute,
  claimTaskRoute,
  decideTaskRoute,
  extensionDecisionRoute,
  pendingExtensionsRoute,
];
