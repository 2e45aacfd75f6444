import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { WriteConflictError } from '../domain/errors';
import { COUNTERS, type Contribution, DIMENSIONS } from '../domain/analytics/counters';
import type { CounterItem } from '../domain/analytics/indicators';
import type { ContributionMember, ContributionSubject, StatsStore } from '../domain/analytics/ports';
import { statItems } from '../db/keys';
import { isTransactionConflict } from './transact';
import { mapWithConcurrency } from '../domain/concurrency';

/**
 * Statistics counters in the main table, without hot keys:
 *   STAT#<day>#<shard> / <matter>#<department>#<region>#<channel>   counters (ADD), plus the dimensions as attributes
 *   STATEVENT#<day>#<shard> / <eventId>   one event's contribution as written (dimensions, counters, its case), so a
 *                                         number can be drilled down to the cases behind it with the same sums; put
 *                                         only where it is not yet, in one transaction with the counter update, it
 *                                         is also the event's exactly-once guard (no ledger marker)
 * The shard comes from the event id, so the events of a busy day spread over STATS_SHARDS partitions; a reader
 * queries every (day, shard) partition of its range and sums. STATS_SHARDS may grow, never shrink (counters in the
 * shards above a smaller value would no longer be read). The ports are the domain's: shared/domain/analytics/ports.ts.
 */
export type { ContributionMember, ContributionSubject, StatsStore };

/** Partitions read at once: enough to read a year (366 × shards) in a second or two, few enough not to throttle. */
const READ_CONCURRENCY = 16;

export function shardOf(eventId: string, shards: number): number {
  return createHash('sha256').update(eventId).digest().readUInt32BE(0) % shards;
}

export const statKey = (
  day: string,
  shard: number,
  d: Pick<Contribution, 'matter' | 'department' | 'region' | 'channel'>,
) => statItems.counter.key(day, shard, d);

export function dynamoStatsStore(documents: DynamoDBDocumentClient, tableName: string, shards: number): StatsStore {
  /** Every item of the (day, shard) partitions of a prefix, optionally one region's. */
  const readPartitions = async <T>(
    days: readonly string[],
    prefix: string,
    region: string | undefined,
    map: (item: Record<string, unknown>) => T,
  ): Promise<T[]> => {
    const partitions = days.flatMap((day) =>
      Array.from({ length: shards }, (_, shard) => statItems.partition(prefix, day, shard)),
    );
    const pages = await mapWithConcurrency(partitions, READ_CONCURRENCY, async (pk) => {
      const items: T[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await documents.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk, ...(region ? { ':region': region } : {}) },
            // A region's prefix (shared/domain/access/scope.ts): 3501 is 福州市 and its districts.
            ...(region
              ? { FilterExpression: 'begins_with(#region, :region)', ExpressionAttributeNames: { '#region': 'region' } }
              : {}),
            ExclusiveStartKey,
          }),
        );
        for (const item of page.Items ?? []) items.push(map(item));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items;
    });
    return pages.flat();
  };
  /** The update that adds an event's contribution to its counter item. */
  const increment = (contribution: Contribution, eventId: string) => {
    const names: Record<string, string> = { '#type': 'type' };
    const values: Record<string, unknown> = { ':type': statItems.counter.type };
    const sets = ['#type = :type'];
    // The dimensions are attributes too, so readers never parse the sort key.
    DIMENSIONS.forEach((dimension, i) => {
      names[`#d${i}`] = dimension;
      values[`:d${i}`] = contribution[dimension];
      sets.push(`#d${i} = :d${i}`);
    });
    const adds = Object.entries(contribution.counters).map(([counter, value], i) => {
      names[`#c${i}`] = counter;
      values[`:c${i}`] = value;
      return `#c${i} :c${i}`;
    });
    return {
      TableName: tableName,
      Key: statKey(contribution.day, shardOf(eventId, shards), contribution),
      UpdateExpression: `SET ${sets.join(', ')}${adds.length > 0 ? ` ADD ${adds.join(', ')}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
  };

  /** The contribution kept under the event's id, put only where it is not yet. */
  const member = (contribution: Contribution, eventId: string, subject: ContributionSubject) => {
    const { counters, ...dimensions } = contribution;
    return {
      TableName: tableName,
      Item: {
        ...statItems.member.key(contribution.day, shardOf(eventId, shards), eventId),
        type: statItems.member.type,
        eventId,
        ...dimensions,
        ...counters,
        ...subject,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    };
  };

  return {
    async record(contribution, eventId, subject) {
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: member(contribution, eventId, subject) },
              { Update: increment(contribution, eventId) },
            ],
          }),
        );
        return 'written';
      } catch (error) {
        const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
        // The kept contribution is the first item: its failed condition means "counted already".
        if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'duplicate';
        if (isTransactionConflict(error))
          throw new WriteConflictError('The counter update collided with another event’s', error);
        throw error;
      }
    },

    async read(days, options = {}) {
      return readPartitions(days, statItems.counter.partitionPrefix, options.region, counterItem);
    },

    async readMembers(days, options = {}) {
      return readPartitions(days, statItems.member.partitionPrefix, options.region, (item) => ({
        ...counterItem(item),
        eventId: String(item.eventId),
        detailType: String(item.detailType ?? ''),
        subjectId: String(item.subjectId),
        ...(typeof item.caseId === 'string' ? { caseId: item.caseId } : {}),
        ...(typeof item.caseNumber === 'string' ? { caseNumber: item.caseNumber } : {}),
      }));
    },
  };
}

function counterItem(item: Record<string, unknown>): CounterItem {
  const picked: Record<string, unknown> = {};
  for (const d of DIMENSIONS) picked[d] = String(item[d]);
  for (const c of COUNTERS) if (typeof item[c] === 'number') picked[c] = item[c];
  return picked as CounterItem;
}
