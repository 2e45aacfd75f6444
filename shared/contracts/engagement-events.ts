import * as z from 'zod';
import { contract, EVENT_SOURCES } from './events';

/**
 * 好差评 and complaints. Like case events they carry ids and dimensions, never personal data: a complainant's
 * contact details and a rating's comment stay in the store, and consumers that need them look them up.
 */
const day = z.iso.date();
const score = z.number().int().min(1).max(5);
const engagement = <T extends z.ZodRawShape>(detailType: string, shape: T) => contract(detailType, shape, EVENT_SOURCES.engagement);

/** A completed case was rated; `bad` when any score is 2 or less (差评), which opens a rectification. */
export const ratingSubmitted = engagement('Rating.Submitted.v1', {
  ability: score,
  attitude: score,
  effect: score,
  bad: z.boolean(),
  hasComment: z.boolean(),
  /** The case's status when it was rated (APPROVED, ISSUED, DELIVERED, REJECTED, REFUSED). */
  caseStatus: z.string().min(1),
  rectificationId: z.string().optional(),
});

/** 差评整改: the responsible department must look into a bad rating and answer by `dueDate` (working days). */
export const rectificationOpened = engagement('Rectification.Opened.v1', {
  rectificationId: z.string().min(1),
  responsibleDepartment: z.string().min(1),
  dueDate: day,
});

/** The department answered a bad rating; the applicant is told. */
export const rectificationAnswered = engagement('Rectification.Answered.v1', {
  rectificationId: z.string().min(1),
  responsibleDepartment: z.string().min(1),
  dueDate: day,
  answeredAt: z.string().datetime({ offset: true }),
  onTime: z.boolean(),
});

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

export const complaintReceived = {
  source: EVENT_SOURCES.engagement,
  detailType: 'Complaint.Received.v1',
  detail: complaintBase.extend({ receivedAt: z.string().datetime({ offset: true }) }),
} as const;

export const complaintAnswered = {
  source: EVENT_SOURCES.engagement,
  detailType: 'Complaint.Answered.v1',
  detail: complaintBase.extend({ answeredAt: z.string().datetime({ offset: true }), onTime: z.boolean() }),
} as const;

/**
 * A holiday notice was loaded: the complaint's due date, counted Monday to Friday in its year, was re-dated by it
 * (`dueDate` the new date; `provisional` when it still reaches a later year not loaded).
 */
export const complaintDeadlineRedated = {
  source: EVENT_SOURCES.engagement,
  detailType: 'Complaint.DeadlineRedated.v1',
  detail: complaintBase.extend({ year: z.number().int(), previousDueDate: day, provisional: z.boolean() }),
} as const;

export const ENGAGEMENT_EVENTS = [ratingSubmitted, rectificationOpened, rectificationAnswered, complaintReceived, complaintAnswered, complaintDeadlineRedated] as const;
