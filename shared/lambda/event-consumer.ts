import middy from '@middy/core';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import type { z } from 'zod';
import { validationErrorFromZod } from './error-response';
import { createLogger } from './logger';

export interface ConsumedEvent<D> {
  readonly id: string;
  readonly detailType: string;
  readonly source: string;
  readonly time: string;
  readonly detail: D;
}

/** A contract a multi-event consumer handles: its detail-type and the schema its detail is parsed with. */
export interface HandledContract {
  readonly detailType: string;
  readonly detail: z.ZodType;
}

/**
 * The event-consumer chain: parse the EventBridge envelope's detail with the contract's schema, then the use case.
 * Errors are thrown on, so EventBridge retries and finally sends the event to the rule's DLQ; consumers de-duplicate
 * by the detail's event id, because delivery is at least once.
 */
export function eventConsumer<S extends z.ZodType>(detailSchema: S, useCase: (event: ConsumedEvent<z.infer<S>>) => Promise<void>) {
  return consumerChain(() => detailSchema, useCase);
}

/**
 * The chain for consumers of several event types (supervision, messaging, analytics): the detail is parsed with the
 * schema of its own detail-type; a detail-type the consumer does not know is refused (its rule should not send it).
 * De-duplicate on `detail.eventId`, which the publisher set, never on the envelope id (each put gets a new one).
 */
export function eventsConsumer(contracts: readonly HandledContract[], useCase: (event: ConsumedEvent<Record<string, unknown> & { eventId: string }>) => Promise<void>) {
  const byType = new Map(contracts.map((c) => [c.detailType, c.detail]));
  return consumerChain((detailType) => {
    const schema = byType.get(detailType);
    if (!schema) throw new Error(`This consumer does not handle ${detailType}`);
    return schema;
  }, useCase as (event: ConsumedEvent<unknown>) => Promise<void>);
}

function consumerChain<D>(schemaFor: (detailType: string) => z.ZodType, useCase: (event: ConsumedEvent<D>) => Promise<void>) {
  const logger = createLogger(process.env.SERVICE_NAME ?? 'one-stop');
  return middy<EventBridgeEvent<string, unknown>, void, Error, Context>()
    .use({
      before: (request) => {
        logger.addContext(request.context);
        logger.appendKeys({ eventId: request.event.id, detailType: request.event['detail-type'] });
      },
      onError: (request) => {
        logger.error('event not processed', request.error as Error);
      },
    })
    .handler(async (event) => {
      const parsed = schemaFor(event['detail-type']).safeParse(event.detail);
      if (!parsed.success) throw validationErrorFromZod(parsed.error, 'detail');
      await useCase({ id: event.id, detailType: event['detail-type'], source: event.source, time: event.time, detail: parsed.data as D });
    });
}
