import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { HistoryEntry } from '../domain/applications/case';
import type { CaseCommit, CaseStore, IdempotencyRecord } from '../domain/applications/ports';
import { type DepartmentTask, parseTaskId } from '../domain/workflow/task';
import type { Authorisation, CaseRecord, PendingUpload } from '../domain/applications/model';
import { ConcurrentChangeError } from '../domain/errors';
import { MAX_TRANSACTION_ITEMS } from '../domain/applications/changes';
import { caseItems } from '../db/keys';
import { caseCommitItems, recordOf, strip, taskPut, unpackResponse } from './dynamo-case-items';
import { dynamoCaseLists } from './dynamo-case-lists';
import { transactWrite } from './transact';

/**
 * Cases in the main table: this store reads and commits them; their items are built in dynamo-case-items.ts and
 * their paged lists read in dynamo-case-lists.ts.
 *   CASE#<id> / CASE            the case's current state; while waiting for the window, gsi2 QUEUE#ACCEPTANCE by
 *                               acceptance deadline (queue and sweep)
 *   CASE#<id> / OWNER           the case in its owner's list: gsi1 OWNER#<identity> by creation time, written once
 *                               (cases stored before it are listed from their state item's own gsi1 entry)
 *   CASE#<id> / CASE#FORM, CASE#MATERIALS  the answers and the materials, written when they change; one Query
 *                               (sk begins with CASE) reads the three
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
 *   deadlines are supervision's watches (dynamo-supervision-store.ts, gsi2 WATCHDUE#<date>): a task or case carries
 *   no date index of its own any more (items of earlier releases keep a gsi2 DUE#<date> entry, read by nobody, until
 *   their next write)
 */
const COUNTER_SHARDS = 10;
const {
  case: CASE,
  task: TASK,
  history: HISTORY,
  upload: UPLOAD,
  idempotency: IDEMPOTENCY,
  authorisation: AUTHORISATION,
} = caseItems;
const { caseNumber: CASE_NUMBER } = caseItems;
const taskKey = TASK.key;

/** Finding a case by its number (流水号), e.g. for a complaint about it; written with the case, so never a scan. */
export interface CaseNumberLookup {
  findByNumber(number: string): Promise<CaseRecord | undefined>;
}

export function dynamoCaseStore(
  client: DynamoDBDocumentClient,
  tableName: string,
  now: () => Date,
): CaseStore & CaseNumberLookup {
  /** One transaction for the changes of one or several cases: all of them, or none. */
  const commitAll = async (changes: readonly CaseCommit[]) => {
    const at = now();
    const items = changes.flatMap((change) => caseCommitItems(tableName, change, at));
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

  /** A case's state, answers and materials: one Query on its partition. */
  const readCase = async (id: string, consistent: boolean) => {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :record)',
        ExpressionAttributeValues: { ':pk': CASE.partition(id), ':record': caseItems.recordPrefix },
        ConsistentRead: consistent,
      }),
    );
    return recordOf(page.Items ?? []);
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

    get: (id) => readCase(id, true),

    async findByNumber(number) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: CASE_NUMBER.key(number) }));
      return Item ? readCase(Item.caseId as string, false) : undefined;
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

    async putTask(change) {
      try {
        await client.send(new PutCommand(taskPut(tableName, change).Put));
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException)
          throw new ConcurrentChangeError(`Task ${change.after.id} changed meanwhile; reload it and try again`);
        throw error;
      }
    },

    async getIdempotency(sub, key) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: IDEMPOTENCY.key(sub, key), ConsistentRead: true }),
      );
      return Item ? { ...strip<IdempotencyRecord>(Item), response: unpackResponse(Item.response) } : undefined;
    },

    ...dynamoCaseLists(client, tableName),

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
