// The case as the API shows it (schema `Case`), and the parameters the applicant and acceptance routes share.
import * as z from 'zod';
import { CASE_STATUSES } from '../domain/applications/case';
import { CASE_CHANNELS } from '../domain/applications/model';
import { pageOf } from './common';

export const idParams = z.object({ id: z.uuid() });
export const formSchema = z
  .record(z.string(), z.unknown())
  .meta({ description: 'Answers to the matter’s form (see its guide)' });
/** The paging query of the case lists. */
export const pageQuery = { limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().optional() };

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

export const casePage = pageOf(caseViewSchema);
