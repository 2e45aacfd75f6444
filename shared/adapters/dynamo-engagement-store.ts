import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Complaint, ListQuery, Rectification } from '../domain/engagement/model';
import type { EngagementStore } from '../domain/engagement/ports';
import { ConcurrentChangeError } from '../domain/errors';
import type { TransactItem } from './event-ledger';
import { decodeCursor, encodeCursor } from './dynamo-cursor';
import { outboxPut } from './outbox';
import { transactWrite } from './transact';

/**
 * Rectifications and complaints in the main table.
 *   RECTIFICATION#<caseId>.R / RECTIFICATION   gsi1 RECT#<dept>#<status>, gsi2 RECT#<status>; sort keys <dueDate>#<id>
 *   COMPLAINT#<id> / COMPLAINT                 gsi1 COMPLAINTS#<dept>#<status>, gsi2 COMPLAINTS#<status>; the same sort
 * gsi1 is a department's list, gsi2 the supervisors' list of every department; both the earliest due first, and
 * both move when the status changes (the item is rewritten with its new keys). Nothing scans.
 */
const rectificationKey = (id: string) => ({ pk: `RECTIFICATION#${id}`, sk: 'RECTIFICATION' });
const complaintKey = (id: string) => ({ pk: `COMPLAINT#${id}`, sk: 'COMPLAINT' });

const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, type: _t, ...rest } = item;
  return rest as T;
};

export function dynamoEngagementStore(client: DynamoDBDocumentClient, tableName: string, now: () => Date): EngagementStore {
  const rectificationItem = (r: Rectification) => ({
    ...rectificationKey(r.id),
    type: 'Rectification',
    ...r,
    gsi1pk: `RECT#${r.department}#${r.status}`,
    gsi1sk: `${r.dueDate}#${r.id}`,
    gsi2pk: `RECT#${r.status}`,
    gsi2sk: `${r.dueDate}#${r.id}`,
  });
  // The messaging consumer reads `contact`, `language` and `complainantSub` of this item as they are.
  const complaintItem = (c: Complaint) => ({
    ...complaintKey(c.id),
    type: 'Complaint',
    ...c,
    gsi1pk: `COMPLAINTS#${c.department}#${c.status}`,
    gsi1sk: `${c.dueDate}#${c.id}`,
    gsi2pk: `COMPLAINTS#${c.status}`,
    gsi2sk: `${c.dueDate}#${c.id}`,
  });
  const condition = (expect: 'new' | 'open') =>
    expect === 'new'
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: '#status = :open', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':open': 'open' } };

  async function list<T>(prefix: 'RECT' | 'COMPLAINTS', query: ListQuery) {
    const [index, key] = query.department ? ['gsi1', `${prefix}#${query.department}#${query.status}`] : ['gsi2', `${prefix}#${query.status}`];
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ExpressionAttributeValues: { ':pk': key },
        Limit: query.limit,
        ExclusiveStartKey: decodeCursor(query.cursor, `${index}:${key}`),
      }),
    );
    const nextCursor = encodeCursor(page.LastEvaluatedKey, `${index}:${key}`);
    return { items: (page.Items ?? []).map((i) => strip<T>(i)), ...(nextCursor ? { nextCursor } : {}) };
  }

  return {
    rectificationPut(r, expect): TransactItem {
      return { Put: { TableName: tableName, Item: rectificationItem(r), ...condition(expect) } };
    },

    async getRectification(id) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: rectificationKey(id), ConsistentRead: true }));
      return Item ? strip<Rectification>(Item) : undefined;
    },

    listRectifications: (query) => list<Rectification>('RECT', query),

    async putComplaint(complaint, expect, event) {
      try {
        await transactWrite(
          client,
          {
            TransactItems: [{ Put: { TableName: tableName, Item: complaintItem(complaint), ...condition(expect) } }, outboxPut(tableName, event, now())],
          },
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) {
          throw new ConcurrentChangeError(expect === 'new' ? `Complaint ${complaint.id} exists already` : `Complaint ${complaint.id} was answered meanwhile`);
        }
        throw error;
      }
    },

    async getComplaint(id) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: complaintKey(id), ConsistentRead: true }));
      return Item ? strip<Complaint>(Item) : undefined;
    },

    listComplaints: (query) => list<Complaint>('COMPLAINTS', query),
  };
}
