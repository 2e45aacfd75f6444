/**
 * The transactional outbox. A command writes its state change and an outbox item in one DynamoDB transaction; the
 * table's stream carries the item to the outbox relay (functions/integration/outbox-relay.ts), which puts it on the
 * bus. Nothing accepted is lost: if the put fails, the stream delivers the record again.
 */
export const OUTBOX_ITEM_TYPE = 'OutboxEvent';

export interface OutboxEvent {
  /** Stable across redeliveries: consumers de-duplicate on it (EventBridge assigns its own envelope id). */
  readonly eventId: string;
  readonly source: string;
  readonly detailType: string;
  readonly detail: Record<string, unknown>;
  readonly occurredAt: string;
}

/** The Lambda event-filter pattern that selects new outbox items from the table's stream. */
export const OUTBOX_STREAM_FILTER = { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: [OUTBOX_ITEM_TYPE] } } } } as const;

/** A TransactWriteItems Put for an outbox item; it expires after a week (TTL), long after the relay has run. */
export function outboxPut(tableName: string, event: OutboxEvent, now: Date) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        pk: `OUTBOX#${event.eventId}`,
        sk: 'EVENT',
        type: OUTBOX_ITEM_TYPE,
        ...event,
        expiresAt: Math.floor(now.getTime() / 1000) + 7 * 24 * 3600,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
