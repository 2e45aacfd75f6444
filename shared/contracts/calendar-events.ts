import * as z from 'zod';
import type { OutboxEvent } from '../domain/events';

/**
 * Catalogue events about the working-day calendar. Calendar.Loaded.v1: an administrator loaded (or corrected) a
 * year's State Council holiday notice; the deadlines counted Monday to Friday in that year are re-dated from it
 * (functions/workflow/redate-deadlines.ts).
 */
export const CATALOGUE_SOURCE = 'gov.one-stop.catalogue';

export const calendarLoaded = {
  source: CATALOGUE_SOURCE,
  detailType: 'Calendar.Loaded.v1',
  detail: z.object({
    eventId: z.string().min(1),
    occurredAt: z.string().datetime({ offset: true }),
    year: z.number().int().min(2000).max(2100),
    holidays: z.number().int().nonnegative(),
    workdays: z.number().int().nonnegative(),
  }),
} as const;

export const CALENDAR_EVENTS = [calendarLoaded] as const;

export function calendarLoadedEvent(detail: z.input<typeof calendarLoaded.detail>): OutboxEvent {
  const parsed = calendarLoaded.detail.parse(detail);
  return { eventId: parsed.eventId, source: CATALOGUE_SOURCE, detailType: calendarLoaded.detailType, detail: parsed, occurredAt: parsed.occurredAt };
}
