/** The paged list queries of the case store: cases by owner, agent, officer, day, pending extension; tasks. */
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseStore } from '../domain/applications/ports';
import type { DepartmentTask } from '../domain/workflow/task';
import type { CaseRecord } from '../domain/applications/model';
import { caseItems, type ItemKey } from '../db/keys';
import { decodeCursor, encodeCursor } from './dynamo-cursor';
import { recordOf, strip } from './dynamo-case-items';
import { batchGetAll } from './dynamo-reads';

const { case: CASE, task: TASK, form: FORM, materials: MATERIALS } = caseItems;
const { dayCase: DAY_CASE, pendingExtension: EXTENSION, agentCase: AGENT_CASE, intakeCase: INTAKE_CASE } = caseItems;
const caseKey = CASE.key;

type CaseLists = Pick<
  CaseStore,
  | 'listTasks'
  | 'listByOwner'
  | 'listByAgent'
  | 'listByIntakeOfficer'
  | 'listByDay'
  | 'listPendingExtensions'
  | 'listAcceptanceQueue'
>;

export function dynamoCaseLists(client: DynamoDBDocumentClient, tableName: string): CaseLists {
  const getAll = (keys: readonly ItemKey[]) => batchGetAll(client, tableName, keys);

  /** Whole records of listed cases: their state items with their answers and materials, read in batches. */
  const complete = async (states: readonly Record<string, unknown>[]): Promise<CaseRecord[]> => {
    const split = states.filter((i) => i.form === undefined).map((i) => i.id as string);
    const parts = await getAll(split.flatMap((id) => [FORM.key(id), MATERIALS.key(id)]));
    return states.map((state) => recordOf([state, ...parts.filter((p) => p.pk === state.pk)])!);
  };

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
      items: await complete(page.Items ?? []),
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
    const states = new Map((await getAll(ids.map(caseKey))).map((i) => [i.id as string, i] as const));
    const records = await complete(ids.flatMap((id) => states.get(id) ?? []) as Record<string, unknown>[]);
    const byId = new Map(records.map((r) => [r.id, r]));
    return {
      items: ids.map((id) => byId.get(id)).filter((c): c is CaseRecord => c !== undefined),
      nextCursor: encode(page.LastEvaluatedKey, `pointed:${pk}`),
    };
  };

  return {
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

    async listByOwner(ownerKey, limit, cursor) {
      const input = {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': CASE.ownerList(ownerKey) },
        ScanIndexForward: false,
      };
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          ...input,
          Limit: limit,
          ExclusiveStartKey: decode(cursor, listOf(input)),
        }),
      );
      // Owner items point at their case; a case stored before they existed is in the list itself.
      const found = page.Items ?? [];
      const pointed = found.filter((i) => i.type === caseItems.owner.type).map((i) => i.pk as string);
      const states = new Map(
        (await getAll(pointed.map((pk) => ({ pk, sk: CASE.key('').sk })))).map((i) => [i.pk as string, i] as const),
      );
      const listed = found.flatMap((i) => (i.type === caseItems.owner.type ? (states.get(i.pk as string) ?? []) : [i]));
      return {
        items: await complete(listed as Record<string, unknown>[]),
        nextCursor: encode(page.LastEvaluatedKey, listOf(input)),
      };
    },

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
  };
}
