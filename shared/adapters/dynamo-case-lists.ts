/** The paged list queries of the case store: cases by owner, agent, officer, day, pending extension; tasks; deadlines. */
import { BatchGetCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseStore, DueItem } from '../domain/applications/ports';
import type { DepartmentTask } from '../domain/workflow/task';
import type { CaseRecord } from '../domain/applications/model';
import { caseItems } from '../db/keys';
import { decodeCursor, encodeCursor } from './dynamo-cursor';
import { strip } from './dynamo-case-items';

const { case: CASE, task: TASK, due: DUE } = caseItems;
const { dayCase: DAY_CASE, pendingExtension: EXTENSION, agentCase: AGENT_CASE, intakeCase: INTAKE_CASE } = caseItems;
const caseKey = CASE.key;

type CaseLists = Pick<
  CaseStore,
  | 'listTasks'
  | 'listDueOn'
  | 'listByOwner'
  | 'listByAgent'
  | 'listByIntakeOfficer'
  | 'listByDay'
  | 'listPendingExtensions'
  | 'listAcceptanceQueue'
>;

export function dynamoCaseLists(client: DynamoDBDocumentClient, tableName: string): CaseLists {
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
  };
}
