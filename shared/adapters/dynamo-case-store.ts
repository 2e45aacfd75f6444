import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { HistoryEntry } from '../domain/applications/case';
import type { CaseCommit, CaseStore, DueItem, IdempotencyRecord } from '../domain/applications/ports';
import { type DepartmentTask, parseTaskId } from '../domain/workflow/task';
import type { Authorisation, CaseRecord, PendingUpload } from '../domain/applications/model';
import { ConcurrentChangeError } from '../domain/errors';
import { MAX_TRANSACTION_ITEMS } from '../domain/applications/changes';
import { caseItems } from '../db/keys';
import { transactItemsOf } from './event-ledger';
import { outboxPut } from './outbox';
import { decodeCursor, encodeCursor } from './dynamo-cursor';
import { transactWrite } from './transact';

/**
 * Cases in the main table.
 *   CASE#<id> / CASE            the case's current state; gsi1 OWNER#<identity> by creation time; while waiting
 *                               for the window, gsi2 QUEUE#ACCEPTANCE by acceptance deadline (queue and sweep)
 *   CASE#<id> / H#000001        history entries, written once (condition attribute_not_exists)
 *   CASE#<id> / UPLOAD#<id>     pending uploads
 *   AGENT#<sub> / CASE#<at>#<id>  an agent's cases
 *   INTAKE#<sub> / CASE#<at>#<id> the walk-in cases a window officer registered (窗口收件)
 *   CASES#<yyyymmdd> / <at>#<id>  the cases created on a day (Asia/Shanghai), for supervisors
 *   CASENO#<number> / CASENO    the case a number belongs to (complaints name a case by its number)
 *   EXTENSIONS#PENDING / <requestedAt>#<id>  a case whose extension (延期) waits for a window or a supervisor;
 *                               written with the request, deleted with the decision
 *   COUNTER#CASE#<region>#<date> / SHARD#<n>   case-number counters, ten per region and day
 *   IDEMPOTENCY#<sub>#<key>     answers to repeated submissions (24 h)
 *   AUTH#<identity> / AGENT#<sub>  agents' authorisations
 *   CASE#<id> / TASK#<stage>#<dept>  department tasks; gsi1 DEPT#<dept>#<status> by due date (the to-do list)
 *   deadlines: open tasks and cases in review carry gsi2 DUE#<date> / TASK#<id> or CASE#<id>, one partition per
 *   date, so supervision reads a day's deadlines with one query (no scan, no single hot partition)
 */
const COUNTER_SHARDS = 10;
const {
  case: CASE,
  task: TASK,
  due: DUE,
  history: HISTORY,
  upload: UPLOAD,
  idempotency: IDEMPOTENCY,
  authorisation: AUTHORISATION,
} = caseItems;
const {
  dayCase: DAY_CASE,
  caseNumber: CASE_NUMBER,
  pendingExtension: EXTENSION,
  agentCase: AGENT_CASE,
  intakeCase: INTAKE_CASE,
} = caseItems;
const caseKey = CASE.key;
const taskKey = TASK.key;
const IN_REVIEW: readonly string[] = ['IN_REVIEW', 'RETURNED'];

function taskItem(task: DepartmentTask) {
  return {
    ...taskKey(task),
    type: TASK.type,
    ...task,
    gsi1pk: TASK.departmentList(task.department, task.status),
    gsi1sk: TASK.departmentSort(task.dueDate, task.id),
    // Only while its clock runs: a suspended or returned task is not due on its old date.
    ...(task.status === 'WAITING' || task.status === 'CLAIMED'
      ? { gsi2pk: DUE.partition(task.dueDate), gsi2sk: DUE.taskSort(task.id) }
      : {}),
  };
}

function taskPut(tableName: string, change: { before?: DepartmentTask; after: DepartmentTask }) {
  return {
    Put: {
      TableName: tableName,
      Item: taskItem(change.after),
      ...(change.before
        ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': change.before.version } }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  };
}

/** Finding a case by its number (流水号), e.g. for a complaint about it; written with the case, so never a scan. */
export interface CaseNumberLookup {
  findByNumber(number: string): Promise<CaseRecord | undefined>;
}

export function dynamoCaseStore(
  client: DynamoDBDocumentClient,
  tableName: string,
  now: () => Date,
): CaseStore & CaseNumberLookup {
  const encode = encodeCursor;
  const decode = decodeCursor;
  // A cursor continues only the query it came from: its index, key condition and values.
  const listOf = (input: {
    IndexName?: string;
    KeyConditionExpression: string;
    ExpressionAttributeValues: Record<string, unknown>;
    ScanIndexForward?: boolean;
  }) =>
    JSON.stringify([
      input.IndexName ?? '',
      input.KeyConditionExpression,
      input.ExpressionAttributeValues,
      input.ScanIndexForward ?? true,
    ]);
  const strip = <T>(item: Record<string, unknown>): T => {
    const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, type: _t, ...rest } = item;
    return rest as T;
  };
  const caseItem = (record: CaseRecord) => ({
    ...caseKey(record.id),
    type: CASE.type,
    ...record,
    gsi1pk: CASE.ownerList(record.ownerKey),
    gsi1sk: CASE.ownerSort(record.createdAt, record.id),
    ...(record.status === 'SUBMITTED' && record.acceptanceDue
      ? {
          gsi2pk: CASE.acceptanceQueue,
          gsi2sk: CASE.acceptanceSort(record.acceptanceDue, record.submittedAt!, record.id),
        }
      : {}),
    ...(IN_REVIEW.includes(record.status) && record.review && !record.review.pause
      ? { gsi2pk: DUE.partition(record.review.dueDate), gsi2sk: DUE.caseSort(record.id) }
      : {}),
  });
  const queryCases = async (
    input: {
      IndexName?: string;
      KeyConditionExpression: string;
      ExpressionAttributeValues: Record<string, unknown>;
      ScanIndexForward?: boolean;
    },
    limit: number,
    cursor?: string,
  ) => {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        ...input,
        Limit: limit,
        ExclusiveStartKey: decode(cursor, listOf(input)),
      }),
    );
    return {
      items: (page.Items ?? []).map((i) => strip<CaseRecord>(i)),
      nextCursor: encode(page.LastEvaluatedKey, listOf(input)),
    };
  };

  /** Lists cases through pointer items (an agent's, a day's), newest first, then reads the cases in one batch. */
  const listPointed = async (pk: string, limit: number, cursor?: string) => {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decode(cursor, `pointed:${pk}`),
      }),
    );
    const ids = (page.Items ?? []).map((i) => i.caseId as string);
    if (ids.length === 0) return { items: [], nextCursor: encode(page.LastEvaluatedKey, `pointed:${pk}`) };
    const got = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: ids.map(caseKey) } } }));
    const byId = new Map((got.Responses?.[tableName] ?? []).map((i) => [i.id as string, strip<CaseRecord>(i)]));
    return {
      items: ids.map((id) => byId.get(id)).filter((c): c is CaseRecord => c !== undefined),
      nextCursor: encode(page.LastEvaluatedKey, `pointed:${pk}`),
    };
  };

  type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

  /** The transaction items of one case's change: the case (conditional on its sequence number), history, outbox, tasks. */
  const itemsOf = (
    { before, after, entries, events, idempotency, tasks = [], items: extra = [] }: CaseCommit,
    at: Date,
  ): TransactItems => {
    const items: TransactItems = [
      {
        Put: {
          TableName: tableName,
          Item: caseItem(after),
          ...(before
            ? { ConditionExpression: 'seq = :seq', ExpressionAttributeValues: { ':seq': before.seq } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      ...entries.map((entry) => ({
        Put: {
          TableName: tableName,
          Item: { ...HISTORY.key(after.id, entry.seq), type: HISTORY.type, ...entry },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      })),
      ...events.map((event) => outboxPut(tableName, event, at)),
      ...tasks.map((change) => taskPut(tableName, change)),
      ...transactItemsOf(extra),
    ];
    if (!before) {
      const day = after.number.split('-')[1]!;
      items.push({
        Put: {
          TableName: tableName,
          Item: { ...DAY_CASE.key(day, after.createdAt, after.id), type: DAY_CASE.type, caseId: after.id },
        },
      });
      items.push({
        Put: {
          TableName: tableName,
          Item: { ...CASE_NUMBER.key(after.number), type: CASE_NUMBER.type, caseId: after.id },
        },
      });
    }
    // The pending-extension list: the pointer lives exactly as long as the request is undecided.
    const pendingBefore = before?.review?.extension?.status === 'requested' ? before.review.extension : undefined;
    const pendingAfter = after.review?.extension?.status === 'requested' ? after.review.extension : undefined;
    if (pendingAfter && pendingAfter.requestedAt !== pendingBefore?.requestedAt) {
      items.push({
        Put: {
          TableName: tableName,
          Item: { ...EXTENSION.key(pendingAfter.requestedAt, after.id), type: EXTENSION.type, caseId: after.id },
        },
      });
    }
    if (pendingBefore && pendingBefore.requestedAt !== pendingAfter?.requestedAt) {
      items.push({ Delete: { TableName: tableName, Key: EXTENSION.key(pendingBefore.requestedAt, after.id) } });
    }
    if (!before && after.agentSub) {
      items.push({
        Put: {
          TableName: tableName,
          Item: {
            ...AGENT_CASE.key(after.agentSub, after.createdAt, after.id),
            type: AGENT_CASE.type,
            caseId: after.id,
          },
        },
      });
    }
    if (!before && after.intakeOfficerSub) {
      items.push({
        Put: {
          TableName: tableName,
          Item: {
            ...INTAKE_CASE.key(after.intakeOfficerSub, after.createdAt, after.id),
            type: INTAKE_CASE.type,
            caseId: after.id,
          },
        },
      });
    }
    if (idempotency) {
      items.push({
        Put: {
          TableName: tableName,
          Item: {
            ...IDEMPOTENCY.key(idempotency.sub, idempotency.key),
            type: IDEMPOTENCY.type,
            ...idempotency,
            expiresAt: Math.floor(at.getTime() / 1000) + 24 * 3600,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    return items;
  };

  /** One transaction for the changes of one or several cases: all of them, or none. */
  const commitAll = async (changes: readonly CaseCommit[]) => {
    const at = now();
    const items = changes.flatMap((change) => itemsOf(change, at));
    if (items.length > MAX_TRANSACTION_ITEMS)
      throw new Error(`A transaction holds at most ${MAX_TRANSACTION_ITEMS} items, not ${items.length}`);
    try {
      await transactWrite(client, { TransactItems: items });
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')
      ) {
        throw new ConcurrentChangeError(
          `Case ${changes.map((c) => c.after.number).join(', ')} changed meanwhile; reload it and try again`,
        );
      }
      throw error;
    }
  };

  return {
    async nextNumber(regionCode, date) {
      // A random shard per number: no single counter item takes every write; numbers stay unique and date-ordered.
      const shard = Math.floor(Math.random() * COUNTER_SHARDS);
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: caseItems.numberCounter.key(regionCode, date, shard),
          UpdateExpression: 'ADD #n :one',
          ExpressionAttributeNames: { '#n': 'n' },
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return `${regionCode}-${date}-${shard}${String(Attributes?.n as number).padStart(4, '0')}`;
    },

    stepFailureMarker({ caseId, step, seq, ...rest }) {
      const Item = {
        ...caseItems.stepFailure.key(caseId, step, seq),
        type: caseItems.stepFailure.type,
        caseId,
        step,
        ...rest,
      };
      return { Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } };
    },

    async get(id) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: caseKey(id), ConsistentRead: true }),
      );
      return Item ? strip<CaseRecord>(Item) : undefined;
    },

    async findByNumber(number) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: CASE_NUMBER.key(number) }));
      if (!Item) return undefined;
      const { Item: found } = await client.send(
        new GetCommand({ TableName: tableName, Key: caseKey(Item.caseId as string) }),
      );
      return found ? strip<CaseRecord>(found) : undefined;
    },

    async history(id) {
      const entries: HistoryEntry[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)',
            ExpressionAttributeValues: { ':pk': CASE.partition(id), ':h': HISTORY.prefix },
            ConsistentRead: true,
            ExclusiveStartKey,
          }),
        );
        entries.push(...(page.Items ?? []).map((i) => strip<HistoryEntry>(i)));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return entries;
    },

    commit: (change: CaseCommit) => commitAll([change]),
    commitAll: (changes: readonly CaseCommit[]) => commitAll(changes),

    async getTask(id) {
      const parsed = parseTaskId(id);
      if (!parsed) return undefined;
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: taskKey(parsed), ConsistentRead: true }),
      );
      return Item ? strip<DepartmentTask>(Item) : undefined;
    },

    async tasksOf(caseId) {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :t)',
          ExpressionAttributeValues: { ':pk': CASE.partition(caseId), ':t': TASK.prefix },
          ConsistentRead: true,
        }),
      );
      return (page.Items ?? []).map((i) => strip<DepartmentTask>(i));
    },

    async listTasks(department, status, limit, cursor) {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': TASK.departmentList(department, status) },
          Limit: limit,
          ExclusiveStartKey: decode(cursor, `tasks:${department}#${status}`),
        }),
      );
      return {
        items: (page.Items ?? []).map((i) => strip<DepartmentTask>(i)),
        nextCursor: encode(page.LastEvaluatedKey, `tasks:${department}#${status}`),
      };
    },

    async putTask(change) {
      try {
        await client.send(new PutCommand(taskPut(tableName, change).Put));
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException)
          throw new ConcurrentChangeError(`Task ${change.after.id} changed meanwhile; reload it and try again`);
        throw error;
      }
    },

    async listDueOn(date, limit, cursor) {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': DUE.partition(date) },
          Limit: limit,
          ExclusiveStartKey: decode(cursor, `due:${date}`),
        }),
      );
      const items = (page.Items ?? []).map((i): DueItem => {
        const isTask = i.type === TASK.type;
        const review = i.review as { dueDate: string } | undefined;
        return {
          kind: isTask ? 'task' : 'case',
          id: i.id as string,
          caseId: (isTask ? i.caseId : i.id) as string,
          caseNumber: (isTask ? i.caseNumber : i.number) as string,
          matterCode: i.matterCode as string,
          department: i.department as string,
          ...(isTask ? {} : { regionCode: i.regionCode as string }),
          status: i.status as string,
          dueDate: isTask ? (i.dueDate as string) : review!.dueDate,
        };
      });
      return { items, nextCursor: encode(page.LastEvaluatedKey, `due:${date}`) };
    },

    async getIdempotency(sub, key) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: IDEMPOTENCY.key(sub, key), ConsistentRead: true }),
      );
      return Item ? strip<IdempotencyRecord>(Item) : undefined;
    },

    listByOwner: (ownerKey, limit, cursor) =>
      queryCases(
        {
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': CASE.ownerList(ownerKey) },
          ScanIndexForward: false,
        },
        limit,
        cursor,
      ),

    listByAgent: (agentSub, limit, cursor) => listPointed(AGENT_CASE.partition(agentSub), limit, cursor),
    listByIntakeOfficer: (officerSub, limit, cursor) => listPointed(INTAKE_CASE.partition(officerSub), limit, cursor),
    listByDay: (date, limit, cursor) => listPointed(DAY_CASE.partition(date.replaceAll('-', '')), limit, cursor),
    listPendingExtensions: (limit, cursor) => listPointed(EXTENSION.partition, limit, cursor),

    listAcceptanceQueue: (limit, cursor, dueBefore) =>
      queryCases(
        {
          IndexName: 'gsi2',
          KeyConditionExpression: dueBefore ? 'gsi2pk = :pk AND gsi2sk < :due' : 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': CASE.acceptanceQueue, ...(dueBefore ? { ':due': dueBefore } : {}) },
        },
        limit,
        cursor,
      ),

    async putUpload(upload: PendingUpload) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...UPLOAD.key(upload.caseId, upload.uploadId),
            type: UPLOAD.type,
            ...upload,
            expiresAt: Math.floor(now().getTime() / 1000) + 24 * 3600,
          },
        }),
      );
    },
    async getUpload(caseId, uploadId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: UPLOAD.key(caseId, uploadId), ConsistentRead: true }),
      );
      return Item ? strip<PendingUpload>(Item) : undefined;
    },
    async deleteUpload(caseId, uploadId) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: UPLOAD.key(caseId, uploadId) }));
    },

    async getAuthorisation(principalKey, agentSub) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: AUTHORISATION.key(principalKey, agentSub), ConsistentRead: true }),
      );
      return Item ? strip<Authorisation>(Item) : undefined;
    },
    async putAuthorisation(a) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...AUTHORISATION.key(a.principalKey, a.agentSub), type: AUTHORISATION.type, ...a },
        }),
      );
    },
    async listAuthorisations(principalKey) {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': AUTHORISATION.partition(principalKey) },
        }),
      );
      return (page.Items ?? []).map((i) => strip<Authorisation>(i));
    },
    async deleteAuthorisation(principalKey, agentSub) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: AUTHORISATION.key(principalKey, agentSub) }));
    },
  };
}
