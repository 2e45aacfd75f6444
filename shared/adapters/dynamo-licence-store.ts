import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../domain/errors';
import type { ExpiryIndex } from '../domain/licences/expiry';
import type { LicenceRecord, LicenceStore } from '../domain/licences/register';
import { StatusBitstring } from '../domain/licences/status-list';
import { toShanghaiDate } from '../domain/calendar/shanghai-date';
import { licenceItems } from '../db/keys';
import { decodeCursor, encodeCursor } from './dynamo-cursor';
import { outboxPut } from './outbox';
import { packJson, unpackJson } from './packed-json';
import { transactWrite } from './transact';

/**
 * The signed credential (a compact JWS) is most of a licence item, written again to both its indexes. Stored as the
 * Brotli of its decoded header and payload JSON and its signature, it takes about half the bytes, and so fewer write
 * units; it is rebuilt byte for byte (base64url without padding is canonical), and one that would not be is kept as
 * it is. An item stored before keeps its `credential` and reads as it is.
 */
export function packCredential(credential: string): { credential: string } | { credentialPacked: Uint8Array } {
  const [header, payload, signature, ...rest] = credential.split('.');
  if (header === undefined || payload === undefined || signature === undefined || rest.length > 0)
    return { credential };
  const parts = [header, payload].map((p) => Buffer.from(p, 'base64url').toString('utf8'));
  const packed = packJson([...parts, signature]);
  return unpackCredential(packed) === credential ? { credentialPacked: packed } : { credential };
}

export function unpackCredential(packed: Uint8Array): string {
  const [header, payload, signature] = unpackJson(packed) as string[];
  return [
    Buffer.from(header!, 'utf8').toString('base64url'),
    Buffer.from(payload!, 'utf8').toString('base64url'),
    signature,
  ].join('.');
}

const { licence: LICENCE, statusIndex: STATUS_INDEX, statusList: STATUS_LIST } = licenceItems;

/**
 * The licence register in the main table, documents in the licences bucket (versioned, KMS).
 *   LICENCE#<no> / LICENCE      the current version; gsi1 HOLDER#<holder key> by issue time (the wallet);
 *                               gsi2 EXPIRES#<date> while valid (the expiry sweep reads one date)
 *   STATUSIDX#<index> / INDEX   a reserved status-list index
 *   STATUSLIST#<purpose> / LIST the list's bits (encoded as published) and a revision for conditional updates
 */
/** Where licence documents (PDFs) are kept; only the function that serves them has one (s3-licence-documents.ts). */
export type LicenceDocuments = Pick<LicenceStore, 'putDocument' | 'presignDocument'>;

const refuseDocuments = () => Promise.reject(new Error('This function has no access to licence documents'));
const NO_DOCUMENTS: LicenceDocuments = { putDocument: refuseDocuments, presignDocument: refuseDocuments };

export function dynamoLicenceStore(
  client: DynamoDBDocumentClient,
  tableName: string,
  documents: LicenceDocuments = NO_DOCUMENTS,
): LicenceStore & ExpiryIndex {
  // The record's `type` (the licence type) is stored as licenceType: `type` is the item's kind in this table.
  const item = ({ type: licenceType, credential, ...r }: LicenceRecord) => ({
    ...LICENCE.key(r.licenceNo),
    ...r,
    ...packCredential(credential),
    licenceType,
    type: LICENCE.type,
    gsi1pk: LICENCE.holderList(r.holderKey),
    gsi1sk: LICENCE.holderSort(r.issuedAt, r.licenceNo),
    ...(r.validUntil && r.state === 'valid' && !r.expiredAnnounced
      ? { gsi2pk: LICENCE.expiresOn(toShanghaiDate(r.validUntil)), gsi2sk: r.licenceNo }
      : {}),
  });
  const strip = (i: Record<string, unknown>): LicenceRecord => {
    const { pk: _a, sk: _b, gsi1pk: _c, gsi1sk: _d, gsi2pk: _e, gsi2sk: _f, type: _t, licenceType, ...rest } = i;
    const { credentialPacked, ...fields } = rest;
    return {
      ...fields,
      ...(credentialPacked instanceof Uint8Array ? { credential: unpackCredential(credentialPacked) } : {}),
      type: licenceType,
    } as unknown as LicenceRecord;
  };
  return {
    async get(licenceNo) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: LICENCE.key(licenceNo), ConsistentRead: true }),
      );
      return Item ? strip(Item) : undefined;
    },
    async save({ before, after, events }) {
      const at = new Date();
      const put = {
        TableName: tableName,
        Item: item(after),
        ...(before
          ? { ConditionExpression: 'revision = :r', ExpressionAttributeValues: { ':r': before.revision } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      };
      try {
        await transactWrite(client, {
          TransactItems: [{ Put: put }, ...events.map((e) => outboxPut(tableName, e, at))],
        });
      } catch (error) {
        if (
          error instanceof TransactionCanceledException &&
          error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')
        )
          throw new ConflictError(`Licence ${after.licenceNo} changed meanwhile`);
        throw error;
      }
    },
    async listByHolder(holderKey, limit, cursor) {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': LICENCE.holderList(holderKey) },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor, `licences:holder:${holderKey}`),
        }),
      );
      return {
        items: (page.Items ?? []).map(strip),
        ...(page.LastEvaluatedKey
          ? { nextCursor: encodeCursor(page.LastEvaluatedKey, `licences:holder:${holderKey}`)! }
          : {}),
      };
    },
    async listExpiringOn(date) {
      const items: LicenceRecord[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk',
            ExpressionAttributeValues: { ':pk': LICENCE.expiresOn(date) },
            ExclusiveStartKey,
          }),
        );
        items.push(...(page.Items ?? []).map(strip));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items;
    },
    async reserveStatusIndex(index) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...STATUS_INDEX.key(index), type: STATUS_INDEX.type },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async readStatusList(purpose) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: STATUS_LIST.key(purpose), ConsistentRead: true }),
      );
      return Item
        ? { list: StatusBitstring.decode(Item.encodedList as string), revision: Item.revision as number }
        : { list: StatusBitstring.create(), revision: 0 };
    },
    async writeStatusList(purpose, list, revision) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...STATUS_LIST.key(purpose),
              type: STATUS_LIST.type,
              encodedList: list.encode(),
              revision: revision + 1,
            },
            ...(revision === 0
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : { ConditionExpression: 'revision = :r', ExpressionAttributeValues: { ':r': revision } }),
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException)
          throw new ConflictError(`The ${purpose} list changed meanwhile`);
        throw error;
      }
    },
    putDocument: (key, pdf) => documents.putDocument(key, pdf),
    presignDocument: (key, fileName, expiresInSeconds) => documents.presignDocument(key, fileName, expiresInSeconds),
  };
}
