import * as z from 'zod';
import { entryCodeSchema, regionCodeSchema } from '../catalogue/model';

/**
 * 统一预约: service halls (政务服务大厅) with their windows, the matters each window serves, opening hours and slot
 * length; bookings of a place in a slot. Capacity is per window and slot; a matter's free places in a slot are the
 * free places of the windows that serve it. Walk-ins are always served: no case ever requires a booking.
 */

/** 'HH:MM', 00:00 to 23:59, Asia/Shanghai wall-clock time. */
export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day 'HH:MM' (00:00 to 23:59)");
export const hallIdSchema = entryCodeSchema;

/**
 * The standard naming of service halls (国务院办公厅关于加快推进政务服务标准化规范化便利化的指导意见): a place name, then
 * 政务服务中心 (or its established local name 行政服务中心) at county level and above, 便民服务中心 in towns and streets,
 * 便民服务站 in villages and communities; a branch is a 分中心 of one of them.
 */
export const HALL_NAME = /^\p{Script=Han}{2,}.*(政务服务中心|行政服务中心|便民服务中心|便民服务站|分中心)$/u;

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export const windowSchema = z.object({
  id: z.string().regex(/^[A-Z0-9][A-Z0-9_-]{0,15}$/, 'upper-case letters, digits, - and _ (1 to 16)'),
  name: z.string().trim().min(1).max(60),
  /** The matter codes this window accepts. */
  matters: z.array(entryCodeSchema).min(1).max(200),
  /** Applicants one window serves per slot. */
  capacity: z.number().int().min(1).max(50),
});
export type HallWindow = z.infer<typeof windowSchema>;

/** What an administrator sends for a hall (PUT /admin/halls/{id}); the catalogue check of the matter codes comes after. */
export const hallBodySchema = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(4)
      .max(60)
      .regex(
        HALL_NAME,
        'a place name followed by 政务服务中心, 行政服务中心, 便民服务中心, 便民服务站 or 分中心 (standard naming)',
      ),
    regionCode: regionCodeSchema,
    address: z.string().trim().min(4).max(200),
    phone: z.string().trim().max(40).optional(),
    windows: z.array(windowSchema).min(1).max(100),
    /** Opening sessions of a working day, e.g. 09:00-12:00 and 14:00-17:00. */
    hours: z
      .array(z.strictObject({ from: timeOfDaySchema, to: timeOfDaySchema }))
      .min(1)
      .max(6),
    slotMinutes: z.number().int().min(10).max(120),
    /** Working days on which this hall is closed all the same (e.g. a move); holidays are the calendar's business. */
    closedDates: z.array(z.iso.date()).max(366).default([]),
  })
  .superRefine((hall, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    hall.hours.forEach((session, i) => {
      if (minutes(session.to) <= minutes(session.from))
        issue(['hours', i, 'to'], `the session must end after it starts (${session.from})`);
      else if (minutes(session.to) - minutes(session.from) < hall.slotMinutes)
        issue(['hours', i], `the session is shorter than one slot (${hall.slotMinutes} min)`);
      const previous = hall.hours[i - 1];
      if (previous && minutes(session.from) < minutes(previous.to))
        issue(
          ['hours', i, 'from'],
          `sessions must be in order and not overlap (the previous one ends at ${previous.to})`,
        );
    });
    const ids = new Set<string>();
    hall.windows.forEach((w, i) => {
      if (ids.has(w.id)) issue(['windows', i, 'id'], `window ${w.id} appears twice`);
      ids.add(w.id);
      if (new Set(w.matters).size !== w.matters.length) issue(['windows', i, 'matters'], 'a matter appears twice');
    });
  });
export type HallBody = z.input<typeof hallBodySchema>;

export type Hall = z.infer<typeof hallBodySchema> & {
  readonly id: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
};

export const APPOINTMENT_STATUSES = ['BOOKED', 'CHECKED_IN', 'CANCELLED', 'NO_SHOW'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export interface Appointment {
  readonly id: string;
  readonly hallId: string;
  readonly regionCode: string;
  /** The window whose place this booking holds (the applicant queues there). */
  readonly windowId: string;
  readonly matterCode: string;
  /** The matter's department, for messages and statistics. */
  readonly department: string;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly applicantSub: string;
  readonly bookedBy: 'applicant' | 'agent';
  readonly caseId?: string;
  /** Shown to the owner; staff type it in at check-in. Never in events or logs. */
  readonly checkInCode: string;
  readonly status: AppointmentStatus;
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly cancelledAt?: string;
  readonly checkedInAt?: string;
  readonly checkedInBy?: string;
  readonly noShowAt?: string;
  /** `<date>T<start>` of the slot a reminder was announced for: a rescheduled booking is reminded again. */
  readonly remindedFor?: string;
  readonly rescheduled?: readonly {
    readonly date: string;
    readonly start: string;
    readonly windowId: string;
    readonly at: string;
  }[];
}

/** The places taken in one window of one slot. */
export interface SlotCounter {
  readonly start: string;
  readonly windowId: string;
  readonly booked: number;
}

/** The place a booking takes (or gives back): one window of one slot, with the window's capacity. */
export interface Place {
  readonly hallId: string;
  readonly date: string;
  readonly start: string;
  readonly windowId: string;
  readonly capacity: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor?: string;
}

/**
 * The chosen window's places went to someone else between the read and the write (its counter's condition failed,
 * or DynamoDB cancelled the transaction for a concurrent one): re-read the slot and try again while places remain.
 */
export class PlaceRaceLostError extends Error {
  override readonly name = 'PlaceRaceLostError';
}

/** Check-in codes are unique per hall; a collision (once in ~10^12) draws another code. */
export class CheckInCodeTakenError extends Error {
  override readonly name = 'CheckInCodeTakenError';
}

/** Check-in opens this many minutes before the slot. */
export const CHECK_IN_EARLY_MINUTES = 60;
