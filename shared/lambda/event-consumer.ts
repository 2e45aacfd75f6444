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

/**
 * The event-consumer chain: parse the EventBridge envelope's detail with the contract's schema, then the use case.
 * Errors are thrown on, so EventBridge retries and finally sends the event to the rule's DLQ; consumers de-duplicate
 * by event id, because delivery is at least once.
 */
export function eventConsumer<S extends z.ZodType>(detailSchema: S, useCase: (event: ConsumedEvent<z.infer<S>>) => Promise<void>) {
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
      const parsed = detailSchema.safeParse(event.detail);
      if (!parsed.success) throw validationErrorFromZod(parsed.error, 'detail');
      await useCase({ id: event.id, detailType: event['detail-type'], source: event.source, time: event.time, detail: parsed.data });
    });
}
