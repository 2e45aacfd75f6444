import * as z from 'zod';

/**
 * What every case event carries (applications, workflow, engagement's ratings, delivery, payments): a stable id to
 * de-duplicate on, and the dimensions analytics group by.
 */
export const caseEventBase = z.object({
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
  /** Set on bundle cases (一件事); their member cases carry their bundle case's id. */
  kind: z.literal('bundle').optional(),
  parentCaseId: z.string().optional(),
});
