import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PostCheck, PostCheckStore } from '../domain/workflow/ports';
import { caseItems } from '../db/keys';
import type { TransactItem } from './event-ledger';
import { decodeCursor, encodeCursor } from './dynamo-cursor';

/**
 * 告知承诺制 post-checks in the main table, beside their case:
 *   CASE#<caseId> / POSTCHECK   gsi1 POSTCHECK#<dept>#<status>, sorted <dueDate>#<id> (a department's list, earliest due first)
 * The item is rewritten with its new keys when it is recorded, in the case's own transaction. Nothing scans.
 */
const POST_CHECK = caseItems.postCheck;
/** A post-check's id is its case's id and `.C`. */
const key = (id: string) => POST_CHECK.key(id.replace(/\.C$/, ''));

const strip = (item: Record<string, unknown>): PostCheck => {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, type: _t, ...rest } = item;
  return rest as unknown as PostCheck;
};

export function dynamoPostCheckStore(client: DynamoDBDocumentClient, tableName: string): PostCheckStore {
  return {
    put(check, expect): TransactItem {
      const item = {
        ...key(check.id),
        type: POST_CHECK.type,
        ...check,
        gsi1pk: POST_CHECK.departmentList(check.department, check.status),
        gsi1sk: POST_CHECK.departmentSort(check.dueDate, check.id),
      };
      const condition =
        expect === 'new'
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: '#status = :open',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':open': 'open' },
            };
      return { Put: { TableName: tableName, Item: item, ...condition } };
    },

    async get(id) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key(id), ConsistentRead: true }));
      return Item?.type === POST_CHECK.type ? strip(Item) : undefined;
    },

    async list(query) {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': POST_CHECK.departmentList(query.department ?? '', query.status) },
          Limit: query.limit,
          ExclusiveStartKey: decodeCursor(query.cursor, `post-checks:${query.department ?? ''}#${query.status}`),
        }),
      );
      const nextCursor = encodeCursor(page.LastEvaluatedKey, `post-checks:${query.department ?? ''}#${query.status}`);
      return { items: (page.Items ?? []).map(strip), ...(nextCursor ? { nextCursor } : {}) };
    },
  };
}
