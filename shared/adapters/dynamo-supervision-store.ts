import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrentChangeError, ValidationError } from '../domain/errors';
import { NO_DECISIONS } from '../domain/supervision/efficiency';
import {
  type EfficiencyCounters,
  type EfficiencyIncrement,
  type Watch,
  type WatchRef,
  watchId,
} from '../domain/supervision/model';
import type { EfficiencyStore, WatchStore } from '../domain/supervision/ports';
import { parseTaskId } from '../domain/workflow/task';
import { supervisionItems } from '../db/keys';
import { decodeCursor, encodeCursor } from './dynamo-cursor';
import { queryAll } from './dynamo-reads';
import { outboxPut } from './outbox';
import { transactWrite } from './transact';

/**
 * 电子监察 in the main table.
 *   SUPERVISION#CASE#<caseId> / WATCH#<kind>#<subjectId>   the watches of a case (its review, its tasks, its
 *                                                          delivery): one partition, so a case's end closes them all
 *   SUPERVISION#<kind>#<subjectId> / WATCH                 complaints and rectifications
 *     gsi1 SUPERVISION#YELLOW|RED#<department> / <regionCode>#<dueDate>#<watchId>   open yellow and red watches only:
 *          the warning and overdue lists, per department, a region by key prefix
 *     gsi2 WATCHDUE#<dueDate> / <watchId>                    open, unpaused watches only: the sweep and the
 *          deadlines of a date (GET /supervision/deadlines) read one date
 *   SUPERVISION#SWEEP / CURSOR                              the last date the sweep completed
 *   SUPERVISION#EFFICIENCY#<department> / <date>#<regionCode>#<kind>#<eventId>   one decision's counters, put
 *                                                          once under its event's id (a redelivery finds it there)
 *   SUPERVISION#EFFICIENCY#<department> / <date>#<regionCode>   a day's summed counters (earlier releases; still read)
 * A report sums every item of the department's days: both shapes carry the same counter attributes.
 */
const CASE_KINDS: readonly string[] = ['task', 'case', 'delivery'];

/** Reads of one date's index a deadlines page may take before it answers short, with a cursor. */
const DUE_PAGE_READS = 8;
/** Watches read at least, per read, when a region filter drops those of other regions. */
const DUE_FILTERED_READ = 200;

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

/** One decision's counters as an item of its own: the attributes the summed items have, for the same sums. */
function decisionItem(i: EfficiencyIncrement, eventId: string) {
  const prefix = i.kind === 'task' ? 'task' : 'case';
  return {
    ...EFFICIENCY.decisionKey(i, eventId),
    type: EFFICIENCY.decisionType,
    regionCode: i.regionCode,
    [`${prefix}sDecided`]: 1,
    [`${prefix}sOnTime`]: i.onTime ? 1 : 0,
    [`${prefix}DaysUsed`]: i.daysUsed,
    [`${prefix}LimitDays`]: i.limitDays,
  };
}

const failedCondition = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error instanceof TransactionCanceledException &&
    Boolean(error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')));

const invalidCursor = () =>
  new ValidationError('The cursor is not one this list gave out', [
    { path: 'query.cursor', rule: 'cursor', message: 'use nextCursor from the previous page' },
  ]);

export function dynamoSupervisionStore(
  client: DynamoDBDocumentClient,
  tableName: string,
  now: () => Date,
): WatchStore & EfficiencyStore {
  const query = (input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>) =>
    queryAll(client, { TableName: tableName, ...input });

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

    async commit({ eventId, changes, counters = [] }) {
      if (counters.length > 0 && !eventId) throw new Error('A decision is counted under its event id');
      const at = now();
      // Each write alone, conditional: a watch on its version (with its notice, if any, in one transaction), a
      // decision's counters on not being there yet. A retried event re-plans from what is stored and so finishes
      // whatever an earlier attempt left undone.
      const watchWrites = changes.map(async ({ before, after, notice }) => {
        const put = {
          TableName: tableName,
          Item: watchItem(after),
          ...(before
            ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': before.version } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        };
        if (notice) await transactWrite(client, { TransactItems: [{ Put: put }, outboxPut(tableName, notice, at)] });
        else await client.send(new PutCommand(put));
        return true;
      });
      const counterWrites = counters.map(async (increment) => {
        try {
          await client.send(
            new PutCommand({
              TableName: tableName,
              Item: decisionItem(increment, eventId!),
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
          return true;
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException) return false;
          throw error;
        }
      });
      const results = await Promise.allSettled([...watchWrites, ...counterWrites]);
      const failed = results.filter((r) => r.status === 'rejected').map((r) => r.reason as unknown);
      if (failed.some(failedCondition)) throw new ConcurrentChangeError('A watch changed meanwhile; read it again');
      if (failed.length > 0) throw failed[0];
      return results.some((r) => r.status === 'fulfilled' && r.value) ? 'written' : 'unchanged';
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

    async pageDueOn({ date, regionPrefix, kind, limit, cursor }) {
      const list = `supervision:due:${date}:${regionPrefix ?? ''}:${kind ?? ''}`;
      let start = decodeCursor(cursor, list);
      // A kind narrows by key (the sort key is the watch id, `<kind>#<subjectId>`); a region only by filter, so one
      // read of a busy date may hold few of a district's watches: read on until the page is full, the date ends,
      // or DUE_PAGE_READS reads were made (then the page is short, with a cursor to go on).
      const items: Watch[] = [];
      for (let reads = 0; reads < DUE_PAGE_READS && items.length < limit; reads++) {
        const wanted = limit - items.length;
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi2',
            KeyConditionExpression: kind ? 'gsi2pk = :pk AND begins_with(gsi2sk, :kind)' : 'gsi2pk = :pk',
            ...(regionPrefix ? { FilterExpression: 'begins_with(regionCode, :region)' } : {}),
            ExpressionAttributeValues: {
              ':pk': WATCH.dueOn(date),
              ...(regionPrefix ? { ':region': regionPrefix } : {}),
              ...(kind ? { ':kind': watchId(kind, '') } : {}),
            },
            // Limit counts the items read before the filter: a filtered read takes more, and the page is cut below.
            Limit: regionPrefix ? Math.max(wanted, DUE_FILTERED_READ) : wanted,
            ExclusiveStartKey: start,
          }),
        );
        const found = page.Items ?? [];
        const kept = found.slice(0, wanted);
        items.push(...kept.map(strip));
        start = page.LastEvaluatedKey;
        if (kept.length < found.length) {
          // Cut inside the read: the next page starts after the last watch kept (its keys in the index and table).
          const last = kept[kept.length - 1]!;
          start = { gsi2pk: last.gsi2pk, gsi2sk: last.gsi2sk, pk: last.pk, sk: last.sk };
        }
        if (!start) break;
      }
      const next = encodeCursor(start, list);
      return { items, ...(next ? { cursor: next } : {}) };
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
