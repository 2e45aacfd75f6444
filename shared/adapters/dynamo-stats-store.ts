import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { COUNTERS, type Contribution, type CounterItem, DIMENSIONS } from '../domain/analytics/indicators';
import type { TransactItem } from './event-ledger';

/**
 * Statistics counters in the main table, without hot keys:
 *   STAT#<day>#<shard> / <matter>#<department>#<region>#<channel>   counters (ADD), plus the dimensions as attributes
 * The shard comes from the event id, so the events of a busy day spread over STATS_SHARDS partitions; a reader
 * queries every (day, shard) partition of its range and sums. STATS_SHARDS may grow, never shrink (counters in the
 * shards above a smaller value would no longer be read).
 */
export interface StatsStore {
  /** The update that adds an event's contribution to its counter item, to commit with the event ledger's marker. */
  increment(contribution: Contribution, eventId: string): TransactItem;
  /** Every counter item of these days, all shards; only one region's when `region` is given. */
  read(days: readonly string[], options?: { region?: string }): Promise<CounterItem[]>;
}

/** Partitions read at once: enough to read a year (366 × shards) in a second or two, few enough not to throttle. */
const READ_CONCURRENCY = 16;

export function shardOf(eventId: string, shards: number): number {
  return createHash('sha256').update(eventId).digest().readUInt32BE(0) % shards;
}

export const statKey = (day: string, shard: number, d: Pick<Contribution, 'matter' | 'department' | 'region' | 'channel'>) => ({
  pk: `STAT#${day}#${shard}`,
  sk: `${d.matter}#${d.department}#${d.region}#${d.channel}`,
});

export function dynamoStatsStore(documents: DynamoDBDocumentClient, tableName: string, shards: number): StatsStore {
  return {
    increment(contribution, eventId) {
      const names: Record<string, string> = { '#type': 'type' };
      const values: Record<string, unknown> = { ':type': 'Stat' };
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
        Update: {
          TableName: tableName,
          Key: statKey(contribution.day, shardOf(eventId, shards), contribution),
          UpdateExpression: `SET ${sets.join(', ')}${adds.length > 0 ? ` ADD ${adds.join(', ')}` : ''}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      };
    },

    async read(days, options = {}) {
      const partitions = days.flatMap((day) => Array.from({ length: shards }, (_, shard) => `STAT#${day}#${shard}`));
      const pages = await mapWithConcurrency(partitions, READ_CONCURRENCY, async (pk) => {
        const items: CounterItem[] = [];
        let ExclusiveStartKey: Record<string, unknown> | undefined;
        do {
          const page = await documents.send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': pk, ...(options.region ? { ':region': options.region } : {}) },
              ...(options.region ? { FilterExpression: '#region = :region', ExpressionAttributeNames: { '#region': 'region' } } : {}),
              ExclusiveStartKey,
            }),
          );
          for (const item of page.Items ?? []) items.push(counterItem(item));
          ExclusiveStartKey = page.LastEvaluatedKey;
        } while (ExclusiveStartKey);
        return items;
      });
      return pages.flat();
    },
  };
}

function counterItem(item: Record<string, unknown>): CounterItem {
  const picked: Record<string, unknown> = {};
  for (const d of DIMENSIONS) picked[d] = String(item[d]);
  for (const c of COUNTERS) if (typeof item[c] === 'number') picked[c] = item[c];
  return picked as CounterItem;
}

async function mapWithConcurrency<T, R>(inputs: readonly T[], limit: number, fn: (input: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await fn(inputs[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}
