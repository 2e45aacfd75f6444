import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { NotificationRecord, PaymentOrder } from '../domain/payments/model';
import type { PaymentStore } from '../domain/payments/ports';
import { type ItemKey, paymentItems } from '../db/keys';
import type { TransactItem } from './event-ledger';

/**
 * Payment items in the main table.
 *   PAYORDER#<orderId> / ORDER                     an order; gsi1 PAYMENTS#<caseId> / O#<createdAt>#<orderId>
 *   PAYPROVIDER#<provider>#<providerOrderId> / ORDER   the order a provider's id belongs to (written with the order)
 *   PAYNOTIFY#<provider>#<id> / NOTIFICATION       a notification handled once, with its first answer; about a known
 *                                                  order, gsi1 PAYMENTS#<caseId> / N#<receivedAt>#<id>
 * A case's orders and notifications come back with one query on gsi1. Payment records are financial records: kept.
 */
const { order: ORDER, providerOrder: PROVIDER_ORDER, notification: NOTIFICATION } = paymentItems;
const orderKey = ORDER.key;
const providerKey = PROVIDER_ORDER.key;
const notificationKey = NOTIFICATION.key;

const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, type: _t, ...rest } = item;
  return rest as T;
};

export function dynamoPaymentStore(client: DynamoDBDocumentClient, tableName: string): PaymentStore {
  const orderItem = (o: PaymentOrder) => ({
    ...orderKey(o.id),
    type: ORDER.type,
    ...o,
    gsi1pk: paymentItems.caseList(o.caseId),
    gsi1sk: ORDER.caseSort(o.createdAt, o.id),
  });
  const notificationItem = (n: NotificationRecord) => ({
    ...notificationKey(n.provider, n.id),
    type: NOTIFICATION.type,
    ...n,
    ...(n.caseId ? { gsi1pk: paymentItems.caseList(n.caseId), gsi1sk: NOTIFICATION.caseSort(n.receivedAt, n.id) } : {}),
  });
  const getItem = async (key: ItemKey) =>
    (await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

  return {
    async getOrder(orderId) {
      const item = await getItem(orderKey(orderId));
      return item ? strip<PaymentOrder>(item) : undefined;
    },

    async getOrderByProviderId(provider, providerOrderId) {
      const pointer = await getItem(providerKey(provider, providerOrderId));
      if (!pointer) return undefined;
      const item = await getItem(orderKey(pointer.orderId as string));
      return item ? strip<PaymentOrder>(item) : undefined;
    },

    async recordsOf(caseId) {
      const orders: PaymentOrder[] = [];
      const notifications: NotificationRecord[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': paymentItems.caseList(caseId) },
            ExclusiveStartKey,
          }),
        );
        for (const item of page.Items ?? []) {
          if (item.type === ORDER.type) orders.push(strip<PaymentOrder>(item));
          else if (item.type === NOTIFICATION.type) notifications.push(strip<NotificationRecord>(item));
        }
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return { orders, notifications };
    },

    async getNotification(provider, id) {
      const item = await getItem(notificationKey(provider, id));
      return item ? strip<NotificationRecord>(item) : undefined;
    },

    async putNotification(record) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: notificationItem(record),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    orderItems({ before, after }) {
      if (!before) {
        return [
          { Put: { TableName: tableName, Item: orderItem(after), ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Put: {
              TableName: tableName,
              Item: {
                ...providerKey(after.provider, after.providerOrderId),
                type: PROVIDER_ORDER.type,
                orderId: after.id,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ] satisfies TransactItem[];
      }
      return [
        {
          Put: {
            TableName: tableName,
            Item: orderItem(after),
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': before.version },
          },
        },
      ];
    },

    notificationItem(record) {
      return {
        Put: { TableName: tableName, Item: notificationItem(record), ConditionExpression: 'attribute_not_exists(pk)' },
      };
    },
  };
}
