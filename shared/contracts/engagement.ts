import * as z from 'zod';
import { ENGAGEMENT_STATUSES } from '../domain/engagement/model';
import { COMPLAINT_CATEGORIES } from './engagement-events';
import { pageOf } from './common';
import { defineRoute } from './route-contract';

/** 好差评, 差评整改 and complaints (投诉). */
const anyone = ['applicant', 'agent', 'window', 'department', 'supervisor', 'admin'] as const;
const staff = ['department', 'supervisor'] as const;
const day = z.iso.date();
const page = { limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().max(2000).optional() };
const listQuery = z.object({
  status: z.enum(ENGAGEMENT_STATUSES).default('open'),
  department: z
    .string()
    .min(1)
    .max(40)
    .optional()
    .meta({ description: 'Supervisors: one department’s list (departments always see their own)' }),
  ...page,
});
const score = z.number().int().min(1).max(5);

export const rectificationViewSchema = z
  .object({
    id: z.string().meta({ description: '<caseId>.R' }),
    caseId: z.string(),
    caseNumber: z.string(),
    matterCode: z.string(),
    regionCode: z.string(),
    department: z.string().meta({ description: 'The responsible department (the case’s)' }),
    status: z.enum(ENGAGEMENT_STATUSES),
    scores: z.object({ ability: score, attitude: score, effect: score }),
    comment: z.string().optional(),
    openedAt: z.string(),
    dueDate: day.meta({ description: 'Answer due by this date (working days)' }),
    provisional: z.boolean().optional().meta({
      description:
        'The due date reaches a year whose State Council holiday notice is not loaded: counted Monday to Friday there for now, re-dated when it is loaded',
    }),
    answer: z.string().optional(),
    measures: z.string().optional(),
    answeredAt: z.string().optional(),
    onTime: z.boolean().optional(),
  })
  .meta({ id: 'Rectification' });

const ratingViewSchema = z
  .object({
    caseId: z.string(),
    caseNumber: z.string(),
    rating: z.object({
      ability: score,
      attitude: score,
      effect: score,
      comment: z.string().optional(),
      ratedAt: z.string(),
      bad: z.boolean().meta({ description: '差评: a score of 2 or less' }),
    }),
    rectification: rectificationViewSchema.optional(),
  })
  .meta({ id: 'Rating' });

const caseParams = z.object({ id: z.uuid() });

export const rateCaseRoute = defineRoute({
  method: 'POST',
  path: '/applications/{id}/rating',
  auth: ['applicant', 'agent'],
  summary:
    '好差评: rate a completed case once, 1 to 5 on 能力, 态度 and 效果; a score of 2 or less opens a rectification (差评整改)',
  tags: ['engagement'],
  params: caseParams,
  body: z.strictObject({
    ability: score.meta({ description: '能力' }),
    attitude: score.meta({ description: '态度' }),
    effect: score.meta({ description: '效果' }),
    comment: z.string().max(500).optional(),
  }),
  successStatus: 201,
  response: ratingViewSchema,
});

export const getRatingRoute = defineRoute({
  method: 'GET',
  path: '/applications/{id}/rating',
  auth: anyone,
  summary: 'A case’s rating and its rectification (404 unless you may see the case, or before it is rated)',
  tags: ['engagement'],
  params: caseParams,
  response: ratingViewSchema,
});

export const listRectificationsRoute = defineRoute({
  method: 'GET',
  path: '/rectifications',
  auth: staff,
  summary: '差评整改: my department’s rectifications (supervisors: every department’s), the earliest due first',
  tags: ['engagement'],
  query: listQuery,
  response: pageOf(rectificationViewSchema),
});

export const answerRectificationRoute = defineRoute({
  method: 'POST',
  path: '/rectifications/{id}/answer',
  auth: ['department'],
  summary: 'The responsible department answers a bad rating (once); the applicant is told',
  tags: ['engagement'],
  params: z.object({ id: z.string().min(1).max(80) }),
  body: z.strictObject({
    answer: z.string().trim().min(1).max(2000),
    measures: z.string().max(2000).optional().meta({ description: 'What the department changed' }),
  }),
  response: rectificationViewSchema,
});

const mobile = /^1[3-9]\d{9}$/;
const complaintBody = z.strictObject({
  about: z
    .union([
      z.strictObject({ caseNumber: z.string().trim().min(1).max(40) }),
      z.strictObject({ matterCode: z.string().trim().min(1).max(80) }),
    ])
    .meta({ description: 'A case (its number) or a matter (its code)' }),
  category: z.enum(COMPLAINT_CATEGORIES),
  content: z.string().trim().min(10).max(2000),
  contact: z
    .strictObject({
      name: z.string().trim().min(1).max(50),
      phone: z.string().regex(mobile, 'a mainland mobile number, 11 digits starting 1[3-9]').optional(),
      email: z.email().max(254).optional(),
    })
    .refine((c) => c.phone !== undefined || c.email !== undefined, {
      message: 'give a phone number or an e-mail address to be answered at',
    }),
  language: z.enum(['zh', 'en']).optional().meta({ description: 'The language of the answer’s notice (default zh)' }),
});
const complaintReceipt = z
  .object({
    id: z.string(),
    accessCode: z
      .string()
      .meta({ description: 'Shown once: with it, GET /complaints/{id}?code= shows the complaint’s state' }),
    department: z.string(),
    dueDate: day,
    provisional: z.boolean().optional().meta({
      description:
        'The due date reaches a year whose State Council holiday notice is not loaded: counted Monday to Friday there for now, re-dated when it is loaded',
    }),
  })
  .meta({ id: 'ComplaintReceipt' });

export const submitComplaintRoute = defineRoute({
  method: 'POST',
  path: '/complaints',
  auth: 'public',
  summary:
    'Complain about a case or a matter (no login); routed to the responsible department, answered within a limit',
  tags: ['engagement'],
  body: complaintBody,
  maxBodyBytes: 16 * 1024,
  successStatus: 201,
  response: complaintReceipt,
});

export const submitMyComplaintRoute = defineRoute({
  method: 'POST',
  path: '/me/complaints',
  auth: ['applicant', 'agent'],
  summary: 'Complain while signed in: as POST /complaints, and the answer also reaches my inbox',
  tags: ['engagement'],
  body: complaintBody,
  maxBodyBytes: 16 * 1024,
  successStatus: 201,
  response: complaintReceipt,
});

export const complaintStatusRoute = defineRoute({
  method: 'GET',
  path: '/complaints/{id}',
  auth: 'public',
  summary: 'A complaint’s state, with its access code (404 for a wrong code); never the contact details',
  tags: ['engagement'],
  params: z.object({ id: z.uuid() }),
  query: z.object({ code: z.string().min(1).max(40) }),
  response: z
    .object({
      id: z.string(),
      status: z.enum(ENGAGEMENT_STATUSES),
      category: z.enum(COMPLAINT_CATEGORIES),
      department: z.string(),
      receivedAt: z.string(),
      dueDate: day,
      provisional: z.boolean().optional().meta({
        description:
          'The due date reaches a year whose State Council holiday notice is not loaded: counted Monday to Friday there for now, re-dated when it is loaded',
      }),
      answer: z.string().optional(),
      answeredAt: z.string().optional(),
    })
    .meta({ id: 'ComplaintStatus' }),
});

const complaintStaffViewSchema = z
  .object({
    id: z.string(),
    status: z.enum(ENGAGEMENT_STATUSES),
    category: z.enum(COMPLAINT_CATEGORIES),
    content: z.string(),
    contact: z.object({ name: z.string(), phone: z.string().optional(), email: z.string().optional() }),
    language: z.enum(['zh', 'en']),
    caseId: z.string().optional(),
    caseNumber: z.string().optional(),
    matterCode: z.string().optional(),
    department: z.string(),
    regionCode: z.string(),
    receivedAt: z.string(),
    dueDate: day,
    provisional: z.boolean().optional().meta({
      description:
        'The due date reaches a year whose State Council holiday notice is not loaded: counted Monday to Friday there for now, re-dated when it is loaded',
    }),
    answer: z.string().optional(),
    answeredAt: z.string().optional(),
    onTime: z.boolean().optional(),
  })
  .meta({ id: 'Complaint' });

export const listComplaintsRoute = defineRoute({
  method: 'GET',
  path: '/complaints',
  auth: staff,
  summary: 'My department’s complaints (supervisors: every department’s), the earliest due first, with contact details',
  tags: ['engagement'],
  query: listQuery,
  response: pageOf(complaintStaffViewSchema),
});

export const answerComplaintRoute = defineRoute({
  method: 'POST',
  path: '/complaints/{id}/answer',
  auth: ['department'],
  summary: 'The department the complaint was routed to answers it (once); the complainant is told',
  tags: ['engagement'],
  params: z.object({ id: z.uuid() }),
  body: z.strictObject({ answer: z.string().trim().min(1).max(2000) }),
  response: complaintStaffViewSchema,
});

export const ENGAGEMENT_ROUTES = [
  rateCaseRoute,
  getRatingRoute,
  listRectificationsRoute,
  answerRectificationRoute,
  submitComplaintRoute,
  submitMyComplaintRoute,
  complaintStatusRoute,
  listComplaintsRoute,
  answerComplaintRoute,
];
