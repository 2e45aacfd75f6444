// The window's routes: the acceptance queue and decision (受理), 即办件 on the spot, and walk-in intake (窗口收件).
import * as z from 'zod';
import { caseViewSchema, casePage, formSchema, idParams, pageQuery } from './case-schemas';
import { defineRoute } from './route-contract';

const caseResponse = caseViewSchema;

export const acceptanceQueueRoute = defineRoute({
  method: 'GET',
  path: '/acceptance/queue',
  auth: ['window'],
  summary: 'Cases waiting for acceptance, the most urgent deadline first',
  tags: ['acceptance'],
  query: z.object(pageQuery),
  response: casePage,
});
export const acceptanceDecisionRoute = defineRoute({
  method: 'POST',
  path: '/applications/{id}/acceptance',
  auth: ['window'],
  summary:
    '受理: accept (tolerating listed materials), refuse with a written reason, or ask for every correction at once',
  tags: ['acceptance'],
  params: idParams,
  body: z.strictObject({
    decision: z.enum(['accept', 'refuse', 'correct']),
    reason: z.string().max(2000).optional(),
    corrections: z
      .array(
        z.strictObject({
          target: z.enum(['material', 'field']),
          code: z.string().min(1),
          message: z.string().min(1).max(500),
        }),
      )
      .optional(),
    tolerated: z.array(z.string()).optional(),
  }),
  response: caseResponse,
});

/** 即办件: accepted and approved at once at the window; the licence is issued the same day. */
export const onTheSpotDecisionRoute = defineRoute({
  method: 'POST',
  path: '/applications/{id}/on-the-spot',
  auth: ['window'],
  summary:
    '即办件当场办结: a window officer holding the reviewing departments’ delegation (token claim `delegations`, DEPT:MATTER-CODE or DEPT:*) accepts and approves a 即办件 in one decision; its licence is issued the same day',
  tags: ['acceptance'],
  params: idParams,
  response: caseResponse,
});

export const onTheSpotQueueRoute = defineRoute({
  method: 'GET',
  path: '/acceptance/on-the-spot',
  auth: ['window'],
  summary:
    '即办件待当场办结: 即办件 accepted on their own whose tasks wait for a department whose delegation the officer holds, oldest first',
  tags: ['acceptance'],
  response: z.object({ items: z.array(caseResponse) }),
});

// ---- 窗口收件: walk-in intake ----

export const registerWalkInRoute = defineRoute({
  method: 'POST',
  path: '/window/applications',
  auth: ['window'],
  summary:
    '窗口收件: register a case for the applicant at the counter (identified by ID number or 统一社会信用代码); the officer then fills it in through the owner’s routes',
  tags: ['acceptance'],
  body: z.strictObject({
    matterCode: z.string().min(1).optional().meta({ description: 'The matter; or give bundleCode' }),
    bundleCode: z.string().min(1).optional().meta({ description: '一件事: the bundle' }),
    applicant: z
      .strictObject({
        idNumber: z.string().optional().meta({ description: 'A citizen: 居民身份证号 (check digit verified)' }),
        uscc: z.string().optional().meta({ description: 'An enterprise: 统一社会信用代码 (check character verified)' }),
        name: z.string().trim().min(1).max(100).meta({ description: 'The name, as on the identity document' }),
        mobile: z.string().optional().meta({ description: 'A mainland mobile number, 11 digits' }),
      })
      .meta({ description: 'Who the case belongs to: exactly one of idNumber and uscc' }),
    form: formSchema.optional(),
  }),
  successStatus: 201,
  response: caseResponse,
});
export const myWalkInsRoute = defineRoute({
  method: 'GET',
  path: '/window/applications',
  auth: ['window'],
  summary: 'The walk-in cases I registered, newest first: drafts to resume and recent submissions',
  tags: ['acceptance'],
  query: z.object(pageQuery),
  response: casePage,
});

export const ACCEPTANCE_ROUTES = [
  acceptanceQueueRoute,
  acceptanceDecisionRoute,
  onTheSpotDecisionRoute,
  onTheSpotQueueRoute,
  registerWalkInRoute,
  myWalkInsRoute,
];
