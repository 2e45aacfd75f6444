import * as z from 'zod';
import { caseEventBase } from './case-event';
import { defineEvent, EVENT_SOURCES } from './event-contract';

/**
 * 好差评 and complaints. Like case events they carry ids and dimensions, never personal data: a complainant's
 * contact details and a rating's comment stay in the store, and consumers that need them look them up.
 */
const source = EVENT_SOURCES.engagement;
const day = z.iso.date();
const score = z.number().int().min(1).max(5);

/** A completed case was rated; `bad` when any score is 2 or less (差评), which opens a rectification. */
export const ratingSubmitted = defineEvent(
  'Rating.Submitted.v1',
  source,
  caseEventBase.extend({
    ability: score,
    attitude: score,
    effect: score,
    bad: z.boolean(),
    hasComment: z.boolean(),
    /** The case's status when it was rated (APPROVED, ISSUED, DELIVERED, REJECTED, REFUSED). */
    caseStatus: z.string().min(1),
    rectificationId: z.string().optional(),
  }),
);

/** 差评整改: the responsible department must look into a bad rating and answer by `dueDate` (working days). */
export const rectificationOpened = defineEvent(
  'Rectification.Opened.v1',
  source,
  caseEventBase.extend({
    rectificationId: z.string().min(1),
    responsibleDepartment: z.string().min(1),
    dueDate: day,
  }),
);

/** The department answered a bad rating; the applicant is told. */
export const rectificationAnswered = defineEvent(
  'Rectification.Answered.v1',
  source,
  caseEventBase.extend({
    rectificationId: z.string().min(1),
    responsibleDepartment: z.string().min(1),
    dueDate: day,
    answeredAt: z.string().datetime({ offset: true }),
    onTime: z.boolean(),
  }),
);

export const COMPLAINT_CATEGORIES = ['delay', 'attitude', 'requirements', 'result', 'system', 'other'] as const;

const complaintBase = z.object({
  eventId: z.string().min(1),
  occurredAt: z.string().datetime({ offset: true }),
  complaintId: z.string().min(1),
  /** Where the complaint was routed: the case's or the matter's department. */
  responsibleDepartment: z.string().min(1),
  regionCode: z.string().regex(/^\d{6}$/),
  category: z.enum(COMPLAINT_CATEGORIES),
  matterCode: z.string().optional(),
  caseId: z.string().optional(),
  caseNumber: z.string().optional(),
  dueDate: day,
});

export const complaintReceived = defineEvent(
  'Complaint.Received.v1',
  source,
  complaintBase.extend({ receivedAt: z.string().datetime({ offset: true }) }),
);

export const complaintAnswered = defineEvent(
  'Complaint.Answered.v1',
  source,
  complaintBase.extend({ answeredAt: z.string().datetime({ offset: true }), onTime: z.boolean() }),
);

/**
 * A holiday notice was loaded: the complaint's due date, counted Monday to Friday in its year, was re-dated by it
 * (`dueDate` the new date; `provisional` when it still reaches a later year not loaded).
 */
export const complaintDeadlineRedated = defineEvent(
  'Complaint.DeadlineRedated.v1',
  source,
  complaintBase.extend({ year: z.number().int(), previousDueDate: day, provisional: z.boolean() }),
);

export const ENGAGEMENT_EVENTS = [
  ratingSubmitted,
  rectificationOpened,
  rectificationAnswered,
  complaintReceived,
  complaintAnswered,
  complaintDeadlineRedated,
] as const;
