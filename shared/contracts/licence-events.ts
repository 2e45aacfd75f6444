import * as z from 'zod';
import type { OutboxEvent } from '../domain/events';
import { defineEvent, EVENT_SOURCES, outboxEvent } from './event-contract';

/**
 * Licence events (电子证照), from the licence register. Like case events they carry ids and dimensions, never the
 * holder's ID number or 统一社会信用代码: consumers look the licence up by its number. They share one detail schema.
 */
const licenceEventDetail = z.object({
  eventId: z.string().min(1),
  occurredAt: z.string().datetime({ offset: true }),
  licenceNo: z.string().min(1),
  version: z.number().int().positive(),
  licenceType: z.string().min(1),
  issuingDepartment: z.string().min(1),
  holderType: z.enum(['citizen', 'enterprise']),
  caseId: z.string().optional(),
  reason: z.string().optional(),
});

export const LICENCE_EVENT_TYPES = [
  'Licence.Issued.v1',
  'Licence.Imported.v1',
  'Licence.Changed.v1',
  'Licence.Renewed.v1',
  'Licence.AnnualChecked.v1',
  'Licence.Suspended.v1',
  'Licence.Resumed.v1',
  'Licence.Revoked.v1',
  'Licence.Expired.v1',
] as const;
export type LicenceEventContract = (typeof LICENCE_EVENT_TYPES)[number];

export const LICENCE_EVENTS = LICENCE_EVENT_TYPES.map((detailType) =>
  defineEvent(detailType, EVENT_SOURCES.licences, licenceEventDetail),
);

export function licenceEvent(
  detailType: LicenceEventContract,
  detail: z.input<typeof licenceEventDetail>,
): OutboxEvent {
  return outboxEvent(defineEvent(detailType, EVENT_SOURCES.licences, licenceEventDetail), detail);
}
