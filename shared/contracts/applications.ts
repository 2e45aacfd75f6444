// The applicant's and agent's routes: drafts, uploads, submission, their cases and their agents' authorisations.
import * as z from 'zod';
import { caseViewSchema, casePage, formSchema, idParams, pageQuery } from './case-schemas';
import { defineRoute } from './route-contract';

const owner = ['applicant', 'agent'] as const;
/** The owner's routes a window officer also uses for the walk-in cases they registered, while a draft or awaiting correction. */
const ownerOrIntake = ['applicant', 'agent', 'window'] as const;
const anyone = ['applicant', 'agent', 'window', 'department', 'supervisor', 'admin'] as const;
const caseResponse = caseViewSchema;

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
  query: z.object({ ...pageQuery, date: z.iso.date().optional() }),
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
