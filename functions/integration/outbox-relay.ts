import { PutEventsCommand, type PutEventsRequestEntry, type PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { dynamoDocumentClient, eventBridgeClient } from '../../shared/adapters/aws-clients';
import {
  chunkByBytes,
  FOLLOW_UPS,
  OUTBOX_ITEM_TYPE,
  type OutboxEvent,
  outboxReceipts,
  PUT_EVENTS_MAX_BYTES,
  putEventsEntrySize,
} from '../../shared/adapters/outbox';
import { parseEnv } from '../../shared/config/env';
import { outboxItems } from '../../shared/db/keys';
import { logger } from '../../shared/lambda/logger';

const env = parseEnv({
  EVENT_BUS_NAME: z.string().check(z.minLength(1)),
  MAIN_TABLE_NAME: z.string().check(z.minLength(1)),
});

/** Errors that no retry can mend: the entry itself is refused. */
const PERMANENT = new Set(['EntrySizeExceeded', 'MalformedDetail', 'InvalidArgument']);

/**
 * Fed by the main table's stream (filter OUTBOX_STREAM_FILTER): puts each new outbox item on the bus, in requests
 * of at most 10 entries and 256 KB, so one large event never makes a whole batch fail for ever. Failures are
 * reported per record: the first failed record and every later one, so the stream delivers them again, in order.
 * An entry the bus refuses for good (too large, malformed) is logged ("event refused", which alarms) and gets no
 * receipt, so the reconciler reports it, rather than blocking its shard. Delivery is at least once; consumers de-duplicate on
 * detail.eventId.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const records = event.Records;
  const outbox = records.flatMap((record, index) => {
    const item = outboxEventOf(record);
    // An item written before the outbox was kept by the hour (its sort key EVENT) waits on the reconciler's index.
    const legacy = record.dynamodb?.Keys?.sk?.S === 'EVENT';
    return item ? [{ index, item, entry: entryOf(item), legacy }] : [];
  });
  for (const chunk of chunkByBytes(outbox, (c) => putEventsEntrySize(c.entry))) {
    const failedAt = await putOnBus(chunk);
    if (failedAt !== undefined) {
      const first = chunk[failedAt]!.index;
      return { batchItemFailures: records.slice(first).map((r) => ({ itemIdentifier: r.dynamodb!.SequenceNumber! })) };
    }
  }
  return { batchItemFailures: [] };
}

function entryOf(item: OutboxEvent): PutEventsRequestEntry {
  return {
    EventBusName: env.EVENT_BUS_NAME,
    Source: item.source,
    DetailType: item.detailType,
    Detail: JSON.stringify({ ...item.detail, eventId: item.eventId, occurredAt: item.occurredAt }),
    Time: new Date(item.occurredAt),
  };
}

/** Puts one request's events; returns the position of the first one to put again, if any. */
async function putOnBus(
  chunk: { item: OutboxEvent; entry: PutEventsRequestEntry; legacy: boolean }[],
): Promise<number | undefined> {
  const ids = chunk.map(({ item }) => ({ eventId: item.eventId, detailType: item.detailType }));
  const tooLarge = chunk.length === 1 && putEventsEntrySize(chunk[0]!.entry) > PUT_EVENTS_MAX_BYTES;
  if (tooLarge) {
    logger.error('event refused', {
      events: ids,
      errorCode: 'EntrySizeExceeded',
      bytes: putEventsEntrySize(chunk[0]!.entry),
    });
    return undefined;
  }
  let results: PutEventsResultEntry[];
  try {
    results =
      (await eventBridgeClient().send(new PutEventsCommand({ Entries: chunk.map((c) => c.entry) }))).Entries ?? [];
  } catch (error) {
    logger.error('PutEvents failed; the batch is retried from its first event', {
      events: ids,
      error: (error as Error).name,
    });
    return 0;
  }
  const refused = chunk.flatMap((_, i) => (results[i]?.ErrorCode && PERMANENT.has(results[i].ErrorCode) ? [i] : []));
  if (refused.length > 0)
    logger.error('event refused', { events: refused.map((i) => ({ ...ids[i], errorCode: results[i]?.ErrorCode })) });
  const failedAt = chunk.findIndex((_, i) => !results[i]?.EventId && !refused.includes(i));
  const published = chunk.filter((_, i) => results[i]?.EventId && (failedAt === -1 || i < failedAt));
  await Promise.all([
    writeReceipts(published.map((c) => c.item)),
    takeOffIndex(published.filter((c) => c.legacy).map((c) => c.item)),
  ]);
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

/**
 * Writes the receipts of published events: one small put per hour they occurred in, instead of a write per event.
 * A failure here loses nothing: the reconciler puts the event again later, and consumers de-duplicate on its id.
 */
async function writeReceipts(items: OutboxEvent[]): Promise<void> {
  if (items.length === 0) return;
  await Promise.all(
    outboxReceipts(items, new Date()).map(({ pk, sk, ...receipt }) =>
      dynamoDocumentClient()
        // An update that creates the item: the relay's one write permission (UpdateItem under OUTBOX#), as a put costs.
        .send(
          new UpdateCommand({
            TableName: env.MAIN_TABLE_NAME,
            Key: { pk, sk },
            UpdateExpression: 'SET #type = :type, eventIds = :ids, relayedAt = :at, expiresAt = :exp',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: {
              ':type': receipt.type,
              ':ids': receipt.eventIds,
              ':at': receipt.relayedAt,
              ':exp': receipt.expiresAt,
            },
          }),
        )
        .catch((error: Error) =>
          logger.warn('relayed events not receipted; the reconciler will put them again', {
            eventIds: receipt.eventIds,
            error: error.name,
          }),
        ),
    ),
  );
}

/**
 * An item written before the outbox was kept by the hour is taken off the reconciler's index as it was then (or, for a
 * follow-up, noted relayed): the reconciler reads that index, not receipts, for those. Only while such items are
 * still on the stream (its records last 24 hours), so the relay's write scope keeps every key under OUTBOX#.
 */
async function takeOffIndex(items: OutboxEvent[]): Promise<void> {
  const at = new Date().toISOString();
  await Promise.all(
    items.map((item) =>
      dynamoDocumentClient()
        .send(
          new UpdateCommand({
            TableName: env.MAIN_TABLE_NAME,
            Key: outboxItems.legacyKey(item.eventId),
            UpdateExpression: FOLLOW_UPS.includes(item.detailType)
              ? 'SET relayedAt = :at'
              : 'SET relayedAt = :at REMOVE gsi2pk, gsi2sk',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':at': at },
          }),
        )
        .catch((error: Error) =>
          logger.warn('relayed event not marked; the reconciler will put it again', {
            eventId: item.eventId,
            error: error.name,
          }),
        ),
    ),
  );
}

/** The outbox event a stream record carries: a new item of the outbox type, nothing else. */
function outboxEventOf(record: DynamoDBRecord): OutboxEvent | undefined {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || !image) return undefined;
  // aws-lambda's AttributeValue and the SDK's describe the same JSON.
  const item = unmarshall(image as Record<string, AttributeValue>);
  if (item.type !== OUTBOX_ITEM_TYPE) return undefined;
  return {
    eventId: item.eventId,
    source: item.source,
    detailType: item.detailType,
    detail: item.detail ?? {},
    occurredAt: item.occurredAt,
  };
}
