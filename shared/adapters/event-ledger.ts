import { transactWrite } from './transact';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ledgerItems } from '../db/keys';
import type { EventLedger } from '../domain/events';
import type { StoreWrite } from '../domain/store-write';

export type { EventLedger };

/**
 * Exactly-once effects for at-least-once consumers whose effect is several items with no key of their own to guard
 * it. EventBridge delivers an event one or more times; such a consumer's writes commit in one DynamoDB transaction
 * with a marker for (consumer, event id), so a redelivered event finds its marker and changes nothing. Markers expire
 * after 90 days, far beyond EventBridge's 24 h of retries and a DLQ redrive.
 *
 * A marker doubles the cost of what it guards (a transaction bills every item twice), so a consumer whose effect can
 * guard itself does without: messaging's inbox message and analytics' kept contribution are keyed by the event and
 * put only where they are not yet; supervision's watches are conditional on their version and leave a repeated event
 * as they are. Use this ledger only where no such key exists.
 */
export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/**
 * The domain's other writes of a transaction (StoreWrite) as what they are: TransactItems some adapter made. A
 * TransactItem is a StoreWrite as it stands; this is the one way back.
 */
export const transactItemsOf = (writes: readonly StoreWrite[]): TransactItem[] => writes as TransactItem[];

export const LEDGER_RETENTION_DAYS = 90;

export const ledgerKey = ledgerItems.key;

export function dynamoEventLedger(documents: DynamoDBDocumentClient, tableName: string, now: () => Date): EventLedger {
  return {
    async writeOnce(consumer, eventId, items) {
      if (items.length > 99) throw new Error(`A consumer may write at most 99 items per event (got ${items.length})`);
      const at = now();
      const marker: TransactItem = {
        Put: {
          TableName: tableName,
          Item: {
            ...ledgerKey(consumer, eventId),
            type: ledgerItems.type,
            consumer,
            eventId,
            at: at.toISOString(),
            expiresAt: Math.floor(at.getTime() / 1000) + LEDGER_RETENTION_DAYS * 24 * 3600,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
      try {
        await transactWrite(documents, { TransactItems: [marker, ...transactItemsOf(items)] });
        return 'written';
      } catch (error) {
        // The marker is the first item: its failed condition means "already handled"; any other is the caller's.
        if (
          error instanceof TransactionCanceledException &&
          error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
        )
          return 'duplicate';
        throw error;
      }
    },
  };
}
