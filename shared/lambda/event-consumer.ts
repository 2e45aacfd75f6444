import middy from '@middy/core';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import type { z } from 'zod';
import { validationErrorFromZod } from './error-response';
import { logger as functionLogger } from './logger';

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
 * The event arrives through the rule's queue (an SQS record whose body is the event) or directly (a redrive, a
 * test). Errors are thrown on, so the queue retries and finally moves the event to the rule's failed-events DLQ;
 * consumers de-duplicate by the detail's event id, because delivery is at least once.
 */
export function eventConsumer<S extends z.ZodType>(
  detailSchema: S,
  consume: (event: ConsumedEvent<z.infer<S>>) => Promise<void>,
) {
  return consumerChain(() => detailSchema, consume);
}

/**
 * The chain for consumers of several event types (supervision, messaging, analytics): the detail is parsed with the
 * schema of its own detail-type; a detail-type the consumer does not know is refused (its rule should not send it).
 * De-duplicate on `detail.eventId`, which the publisher set, never on the envelope id (each put gets a new one).
 */
export function eventsConsumer(
  contracts: readonly HandledContract[],
  consume: (event: ConsumedEvent<Record<string, unknown> & { eventId: string }>) => Promise<void>,
) {
  const byType = new Map(contracts.map((c) => [c.detailType, c.detail]));
  return consumerChain(
    (detailType) => {
      const schema = byType.get(detailType);
      if (!schema) throw new Error(`This consumer does not handle ${detailType}`);
      return schema;
    },
    consume as (event: ConsumedEvent<unknown>) => Promise<void>,
  );
}

/** What the rule's queue hands the function (batch size 1): SQS records whose bodies are EventBridge events. */
interface QueueBatch {
  readonly Records: readonly { readonly messageId: string; readonly body: string }[];
}
type Delivered = EventBridgeEvent<string, unknown> | QueueBatch;

/** The EventBridge events of a delivery: the event itself (a direct invoke, a redrive) or each queued record's body. */
export function eventsOf(delivered: Delivered): EventBridgeEvent<string, unknown>[] {
  if ('Records' in delivered && Array.isArray(delivered.Records))
    return delivered.Records.map((r) => JSON.parse(r.body) as EventBridgeEvent<string, unknown>);
  return [delivered as EventBridgeEvent<string, unknown>];
}

function consumerChain<D>(
  schemaFor: (detailType: string) => z.ZodType,
  consume: (event: ConsumedEvent<D>) => Promise<void>,
) {
  const logger = functionLogger.createChild();
  return middy<Delivered, void, Error, Context>()
    .use({
      before: (request) => {
        logger.addContext(request.context);
      },
    })
    .handler(async (delivered) => {
      // Batch size 1 on AWS: throwing fails that one message, which the queue delivers again after its visibility
      // timeout (CONSUMER_RETRY_POLICY) and finally moves to the rule's failed-events DLQ.
      for (const event of eventsOf(delivered)) {
        logger.appendKeys({ eventId: event.id, detailType: event['detail-type'] });
        try {
          const parsed = schemaFor(event['detail-type']).safeParse(event.detail);
          if (!parsed.success) throw validationErrorFromZod(parsed.error, 'detail');
          await consume({
            id: event.id,
            detailType: event['detail-type'],
            source: event.source,
            time: event.time,
            detail: parsed.data as D,
          });
        } catch (error) {
          logger.error('event not processed', error as Error);
          throw error;
        }
      }
    });
}
