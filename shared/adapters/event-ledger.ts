import { transactWrite } from './transact';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ledgerItems } from '../db/keys';
import { WriteConflictError } from '../domain/errors';
import type { EventLedger } from '../domain/events';
import type { StoreWrite } from '../domain/store-write';

export type { EventLedger };

/**
 * Exactly-once effects for at-least-once consumers. EventBridge delivers an event one or more times; a consumer's
 * writes commit in one DynamoDB transaction with a marker for (consumer, event id), so a redelivered event finds its
 * marker and changes nothing. Markers expire after 90 days, far beyond EventBridge's 24 h of retries and a DLQ redrive.
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

/**
 * The ledger of a consumer that retries a transaction conflict itself (the analytics consumer: its counter items
 * collide when events of the same day and dimensions land at once). A TransactionCanceledException with a
 * TransactionConflict among its reasons, or a TransactionConflictException, is thrown as the domain's
 * WriteConflictError, the SDK's error its cause; any other error as it came.
 */
export function conflictsAsDomainErrors(ledger: EventLedger): EventLedger {
  return {
    async writeOnce(consumer, eventId, items) {
      try {
        return await ledger.writeOnce(consumer, eventId, items);
      } catch (error) {
        if (isAnyTransactionConflict(error))
          throw new WriteConflictError(`The event ledger's transaction for ${consumer} collided with another`, error);
        throw error;
      }
    },
  };
}

/** A conflict among the reasons, even beside a failed condition (unlike transact.ts's isTransactionConflict). */
function isAnyTransactionConflict(error: unknown): boolean {
  if (error instanceof TransactionCanceledException)
    return Boolean(error.CancellationReasons?.some((r) => r.Code === 'TransactionConflict'));
  return (error as { name?: string })?.name === 'TransactionConflictException';
}
