import * as z from 'zod';
import { CASE_STATUSES } from '../domain/applications/case';
import { CASE_CHANNELS } from '../domain/applications/model';
import { pageOf } from './common';
import { defineRoute } from './route-contract';

const owner = ['applicant', 'agent'] as const;
/** The owner's routes a window officer also uses for the walk-in cases they registered, while a draft or awaiting correction. */
const ownerOrIntake = ['applicant', 'agent', 'window'] as const;
const anyone = ['applicant', 'agent', 'window', 'department', 'supervisor', 'admin'] as const;
const idParams = z.object({ id: z.uuid() });
const formSchema = z
  .record(z.string(), z.unknown())
  .meta({ description: 'Answers to the matter’s form (see its guide)' });
const page = { limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().optional() };

export const caseViewSchema = z
  .object({
    id: z.string(),
    number: z.string().meta({ description: '流水号: region-date-sequence' }),
    status: z.enum(CASE_STATUSES),
    matterCode: z.string(),
    matterVersion: z.number(),
    regionCode: z.string(),
    department: z.string(),
    channel: z
      .enum(CASE_CHANNELS)
      .meta({ description: 'online, or window: registered at the counter for a walk-in (窗口收件)' }),
    applicant: z.object({
      type: z.enum(['citizen', 'enterprise']),
      name: z.string().optional().meta({ description: 'Walk-in cases: the applicant as identified at the window' }),
      identifier: z
        .string()
        .optional()
        .meta({ description: 'Walk-in cases: the ID number masked, or the 统一社会信用代码' }),
    }),
    intakeOfficer: z.string().optional().meta({ description: 'Walk-in cases: the window officer who registered it' }),
    actingAgent: z.string().optional(),
    form: formSchema,
    materials: z.record(
      z.string(),
      z.object({
        files: z.array(
          z.object({
            uploadId: z.string(),
            fileName: z.string(),
            contentType: z.string(),
            size: z.number(),
            sha256: z.string(),
            uploadedAt: z.string(),
          }),
        ),
        licenceNo: z.string().optional(),
      }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
    submittedAt: z.string().optional(),
    acceptedAt: z.string().optional(),
    tolerated: z.array(z.string()).optional(),
    commitment: z
      .object({ materials: z.array(z.string()), textHash: z.string(), matterVersion: z.number(), at: z.string() })
      .optional()
      .meta({ description: '告知承诺制: the written commitment the applicant confirmed in place of these materials' }),
    onTheSpot: z
      .object({ at: z.string(), byName: z.string().optional() })
      .optional()
      .meta({ description: '即办件: decided on the spot at the window under the departments’ delegation' }),
    corrections: z
      .array(z.object({ target: z.enum(['material', 'field']), code: z.string(), message: z.string() }))
      .optional(),
    departments: z.array(z.string()).optional(),
    deadlines: z.object({
      acceptance: z.string().optional(),
      acceptanceProvisional: z.boolean().optional().meta({
        description:
          'The date reaches a year whose State Council holiday notice is not loaded: counted Monday to Friday there for now, re-dated when it is loaded',
      }),
      draftExpiresAt: z.string().optional(),
      review: z
        .string()
        .optional()
        .meta({ description: 'The decision is due by this date (working days, pauses and extension included)' }),
      reviewPaused: z.boolean().optional(),
      reviewProvisional: z.boolean().optional().meta({
        description:
          'The date reaches a year whose State Council holiday notice is not loaded: counted Monday to Friday there for now, re-dated when it is loaded',
      }),
    }),
    kind: z.enum(['matter', 'bundle']).optional(),
    review: z
      .object({
        startDate: z.string(),
        limitDays: z.number(),
        dueDate: z.string(),
        provisional: z.boolean().optional().meta({
          description:
            'The date reaches a year whose State Council holiday notice is not loaded: counted Monday to Friday there for now, re-dated when it is loaded',
        }),
        pausedDays: z.number(),
        pausedSince: z.string().optional(),
        extension: z
          .object({ status: z.enum(['requested', 'granted', 'denied']), days: z.number(), reason: z.string() })
          .optional(),
      })
      .optional(),
    members: z
      .array(
        z.object({
          matterCode: z.string(),
          wave: z.number(),
          caseId: z.string().optional(),
          caseNumber: z.string().optional(),
          status: z.string(),
          reason: z.string().optional(),
        }),
      )
      .optional()
      .meta({ description: '一件事: the member cases and their states' }),
    bundleCaseId: z.string().optional().meta({ description: 'A member case: its bundle case' }),
    licenceNo: z
      .string()
      .optional()
      .meta({ description: 'The licence issued at the decision (GET /licences/{licenceNo})' }),
    outcome: z
      .object({
        decision: z.enum(['approved', 'rejected']),
        decidedAt: z.string(),
        tasks: z.array(
          z.object({ taskId: z.string(), department: z.string(), status: z.string(), reason: z.string().optional() }),
        ),
        result: z.record(z.string(), z.unknown()).optional(),
        onCommitment: z
          .boolean()
          .optional()
          .meta({ description: '告知承诺制: approved on the applicant’s written commitment; a post-check follows' }),
      })
      .optional(),
  })
  .meta({ id: 'Case' });
export type CaseView = z.infer<typeof caseViewSchema>;

const caseResponse = caseViewSchema;
const casePage = pageOf(caseViewSchema);

export const createApplicationRoute = defineRoute({
  method: 'POST',
  path: '/applications',
  auth: owner,
  summary:
    'Start a draft for a matter, or for a 一件事 bundle with its merged form (an agent names the applicant in onBehalfOf)',
  tags: ['applications'],
  body: z.strictObject({
    matterCode: z.string().min(1).optional().meta({ description: 'The matter; or give bundleCode' }),
    bundleCode: z
      .string()
      .min(1)
      .optional()
      .meta({ description: '一件事: the bundle; its member cases start after acceptance' }),
    form: formSchema.optional(),
    onBehalfOf: z.object({ idNumber: z.string().optional(), uscc: z.string().optional() }).optional(),
  }),
  successStatus: 201,
  response: caseResponse,
});
export const updateDraftRoute = defineRoute({
  method: 'PATCH',
  path: '/applications/{id}',
  auth: ownerOrIntake,
  summary: 'Save a draft’s form',
  tags: ['applications'],
  params: idParams,
  body: z.strictObject({ form: formSchema }),
  response: caseResponse,
});
export const startUploadRoute = defineRoute({
  method: 'POST',
  path: '/applications/{id}/attachments',
  auth: ownerOrIntake,
  summary: 'A presigned upload for one material (type, size and SHA-256 are bound into the request)',
  tags: ['applications'],
  params: idParams,
  body: z.strictObject({
    material: z.string().min(1),
    fileName: z.string().min(1).max(200),
    contentType: z.string().min(1),
    size: z.number().int().positive(),
    sha256: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'the base64 SHA-256 of the file'),
  }),
  successStatus: 201,
  response: z.object({
    uploadId: z.string(),
    url: z.string(),
    fields: z.record(z.string(), z.string()),
    expiresAt: z.string(),
  }),
});
export const confirmUploadRoute = defineRoute({
  method: 'POST',
  path: '/applications/{id}/attachments/{uploadId}/confirm',
  auth: ownerOrIntake,
  summary: 'Check the uploaded file (real type by its content, size, checksum) and add it to the case',
  tags: ['applications'],
  params: idParams.extend({ uploadId: z.uuid() }),
  response: caseResponse,
});
export const downloadAttachmentRoute = defineRoute({
  method: 'GET',
  path: '/applications/{id}/attachments/{uploadId}',
  auth: anyone,
  summary: 'A short-lived download link, for those who may see the case',
  tags: ['applications'],
  params: idParams.extend({ uploadId: z.uuid() }),
  response: z.object({ url: z.string(), expiresAt: z.string() }),
});
export const licenceReferenceRoute = defineRoute({
  method: 'POST',
  path: '/applications/{id}/licence-references',
  auth: ownerOrIntake,
  summary: '免证: a licence number instead of an upload, where the matter allows it',
  tags: ['applications'],
  params: idParams,
  body: z.strictObject({ material: z.string().min(1), licenceNo: z.string().min(4).max(64) }),
  response: caseResponse,
});
export const submitRoute = defineRoute({
  method: 'POST',
  path: '/applications/{id}/submit',
  auth: ownerOrIntake,
  summary: 'Submit (with an Idempotency-Key, a retry gets the same answer)',
  tags: ['applications'],
  params: idParams,
  headers: z.object({ 'idempotency-key': z.string().min(8).max(128).optional() }),
  body: z.strictObject({ form: formSchema.optional() }).default({}),
  response: caseResponse,
});
export const resubmitRoute = defineRoute({
  method: 'POST',
  path: '/applications/{id}/resubmit',
  auth: ownerOrIntake,
  summary: 'Answer a correction request',
  tags: ['applications'],
  params: idParams,
  body: z.strictObject({ form: formSchema.optional() }).default({}),
  response: caseResponse,
});
/** 告知承诺制: the applicant's written commitment in place of listed materials (none: withdraws it). */
export const commitmentRoute = defineRoute({
  method: 'PUT',
  path: '/applications/{id}/commitment',
  auth: owner,
  summary:
    '告知承诺: confirm the matter’s published commitment (承诺书) in place of the materials it lists, or withdraw it (no materials); before submission or while correcting',
  tags: ['applications'],
  params: idParams,
  body: z.strictObject({
    materials: z.array(z.string().min(1)).max(50).meta({
      description:
        'Materials the commitment replaces; a subset of the guide’s commitment.materials. Empty withdraws the commitment.',
    }),
    accepted: z.boolean().optional().meta({ description: 'true: the applicant read the text and commits to it' }),
    textHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional()
      .meta({ description: 'SHA-256 (hex) of the commitment text as read, from the guide’s commitment.textHash' }),
  }),
  response: caseResponse,
});

export const withdrawRoute = defineRoute({
  method: 'POST',
  path: '/applications/{id}/withdraw',
  auth: owner,
  summary: 'Withdraw, until a decision',
  tags: ['applications'],
  params: idParams,
  body: z.strictObject({ reason: z.string().max(500).optional() }).default({}),
  response: caseResponse,
});
export const myCasesRoute = defineRoute({
  method: 'GET',
  path: '/applications',
  auth: ['applicant', 'agent', 'supervisor', 'admin'],
  summary: 'My cases, newest first (supervisors: every case created on `date`, default today)',
  tags: ['applications'],
  query: z.object({ ...page, date: z.iso.date().optional() }),
  response: casePage,
});
export const getCaseRoute = defineRoute({
  method: 'GET',
  path: '/applications/{id}',
  auth: anyone,
  summary: 'One case (404 unless you may see it)',
  tags: ['applications'],
  params: idParams,
  response: caseResponse,
});
export const timelineRoute = defineRoute({
  method: 'GET',
  path: '/applications/{id}/timeline',
  auth: anyone,
  summary: 'The case’s full history, with the verification of its hash chain',
  tags: ['applications'],
  params: idParams,
  response: z.object({
    items: z.array(
      z.object({
        seq: z.number(),
        at: z.string(),
        actor: z.object({ sub: z.string(), role: z.string() }),
        action: z.string(),
        from: z.string().optional(),
        to: z.string().optional(),
        reason: z.string().optional(),
        data: z.record(z.string(), z.unknown()).optional(),
        prevHash: z.string(),
        hash: z.string(),
      }),
    ),
    integrity: z.union([
      z.object({ valid: z.literal(true), entries: z.number() }),
      z.object({ valid: z.literal(false), brokenAt: z.number(), reason: z.string() }),
    ]),
  }),
});
export const acceptanceQueueRoute = defineRoute({
  method: 'GET',
  path: '/acceptance/queue',
  auth: ['window'],
  summary: 'Cases waiting for acceptance, the most urgent deadline first',
  tags: ['acceptance'],
  query: z.object(page),
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
  query: z.object(page),
  response: casePage,
});

const authorisationSchema = z
  .object({ agentSub: z.string(), matters: z.array(z.string()), until: z.string(), createdAt: z.string() })
  .meta({ id: 'Authorisation' });
export const authoriseAgentRoute = defineRoute({
  method: 'POST',
  path: '/me/authorisations',
  auth: ['applicant'],
  summary: 'Authorise an agent (代办) for some matters until a date',
  tags: ['applications'],
  body: z.strictObject({
    agentSub: z.string().min(1),
    matters: z.array(z.string().min(1)).min(1),
    until: z.iso.datetime({ offset: true }),
  }),
  successStatus: 201,
  response: authorisationSchema,
});
export const listAuthorisationsRoute = defineRoute({
  method: 'GET',
  path: '/me/authorisations',
  auth: ['applicant'],
  summary: 'My agents',
  tags: ['applications'],
  response: z.object({ items: z.array(authorisationSchema) }),
});
export const revokeAuthorisationRoute = defineRoute({
  method: 'DELETE',
  path: '/me/authorisations/{agentSub}',
  auth: ['applicant'],
  summary: 'Revoke an agent’s authorisation',
  tags: ['applications'],
  params: z.object({ agentSub: z.string().min(1) }),
  response: z.object({ revoked: z.literal(true) }),
});

export const APPLICANT_ROUTES = [
  createApplicationRoute,
  updateDraftRoute,
  commitmentRoute,
  startUploadRoute,
  confirmUploadRoute,
  downloadAttachmentRoute,
  licenceReferenceRoute,
  submitRoute,
  resubmitRoute,
  withdrawRoute,
  myCasesRoute,
  getCaseRoute,
  timelineRoute,
  authoriseAgentRoute,
  listAuthorisationsRoute,
  revokeAuthorisationRoute,
];
export const ACCEPTANCE_ROUTES = [
  acceptanceQueueRoute,
  acceptanceDecisionRoute,
  onTheSpotDecisionRoute,
  onTheSpotQueueRoute,
  registerWalkInRoute,
  myWalkInsRoute,
];
