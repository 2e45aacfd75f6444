import * as z from 'zod';
import { caseEventBase } from './case-event';
import { defineEvent, EVENT_SOURCES } from './event-contract';

/** Events of a case's application and acceptance (受理), from the applications context. */

const source = EVENT_SOURCES.applications;
const instant = z.string().datetime({ offset: true });
const correctionItems = z
  .array(z.object({ target: z.enum(['material', 'field']), code: z.string(), message: z.string() }))
  .min(1);

export const procedureTaskSchema = z.object({
  department: z.string().min(1),
  name: z.string().min(1),
  timeLimitDays: z.number().int().positive(),
});

export const applicationSubmitted = defineEvent(
  'Application.Submitted.v1',
  source,
  caseEventBase.extend({
    submittedAt: instant,
    acceptanceDue: z.iso.date(),
    /** Materials the window may tolerate (容缺) and that are missing. */
    missingTolerable: z.array(z.string()),
  }),
);

export const applicationCorrectionRequested = defineEvent(
  'Application.CorrectionRequested.v1',
  source,
  caseEventBase.extend({ items: correctionItems }),
);

export const applicationResubmitted = defineEvent(
  'Application.Resubmitted.v1',
  source,
  caseEventBase.extend({ resubmittedAt: instant, acceptanceDue: z.iso.date() }),
);

/** Application.Accepted.v1: the case passed 受理 and its procedure (from the pinned matter version) starts. */
export const applicationAccepted = defineEvent(
  'Application.Accepted.v1',
  source,
  caseEventBase
    .extend({
      acceptedAt: instant,
      /** Accepted because nobody decided within the limit (行政许可法 art. 32). */
      deemed: z.boolean(),
      /** 容缺: materials accepted as missing; each must arrive before the decision. */
      tolerated: z.array(z.string()),
      /** The procedure of a matter case (empty for a bundle case). */
      stages: z.array(z.object({ tasks: z.array(procedureTaskSchema).min(1) })),
      /** A bundle case's member matters, wave by wave (registration first, then the rest in parallel). */
      waves: z.array(z.array(z.string().min(1)).min(1)).optional(),
      /** 即办件: accepted and decided at once by a window officer under the departments' delegation. */
      onTheSpot: z.boolean().optional(),
    })
    // A matter case brings its procedure; a bundle case its member waves.
    .superRefine((d, ctx) => {
      if (d.stages.length === 0 && !d.waves?.length) {
        const message = 'a matter case needs at least one stage (a bundle case its waves)';
        ctx.addIssue({ code: 'custom', path: ['stages'], message });
      }
    }),
);

export const applicationRefused = defineEvent(
  'Application.Refused.v1',
  source,
  caseEventBase.extend({ reason: z.string().min(1) }),
);

export const applicationWithdrawn = defineEvent(
  'Application.Withdrawn.v1',
  source,
  caseEventBase.extend({ fromStatus: z.string(), reason: z.string().optional() }),
);

export const APPLICATION_EVENTS = [
  applicationSubmitted,
  applicationCorrectionRequested,
  applicationResubmitted,
  applicationAccepted,
  applicationRefused,
  applicationWithdrawn,
] as const;

export type ApplicationAcceptedDetail = z.infer<typeof applicationAccepted.detail>;
