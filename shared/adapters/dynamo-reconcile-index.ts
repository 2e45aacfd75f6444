import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type ItemKey, outboxItems } from '../db/keys';
import type { WatchedEvent } from '../domain/workflow/reconcile';
import { batchGetAll, queryAll } from './dynamo-reads';
import {
  FOLLOW_UPS,
  OUTBOX_TTL_SECONDS,
  outboxKey,
  RECONCILE_SHARDS,
  reconcilePartition,
  reconcileShardOf,
  reconcileSortKey,
} from './outbox';

const HOUR_MS = 3600_000;
/** Without a cursor (a new stage), the reconciler starts a day back: the stream's own retention. */
const FIRST_LOOK_BACK_MS = 24 * HOUR_MS;
// '~' sorts after every character of an event id: `${t}#~` bounds every key of an event that occurred at t.
const after = (iso: string) => `${iso}#~`;

/**
 * Where the reconciler reads: the outbox's hours behind its cursor (each shard's partition, in time order), the
 * relay's receipts for those hours, and its index (gsi2 `RECONCILE#<shard>`, sorted by when each item is due) of the
 * events it keeps looking after. Nothing scans. Each change on the index is conditional on the item's place in it,
 * so a change made meanwhile is not undone.
 */
export function dynamoReconcileIndex(client: DynamoDBDocumentClient, tableName: string) {
  /** Where an event's item is: the index gives it; an event read from its hour has the key of its hour. */
  const itemKeys = new WeakMap<WatchedEvent, ItemKey>();
  const keyOf = (event: WatchedEvent) => itemKeys.get(event) ?? outboxKey(event);
  const ignoreMoved = (error: unknown) => {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  };

  const watched = (i: Record<string, unknown>, relayedAt = i.relayedAt as string | undefined): WatchedEvent => {
    const event: WatchedEvent = {
      eventId: i.eventId as string,
      source: i.source as string,
      detailType: i.detailType as string,
      detail: (i.detail ?? {}) as Record<string, unknown>,
      occurredAt: i.occurredAt as string,
      ...(relayedAt ? { relayedAt } : {}),
      ...(typeof i.gsi2sk === 'string' ? { dueKey: i.gsi2sk } : {}),
    };
    itemKeys.set(event, { pk: i.pk as string, sk: i.sk as string });
    return event;
  };

  /** Items on the index due by `until`, oldest first. */
  async function onIndex(until: string, limit: number): Promise<WatchedEvent[]> {
    const perShard = Math.max(1, Math.ceil(limit / RECONCILE_SHARDS));
    const pages = await Promise.all(
      Array.from({ length: RECONCILE_SHARDS }, (_, shard) =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :until',
            ExpressionAttributeValues: { ':pk': reconcilePartition(shard), ':until': after(until) },
            Limit: perShard,
          }),
        ),
      ),
    );
    return pages
      .flatMap((page) => page.Items ?? [])
      .map((i) => watched(i))
      .sort((a, b) => ((a.dueKey ?? '') < (b.dueKey ?? '') ? -1 : 1));
  }

  /**
   * The events that occurred after `from` and by `until` that need judging: those never relayed (no receipt names
   * them), and the relayed ones that owe a follow-up; every other event needs nothing more. Read hour by hour, in time
   * order, keys and kinds first (a small projection) and whole items only for those judged, and at most `limit` of
   * them a run (with any that share the last one's instant): `checkpoint` is how far that got, so a reconciler that
   * fell behind catches up over its next runs instead of never finishing one.
   */
  async function behindCursor(
    from: string,
    until: string,
    limit: number,
  ): Promise<{ events: WatchedEvent[]; checkpoint: string }> {
    const found: Record<string, unknown>[] = [];
    const relayedAt = new Map<string, string>();
    let checkpoint = until;
    for (let t = Date.parse(`${outboxItems.hourOf(from)}:00:00Z`); t <= Date.parse(until); t += HOUR_MS) {
      const hour = outboxItems.hourOf(new Date(t).toISOString());
      const [events, receipts] = await Promise.all([
        Promise.all(
          Array.from({ length: RECONCILE_SHARDS }, (_, shard) =>
            queryAll(client, {
              TableName: tableName,
              KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :until',
              ExpressionAttributeValues: {
                ':pk': outboxItems.partition(hour, shard),
                ':from': after(from),
                ':until': after(until),
              },
              ProjectionExpression: 'pk, sk, eventId, detailType, relayedAt, gsi2pk',
            }),
          ),
        ),
        // A receipt sorts by the newest event it names: one that names an event after `from` sorts after it.
        queryAll(client, {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk > :from',
          ExpressionAttributeValues: { ':pk': outboxItems.receipt.partition(hour), ':from': from },
        }),
      ]);
      for (const receipt of receipts)
        for (const id of receipt.eventIds as string[]) relayedAt.set(id, receipt.relayedAt as string);
      found.push(
        ...events
          .flat()
          // An event the reconciler keeps is on the index, and judged from there.
          .filter((i) => i.gsi2pk === undefined)
          .filter(
            (i) => !(relayedAt.has(i.eventId as string) || i.relayedAt) || FOLLOW_UPS.includes(i.detailType as string),
          ),
      );
      if (found.length >= limit) {
        found.sort((a, b) => ((a.sk as string) < (b.sk as string) ? -1 : 1));
        // The events of one transaction share their instant: the cut never falls between them.
        const instant = (i: Record<string, unknown>) => outboxItems.instantOf(i.sk as string);
        checkpoint = instant(found[limit - 1]!);
        const beyond = found.findIndex((i) => instant(i) > checkpoint);
        if (beyond >= 0) found.length = beyond;
        break;
      }
    }
    const items = await batchGetAll(
      client,
      tableName,
      found.map((i) => ({ pk: i.pk as string, sk: i.sk as string })),
    );
    return {
      events: items
        .map((i) => watched(i, relayedAt.get(i.eventId as string) ?? (i.relayedAt as string | undefined)))
        .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt)),
      checkpoint,
    };
  }

  return {
    async due(until: string, limit: number): Promise<{ events: WatchedEvent[]; checkpoint?: string }> {
      // Read strongly: a cursor read behind its last move would judge those events again.
      const cursor = (
        await client.send(new GetCommand({ TableName: tableName, Key: outboxItems.cursor.key, ConsistentRead: true }))
      ).Item;
      const from =
        (cursor?.through as string | undefined) ?? new Date(Date.parse(until) - FIRST_LOOK_BACK_MS).toISOString();
      if (from >= until) return { events: await onIndex(until, limit) };
      const [indexed, scanned] = await Promise.all([onIndex(until, limit), behindCursor(from, until, limit)]);
      return { events: [...indexed, ...scanned.events], checkpoint: scanned.checkpoint };
    },

    async advance(checkpoint: string): Promise<void> {
      await client
        .send(
          new PutCommand({
            TableName: tableName,
            Item: { ...outboxItems.cursor.key, type: outboxItems.cursor.type, through: checkpoint },
            // Forward only: a run that overlapped a later one does not move the cursor back.
            ConditionExpression: 'attribute_not_exists(through) OR through < :through',
            ExpressionAttributeValues: { ':through': checkpoint },
          }),
        )
        .catch(ignoreMoved);
    },

    async done(event: WatchedEvent): Promise<void> {
      if (event.dueKey === undefined) return;
      await client
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(event),
            UpdateExpression: 'REMOVE gsi2pk, gsi2sk',
            ConditionExpression: 'gsi2sk = :k',
            ExpressionAttributeValues: { ':k': event.dueKey },
          }),
        )
        .catch(ignoreMoved);
    },

    async later(event: WatchedEvent, at: string): Promise<void> {
      const onIt = event.dueKey !== undefined;
      await client
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(event),
            // Kept while it is looked after: its TTL moves with it, and what the receipt said goes with it.
            UpdateExpression: `SET gsi2pk = :pk, gsi2sk = :next, expiresAt = :exp${event.relayedAt ? ', relayedAt = :rel' : ''}`,
            ConditionExpression: onIt ? 'gsi2sk = :k' : 'attribute_exists(pk)',
            ExpressionAttributeValues: {
              ...(onIt ? { ':k': event.dueKey } : {}),
              ...(event.relayedAt ? { ':rel': event.relayedAt } : {}),
              ':pk': reconcilePartition(reconcileShardOf(event.eventId)),
              ':next': reconcileSortKey(at, event.eventId),
              ':exp': Math.floor(new Date(at).getTime() / 1000) + OUTBOX_TTL_SECONDS,
            },
          }),
        )
        .catch(ignoreMoved);
    },

    /**
     * After the reconciler put the event on the bus itself: marked relayed on its item (a run that reads its hour
     * again, or the index, sees it), and off the index unless it owes a follow-up.
     */
    async relayed(event: WatchedEvent, at: string): Promise<void> {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keyOf(event),
          UpdateExpression:
            FOLLOW_UPS.includes(event.detailType) || event.dueKey === undefined
              ? 'SET relayedAt = :at'
              : 'SET relayedAt = :at REMOVE gsi2pk, gsi2sk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    },
  };
}
