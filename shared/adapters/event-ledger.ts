import { transactWrite } from './transact';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

/**
 * Exactly-once effects for at-least-once consumers. EventBridge delivers an event one or more times; a consumer's
 * writes commit in one DynamoDB transaction with a marker for (consumer, event id), so a redelivered event finds its
 * marker and changes nothing. Markers expire after 90 days, far beyond EventBridge's 24 h of retries and a DLQ redrive.
 */
export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

export const LEDGER_RETENTION_DAYS = 90;

export function ledgerKey(consumer: string, eventId: string) {
  return { pk: `SEEN#${consumer}#${eventId}`, sk: 'SEEN' } as const;
}

export interface EventLedger {
  /**
   * Writes `items` (at most 99) together with the marker; 'duplicate' when the marker was already there, in which
   * case nothing was written. Any other failed condition among `items` throws the SDK's error.
   */
  writeOnce(consumer: string, eventId: string, items: readonly TransactItem[]): Promise<'written' | 'duplicate'>;
}

export function dynamoEventLedger(documents: DynamoDBDocumentClient, tableName: string, now: () => Date): EventLedger {
  return {
    async writeOnce(consumer, eventId, items) {
      if (items.length > 99) throw new Error(`A consumer may write at most 99 items per event (got ${items.length})`);
      const at = now();
      const marker: TransactItem = {
        Put: {
          TableName: tableName,
          Item: { ...ledgerKey(consumer, eventId), type: 'EventSeen', consumer, eventId, at: at.toISOString(), expiresAt: Math.floor(at.getTime() / 1000) + LEDGER_RETENTION_DAYS * 24 * 3600 },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
      try {
        await transactWrite(documents, { TransactItems: [marker, ...items] });
        return 'written';
      } catch (error) {
        // The marker is the first item: its failed condition means "already handled"; any other is the caller's.
        if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return 'duplicate';
        throw error;
      }
    },
  };
}
