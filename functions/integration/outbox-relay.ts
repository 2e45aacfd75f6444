import { PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import * as z from 'zod';
import { eventBridgeClient } from '../../shared/adapters/aws-clients';
import { OUTBOX_ITEM_TYPE, type OutboxEvent } from '../../shared/adapters/outbox';
import { parseEnv } from '../../shared/config/env';
import { createLogger } from '../../shared/lambda/logger';

const env = parseEnv({ EVENT_BUS_NAME: z.string().min(1) });
const logger = createLogger(process.env.SERVICE_NAME ?? 'outboxRelay');
const PUT_EVENTS_LIMIT = 10;

/**
 * Fed by the main table's stream (filter OUTBOX_STREAM_FILTER): puts each new outbox item on the bus. Failures are
 * reported per record: the first failed record and every later one, so the stream delivers them again, in order.
 * Delivery is at least once; consumers de-duplicate on detail.eventId.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const records = event.Records;
  const outbox = records.flatMap((record, index) => {
    const item = outboxEventOf(record);
    return item ? [{ index, item }] : [];
  });

  for (let start = 0; start < outbox.length; start += PUT_EVENTS_LIMIT) {
    const chunk = outbox.slice(start, start + PUT_EVENTS_LIMIT);
    const failedAt = await putOnBus(chunk.map((c) => c.item));
    if (failedAt !== undefined) {
      const first = chunk[failedAt]!.index;
      return { batchItemFailures: records.slice(first).map((r) => ({ itemIdentifier: r.dynamodb!.SequenceNumber! })) };
    }
  }
  return { batchItemFailures: [] };
}

/** Puts up to ten events; returns the position of the first one that did not get onto the bus, if any. */
async function putOnBus(items: OutboxEvent[]): Promise<number | undefined> {
  const entries: PutEventsRequestEntry[] = items.map((item) => ({
    EventBusName: env.EVENT_BUS_NAME,
    Source: item.source,
    DetailType: item.detailType,
    Detail: JSON.stringify({ ...item.detail, eventId: item.eventId, occurredAt: item.occurredAt }),
    Time: new Date(item.occurredAt),
  }));
  const ids = items.map((item) => ({ eventId: item.eventId, detailType: item.detailType }));
  let results;
  try {
    results = (await eventBridgeClient().send(new PutEventsCommand({ Entries: entries }))).Entries ?? [];
  } catch (error) {
    logger.error('PutEvents failed; the batch is retried from its first event', { events: ids, error: (error as Error).name });
    return 0;
  }
  const failedAt = items.findIndex((_, i) => !results[i]?.EventId);
  if (failedAt === -1) {
    logger.info('events published', { events: ids });
    return undefined;
  }
  logger.warn('some events were not published; the batch is retried from the first of them', {
    published: ids.slice(0, failedAt),
    failed: ids.flatMap((id, i) => (results[i]?.EventId ? [] : [{ ...id, errorCode: results[i]?.ErrorCode }])),
  });
  return failedAt;
}

/** The outbox event a stream record carries: a new item of the outbox type, nothing else. */
function outboxEventOf(record: DynamoDBRecord): OutboxEvent | undefined {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || !image) return undefined;
  // aws-lambda's AttributeValue and the SDK's describe the same JSON.
  const item = unmarshall(image as Record<string, AttributeValue>);
  if (item.type !== OUTBOX_ITEM_TYPE) return undefined;
  return { eventId: item.eventId, source: item.source, detailType: item.detailType, detail: item.detail ?? {}, occurredAt: item.occurredAt };
}
