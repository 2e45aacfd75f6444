import { createHash } from 'node:crypto';
import { outboxItems } from '../db/keys';
import type { OutboxEvent } from '../domain/events';

/** The event type is the domain's (shared/domain/events.ts); re-exported for the adapters and functions that import it here. */
export type { OutboxEvent };

/**
 * The transactional outbox. A command writes its state change and an outbox item in one DynamoDB transaction; the
 * table's stream carries the item to the outbox relay (functions/integration/outbox-relay.ts), which puts it on the
 * bus. Nothing accepted is lost: if the put fails, the stream delivers the record again; if the stream itself gives
 * up (AWS keeps a record 24 hours), the reconciler finds the item still marked unrelayed and puts it again.
 */
export const OUTBOX_ITEM_TYPE = outboxItems.type;

/** The Lambda event-filter pattern that selects new outbox items from the table's stream. */
export const OUTBOX_STREAM_FILTER = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { type: { S: [OUTBOX_ITEM_TYPE] } } },
} as const;

/**
 * Outbox items wait on the reconciler's index (gsi2 `RECONCILE#<shard>` / `<due>#<eventId>`) until they need no
 * more looking after: the relay takes an item off once it is on the bus, unless the event owes a follow-up that the
 * reconciler checks (FOLLOW_UPS). Shards keep the partitions cool; the reconciler reads each one.
 */
export const RECONCILE_SHARDS = 4;
export const reconcileShardOf = (eventId: string) =>
  createHash('sha256').update(eventId).digest()[0]! % RECONCILE_SHARDS;
// This module owns the outbox items: the reconciler's index and the relay reach them through these.
export const reconcilePartition = outboxItems.reconcilePartition;
export const reconcileSortKey = outboxItems.reconcileSort;
export const outboxKey = outboxItems.key;

export { FOLLOW_UPS } from '../domain/workflow/reconcile';

/** An outbox item lives a week (TTL), long after the relay and the reconciler have run. */
export const OUTBOX_TTL_SECONDS = 7 * 24 * 3600;

/** A TransactWriteItems Put for an outbox item, waiting on the reconciler's index until the relay has put it on the bus. */
export function outboxPut(tableName: string, event: OutboxEvent, now: Date) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...outboxKey(event.eventId),
        type: OUTBOX_ITEM_TYPE,
        ...event,
        gsi2pk: reconcilePartition(reconcileShardOf(event.eventId)),
        gsi2sk: reconcileSortKey(event.occurredAt, event.eventId),
        expiresAt: Math.floor(now.getTime() / 1000) + OUTBOX_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
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
