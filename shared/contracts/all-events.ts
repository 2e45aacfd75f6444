import { APPLICATION_EVENTS } from './application-events';
import { APPOINTMENT_EVENTS } from './appointment-events';
import { CALENDAR_EVENTS } from './calendar-events';
import { DELIVERY_EVENTS } from './delivery-events';
import { ENGAGEMENT_EVENTS } from './engagement-events';
import type { EventContract } from './event-contract';
import { LICENCE_EVENTS } from './licence-events';
import { PAYMENT_EVENTS } from './payment-events';
import { SUPERVISION_EVENTS } from './supervision-events';
import { WORKFLOW_EVENTS } from './workflow-events';

/** Every event contract the platform publishes: what the fan-out's consumers (supervision, messaging, analytics)
 * read. The one list: each context's file declares its own, this one joins them. */
export const ALL_EVENT_CONTRACTS = [
  ...APPLICATION_EVENTS,
  ...WORKFLOW_EVENTS,
  ...LICENCE_EVENTS,
  ...ENGAGEMENT_EVENTS,
  ...SUPERVISION_EVENTS,
  ...APPOINTMENT_EVENTS,
  ...DELIVERY_EVENTS,
  ...PAYMENT_EVENTS,
  ...CALENDAR_EVENTS,
] as const;

/** An EventBridge pattern that matches exactly these contracts (source and detail-type). */
export function patternFor(
  contracts: readonly Pick<EventContract, 'source' | 'detailType'>[],
): Record<string, unknown> {
  return {
    source: [...new Set(contracts.map((c) => c.source))].sort(),
    'detail-type': [...new Set(contracts.map((c) => c.detailType))].sort(),
  };
}
