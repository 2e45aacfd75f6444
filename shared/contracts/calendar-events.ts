import * as z from 'zod';
import type { OutboxEvent } from '../domain/events';
import { defineEvent, EVENT_SOURCES, outboxEvent } from './event-contract';

/**
 * Catalogue events about the working-day calendar. Calendar.Loaded.v1: an administrator loaded (or corrected) a
 * year's State Council holiday notice; the deadlines counted Monday to Friday in that year are re-dated from it
 * (functions/workflow/redate-deadlines.ts).
 */
export const calendarLoaded = defineEvent(
  'Calendar.Loaded.v1',
  EVENT_SOURCES.catalogue,
  z.object({
    eventId: z.string().min(1),
    occurredAt: z.string().datetime({ offset: true }),
    year: z.number().int().min(2000).max(2100),
    holidays: z.number().int().nonnegative(),
    workdays: z.number().int().nonnegative(),
  }),
);

export const CALENDAR_EVENTS = [calendarLoaded] as const;

export function calendarLoadedEvent(detail: z.input<typeof calendarLoaded.detail>): OutboxEvent {
  return outboxEvent(calendarLoaded, detail);
}
