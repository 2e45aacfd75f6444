import * as z from 'zod';
import { defineEvent, EVENT_SOURCES } from './event-contract';

/**
 * 电子监察: published by supervision when a watched deadline turns yellow (few working days left) or red (overdue).
 * Messaging tells the responsible department (the head's inbox and address); analytics counts the overdue.
 */
export const WATCH_KINDS = ['task', 'case', 'complaint', 'rectification', 'delivery', 'post-check'] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];
/** A deadline's level: green with time left, yellow near its due date, red past it. */
export const WATCH_LEVELS = ['green', 'yellow', 'red'] as const;

const deadlineBase = z.object({
  eventId: z.string().min(1),
  occurredAt: z.string().datetime({ offset: true }),
  /** `<kind>#<subjectId>`: one watch per deadline. */
  watchId: z.string().min(1),
  kind: z.enum(WATCH_KINDS),
  /** The task id, case id, complaint id, rectification id or case id of a delivery. */
  subjectId: z.string().min(1),
  department: z.string().min(1),
  regionCode: z.string().regex(/^\d{6}$/),
  caseId: z.string().optional(),
  caseNumber: z.string().optional(),
  matterCode: z.string().optional(),
  /** The case's channel, for analytics' dimensions (cases and tasks only). */
  channel: z.string().optional(),
  dueDate: z.iso.date(),
});

export const deadlineWarning = defineEvent(
  'Supervision.DeadlineWarning.v1',
  EVENT_SOURCES.supervision,
  deadlineBase.extend({ level: z.literal('yellow'), remainingDays: z.number().int().nonnegative() }),
);

export const deadlineOverdue = defineEvent(
  'Supervision.DeadlineOverdue.v1',
  EVENT_SOURCES.supervision,
  deadlineBase.extend({ level: z.literal('red'), overdueDays: z.number().int().positive() }),
);

export const SUPERVISION_EVENTS = [deadlineWarning, deadlineOverdue] as const;
