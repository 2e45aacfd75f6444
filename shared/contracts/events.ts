import * as z from 'zod';

/**
 * Event contracts. `detail-type` carries the major version; CDK rules and the local cloud import these constants,
 * so patterns and publishers cannot drift. Every contract has a fixture in test/fixtures/events and a test.
 * Details carry ids and dimensions, never personal data (ID numbers, phones): consumers look those up.
 */
export const EVENT_SOURCES = {
  applications: 'gov.one-stop.applications',
  workflow: 'gov.one-stop.workflow',
  /** 好差评 and complaints: what applicants and the public say about the service. */
  engagement: 'gov.one-stop.engagement',
  /** 电子监察: deadline warnings and overdue notices. */
  supervision: 'gov.one-stop.supervision',
} as const;

export const procedureTaskSchema = z.object({
  department: z.string().min(1),
  name: z.string().min(1),
  timeLimitDays: z.number().int().positive(),
});

/** What every case event carries: a stable id to de-duplicate on, and the dimensions analytics group by. */
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

export function contract<T extends z.ZodRawShape>(detailType: string, shape: T, source: string = EVENT_SOURCES.applications) {
  return { source, detailType, detail: caseEventBase.extend(shape) } as const;
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
const accepted = contract('Application.Accepted.v1', {
  acceptedAt: z.string().datetime({ offset: true }),
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
});
export const applicationAccepted = {
  ...accepted,
  // A matter case brings its procedure; a bundle case its member waves.
  detail: accepted.detail.superRefine((d, ctx) => {
    if (d.stages.length === 0 && !d.waves?.length) ctx.addIssue({ code: 'custom', path: ['stages'], message: 'a matter case needs at least one stage (a bundle case its waves)' });
  }),
} as const;

export const applicationRefused = contract('Application.Refused.v1', {
  reason: z.string().min(1),
});

export const applicationWithdrawn = contract('Application.Withdrawn.v1', {
  fromStatus: z.string(),
  reason: z.string().optional(),
});

// ---- the review (后台分类审批), published by the workflow ----

const day = z.iso.date();
const taskFields = {
  taskId: z.string().min(1),
  taskDepartment: z.string().min(1),
  stageIndex: z.number().int().nonnegative(),
  taskName: z.string().min(1),
};
const workflow = <T extends z.ZodRawShape>(detailType: string, shape: T) => contract(detailType, shape, EVENT_SOURCES.workflow);

/** The departments' review started; the case's deadline counts from the day of acceptance. */
export const reviewStarted = workflow('Application.ReviewStarted.v1', { startDate: day, limitDays: z.number().int().nonnegative(), dueDate: day });

export const taskOpened = workflow('Task.Opened.v1', { ...taskFields, dueDate: day });

/** approve or reject; it resumes the waiting workflow (at least once, from this event). */
export const taskDecided = workflow('Task.Decided.v1', {
  ...taskFields,
  decision: z.enum(['approve', 'reject']),
  reason: z.string().optional(),
  via: z.enum(['todo', 'callback', 'exchange', 'webhook-answer', 'on-the-spot']),
});

export const taskReturned = workflow('Task.Returned.v1', {
  ...taskFields,
  reason: z.string().optional(),
  items: z.array(z.object({ target: z.enum(['material', 'field']), code: z.string(), message: z.string() })).min(1),
});

export const taskSuspended = workflow('Task.Suspended.v1', {
  ...taskFields,
  reason: z.string().min(1),
  specialProcedure: z.string().optional(),
  expectedDays: z.number().int().positive(),
});

export const taskResumed = workflow('Task.Resumed.v1', {
  ...taskFields,
  /** Who ended the pause: the department (after a special procedure) or the applicant (a correction). */
  cause: z.enum(['department', 'applicant']),
  pausedDays: z.number().int().nonnegative(),
  dueDate: day,
  caseDueDate: day,
});

/** A task waited too long without a decision; supervision and the department are told. */
export const taskEscalated = workflow('Task.Escalated.v1', {
  ...taskFields,
  dueDate: day,
  overdue: z.boolean(),
  openedAt: z.string().datetime({ offset: true }),
  escalations: z.number().int().positive(),
});

export const extensionRequested = workflow('Application.ExtensionRequested.v1', { ...taskFields, days: z.number().int().positive(), reason: z.string().min(1) });

/** 延期 granted: the applicant is told the new deadline and why (行政许可法 art. 42). */
export const applicationExtended = workflow('Application.Extended.v1', { days: z.number().int().positive(), reason: z.string().min(1), dueDate: day, approvedBy: z.string().min(1) });

export const extensionDenied = workflow('Application.ExtensionDenied.v1', { taskId: z.string().min(1), note: z.string().optional() });

export const correctionSubmitted = workflow('Application.CorrectionSubmitted.v1', { taskIds: z.array(z.string()).min(1), resubmittedAt: z.string().datetime({ offset: true }) });

const outcomeTask = z.object({ taskId: z.string(), department: z.string(), status: z.string(), reason: z.string().optional() });
const outcomeMember = z.object({ matterCode: z.string(), caseId: z.string().optional(), caseNumber: z.string().optional(), status: z.string(), reason: z.string().optional() });

/** Every department approved (a bundle: every member). The licence step follows. */
export const applicationApproved = workflow('Application.Approved.v1', {
  decidedAt: z.string().datetime({ offset: true }),
  tasks: z.array(outcomeTask),
  /** Whether the decision established results (e.g. a registration's 统一社会信用代码); read them from the case. */
  hasResult: z.boolean(),
  members: z.array(outcomeMember).optional(),
  /** 告知承诺制: decided on the applicant's written commitment in place of these materials; a post-check follows. */
  onCommitment: z.boolean().optional(),
});

/** A department rejected (a bundle: a member was rejected), with the reasons and the state of the others. */
export const applicationRejected = workflow('Application.Rejected.v1', {
  decidedAt: z.string().datetime({ offset: true }),
  reasons: z.array(z.object({ department: z.string(), reason: z.string() })),
  tasks: z.array(outcomeTask),
  members: z.array(outcomeMember).optional(),
});

/** The review stopped on an unexpected error after its retries: supervision follows it up (the state machine alarms). */
export const reviewFailed = workflow('Application.ReviewFailed.v1', { error: z.string().min(1) });

export const APPLICATION_EVENTS = [applicationSubmitted, applicationCorrectionRequested, applicationResubmitted, applicationAccepted, applicationRefused, applicationWithdrawn] as const;
/** 告知承诺制: the responsible department must check the commitment a case was decided on by `dueDate` (核查). */
export const postCheckOpened = workflow('PostCheck.Opened.v1', {
  postCheckId: z.string().min(1),
  responsibleDepartment: z.string().min(1),
  dueDate: day,
});

/** The post-check's result: `true` (the commitment held), or `false` (the licence is revoked, credit is told). */
export const postCheckCompleted = workflow('PostCheck.Completed.v1', {
  postCheckId: z.string().min(1),
  responsibleDepartment: z.string().min(1),
  dueDate: day,
  /** false: the commitment was found false (the licence is revoked, Commitment.Breached.v1 follows). */
  commitmentHeld: z.boolean(),
  onTime: z.boolean(),
  licenceNo: z.string().optional(),
});

/**
 * For the credit system (信用): an applicant's written commitment was found false on its post-check. The subject is
 * the case's applicant (the credit system reads the holder from the case); the event carries no personal data.
 */
export const commitmentBreached = workflow('Commitment.Breached.v1', {
  postCheckId: z.string().min(1),
  responsibleDepartment: z.string().min(1),
  licenceNo: z.string().optional(),
});

/**
 * A holiday notice was loaded: deadlines of this case counted Monday to Friday in its year were re-dated (each one
 * re-dated is named, with its previous date when it moved). `dueDate`/`previousDueDate`: the date the applicant waits
 * for (the review's, else acceptance's, else the delivery's), only when it moved.
 */
const movedDeadline = { dueDate: day, previousDueDate: day };
export const deadlinesRedated = workflow('Application.DeadlinesRedated.v1', {
  year: z.number().int(),
  dueDate: day.optional(),
  previousDueDate: day.optional(),
  acceptanceDue: day.optional(),
  caseDueDate: day.optional(),
  tasks: z.array(z.object({ taskId: z.string().min(1), taskDepartment: z.string().min(1), ...movedDeadline })),
  postCheck: z.object({ postCheckId: z.string().min(1), responsibleDepartment: z.string().min(1), ...movedDeadline }).optional(),
  deliveryDueDate: day.optional(),
  rectification: z.object({ rectificationId: z.string().min(1), responsibleDepartment: z.string().min(1), ...movedDeadline }).optional(),
  /** Whether a date is still provisional (it reaches a later year that is not loaded either). */
  stillProvisional: z.boolean(),
});

export const WORKFLOW_EVENTS = [
  reviewStarted,
  taskOpened,
  taskDecided,
  taskReturned,
  taskSuspended,
  taskResumed,
  taskEscalated,
  extensionRequested,
  applicationExtended,
  extensionDenied,
  correctionSubmitted,
  applicationApproved,
  applicationRejected,
  reviewFailed,
  postCheckOpened,
  postCheckCompleted,
  commitmentBreached,
  deadlinesRedated,
] as const;

export type ApplicationAcceptedDetail = z.infer<typeof applicationAccepted.detail>;
