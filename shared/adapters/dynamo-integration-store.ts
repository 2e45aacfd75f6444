import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrentChangeError } from '../domain/errors';
import type { CallbackRecord, IntegrationConfig, WebhookDelivery as Delivery } from '../domain/integration/model';
import type { IntegrationStore } from '../domain/integration/ports';
import { integrationItems } from '../db/keys';
import { decodeCursor, encodeCursor } from './dynamo-cursor';
import { batchGetAll } from './dynamo-reads';

const { config: CONFIG, webhookDelivery: DELIVERY, callback: CALLBACK } = integrationItems;

/**
 * Integration items in the main table.
 *   INTEGRATION#<dept> / CONFIG          a department's integration config (its secret lives in the secret store)
 *   DELIVERY#<id> / DELIVERY             a webhook delivery and its attempts; gsi1 DEPT#<dept>#DELIVERY#<status>
 *                                        by creation; while pending, gsi2 RETRY#PENDING by next attempt (only
 *                                        failing endpoints' deliveries are there, so the partition stays small)
 *   CALLBACK#<dept>#<callbackId> / CALLBACK   the first answer to a callback (30 days)
 */
export function dynamoIntegrationStore(
  client: DynamoDBDocumentClient,
  tableName: string,
  now: () => Date,
): IntegrationStore {
  const strip = <T>(item: Record<string, unknown>): T => {
    const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, type: _t, expiresAt: _e, ...rest } = item;
    return rest as T;
  };
  const deliveryItem = (d: Delivery) => ({
    ...DELIVERY.key(d.id),
    type: DELIVERY.type,
    ...d,
    gsi1pk: DELIVERY.departmentList(d.department, d.status),
    gsi1sk: DELIVERY.departmentSort(d.createdAt, d.id),
    ...(d.status === 'pending' && d.nextAttemptAt
      ? { gsi2pk: DELIVERY.retryQueue, gsi2sk: DELIVERY.retrySort(d.nextAttemptAt, d.id) }
      : {}),
  });
  const conditional = async (put: PutCommand, onConflict: () => never | boolean): Promise<boolean> => {
    try {
      await client.send(put);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return onConflict();
      throw error;
    }
  };
  const encode = encodeCursor;
  const decode = decodeCursor;

  return {
    async getConfig(department, options = {}) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: CONFIG.key(department),
          ...(options.consistent ? { ConsistentRead: true } : {}),
        }),
      );
      return Item ? strip<IntegrationConfig>(Item) : undefined;
    },
    async getConfigs(departments) {
      // Consistent: the administrators' overview shows what they just saved.
      const items = await batchGetAll(client, tableName, departments.map(CONFIG.key), { consistent: true });
      return items.map((i) => strip<IntegrationConfig>(i));
    },
    async putConfig(config) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...CONFIG.key(config.department), type: CONFIG.type, ...config },
        }),
      );
    },
    createDelivery: (d) =>
      conditional(
        new PutCommand({
          TableName: tableName,
          Item: deliveryItem(d),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
        () => false,
      ),
    async getDelivery(id) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: DELIVERY.key(id), ConsistentRead: true }),
      );
      return Item ? strip<Delivery>(Item) : undefined;
    },
    async updateDelivery({ before, after }) {
      await conditional(
        new PutCommand({
          TableName: tableName,
          Item: deliveryItem(after),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': before.version },
        }),
        () => {
          throw new ConcurrentChangeError(`Delivery ${after.id} changed meanwhile`);
        },
      );
    },
    async listDeliveries(department, status, limit, cursor) {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': DELIVERY.departmentList(department, status) },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: decode(cursor, `deliveries:${department}#${status}`),
        }),
      );
      return {
        items: (page.Items ?? []).map((i) => strip<Delivery>(i)),
        nextCursor: encode(page.LastEvaluatedKey, `deliveries:${department}#${status}`),
      };
    },
    async listDueRetries(at, limit) {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :due',
          ExpressionAttributeValues: { ':pk': DELIVERY.retryQueue, ':due': `${at}#~` },
          Limit: limit,
        }),
      );
      return (page.Items ?? []).map((i) => strip<Delivery>(i));
    },
    async getCallback(department, callbackId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: CALLBACK.key(department, callbackId), ConsistentRead: true }),
      );
      return Item ? strip<CallbackRecord>(Item) : undefined;
    },
    putCallback: (record: CallbackRecord) =>
      conditional(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...CALLBACK.key(record.department, record.callbackId),
            type: CALLBACK.type,
            ...record,
            expiresAt: Math.floor(now().getTime() / 1000) + 30 * 24 * 3600,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
        () => false,
      ),
  };
}
