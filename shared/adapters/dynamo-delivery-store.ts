import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { OpenShipment } from '../domain/delivery/model';
import type { ShipmentIndex } from '../domain/delivery/ports';
import { shipmentItems } from '../db/keys';
import type { TransactItem } from './event-ledger';

/**
 * Open shipments in the main table, for the tracking sweep.
 *   SHIPMENT#<caseId> / SHIPMENT     one per parcel on its way, written in the case's transaction, deleted with 送达
 *     gsi1 SHIPMENTS#OPEN#<shard> / <shippedAt>#<caseId>   the sweep queries each shard: no scan, no single hot key
 */
export const SHIPMENT_SHARDS = 8;

const key = shipmentItems.key;
export const shardOf = (caseId: string) => createHash('sha256').update(caseId).digest()[0]! % SHIPMENT_SHARDS;

function item(shipment: OpenShipment) {
  return {
    ...key(shipment.caseId),
    type: shipmentItems.type,
    ...shipment,
    gsi1pk: shipmentItems.openList(shardOf(shipment.caseId)),
    gsi1sk: shipmentItems.openSort(shipment.shippedAt, shipment.caseId),
  };
}

export function dynamoDeliveryStore(client: DynamoDBDocumentClient, tableName: string): ShipmentIndex {
  return {
    opened: (shipment): TransactItem => ({
      Put: { TableName: tableName, Item: item(shipment), ConditionExpression: 'attribute_not_exists(pk)' },
    }),
    // The case's sequence number guards the transaction; the index item only follows it.
    progressed: (shipment): TransactItem => ({ Put: { TableName: tableName, Item: item(shipment) } }),
    closed: (caseId): TransactItem => ({ Delete: { TableName: tableName, Key: key(caseId) } }),
    async *listOpen() {
      for (let shard = 0; shard < SHIPMENT_SHARDS; shard++) {
        let ExclusiveStartKey: Record<string, unknown> | undefined;
        do {
          const page = await client.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: 'gsi1',
              KeyConditionExpression: 'gsi1pk = :pk',
              ExpressionAttributeValues: { ':pk': shipmentItems.openList(shard) },
              ExclusiveStartKey,
            }),
          );
          for (const i of page.Items ?? []) {
            yield {
              caseId: i.caseId as string,
              trackingNo: i.trackingNo as string,
              courier: i.courier as string,
              status: i.status as OpenShipment['status'],
              shippedAt: i.shippedAt as string,
            };
          }
          ExclusiveStartKey = page.LastEvaluatedKey;
        } while (ExclusiveStartKey);
      }
    },
  };
}
