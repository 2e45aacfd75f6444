import type * as z from 'zod';
import type { OutboxEvent } from '../domain/events';

/**
 * The one way to declare an event: `defineEvent(detailType, source, detail)`. `detail-type` carries the major
 * version; CDK rules and the local cloud import the contracts, so patterns and publishers cannot drift. Every
 * contract has a fixture in test/fixtures/events and a test. Details carry ids and dimensions, never personal data
 * (ID numbers, phones): consumers look those up.
 */

/** Every source that publishes on the bus: one per context, and nowhere else. */
export const EVENT_SOURCES = {
  applications: 'gov.one-stop.applications',
  workflow: 'gov.one-stop.workflow',
  /** 好差评 and complaints: what applicants and the public say about the service. */
  engagement: 'gov.one-stop.engagement',
  /** 电子监察: deadline warnings and overdue notices. */
  supervision: 'gov.one-stop.supervision',
  /** 电子证照: the licence register. */
  licences: 'gov.one-stop.licences',
  /** 统一预约: bookings at the halls. */
  appointments: 'gov.one-stop.appointments',
  /** 统一出件: how a case's result reaches the applicant. */
  delivery: 'gov.one-stop.delivery',
  /** 非税支付: a case's fee order. */
  payments: 'gov.one-stop.payments',
  /** The catalogue's working-day calendar. */
  catalogue: 'gov.one-stop.catalogue',
} as const;

export type EventSource = (typeof EVENT_SOURCES)[keyof typeof EVENT_SOURCES];

/** What every event detail carries: an id to de-duplicate on and the time it happened. */
interface EventDetailBase {
  readonly eventId: string;
  readonly occurredAt: string;
}

export function defineEvent<Detail extends z.ZodType<EventDetailBase>>(
  detailType: string,
  source: EventSource,
  detail: Detail,
) {
  return { source, detailType, detail } as const;
}

export type EventContract = {
  readonly source: string;
  readonly detailType: string;
  readonly detail: { safeParse(value: unknown): { success: boolean; data?: unknown; error?: unknown } };
};

/** An outbox event of `contract`, its detail parsed (a malformed detail is a bug, so it throws). */
export function outboxEvent<C extends ReturnType<typeof defineEvent>>(
  contract: C,
  detail: z.input<C['detail']>,
): OutboxEvent {
  const parsed = contract.detail.parse(detail) as EventDetailBase & Record<string, unknown>;
  return {
    eventId: parsed.eventId,
    source: contract.source,
    detailType: contract.detailType,
    detail: parsed,
    occurredAt: parsed.occurredAt,
  };
}
