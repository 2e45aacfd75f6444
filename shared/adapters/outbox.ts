import { createHash } from 'node:crypto';
import { outboxItems } from '../db/keys';
import type { OutboxEvent } from '../domain/events';

/** The event type is the domain's (shared/domain/events.ts); re-exported for the adapters and functions that import it here. */
export type { OutboxEvent };

/**
 * The transactional outbox. A command writes its state change and an outbox item in one DynamoDB transaction; the
 * table's stream carries the item to the outbox relay (functions/integration/outbox-relay.ts), which puts it on the
 * bus and writes a receipt per hour of events it published. Nothing accepted is lost: if the put fails, the stream
 * delivers the record again; if the stream itself gives up (AWS keeps a record 24 hours), the reconciler, reading
 * the outbox hour by hour behind its cursor, finds the event without a receipt and puts it again.
 *
 * Why receipts and an hour's partition rather than an index of unrelayed items: an outbox item on an index costs an
 * index write when it is put and two more when the relay takes it off (an update of the item and the index's
 * delete), about 3 WRU an event; a receipt names every event of a batch in one small put.
 */
export const OUTBOX_ITEM_TYPE = outboxItems.type;

/** The Lambda event-filter pattern that selects new outbox items from the table's stream. */
export const OUTBOX_STREAM_FILTER = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { type: { S: [OUTBOX_ITEM_TYPE] } } },
} as const;

/**
 * An hour's events are spread over shards to keep each partition cool (a partition takes 1,000 WRU a second); the
 * reconciler reads every shard. The same number of shards serves the reconciler's index (gsi2 `RECONCILE#<shard>`),
 * where an event waits only when the reconciler keeps it: a follow-up still owed, or one it could not repair yet.
 */
export const RECONCILE_SHARDS = 4;
export const reconcileShardOf = (eventId: string) =>
  createHash('sha256').update(eventId).digest()[0]! % RECONCILE_SHARDS;
// This module owns the outbox items: the reconciler's index and the relay reach them through these.
export const reconcilePartition = outboxItems.reconcilePartition;
export const reconcileSortKey = outboxItems.reconcileSort;
/** The key of an event's outbox item: the hour it occurred in, its shard, its time and id. */
export const outboxKey = (event: Pick<OutboxEvent, 'eventId' | 'occurredAt'>) =>
  outboxItems.key(event.occurredAt, event.eventId, reconcileShardOf(event.eventId));

export { FOLLOW_UPS } from '../domain/workflow/reconcile';

/** An outbox item lives a week (TTL), long after the relay and the reconciler have run. */
export const OUTBOX_TTL_SECONDS = 7 * 24 * 3600;
/** A receipt is needed until the reconciler's cursor has passed its hour: two days leave room for a stalled run. */
export const RECEIPT_TTL_SECONDS = 2 * 24 * 3600;

/** A TransactWriteItems Put for an outbox item: in its hour's partition, on no index. */
export function outboxPut(tableName: string, event: OutboxEvent, now: Date) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...outboxKey(event),
        type: OUTBOX_ITEM_TYPE,
        ...event,
        expiresAt: Math.floor(now.getTime() / 1000) + OUTBOX_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * The receipts for events put on the bus: one item per hour they occurred in, naming their ids, sorted by the
 * newest of them so that the reconciler reads only those that can name an event behind its cursor.
 */
export function outboxReceipts(events: readonly Pick<OutboxEvent, 'eventId' | 'occurredAt'>[], at: Date) {
  const byHour = new Map<string, Pick<OutboxEvent, 'eventId' | 'occurredAt'>[]>();
  for (const event of events) {
    const hour = outboxItems.hourOf(event.occurredAt);
    byHour.set(hour, [...(byHour.get(hour) ?? []), event]);
  }
  return [...byHour].map(([hour, group]) => {
    const newest = group.map((e) => new Date(e.occurredAt).toISOString()).sort()[group.length - 1]!;
    return {
      pk: outboxItems.receipt.partition(hour),
      sk: outboxItems.receipt.sort(newest, group[0]!.eventId),
      type: outboxItems.receipt.type,
      eventIds: group.map((e) => e.eventId),
      relayedAt: at.toISOString(),
      expiresAt: Math.floor(at.getTime() / 1000) + RECEIPT_TTL_SECONDS,
    };
  });
}

/** Bytes of one PutEvents entry as EventBridge counts them: Source, DetailType, Detail, Resources and 14 for Time. */
export function putEventsEntrySize(entry: {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Resources?: string[];
}): number {
  const utf8 = (s: string | undefined) => (s ? Buffer.byteLength(s, 'utf8') : 0);
  return (
    14 +
    utf8(entry.Source) +
    utf8(entry.DetailType) +
    utf8(entry.Detail) +
    (entry.Resources ?? []).reduce((n, r) => n + utf8(r), 0)
  );
}

/** PutEvents takes at most 10 entries and 256 KB per request. */
export const PUT_EVENTS_MAX_ENTRIES = 10;
export const PUT_EVENTS_MAX_BYTES = 256 * 1024;

/**
 * Splits entries into PutEvents requests by count and by bytes, keeping their order. An entry too large for any
 * request is a chunk of its own (EventBridge refuses it alone, so it cannot hold the others back).
 */
export function chunkByBytes<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  maxBytes = PUT_EVENTS_MAX_BYTES,
  maxEntries = PUT_EVENTS_MAX_ENTRIES,
): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && (current.length >= maxEntries || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
