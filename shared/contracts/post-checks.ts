import * as z from 'zod';
import { POST_CHECK_RESULTS } from '../domain/workflow/ports';
import { pageOf } from './common';
import { defineRoute } from './route-contract';

/** 告知承诺制的事后核查: the responsible department's checks of commitments that cases were decided on. */
export const postCheckSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    caseNumber: z.string(),
    matterCode: z.string(),
    matterVersion: z.number(),
    regionCode: z.string(),
    department: z.string(),
    status: z.enum(['open', 'done']),
    materials: z.array(z.string()).meta({ description: 'The materials the commitment replaced' }),
    openedAt: z.string(),
    startDate: z.string(),
    dueDate: z.string().meta({ description: 'The check is due by this date (working days after the decision)' }),
    provisional: z.boolean().optional().meta({
      description:
        'The due date falls in a year whose holiday notice is not loaded yet: counted Monday to Friday for now',
    }),
    days: z.number(),
    result: z.enum(POST_CHECK_RESULTS).optional(),
    reason: z.string().optional(),
    recordedAt: z.string().optional(),
    recordedBy: z.string().optional(),
    onTime: z.boolean().optional(),
    licenceNo: z.string().optional(),
  })
  .meta({ id: 'PostCheck' });

const idParams = z.object({ id: z.string().regex(/^[0-9a-f-]{36}\.C$/, 'a post-check id: <case id>.C') });

export const listPostChecksRoute = defineRoute({
  method: 'GET',
  path: '/post-checks',
  auth: ['department'],
  summary: '事后核查: my department’s post-checks of commitments, earliest due first',
  tags: ['workflow'],
  query: z.object({
    status: z.enum(['open', 'done']).default('open'),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2000).optional(),
  }),
  response: pageOf(postCheckSchema),
});

export const getPostCheckRoute = defineRoute({
  method: 'GET',
  path: '/post-checks/{id}',
  auth: ['department'],
  summary: 'One of my department’s post-checks',
  tags: ['workflow'],
  params: idParams,
  response: postCheckSchema,
});

export const recordPostCheckRoute = defineRoute({
  method: 'POST',
  path: '/post-checks/{id}/result',
  auth: ['department'],
  summary:
    '核查结果: true (the commitment held; the check closes) or false (the licence is revoked with the reason, the applicant told, the credit system told by Commitment.Breached.v1)',
  tags: ['workflow'],
  params: idParams,
  body: z.strictObject({ result: z.enum(POST_CHECK_RESULTS), reason: z.string().max(2000).optional() }),
  response: postCheckSchema,
});

export const POST_CHECK_ROUTES = [listPostChecksRoute, getPostCheckRoute, recordPostCheckRoute];
