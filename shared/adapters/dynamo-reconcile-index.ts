import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { WatchedEvent } from '../domain/workflow/reconcile';
import { FOLLOW_UPS, outboxKey, RECONCILE_SHARDS, reconcilePartition, reconcileSortKey } from './outbox';

/**
 * The reconciler's index over outbox items (gsi2 `RECONCILE#<shard>`, sorted by when each is due): read by shard
 * and time, never scanned. Each change is conditional on the item's place in the index, so a relay that marks the
 * item meanwhile is not undone.
 */
export function dynamoReconcileIndex(client: DynamoDBDocumentClient, tableName: string) {
  const ignoreMoved = (error: unknown) => {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  };
  return {
    async due(until: string, limit: number): Promise<WatchedEvent[]> {
      const perShard = Math.max(1, Math.ceil(limit / RECONCILE_SHARDS));
      const pages = await Promise.all(
        Array.from({ length: RECONCILE_SHARDS }, (_, shard) =>
          client.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: 'gsi2',
              KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :until',
              // '~' sorts after every event id character: everything due at `until` is included.
              ExpressionAttributeValues: { ':pk': reconcilePartition(shard), ':until': `${until}#~` },
              Limit: perShard,
            }),
          ),
        ),
      );
      return pages
        .flatMap((page) => page.Items ?? [])
        .map((i) => ({
          eventId: i.eventId as string,
          source: i.source as string,
          detailType: i.detailType as string,
          detail: (i.detail ?? {}) as Record<string, unknown>,
          occurredAt: i.occurredAt as string,
          ...(i.relayedAt ? { relayedAt: i.relayedAt as string } : {}),
          dueKey: i.gsi2sk as string,
        }))
        .sort((a, b) => (a.dueKey < b.dueKey ? -1 : 1));
    },

    async done(event: WatchedEvent): Promise<void> {
      await client
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: outboxKey(event.eventId),
            UpdateExpression: 'REMOVE gsi2pk, gsi2sk',
            ConditionExpression: 'gsi2sk = :k',
            ExpressionAttributeValues: { ':k': event.dueKey },
          }),
        )
        .catch(ignoreMoved);
    },

    async later(event: WatchedEvent, at: string): Promise<void> {
      await client
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: outboxKey(event.eventId),
            // Kept while it is looked after: its TTL moves with it.
            UpdateExpression: 'SET gsi2sk = :next, expiresAt = :exp',
            ConditionExpression: 'gsi2sk = :k',
            ExpressionAttributeValues: {
              ':k': event.dueKey,
              ':next': reconcileSortKey(at, event.eventId),
              ':exp': Math.floor(new Date(at).getTime() / 1000) + 7 * 24 * 3600,
            },
          }),
        )
        .catch(ignoreMoved);
    },

    /** After the reconciler put the event on the bus itself: relayed, and off the index unless it owes a follow-up. */
    async relayed(event: WatchedEvent, at: string): Promise<void> {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: outboxKey(event.eventId),
          UpdateExpression: FOLLOW_UPS.includes(event.detailType)
            ? 'SET relayedAt = :at'
            : 'SET relayedAt = :at REMOVE gsi2pk, gsi2sk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    },
  };
}
