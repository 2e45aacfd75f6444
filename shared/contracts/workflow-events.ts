import * as z from 'zod';
import { caseEventBase } from './case-event';
import { defineEvent, EVENT_SOURCES } from './event-contract';

/** The review (后台分类审批) and what follows a decision (post-checks, re-dated deadlines), published by the workflow. */

const source = EVENT_SOURCES.workflow;
const day = z.iso.date();
const instant = z.string().datetime({ offset: true });
const taskFields = {
  taskId: z.string().min(1),
  taskDepartment: z.string().min(1),
  stageIndex: z.number().int().nonnegative(),
  taskName: z.string().min(1),
};

/** The departments' review started; the case's deadline counts from the day of acceptance. */
export const reviewStarted = defineEvent(
  'Application.ReviewStarted.v1',
  source,
  caseEventBase.extend({ startDate: day, limitDays: z.number().int().nonnegative(), dueDate: day }),
);

export const taskOpened = defineEvent(
  'Task.Opened.v1',
  source,
  caseEventBase.extend({
    ...taskFields,
    dueDate: day,
    /** The task opened already decided (即办件, decided on the spot at the window): there is nothing left to do. */
    decidedAtOpening: z.literal(true).optional(),
  }),
);

/** approve or reject; it resumes the waiting workflow (at least once, from this event). */
export const taskDecided = defineEvent(
  'Task.Decided.v1',
  source,
  caseEventBase.extend({
    ...taskFields,
    decision: z.enum(['approve', 'reject']),
    reason: z.string().optional(),
    via: z.enum(['todo', 'callback', 'exchange', 'webhook-answer', 'on-the-spot']),
  }),
);

export const taskReturned = defineEvent(
  'Task.Returned.v1',
  source,
  caseEventBase.extend({
    ...taskFields,
    reason: z.string().optional(),
    items: z.array(z.object({ target: z.enum(['material', 'field']), code: z.string(), message: z.string() })).min(1),
  }),
);

export const taskSuspended = defineEvent(
  'Task.Suspended.v1',
  source,
  caseEventBase.extend({
    ...taskFields,
    reason: z.string().min(1),
    specialProcedure: z.string().optional(),
    expectedDays: z.number().int().positive(),
  }),
);

export const taskResumed = defineEvent(
  'Task.Resumed.v1',
  source,
  caseEventBase.extend({
    ...taskFields,
    /** Who ended the pause: the department (after a special procedure) or the applicant (a correction). */
    cause: z.enum(['department', 'applicant']),
    pausedDays: z.number().int().nonnegative(),
    dueDate: day,
    caseDueDate: day,
  }),
);

/** A task waited too long without a decision; supervision and the department are told. */
export const taskEscalated = defineEvent(
  'Task.Escalated.v1',
  source,
  caseEventBase.extend({
    ...taskFields,
    dueDate: day,
    overdue: z.boolean(),
    openedAt: instant,
    escalations: z.number().int().positive(),
  }),
);

export const extensionRequested = defineEvent(
  'Application.ExtensionRequested.v1',
  source,
  caseEventBase.extend({ ...taskFields, days: z.number().int().positive(), reason: z.string().min(1) }),
);

/** 延期 granted: the applicant is told the new deadline and why (行政许可法 art. 42). */
export const applicationExtended = defineEvent(
  'Application.Extended.v1',
  source,
  caseEventBase.extend({
    days: z.number().int().positive(),
    reason: z.string().min(1),
    dueDate: day,
    approvedBy: z.string().min(1),
  }),
);

export const extensionDenied = defineEvent(
  'Application.ExtensionDenied.v1',
  source,
  caseEventBase.extend({ taskId: z.string().min(1), note: z.string().optional() }),
);

export const correctionSubmitted = defineEvent(
  'Application.CorrectionSubmitted.v1',
  source,
  caseEventBase.extend({ taskIds: z.array(z.string()).min(1), resubmittedAt: instant }),
);

const outcomeTask = z.object({
  taskId: z.string(),
  department: z.string(),
  status: z.string(),
  reason: z.string().optional(),
});
const outcomeMember = z.object({
  matterCode: z.string(),
  caseId: z.string().optional(),
  caseNumber: z.string().optional(),
  status: z.string(),
  reason: z.string().optional(),
});

/** Every department approved (a bundle: every member). The licence step follows. */
export const applicationApproved = defineEvent(
  'Application.Approved.v1',
  source,
  caseEventBase.extend({
    decidedAt: instant,
    tasks: z.array(outcomeTask),
    /** Whether the decision established results (e.g. a registration's 统一社会信用代码); read them from the case. */
    hasResult: z.boolean(),
    members: z.array(outcomeMember).optional(),
    /** 告知承诺制: decided on the applicant's written commitment in place of these materials; a post-check follows. */
    onCommitment: z.boolean().optional(),
  }),
);

/** A department rejected (a bundle: a member was rejected), with the reasons and the state of the others. */
export const applicationRejected = defineEvent(
  'Application.Rejected.v1',
  source,
  caseEventBase.extend({
    decidedAt: instant,
    reasons: z.array(z.object({ department: z.string(), reason: z.string() })),
    tasks: z.array(outcomeTask),
    members: z.array(outcomeMember).optional(),
  }),
);

/** The review stopped on an unexpected error after its retries: supervision follows it up (the machine alarms). */
export const reviewFailed = defineEvent(
  'Application.ReviewFailed.v1',
  source,
  caseEventBase.extend({ error: z.string().min(1) }),
);

/** 告知承诺制: the responsible department must check the commitment a case was decided on by `dueDate` (核查). */
export const postCheckOpened = defineEvent(
  'PostCheck.Opened.v1',
  source,
  caseEventBase.extend({
    postCheckId: z.string().min(1),
    responsibleDepartment: z.string().min(1),
    dueDate: day,
  }),
);

/** The post-check's result: `true` (the commitment held), or `false` (the licence is revoked, credit is told). */
export const postCheckCompleted = defineEvent(
  'PostCheck.Completed.v1',
  source,
  caseEventBase.extend({
    postCheckId: z.string().min(1),
    responsibleDepartment: z.string().min(1),
    dueDate: day,
    /** false: the commitment was found false (the licence is revoked, Commitment.Breached.v1 follows). */
    commitmentHeld: z.boolean(),
    onTime: z.boolean(),
    licenceNo: z.string().optional(),
  }),
);

/**
 * For the credit system (信用): an applicant's written commitment was found false on its post-check. The subject is
 * the case's applicant (the credit system reads the holder from the case); the event carries no personal data.
 */
export const commitmentBreached = defineEvent(
  'Commitment.Breached.v1',
  source,
  caseEventBase.extend({
    postCheckId: z.string().min(1),
    responsibleDepartment: z.string().min(1),
    licenceNo: z.string().optional(),
  }),
);

/**
 * A holiday notice was loaded: deadlines of this case counted Monday to Friday in its year were re-dated (each one
 * re-dated is named, with its previous date when it moved). `dueDate`/`previousDueDate`: the date the applicant waits
 * for (the review's, else acceptance's, else the delivery's), only when it moved.
 */
const movedDeadline = { dueDate: day, previousDueDate: day };
export const deadlinesRedated = defineEvent(
  'Application.DeadlinesRedated.v1',
  source,
  caseEventBase.extend({
    year: z.number().int(),
    dueDate: day.optional(),
    previousDueDate: day.optional(),
    acceptanceDue: day.optional(),
    caseDueDate: day.optional(),
    tasks: z.array(z.object({ taskId: z.string().min(1), taskDepartment: z.string().min(1), ...movedDeadline })),
    postCheck: z
      .object({ postCheckId: z.string().min(1), responsibleDepartment: z.string().min(1), ...movedDeadline })
      .optional(),
    deliveryDueDate: day.optional(),
    rectification: z
      .object({ rectificationId: z.string().min(1), responsibleDepartment: z.string().min(1), ...movedDeadline })
      .optional(),
    /** Whether a date is still provisional (it reaches a later year that is not loaded either). */
    stillProvisional: z.boolean(),
  }),
);

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
