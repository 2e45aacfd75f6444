import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrentChangeError, ValidationError } from '../domain/errors';
import { NO_DECISIONS } from '../domain/supervision/efficiency';
import type { EfficiencyCounters, EfficiencyIncrement, Watch, WatchRef } from '../domain/supervision/model';
import type { EfficiencyStore, WatchStore } from '../domain/supervision/ports';
import { LEDGER_CONSUMER } from '../domain/supervision/track';
import { parseTaskId } from '../domain/workflow/task';
import { supervisionItems } from '../db/keys';
import { decodeCursor, encodeCursor } from './dynamo-cursor';
import type { EventLedger, TransactItem } from './event-ledger';
import { outboxPut } from './outbox';
import { transactWrite } from './transact';

/**
 * 电子监察 in the main table.
 *   SUPERVISION#CASE#<caseId> / WATCH#<kind>#<subjectId>   the watches of a case (its review, its tasks, its
 *                                                          delivery): one partition, so a case's end closes them all
 *   SUPERVISION#<kind>#<subjectId> / WATCH                 complaints and rectifications
 *     gsi1 SUPERVISION#YELLOW|RED#<department> / <regionCode>#<dueDate>#<watchId>   open yellow and red watches only:
 *          the warning and overdue lists, per department, a region by key prefix
 *     gsi2 WATCHDUE#<dueDate> / <watchId>                    open, unpaused watches only: the sweep reads one date
 *   SUPERVISION#SWEEP / CURSOR                              the last date the sweep completed
 *   SUPERVISION#EFFICIENCY#<department> / <date>#<regionCode>   decision counters of a department's day
 */
const CASE_KINDS: readonly string[] = ['task', 'case', 'delivery'];

function caseIdOf(ref: WatchRef): string {
  const caseId = ref.caseId ?? (ref.kind === 'task' ? parseTaskId(ref.subjectId)?.caseId : ref.subjectId);
  if (!caseId) throw new Error(`A ${ref.kind} watch needs its case id (${ref.subjectId})`);
  return caseId;
}

export function watchKey(ref: WatchRef): { pk: string; sk: string } {
  if (CASE_KINDS.includes(ref.kind)) return WATCH.caseWatchKey(caseIdOf(ref), ref.kind, ref.subjectId);
  return WATCH.ownKey(ref.kind, ref.subjectId);
}

const { watch: WATCH, sweep: SWEEP, efficiency: EFFICIENCY } = supervisionItems;
const levelPk = WATCH.levelList;
const SWEEP_KEY = SWEEP.key;
const efficiencyPk = EFFICIENCY.partition;

function watchItem(watch: Watch) {
  return {
    ...watchKey(watch),
    type: WATCH.type,
    ...watch,
    // Only what the lists and the sweep need: a paused or closed watch is on neither index.
    ...(watch.status === 'open' && watch.level !== 'green'
      ? {
          gsi1pk: levelPk(watch.level, watch.department),
          gsi1sk: WATCH.levelSort(watch.regionCode, watch.dueDate, watch.id),
        }
      : {}),
    ...(watch.status === 'open' ? { gsi2pk: WATCH.dueOn(watch.dueDate), gsi2sk: watch.id } : {}),
  };
}

function strip(item: Record<string, unknown>): Watch {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, type: _t, ...rest } = item;
  return rest as unknown as Watch;
}

const COUNTER_NAMES = [
  'tasksDecided',
  'tasksOnTime',
  'taskDaysUsed',
  'taskLimitDays',
  'casesDecided',
  'casesOnTime',
  'caseDaysUsed',
  'caseLimitDays',
] as const;

/** One decision's counters, merged per department, day and region (one update per item in a transaction). */
function counterUpdates(tableName: string, increments: readonly EfficiencyIncrement[]): TransactItem[] {
  const merged = new Map<
    string,
    { department: string; regionCode: string; date: string; counters: Record<(typeof COUNTER_NAMES)[number], number> }
  >();
  for (const i of increments) {
    const key = `${i.department}|${i.date}|${i.regionCode}`;
    const entry = merged.get(key) ?? {
      department: i.department,
      regionCode: i.regionCode,
      date: i.date,
      counters: { ...NO_DECISIONS },
    };
    const prefix = i.kind === 'task' ? 'task' : 'case';
    entry.counters[`${prefix}sDecided`] += 1;
    entry.counters[`${prefix}sOnTime`] += i.onTime ? 1 : 0;
    entry.counters[`${prefix}DaysUsed`] += i.daysUsed;
    entry.counters[`${prefix}LimitDays`] += i.limitDays;
    merged.set(key, entry);
  }
  return [...merged.values()].map((e) => ({
    Update: {
      TableName: tableName,
      Key: EFFICIENCY.key(e.department, e.date, e.regionCode),
      UpdateExpression: `SET #type = :type, #department = :department, #region = :region, #date = :date ADD ${COUNTER_NAMES.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
      ExpressionAttributeNames: {
        '#type': 'type',
        '#department': 'department',
        '#region': 'regionCode',
        '#date': 'date',
        ...Object.fromEntries(COUNTER_NAMES.map((n, i) => [`#c${i}`, n])),
      },
      ExpressionAttributeValues: {
        ':type': EFFICIENCY.type,
        ':department': e.department,
        ':region': e.regionCode,
        ':date': e.date,
        ...Object.fromEntries(COUNTER_NAMES.map((n, i) => [`:c${i}`, e.counters[n]])),
      },
    },
  }));
}

const invalidCursor = () =>
  new ValidationError('The cursor is not one this list gave out', [
    { path: 'query.cursor', rule: 'cursor', message: 'use nextCursor from the previous page' },
  ]);

export function dynamoSupervisionStore(
  client: DynamoDBDocumentClient,
  tableName: string,
  ledger: EventLedger,
  now: () => Date,
): WatchStore & EfficiencyStore {
  const query = async (input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>) => {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new QueryCommand({ TableName: tableName, ...input, ExclusiveStartKey }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  };

  return {
    async get(ref) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: watchKey(ref), ConsistentRead: true }),
      );
      return Item ? strip(Item) : undefined;
    },

    async ofCase(caseId) {
      const items = await query({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :w)',
        ExpressionAttributeValues: { ':pk': WATCH.casePartition(caseId), ':w': WATCH.prefix },
        ConsistentRead: true,
      });
      return items.map(strip);
    },

    async commit({ eventId, changes, notices, counters = [] }) {
      const at = now();
      const items: TransactItem[] = [
        ...changes.map(({ before, after }) => ({
          Put: {
            TableName: tableName,
            Item: watchItem(after),
            ...(before
              ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': before.version } }
              : { ConditionExpression: 'attribute_not_exists(pk)' }),
          },
        })),
        ...notices.map((event) => outboxPut(tableName, event, at)),
        ...counterUpdates(tableName, counters),
      ];
      try {
        if (eventId) return await ledger.writeOnce(LEDGER_CONSUMER, eventId, items);
        if (items.length > 0) await transactWrite(client, { TransactItems: items });
        return 'written';
      } catch (error) {
        if (
          error instanceof TransactionCanceledException &&
          error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')
        ) {
          throw new ConcurrentChangeError('A watch changed meanwhile; read it again');
        }
        throw error;
      }
    },

    async dueOn(date) {
      return (
        await query({
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': WATCH.dueOn(date) },
        })
      ).map(strip);
    },

    async listLevel({ level, department, regionPrefix, kind, limit, cursor }) {
      const pk = levelPk(level, department);
      let start: Record<string, unknown> | undefined;
      if (cursor) {
        try {
          start = decodeCursor(cursor, `supervision:${pk}:${regionPrefix ?? ''}:${kind ?? ''}`);
        } catch {
          throw invalidCursor();
        }
        // A cursor only continues the partition (and region) it came from.
        if (
          !start ||
          start.gsi1pk !== pk ||
          typeof start.gsi1sk !== 'string' ||
          !start.gsi1sk.startsWith(regionPrefix ?? '') ||
          typeof start.pk !== 'string' ||
          typeof start.sk !== 'string' ||
          Object.keys(start).length !== 4
        ) {
          throw invalidCursor();
        }
      }
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: regionPrefix ? 'gsi1pk = :pk AND begins_with(gsi1sk, :region)' : 'gsi1pk = :pk',
          ...(kind ? { FilterExpression: '#kind = :kind', ExpressionAttributeNames: { '#kind': 'kind' } } : {}),
          ExpressionAttributeValues: {
            ':pk': pk,
            ...(regionPrefix ? { ':region': regionPrefix } : {}),
            ...(kind ? { ':kind': kind } : {}),
          },
          Limit: limit,
          ExclusiveStartKey: start,
        }),
      );
      const next = encodeCursor(page.LastEvaluatedKey, `supervision:${pk}:${regionPrefix ?? ''}:${kind ?? ''}`);
      return { items: (page.Items ?? []).map(strip), ...(next ? { cursor: next } : {}) };
    },

    async sweepCursor() {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: SWEEP_KEY, ConsistentRead: true }),
      );
      return Item?.sweptThrough as string | undefined;
    },

    async saveSweepCursor(date, previous) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...SWEEP_KEY,
              type: SWEEP.type,
              sweptThrough: date,
              previous: previous ?? null,
              at: now().toISOString(),
            },
            ConditionExpression: 'attribute_not_exists(pk) OR sweptThrough < :d',
            ExpressionAttributeValues: { ':d': date },
          }),
        );
      } catch (error) {
        // Another run got as far or further: the cursor never moves back.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    async efficiency(department, from, to, regionPrefix) {
      const items = await query({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ...(regionPrefix
          ? { FilterExpression: 'begins_with(#region, :region)', ExpressionAttributeNames: { '#region': 'regionCode' } }
          : {}),
        ExpressionAttributeValues: {
          ':pk': efficiencyPk(department),
          ':from': from,
          ':to': `${to}#~`,
          ...(regionPrefix ? { ':region': regionPrefix } : {}),
        },
      });
      const sum: Record<string, number> = { ...NO_DECISIONS };
      for (const item of items) for (const name of COUNTER_NAMES) sum[name]! += Number(item[name] ?? 0);
      return sum as unknown as EfficiencyCounters;
    },
  };
}
