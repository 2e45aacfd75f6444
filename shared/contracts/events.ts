import { z } from 'zod';

/**
 * Event contracts. `detail-type` carries the major version; CDK rules and the local cloud import these constants,
 * so patterns and publishers cannot drift. Every contract has a fixture in test/fixtures/events and a test.
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

/** Application.Accepted.v1: a case passed 受理; its procedure (from the pinned matter version) starts. */
export const applicationAccepted = {
  source: EVENT_SOURCES.applications,
  detailType: 'Application.Accepted.v1',
  detail: z.object({
    caseId: z.string().min(1),
    caseNumber: z.string().min(1),
    matterCode: z.string().min(1),
    acceptedAt: z.string().datetime({ offset: true }),
    stages: z.array(z.object({ tasks: z.array(procedureTaskSchema).min(1) })).min(1),
  }),
} as const;

export type ApplicationAcceptedDetail = z.infer<typeof applicationAccepted.detail>;
