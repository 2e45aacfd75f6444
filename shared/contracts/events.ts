import { z } from 'zod';

/**
 * Event contracts. `detail-type` carries the major version; CDK rules and the local cloud import these constants,
 * so patterns and publishers cannot drift. Every contract has a fixture in test/fixtures/events and a test.
 * Details carry ids and dimensions, never personal data (ID numbers, phones): consumers look those up.
 */
export const EVENT_SOURCES = {
  applications: 'gov.one-stop.applications',
  workflow: 'gov.one-stop.workflow',
} as const;

export const procedureTaskSchema = z.object({
  department: z.string().min(1),
  name: z.string().min(1),
  timeLimitDays: z.number().int().positive(),
});

/** What every case event carries: a stable id to de-duplicate on, and the dimensions analytics group by. */
const caseEventBase = z.object({
  eventId: z.string().min(1),
  occurredAt: z.string().datetime({ offset: true }),
  caseId: z.string().min(1),
  caseNumber: z.string().min(1),
  matterCode: z.string().min(1),
  matterVersion: z.number().int().positive(),
  regionCode: z.string().regex(/^\d{6}$/),
  department: z.string().min(1),
  channel: z.enum(['online', 'window', 'mobile', 'self-service']),
  applicantSub: z.string().min(1),
});

function contract<T extends z.ZodRawShape>(detailType: string, shape: T) {
  return { source: EVENT_SOURCES.applications, detailType, detail: caseEventBase.extend(shape) } as const;
}

export const applicationSubmitted = contract('Application.Submitted.v1', {
  submittedAt: z.string().datetime({ offset: true }),
  acceptanceDue: z.iso.date(),
  /** Materials the window may tolerate (容缺) and that are missing. */
  missingTolerable: z.array(z.string()),
});

export const applicationCorrectionRequested = contract('Application.CorrectionRequested.v1', {
  items: z.array(z.object({ target: z.enum(['material', 'field']), code: z.string(), message: z.string() })).min(1),
});

export const applicationResubmitted = contract('Application.Resubmitted.v1', {
  resubmittedAt: z.string().datetime({ offset: true }),
  acceptanceDue: z.iso.date(),
});

/** Application.Accepted.v1: the case passed 受理 and its procedure (from the pinned matter version) starts. */
export const applicationAccepted = contract('Application.Accepted.v1', {
  acceptedAt: z.string().datetime({ offset: true }),
  /** Accepted because nobody decided within the limit (行政许可法 art. 32). */
  deemed: z.boolean(),
  /** 容缺: materials accepted as missing; each must arrive before the decision. */
  tolerated: z.array(z.string()),
  stages: z.array(z.object({ tasks: z.array(procedureTaskSchema).min(1) })).min(1),
});

export const applicationRefused = contract('Application.Refused.v1', {
  reason: z.string().min(1),
});

export const applicationWithdrawn = contract('Application.Withdrawn.v1', {
  fromStatus: z.string(),
  reason: z.string().optional(),
});

export const APPLICATION_EVENTS = [applicationSubmitted, applicationCorrectionRequested, applicationResubmitted, applicationAccepted, applicationRefused, applicationWithdrawn] as const;

export type ApplicationAcceptedDetail = z.infer<typeof applicationAccepted.detail>;
